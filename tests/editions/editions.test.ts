/**
 * docs/spec/editions.md: forms of every edition. Each describe block pins one
 * point of the spec, on the generated fixtures of ./fixtures.ts.
 */
import { check } from '../../src/check';
import { CURRENT_EDITION, EDITIONS } from '../../src/form/editions';
import type { DeclarationForm, ReadResult } from '../../src/form/types';
import { readDeclaration } from '../../src/read';
import type { Finding, Fix } from '../../src/report/types';
import { refText } from '../../src/sheet/cell-range';
import type { Grid } from '../../src/sheet/grid';
import { displayText } from '../../src/sheet/number-format';
import { buildGrid } from '../helpers/grid-builder';
import { typedForm, withJunkAround, type FormSpec } from '../read/fixtures';
import { editionBForm, hunan2023Form, hunanForm, type EditionBOptions } from './fixtures';

function gridOf(spec: FormSpec, sheet = '申报表'): Grid {
  return buildGrid(spec.rows, { sheet, numFmt: spec.numFmt, merges: spec.merges });
}

function readGrid(grid: Grid): DeclarationForm {
  const r = readDeclaration(grid);
  if (!r.form) throw new Error(`not read as a form: ${r.reason}`);
  return r.declaration;
}

const formB = (o: EditionBOptions = {}): DeclarationForm => readGrid(gridOf(editionBForm(o)));
const at = (f: Finding): string => (f.cells[0] ? refText(f.cells[0]) : '');
const brief = (fs: Finding[]): string[] => fs.map((f) => `${f.rule} ${at(f)}`);

/** Sets one cell of a typed fixture by its A1 address (rows, columns from 0). */
function edit(spec: FormSpec, address: string, value: string | number | null): FormSpec {
  const m = /^([A-Z])(\d+)$/.exec(address)!;
  const col = m[1]!.charCodeAt(0) - 65;
  const row = Number(m[2]) - 1;
  const rows = spec.rows.map((r) => [...r]);
  while (rows[row]!.length <= col) rows[row]!.push(null);
  rows[row]![col] = value;
  return { ...spec, rows };
}

describe('1. editions as data: the edition is detected and named', () => {
  test('the earlier Hubei form is read as edition B, the current one as edition A', () => {
    expect(formB().edition).toBe('hubei-b');
    expect(readGrid(gridOf(typedForm())).edition).toBe('hubei-a');
    expect(readGrid(gridOf(withJunkAround(editionBForm(), 3, 2))).edition).toBe('hubei-b');
  });

  test('one description per edition; the current one is the one the template makes', () => {
    expect(EDITIONS.map((e) => e.id)).toEqual(['hubei-a', 'hubei-b']);
    expect(CURRENT_EDITION.id).toBe('hubei-a');
    for (const e of EDITIONS) expect(e.blocks.map((b) => b.label)).toEqual(['收入构成', '支出构成']);
  });

  test('edition B lines are read by their own codes, and no line of edition A is asked for', () => {
    const f = formB();
    expect(Object.keys(f.funding!.income.lines)).toEqual(['appropriation', 'otherFunds']);
    expect(Object.keys(f.funding!.expenditure.lines)).toEqual(['basic', 'project']);
    expect(f.problems).toEqual([]);
  });

  test('a correct edition-B form gives no finding at all', () => {
    const report = check(formB());
    expect(brief(report.findings)).toEqual([]);
    expect(report.options).toMatchObject({ budgetYear: 2021 });
  });
});

