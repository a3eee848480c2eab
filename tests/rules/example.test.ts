/**
 * The bundled example workbook, end to end: ExcelJS → worksheetToGrid →
 * readDeclaration → check. Pins exactly what docs/spec/rules.md › "What the
 * example should yield" says, worked out by hand from seed-form.txt:
 *
 * - Funding: totals add up in all three columns (income 374.13 / 341.70 /
 *   282.90 = expenditure 314.72 + 26.41 + 33.00 / 282.40 + 26.30 + 33.00 /
 *   229.85 + 20.05 + 33.00) and balance; income shares 100% / 0% / 0% / 100%
 *   are right; the three expenditure shares are wrong (84.12, 7.06, 8.82).
 * - Projects: 20 + 4 + 7 + 2 = 33.00 = 特定目标类 当年; every 本年度 ≤ 总预算.
 * - Header: 张三, 0714-7654321, 2025年11月26日 — nothing to report.
 *   Budget year 2026 (上年 2025 + 1), horizon 2029 in both places.
 * - Texts: only 年度工作任务 holds a placeholder (its last line “……”).
 * - Indicators: the four “……” rows; 预算支出 ×3 in the long-term table;
 *   6 annual 管理效率 rows on 预算支出标准 (预算调整率, 预算执行率, 结转结余率,
 *   绩效目标合理性, 绩效监控开展率, 绩效评价覆盖率 — 评价结果应用率 uses 计划标准);
 *   “三公经费”变动率 long-term 0% (bare: lower is better) vs annual 100%;
 *   政府采购执行率 long-term 100% vs annual 无. Rows written 无 (非税收入预算完成率,
 *   事前绩效评估完成率, the 经济效益 row) need no basis or class. Every long-term
 *   三级 appears in the annual table; no duplicates; all six 一级 in both
 *   tables; 履职效能 is quantitative; every rate is within 0–100%.
 * - History (issue 16): the 履职效能 and 满意度 rows repeat their signed targets in
 *   both 近两年 columns (history-format ×14); 会议费控制率 targets 100% after 95%
 *   achieved (费: lower is better; history-below); “三公经费”变动率 targets 100%
 *   where the common indicator's formula allows at most 0% (cost-bound). Every
 *   历史标准 row has history values (no history-basis).
 */
import ExcelJS from 'exceljs';
import { join } from 'path';
import { check } from '../../src/check';
import type { DeclarationForm } from '../../src/form/types';
import { worksheetToGrid } from '../../src/host/exceljs/grid';
import { readDeclaration } from '../../src/read';
import type { Report } from '../../src/report/types';
import { first, fixText } from '../helpers/refs';

const FILE = join(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');

let form: DeclarationForm;
let report: Report;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const r = readDeclaration(worksheetToGrid(wb.worksheets[0]!));
  if (!r.form) throw new Error(r.reason);
  form = r.declaration;
  report = check(form);
});

