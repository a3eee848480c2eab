/**
 * The template through a real file: buildTemplate → XlsxHost.createSheet →
 * save → reopen → readGrid → readDeclaration → check. Empty, it must give only
 * "fill this in" findings; filled with the example's data (read from the
 * bundled example workbook), the example's own mistakes must show up.
 */
import { check } from '../../src/check';
import { XlsxHost } from '../../src/host/exceljs';
import type { CellWrite } from '../../src/host/types';
import type { DeclarationForm } from '../../src/form/types';
import { readDeclaration } from '../../src/read';

import type { Finding } from '../../src/report/types';
import { buildTemplate, type TemplateParams } from '../../src/template';
import { COL } from '../../src/template/columns';
import type { SheetPlan } from '../../src/template/plan';
import { exampleWrites, readExample, templateRows } from './example-fill';
import { first, ref } from '../helpers/refs';

const params: TemplateParams = { department: '阳新县信访局', budgetYear: 2026, filler: '张三', phone: '0714-7654321' };

/** Findings of an untouched template: each one asks for a value that is not there yet. */
const EMPTY_FIELD_RULES = new Set([
  'header-required',
  'funding-amount',
  'project-required',
  'text-required',
  'indicator-required',
  'indicator-history',
  'indicator-level2',
  'indicator-core-output',
]);
const STRUCTURAL_RULES = [
  'form-structure',
  'funding-total',
  'funding-share',
  'funding-balance',
  'indicator-level1',
  'indicator-coverage',
  'goal-horizon',
];

async function templateFile(p: TemplateParams = params): Promise<{ host: XlsxHost; sheet: string; plan: SheetPlan }> {
  const plan = buildTemplate(p);
  const made = XlsxHost.create();
  const sheet = await made.createSheet(plan);
  return { host: await XlsxHost.load(await made.toBuffer()), sheet, plan };
}

async function readForm(host: XlsxHost, sheet: string): Promise<DeclarationForm> {
  const r = readDeclaration(await host.readGrid(sheet));
  if (!r.form) throw new Error(`template not read as a form: ${r.reason}`);
  return r.declaration;
}

const rules = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();

describe('an empty template', () => {
  test.each([
    ['with the common indicators', params],
    ['without them, 9 project rows', { ...params, prefillCommon: false, projectRows: 9 }],
  ])('%s reads as a complete form and gives only empty-field findings', async (_n, p) => {
    const { host, sheet } = await templateFile(p);
    const form = await readForm(host, sheet);
    expect(form.problems).toEqual([]);
    const report = check(form);
    expect(report.options.budgetYear).toBe(2026);
    const unexpected = report.findings.filter((f) => !EMPTY_FIELD_RULES.has(f.rule));
    expect(unexpected).toEqual([]);
    expect(rules(report.findings)).toEqual(
      expect.arrayContaining(['funding-amount', 'header-required', 'text-required']),
    );
    // 填报日期 is the only header value the parameters leave empty.
    expect(report.findings.filter((f) => f.rule === 'header-required')).toHaveLength(1);
    // Every typed amount (3 lines × 3 columns × 2 blocks) is asked for; the formulas are not.
    expect(report.findings.filter((f) => f.rule === 'funding-amount')).toHaveLength(18);
    // 部门职能概述, 年度工作任务 and the two goals in both places.
    expect(report.findings.filter((f) => f.rule === 'text-required')).toHaveLength(6);
  });

  // The 核心业务产出1…3 rows the template leaves for the department cover 履职效能; their empty 三级 is an
  // indicator-required finding, not a coverage error.
  test('gives no indicator-coverage finding for the empty 履职效能 rows', async () => {
    const { host, sheet } = await templateFile();
    const report = check(await readForm(host, sheet));
    expect(report.findings.filter((f) => f.rule === 'indicator-coverage')).toEqual([]);
  });

  test('has no structural finding at all when 履职效能 has one named indicator in each table', async () => {
    const { host, sheet, plan } = await templateFile();
    const writes: CellWrite[] = [];
    for (const kind of ['longTerm', 'annual'] as const) {
      const row = templateRows(plan, kind).find((r) => r.level1 === '履职效能')!.row;
      writes.push({ cell: { sheet, row, col: COL.level3 }, value: '办理群众来访信访事项数量' });
    }
    await host.write(writes);
    const report = check(await readForm(host, sheet));
    expect(report.findings.filter((f) => STRUCTURAL_RULES.includes(f.rule))).toEqual([]);
    expect(report.findings.filter((f) => !EMPTY_FIELD_RULES.has(f.rule))).toEqual([]);
  });
});