describe('2. no line is dropped', () => {
  test('an unknown line counts into the block and is named once, as a warning', () => {
    const form = formB({ unknownLine: true });
    const rows = form.funding!.income.rows!;
    expect(rows.map((r) => [r.code, r.name])).toEqual([
      ['appropriation', '财政拨款'],
      ['otherFunds', '其他资金'],
      [null, '事业收入'],
    ]);
    const findings = check(form).findings;
    // The printed 合计 includes 事业收入: it is right, and nothing says otherwise.
    expect(brief(findings)).toEqual(['funding-line 申报表!C9']);
    expect(findings[0]).toMatchObject({ severity: 'warning', data: { label: '事业收入', block: '收入构成' } });
  });

  test('the same unknown label twice is one finding naming both cells', () => {
    const spec = editionBForm({ unknownLine: true });
    const rows = spec.rows.map((r) => [...r]);
    rows.splice(9, 0, [null, null, '事业收入', 0, 0, 0, 0]);
    const findings = check(readGrid(gridOf({ ...spec, rows }))).findings.filter((f) => f.rule === 'funding-line');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.cells.map(refText)).toEqual(['申报表!C9', '申报表!C10']);
  });

  test('a real arithmetic error in a history column is found (every line is read)', () => {
    const findings = check(formB({ historyError: true })).findings;
    expect(brief(findings)).toEqual(['funding-total 申报表!F12', 'funding-balance 申报表!F12']);
    expect(findings[0]).toMatchObject({ expected: '862.80', fix: { value: 862.8 } });
  });

  test('edition A lines in an edition-B block are unknown lines there, not mixed in silently', () => {
    const spec = edit(editionBForm(), 'C8', '财政专户管理资金');
    const form = readGrid(gridOf(spec));
    expect(form.edition).toBe('hubei-b');
    const findings = check(form).findings;
    expect(findings.find((f) => f.rule === 'funding-line')?.data).toMatchObject({ label: '财政专户管理资金' });
  });
});

describe('3. a fix only from a complete reading', () => {
  test('a block with an unknown line: a wrong 合计 is stated, without a fix, and the message says why', () => {
    // 收入合计 当年 printed 900.00 while 968.19 + 0 + 10 = 978.19.
    const spec = edit(editionBForm({ unknownLine: true }), 'D10', 900);
    const findings = check(readGrid(gridOf(spec))).findings;
    const total = findings.find((f) => f.rule === 'funding-total')!;
    expect(total.messageId).toBe('wrongUncertain');
    expect(total.fix).toBeUndefined();
    expect(total.message).toContain('“事业收入”');
    expect(total.message).toContain('不给出修正值');
    // The shares of that block are stated without a fix too.
    for (const f of findings.filter((x) => x.rule === 'funding-share' && at(x).endsWith('E7'))) {
      expect(f.fix).toBeUndefined();
    }
  });

  /**
   * Every fixture, every fix offered, applied one at a time: the form read
   * again has no error the original did not have. A wrong fix on a correct
   * cell would show up here as a new funding-total or funding-share error.
   */
  const fixtures: [string, FormSpec][] = [
    ['edition B', editionBForm()],
    ['edition B, history error', editionBForm({ historyError: true })],
    ['edition B, unknown line', editionBForm({ unknownLine: true })],
    ['edition B, unknown line, wrong 合计', edit(editionBForm({ unknownLine: true }), 'D10', 900)],
    ['edition B, four decimals', editionBForm({ fourDecimals: true })],
    ['edition B, year-less headers', editionBForm({ history: 'yearless' })],
    ['edition B, 其他资金 blank', editionBForm({ otherFundsBlank: true })],
    ['edition B, label and value', editionBForm({ labelAndValue: true })],
    ['edition B, wrong shares', edit(edit(editionBForm(), 'E10', 0.7), 'D12', 960)],
    ['edition B, text amounts', edit(editionBForm(), 'D11', '244.00万元')],
    ['edition A typed', typedForm()],
    ['edition A, text shares', typedForm({ share: 'text' })],
    ['edition A, moved', withJunkAround(typedForm(), 2, 3)],
  ];
  test.each(fixtures)('%s: applying any offered fix never creates a new error', (_name, spec) => {
    const grid = gridOf(spec);
    const before = check(readGrid(grid)).findings;
    const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${at(f)}`));
    const fixes = before.filter((f) => f.fix).map((f) => f.fix!);
    for (const fix of fixes) {
      const after = check(readGrid(applyFix(grid, fix))).findings;
      const newErrors = after
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.rule} ${at(f)}`)
        .filter((k) => !errorsBefore.has(k));
      expect({ fix: refText(fix.cell), newErrors }).toEqual({ fix: refText(fix.cell), newErrors: [] });
    }
  });

  test('the fixtures do offer fixes (the property above is not vacuous)', () => {
    const offered = fixtures.flatMap(([, spec]) => check(readGrid(gridOf(spec))).findings.filter((f) => f.fix));
    expect(offered.length).toBeGreaterThanOrEqual(5);
    expect(new Set(offered.map((f) => f.rule))).toEqual(new Set(['funding-total', 'funding-share', 'funding-amount']));
  });
});