/** [rule, severity, first cell, table/row for indicator findings]. */
const EXPECTED: [string, 'error' | 'warning', string, string?][] = [
  ['funding-share', 'error', '附件2!G11'],
  ['funding-share', 'error', '附件2!G12'],
  ['funding-share', 'error', '附件2!G13'],
  ['text-placeholder', 'warning', '附件2!B16'],
  ['indicator-placeholder', 'warning', '附件2!D30:I30', 'longTerm 30'],
  ['indicator-basis', 'error', '附件2!H43', 'longTerm 43'],
  ['indicator-basis', 'error', '附件2!H44', 'longTerm 44'],
  ['indicator-basis', 'error', '附件2!H45', 'longTerm 45'],
  ['indicator-placeholder', 'warning', '附件2!D62:I62', 'longTerm 62'],
  // 会议费控制率: target 100% while 上年 achieved 95%, and 费 reads lower-is-better: history-below.
  ['history-below', 'warning', '附件2!G71', 'annual 71'],
  ['indicator-consistency', 'warning', '附件2!G72', 'annual 72'],
  // “三公经费”变动率 100%: the common indicator's formula bounds it at 0%.
  ['cost-bound', 'warning', '附件2!G72', 'annual 72'],
  ['indicator-placeholder', 'warning', '附件2!D73:I73', 'annual 73'],
  ['indicator-cost-basis', 'warning', '附件2!H79', 'annual 79'],
  ['indicator-cost-basis', 'warning', '附件2!H80', 'annual 80'],
  // Beyond the spec's list, and legitimate: the annual 结转结余率 is written `0`
  // while its long-term value is `0%` — a number without the unit the
  // long-term value has (indicator-value, warning, fix “0%”).
  ['indicator-value', 'warning', '附件2!G81', 'annual 81'],
  ['indicator-cost-basis', 'warning', '附件2!H81', 'annual 81'],
  ['indicator-consistency', 'warning', '附件2!G82', 'annual 82'],
  ['indicator-cost-basis', 'warning', '附件2!H85', 'annual 85'],
  ['indicator-cost-basis', 'warning', '附件2!H86', 'annual 86'],
  ['indicator-cost-basis', 'warning', '附件2!H87', 'annual 87'],
  // The history columns repeat the targets of 履职效能 and 满意度 (`≥1500件/年`, `≥90%`): history-format.
  ['history-format', 'warning', '附件2!E94', 'annual 94'],
  ['history-format', 'warning', '附件2!F94', 'annual 94'],
  ['history-format', 'warning', '附件2!E95', 'annual 95'],
  ['history-format', 'warning', '附件2!F95', 'annual 95'],
  ['history-format', 'warning', '附件2!E96', 'annual 96'],
  ['history-format', 'warning', '附件2!F96', 'annual 96'],
  ['history-format', 'warning', '附件2!E97', 'annual 97'],
  ['history-format', 'warning', '附件2!F97', 'annual 97'],
  ['history-format', 'warning', '附件2!E98', 'annual 98'],
  ['history-format', 'warning', '附件2!F98', 'annual 98'],
  ['indicator-placeholder', 'warning', '附件2!D108:I108', 'annual 108'],
  ['history-format', 'warning', '附件2!E109', 'annual 109'],
  ['history-format', 'warning', '附件2!F109', 'annual 109'],
  ['history-format', 'warning', '附件2!E110', 'annual 110'],
  ['history-format', 'warning', '附件2!F110', 'annual 110'],
];

describe('checking the example workbook', () => {
  test('the reader finds the whole form', () => {
    expect(form.problems).toEqual([]);
    expect(report.options.budgetYear).toBe(2026);
  });

  test('gives exactly the findings worked out by hand, in form order', () => {
    expect(
      report.findings.map((f) => {
        const place = f.table ? [`${f.table} ${f.row}`] : [];
        return [f.rule, f.severity, first(f), ...place];
      }),
    ).toEqual(EXPECTED);
    expect(report.summary).toEqual({ errors: 6, warnings: 30, explained: 0 });
  });

  test('the three shares with the computed values as fixes, in the cells’ percent representation', () => {
    const shares = report.findings.filter((f) => f.rule === 'funding-share');
    expect(shares.map((f) => [f.expected, fixText(f.fix)])).toEqual([
      ['84.12%', { cell: '附件2!G11', value: 0.8412 }],
      ['7.06%', { cell: '附件2!G12', value: 0.0706 }],
      ['8.82%', { cell: '附件2!G13', value: 0.0882 }],
    ]);
    expect(shares.map((f) => f.message)).toEqual([
      '“人员类项目支出”占比应为 84.12%（314.72 ÷ 374.13 × 100），表中为 83.99%',
      '“运转类项目支出”占比应为 7.06%（26.41 ÷ 374.13 × 100），表中为 7.12%',
      '“特定目标类项目支出”占比应为 8.82%（33.00 ÷ 374.13 × 100），表中为 8.89%',
    ]);
  });

  test('预算支出 on the 管理效率 rows: the options are listed, no fix (预算支出标准 would raise indicator-cost-basis there)', () => {
    const basis = report.findings.filter((f) => f.rule === 'indicator-basis');
    expect(basis.map((f) => fixText(f.fix))).toEqual([undefined, undefined, undefined]);
    for (const f of basis) expect(f.message).toContain('请从“计划标准”“历史标准”“行业标准”“其他标准”中选择');
  });

  test('the consistency findings name both values', () => {
    const c = report.findings.filter((f) => f.rule === 'indicator-consistency').map((f) => f.message);
    expect(c[0]).toContain(
      '“三公经费”变动率）的预期当年实现值“100%”高于长期绩效指标表第 4 行的指标值“0%”（该指标越低越好）：请核对',
    );
    expect(c[1]).toContain(
      '政府采购执行率）的预期当年实现值为“无”，但长期绩效指标表第 14 行的指标值为“100%”：请填写本年度的预期值',
    );
  });

  test('no funding-total, funding-balance, project-* or header-* finding', () => {
    const none = report.findings.filter((f) => /^(funding-total|funding-balance|project-|header-)/.test(f.rule));
    expect(none).toEqual([]);
  });
});