describe('the template filled with the example', () => {
  let host: XlsxHost;
  let sheet: string;
  let shareCells: Record<string, string>;

  beforeAll(async () => {
    const t = await templateFile();
    sheet = t.sheet;
    const template = await readForm(t.host, sheet);
    await t.host.write(exampleWrites(await readExample(), template, t.plan, sheet));
    host = await XlsxHost.load(await t.host.toBuffer());
    const e = template.funding!.expenditure.lines;
    shareCells = {
      personnel: e.personnel!.share!.ref.address,
      operations: e.operations!.share!.ref.address,
      specialPurpose: e.specialPurpose!.share!.ref.address,
    };
  });

  test('shows the example’s mistakes, and none of the ones the formulas prevent', async () => {
    const form = await readForm(host, sheet);
    expect(form.header.fillDate?.text).toBe('2025年11月26日');
    expect(form.projects?.rows.map((p) => p.annualBudget.value)).toEqual([20, 4, 7, 2]);
    const report = check(form);
    const of = (rule: string) => report.findings.filter((f) => f.rule === rule);
    // 预算支出 (not a basis) in the long-term 绩效监控开展率, 绩效评价覆盖率, 评价结果应用率.
    expect(of('indicator-basis').map((f) => f.message.includes('“预算支出”不在可选范围内'))).toEqual([
      true,
      true,
      true,
    ]);
    expect(of('text-placeholder').map((f) => f.section)).toEqual(['annualTasks']);
    const consistency = of('indicator-consistency').map((f) => f.message);
    expect(consistency.some((m) => m.includes('“三公经费”变动率'))).toBe(true);
    expect(consistency.some((m) => m.includes('政府采购执行率'))).toBe(true);
    // 预算调整率, 预算执行率, 结转结余率, 绩效目标合理性, 绩效监控开展率, 绩效评价覆盖率 of the annual table.
    expect(of('indicator-cost-basis')).toHaveLength(6);
    expect(of('indicator-cost-basis').every((f) => f.table === 'annual')).toBe(true);
    // The 占比 are formulas here: the example's wrong 占比 cannot happen.
    for (const rule of ['funding-share', 'funding-total', 'funding-balance', 'form-structure', 'indicator-coverage']) {
      expect(of(rule)).toEqual([]);
    }
    expect(report.findings.filter((f) => f.rule.startsWith('project-') || f.rule.startsWith('header-'))).toEqual([]);
    // All of it, worked out from seed-form.txt: the above, plus the annual 结转结余率 written "0" where the
    // long-term value is "0%" (indicator-value: no unit). The …… placeholder rows were not copied.
    expect(of('indicator-required').map((f) => f.message)).toEqual([expect.stringContaining('未填写“三级指标”')]);
    const counts: Record<string, number> = {};
    for (const f of report.findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    expect(counts).toEqual({
      'text-placeholder': 1,
      'indicator-basis': 3,
      'indicator-consistency': 2,
      'indicator-cost-basis': 6,
      'indicator-value': 1,
      // The template's long-term 社会效应 › 经济效益 row, which the example's long-term table does not have, is left
      // without a 三级: a row begun and not filled is an empty required field.
      'indicator-required': 1,
      // The history rules (issue 16): the 履职效能 rows' 近两年 repeat their signed targets (two cells each),
      // 会议费控制率 targets 100% after 95% achieved, “三公经费”变动率 targets 100% where at most 0% is allowed.
      'history-format': 10,
      'history-below': 1,
      'cost-bound': 1,
    });
  });

  test('the example’s wrong 占比 typed over the formulas are reported, and putting the formula back fixes them', async () => {
    const formulas = await Promise.all(
      Object.values(shareCells).map(async (cell) => {
        const g = await host.readGrid(sheet);
        const [, a] = cell.split('!');
        const m = /^([A-Z]+)(\d+)$/.exec(a!)!;
        const col = m[1]!.charCodeAt(0) - 65;
        return { cell: ref(cell), formula: g.formulas![Number(m[2]) - 1 - g.top]![col - g.left]! };
      }),
    );
    await host.write([
      { cell: ref(shareCells.personnel!), value: 0.8399 },
      { cell: ref(shareCells.operations!), value: 0.0712 },
      { cell: ref(shareCells.specialPurpose!), value: 0.0889 },
    ]);
    const wrong = check(await readForm(host, sheet)).findings.filter((f) => f.rule === 'funding-share');
    expect(wrong.map((f) => [first(f), f.expected, f.fix?.value])).toEqual([
      [shareCells.personnel, '84.12%', 0.8412],
      [shareCells.operations, '7.06%', 0.0706],
      [shareCells.specialPurpose, '8.82%', 0.0882],
    ]);
    await host.write(formulas);
    expect(check(await readForm(host, sheet)).findings.filter((f) => f.rule === 'funding-share')).toEqual([]);
  });
});