describe('4. a section label only where sections are labelled', () => {
  test('the funding line 项目支出 does not start the section 项目支出情况', () => {
    const form = formB();
    expect(form.funding!.expenditure.total?.label.ref.address).toBe('申报表!C12');
    expect(form.projects?.header.ref.address).toBe('申报表!B15');
    expect(form.projects?.rows).toHaveLength(3);
  });

  test('same layout, same verdict: 项目支出: and 项目支出:82 alike', () => {
    const a = readDeclaration(gridOf(hunanForm({ projectLine: 'withAmount' })));
    const b = readDeclaration(gridOf(hunanForm({ projectLine: 'labelOnly' })));
    expect([a.form, b.form]).toEqual([false, false]);
    expect((a as { reason: string }).reason).toBe((b as { reason: string }).reason);
  });
});

describe('5. labels with their value in one cell, and synonyms', () => {
  test('部门(单位)名称:某某局 in one cell gives the name, flagged at that cell', () => {
    const form = formB({ labelAndValue: true });
    expect(form.header.department).toMatchObject({ text: '某某县人民政府办公室', ref: { address: '申报表!A4' } });
    expect(form.problems).toEqual([]);
    expect(brief(check(form).findings)).toEqual([]);
  });

  test('a name left out after the colon is still a missing name', () => {
    const spec = edit(editionBForm({ labelAndValue: true }), 'A4', '部门(单位)名称:');
    const findings = check(readGrid(gridOf(spec))).findings;
    expect(brief(findings)).toContain('header-required 申报表!B4');
  });

  test('部门职能职责概述 is 部门职能概述', () => {
    const spec = edit(editionBForm(), 'A13', '部门职能职责概述');
    const form = readGrid(gridOf(spec));
    expect(form.functions?.text).toContain('综合协调');
    expect(brief(check(form).findings)).toEqual([]);
  });
});

describe('6. history headers without a year', () => {
  const form = formB({ history: 'yearless' });

  test('the two columns are still read as 前年 and 上年', () => {
    expect(form.funding!.years).toMatchObject({ yearBeforeLast: null, lastYear: null });
    expect(form.funding!.years.yearBeforeLastHeader?.ref.address).toBe('申报表!F6');
    expect(form.funding!.years.lastYearHeader?.ref.address).toBe('申报表!G6');
    expect(form.funding!.income.lines.appropriation?.lastYear?.ref.address).toBe('申报表!G7');
    expect(form.problems).toEqual([]);
  });

  test('the missing year is reported at the header cell, the blank amounts as blanks', () => {
    const findings = check(form).findings;
    const years = findings.filter((f) => f.rule === 'funding-history-year');
    expect(years.map((f) => [at(f), f.expected])).toEqual([
      ['申报表!F6', '2019年'],
      ['申报表!G6', '2020年'],
    ]);
    const blanks = findings.filter((f) => f.rule === 'funding-amount' && f.messageId === 'amountBlank');
    expect(blanks.map(at)).toEqual([7, 8, 9, 10, 11, 12].flatMap((r) => [`申报表!F${r}`, `申报表!G${r}`]));
    expect(findings.every((f) => !/未找到/.test(f.message))).toBe(true);
  });
});

describe('7. the budget year from what the form states first', () => {
  test('a title year comes first', () => {
    const r = check(formB({ titleYear: '2021年度', fillDate: '2020 年 9 月 1 日' }));
    expect(r.options).toMatchObject({ budgetYear: 2021, budgetYearSource: 'title' });
  });

  test('then the history headers (上年 + 1)', () => {
    expect(check(formB({ fillDate: '2020 年 12 月 18 日' })).options).toMatchObject({
      budgetYear: 2021,
      budgetYearSource: 'funding-years',
    });
  });

  test('only then the filling date: first half of a year → that year, second half → the next', () => {
    expect(check(formB({ history: 'yearless' })).options).toMatchObject({
      budgetYear: 2021,
      budgetYearSource: 'fill-date',
    });
    expect(check(formB({ history: 'yearless', fillDate: '2025 年 11 月 26 日' })).options).toMatchObject({
      budgetYear: 2026,
      budgetYearSource: 'fill-date',
    });
    expect(check(formB({ history: 'yearless', fillDate: '2022 年 12 月 18 日' })).options.budgetYear).toBe(2023);
  });
});

describe('8. another province’s form is declined with a reason saying what it is', () => {
  test.each([
    ['Hunan 2017–2021', hunanForm()],
    ['Hunan 2023', hunan2023Form()],
  ])('%s', (_name, spec) => {
    const r: ReadResult = readDeclaration(gridOf(spec));
    expect(r.form).toBe(false);
    if (r.form) return;
    expect(r.kind).toBe('other-province');
    expect(r.reason).toMatch(/^工作表“申报表”是另一种格式的整体绩效目标表（湖南省/);
    expect(r.reason).toContain('不按湖北省的栏目检查');
  });

  test('a Hubei form that mentions those words is still a Hubei form', () => {
    const spec = edit(editionBForm(), 'I20', '按收入性质分');
    const r = readDeclaration(gridOf(edit(spec, 'I21', '资金总额')));
    expect(r.form).toBe(true);
  });
});

describe('9. its own outputs are not forms', () => {
  test.each([
    ['汇总', ['序号', '文件', '部门（单位）名称', '预算年度', '结论', '错误', '提示', '已说明', '主要问题']],
    ['问题明细', ['文件', '部门', '栏目', '严重程度', '规则', '单元格', '问题', '应为', '说明']],
    ['规则统计', ['规则', '标题', '严重程度', '涉及文件数', '问题数']],
    ['校验结果', ['序号', '严重程度', '规则', '规则名称', '单元格', '说明', '期望值', '填报说明']],
  ])('a %s sheet, under any name, full of section names', (_what, header) => {
    const rows = [
      header,
      [
        'a.xlsx',
        '某某局',
        '部门总体资金情况',
        '强制性',
        'funding-total',
        'Sheet1!D9',
        '部门职能概述',
        '项目支出情况',
        '',
      ],
      ['b.xlsx', '某某局', '年度绩效指标', '提示性', 'indicator-basis', 'Sheet1!F40', '长期绩效指标', '', ''],
    ];
    const r = readDeclaration(buildGrid(rows, { sheet: '2025年' }));
    expect(r).toMatchObject({ form: false, kind: 'own-output' });
    expect((r as { reason: string }).reason).toMatch(/^工作表“2025年”是绩效申报助手生成的.*不是申报表$/);
  });
});

/** Writes a fix into a grid as a host would: the value (with its displayed text), or a formula. */
function applyFix(grid: Grid, fix: Fix): Grid {
  const r = fix.cell.row - grid.top;
  const c = fix.cell.col - grid.left;
  const values = grid.values.map((row) => [...row]);
  const text = grid.text?.map((row) => [...row]);
  const formulas = grid.formulas?.map((row) => [...row]) ?? values.map((row) => row.map(() => null as string | null));
  const value = fix.formula !== undefined ? null : (fix.value ?? null);
  values[r]![c] = value;
  if (text) text[r]![c] = displayText(value, grid.numFmt?.[r]?.[c] ?? 'General');
  formulas[r]![c] = fix.formula ?? null;
  const out: Grid = { ...grid, values, formulas };
  if (text) out.text = text;
  return out;
}
