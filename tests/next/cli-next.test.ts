/**
 * `jixiao next` on real packages: the example in the paper layout, the
 * template with formulas, typed, shifted and merged variants. NEXT is LAST's
 * package with exactly the rolled cells changed; the worked example of
 * docs/spec/next-year.md holds; checking NEXT gives only what the spec lists.
 */
import { XMLValidator } from 'fast-xml-parser';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeExplanation } from '../../src/report/explanations';
import { check } from '../../src/check';
import { runNext, rollPackage, type RolledPackage } from '../../src/cli/next-command';
import { memoryIO } from '../../src/cli/io';
import { openWorkbook } from '../../src/cli/xlsx-workbook';
import type { DeclarationForm } from '../../src/form/types';
import { XlsxHost } from '../../src/host/exceljs';
import { findDeclaration } from '../../src/read';
import { a1 } from '../../src/sheet/ref';
import { type Grid } from '../../src/sheet/grid';
import type { Finding } from '../../src/report/types';
import { typedForm, withJunkAround } from '../read/fixtures';
import { filledTemplate, parts, sheetCells, specToXlsx } from './helpers';
import { refText } from '../../src/sheet/cell-range';
import { texts } from '../helpers/refs';
import { PackageWorkbook } from '../../src/host/file/index';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-next-test-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function roll(bytes: Uint8Array, options: { year?: number } = {}): Promise<RolledPackage> {
  const file = path.join(dir, `last-${++counter}.xlsx`);
  fs.writeFileSync(file, bytes);
  return rollPackage(file, bytes, options);
}

async function readForm(bytes: Uint8Array): Promise<{ form: DeclarationForm; grid: Grid; host: XlsxHost }> {
  const host = await XlsxHost.load(Buffer.from(bytes));
  const grids: Grid[] = [];
  for (const n of await host.sheetNames()) grids.push(await host.readGrid(n));
  const r = findDeclaration(grids);
  if (!r.form) throw new Error(r.reason);
  return { form: r.declaration, grid: grids.find((g) => g.sheet === r.declaration.sheet)!, host };
}

/** Every part the same, but the rolled sheet's edited cells and the calculation settings. */
async function expectOnlyEditedCellsDiffer(last: Uint8Array, rolled: RolledPackage): Promise<void> {
  const a = await parts(last);
  const b = await parts(rolled.bytes);
  expect(b.names).toEqual(a.names.filter((n) => !/calcChain/.test(n)));
  const sheetPart = b.names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  for (const name of b.names) {
    const before = a.text.get(name)!;
    const after = b.text.get(name)!;
    if (/\.(xml|rels)$/.test(name)) expect([name, XMLValidator.validate(after)]).toEqual([name, true]);
    if (name === 'xl/workbook.xml') {
      const calm = (x: string) => x.replace(/ fullCalcOnLoad="1"/, '').replace(/<calcPr\/>/, '');
      expect(calm(after)).toBe(calm(before));
      expect(after).toMatch(/fullCalcOnLoad="1"/);
      continue;
    }
    if (name === '[Content_Types].xml' || name === 'xl/_rels/workbook.xml.rels') {
      expect(after.replace(/<[^>]*calcChain[^>]*\/>/g, '')).toBe(before.replace(/<[^>]*calcChain[^>]*\/>/g, ''));
      continue;
    }
    if (!sheetPart.includes(name)) {
      expect([name, after]).toEqual([name, before]);
      continue;
    }
    const x = sheetCells(before);
    const y = sheetCells(after);
    expect(y.outside).toBe(x.outside);
    const changed = new Set<string>();
    for (const k of new Set([...x.cells.keys(), ...y.cells.keys()]))
      if (x.cells.get(k) !== y.cells.get(k)) changed.add(k);
    const edited = new Set(rolled.roll.edits.map((e) => a1(e.row, e.col)));
    if (changed.size) expect([...changed].sort()).toEqual([...edited].sort());
  }
}

function findingKey(f: Finding): string {
  return `${f.rule}@${f.cells[0]}`;
}

describe('jixiao next on the example (paper layout)', () => {
  let last: Buffer;
  let rolled: RolledPackage;
  let next: { form: DeclarationForm; grid: Grid; host: XlsxHost };
  let lastForm: DeclarationForm;

  beforeAll(async () => {
    last = fs.readFileSync(EXAMPLE);
    rolled = await roll(last);
    next = await readForm(rolled.bytes);
    lastForm = (await readForm(last)).form;
  });

  test('the worked example of next-year.md', () => {
    expect(rolled.roll.fromYear).toBe(2026);
    expect(rolled.roll.toYear).toBe(2027);
    const f = next.form.funding!;
    expect(f.years.yearBeforeLastHeader?.value).toBe('2025年');
    expect(f.years.lastYearHeader?.value).toBe('2026年');
    const personnel = f.expenditure.lines.personnel!;
    expect(personnel.yearBeforeLast?.value).toBe(229.85);
    expect(personnel.lastYear?.value).toBe(314.72);
    expect(personnel.current.value).toBeNull();
    expect(f.income.total?.lastYear?.value).toBe(374.13);
    const row = (form: DeclarationForm) =>
      form.annualIndicators!.rows.find((r) => r.level3.text.trim() === '预算执行率')!;
    expect(row(next.form).history!.yearBeforeLast.value).toBe(row(lastForm).history!.lastYear.value);
    expect(row(next.form).history!.lastYear.value).toBe(row(lastForm).value.value);
    expect(row(next.form).value.value).toBe(row(lastForm).value.value);
  });

  test('kept and emptied parts', () => {
    const h = next.form.header;
    expect(h.department?.value).toBe(lastForm.header.department?.value);
    expect(h.filler?.value).toBe('张三');
    expect(h.phone?.value).toBe('0714-7654321');
    // The date inside the label cell goes, the label and its layout stay.
    expect(next.grid.values[2]![0]).toBe('填报日期：      年    月     日');
    expect(next.form.functions?.value).toBe(lastForm.functions?.value);
    expect(next.form.projects!.rows.map((p) => p.name.value)).toEqual(lastForm.projects!.rows.map((p) => p.name.value));
    expect(next.form.projects!.rows.every((p) => p.annualBudget.value === null)).toBe(true);
    expect(next.form.goals.horizonYear).toBe(2029);
    expect(next.form.longTermIndicators!.rows.length).toBe(lastForm.longTermIndicators!.rows.length);
  });

  test('only the edited cells differ between the packages of LAST and NEXT', async () => {
    await expectOnlyEditedCellsDiffer(last, rolled);
  });

  test('checking NEXT gives only what the officer must fill and what LAST got wrong that the roll does not touch', () => {
    const before = check(lastForm);
    const after = check(next.form);
    const rules = new Set(after.findings.map((f) => f.rule));
    for (const r of ['funding-total', 'funding-balance', 'goal-horizon', 'funding-share'])
      expect(rules.has(r)).toBe(false);
    const lastKeys = new Set(before.findings.map(findingKey));
    const currents = new Set(
      [next.form.funding!.income, next.form.funding!.expenditure].flatMap((b) =>
        [...Object.values(b.lines), b.total].map((l) => l!.current.ref.address),
      ),
    );
    const budgets = new Set(next.form.projects!.rows.map((p) => p.annualBudget.ref.address));
    for (const f of after.findings) {
      const ok =
        (f.rule === 'funding-amount' && currents.has(refText(f.cells[0]!))) ||
        ((f.rule === 'header-required' || f.rule === 'header-date') && /填报日期/.test(f.message)) ||
        (f.rule === 'project-required' && budgets.has(refText(f.cells[0]!))) ||
        lastKeys.has(findingKey(f));
      if (!ok) throw new Error(`unexpected finding in NEXT: ${f.rule} ${texts(f.cells).join(',')} ${f.message}`);
    }
    // LAST's 预算支出 basis is still there; LAST's wrong 占比 is gone with the emptied 当年 column.
    expect(after.findings.some((f) => f.rule === 'basis-allowed' || /预算支出/.test(f.message))).toBe(true);
    expect(before.findings.some((f) => f.rule === 'funding-share')).toBe(true);
    expect(after.findings.filter((f) => f.rule === 'project-required')).toHaveLength(4);
    expect(after.findings.some((f) => /填报日期/.test(f.message))).toBe(true);
  });

  test('the roll report and the check name the same 填报日期 cell, and its fix writes the date into the blanks', () => {
    // The roll blanks the date inside the label A3; the check must point at A3 too (not at an empty F3 to its right),
    // so a date typed where the check points prints inside "年 月 日".
    expect(rolled.roll.toFill.join('\n')).toMatch(/填报日期（A3）已清空，请在该格“年 月 日”的空白处填写/);
    const after = check(next.form, { today: '2026-12-07' });
    const date = after.findings.filter((f) => /填报日期/.test(f.message));
    expect(date.map((f) => [f.rule, texts(f.cells)])).toEqual([['header-required', [`${next.form.sheet}!A3`]]]);
    expect(date[0]!.messageId).toBe('dateBlanks');
    expect(date[0]!.fix).toEqual({ cell: date[0]!.cells[0], value: '填报日期：  2026年  12月    7日' });
    // Without a clock the finding still says where and what, without a fix.
    expect(check(next.form).findings.find((f) => f.messageId === 'dateBlanks')?.fix).toBeUndefined();
  });

  test('the output says what moved and what is left to fill', () => {
    const moved = rolled.roll.moved.join('\n');
    expect(moved).toMatch(/H6 2024年 → 2025年/);
    expect(moved).toMatch(/当年金额.*移入“上年”列/);
    expect(moved).toMatch(/年度绩效指标/);
    const fill = rolled.roll.toFill.join('\n');
    expect(fill).toMatch(/填报日期/);
    expect(fill).toMatch(/当年金额已清空/);
    expect(fill).toMatch(/项目本年度预算已清空/);
  });
});

describe('jixiao next on the template (totals and 占比 are formulas)', () => {
  let last: Buffer;
  let rolled: RolledPackage;
  beforeAll(async () => {
    last = await filledTemplate(2026);
    rolled = await roll(last);
  });

  test('formulas are kept, their results follow the moved values, plain cells are emptied', async () => {
    const { form, grid } = await readForm(rolled.bytes);
    const f = form.funding!;
    expect(f.years.yearBeforeLastHeader?.value).toBe('2025年');
    expect(f.years.lastYearHeader?.value).toBe('2026年');
    const total = f.expenditure.total!;
    expect(total.current.formula).toMatch(/^=SUM/);
    expect(total.yearBeforeLast?.formula).toMatch(/^=SUM/);
    expect(total.yearBeforeLast?.value).toBeCloseTo(282.9, 6);
    expect(total.lastYear?.value).toBeCloseTo(374.13, 6);
    expect(f.expenditure.lines.personnel!.share?.formula).toMatch(/^=IF/);
    expect(f.expenditure.lines.personnel!.current.value).toBeNull();
    const report = check(form);
    const rules = new Set(report.findings.map((x) => x.rule));
    for (const r of ['funding-total', 'funding-balance', 'goal-horizon']) expect(rules.has(r)).toBe(false);
    // The cached results written into the package are the recomputed ones.
    const edits = rolled.roll.edits.filter((e) => e.kind === 'result');
    expect(edits.length).toBeGreaterThan(0);
    void grid;
  });

  test('only the edited cells differ', async () => {
    await expectOnlyEditedCellsDiffer(last, rolled);
  });
});

describe('variants: typed, bare or relative year headers, date cell, shifted with junk, merged', () => {
  const variants: [string, () => Promise<Buffer>][] = [
    ['typed, years as 2024年', () => specToXlsx(typedForm())],
    ['bare years, date cell', () => specToXlsx(typedForm({ history: 'bare', date: 'cell' }))],
    ['前年/上年 words, text amounts', () => specToXlsx(typedForm({ history: 'relative', amounts: 'text' }))],
    ['shifted with unrelated content around', () => specToXlsx(withJunkAround(typedForm(), 7, 3))],
    [
      'merged blocks',
      () => {
        const spec = typedForm({ date: 'inLabel' });
        spec.merges = ['A5:A13', 'B6:B9', 'B10:B13'];
        return specToXlsx(spec);
      },
    ],
  ];

  test.each(variants)('%s', async (_name, make) => {
    const last = await make();
    const lastRead = await readForm(last);
    const relative = lastRead.form.funding!.years.lastYear === null;
    const rolled = await roll(last, relative ? { year: 2027 } : {});
    expect(rolled.roll.toYear).toBe(2027);
    const next = await readForm(rolled.bytes);
    const lf = lastRead.form.funding!;
    const nf = next.form.funding!;
    const num = (v: unknown) => (typeof v === 'string' ? Number(v) : v);
    expect(num(nf.expenditure.lines.personnel!.yearBeforeLast?.value)).toBe(
      num(lf.expenditure.lines.personnel!.lastYear?.value),
    );
    expect(num(nf.expenditure.lines.personnel!.lastYear?.value)).toBe(
      num(lf.expenditure.lines.personnel!.current.value),
    );
    if (!relative) {
      expect(nf.years.yearBeforeLast).toBe(2025);
      expect(nf.years.lastYear).toBe(2026);
    } else {
      expect(nf.years.yearBeforeLastHeader?.value).toBe(lf.years.yearBeforeLastHeader?.value);
    }
    const report = check(next.form, relative ? { budgetYear: 2027 } : {});
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const r of ['funding-total', 'funding-balance', 'goal-horizon']) expect(rules.has(r)).toBe(false);
    expect(report.options.budgetYear).toBe(2027);
    await expectOnlyEditedCellsDiffer(last, rolled);
  });

  test('a passed horizon becomes Y + 3 in both places, in the way each was written', async () => {
    const spec = typedForm();
    const rows = spec.rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace('2029年', '2026年') : v)));
    const last = await specToXlsx({ ...spec, rows });
    const rolled = await roll(last);
    expect(rolled.roll.horizon).toEqual({ from: 2026, to: 2029 });
    const { form } = await readForm(rolled.bytes);
    expect(form.goals.horizonYear).toBe(2029);
    expect(form.goals.horizonCell?.value).toBe('长期目标（截止     2029年）');
    expect(form.longTermIndicators?.horizonYear).toBe(2029);
    expect(rolled.roll.moved.join('\n')).toMatch(/截止 2026年已过，改为截止 2029年/);
  });
});

describe('everything else of the workbook stays', () => {
  test('an image, data validation, a print area and another sheet: only the rolled cells differ', async () => {
    const host = await XlsxHost.load(EXAMPLE);
    const wb = host.workbook;
    const ws = wb.getWorksheet('附件2')!;
    // A 1×1 PNG (a seal scanned into the form, say).
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    ws.addImage(wb.addImage({ buffer: png, extension: 'png' } as never), 'J2:K4');
    ws.getCell('H69').dataValidation = { type: 'list', allowBlank: true, formulae: ['"计划标准,历史标准"'] };
    ws.pageSetup.printArea = 'A1:I110';
    wb.addWorksheet('备注').getCell('A1').value = '附件说明';
    const last = await host.toBuffer();
    const rolled = await roll(last);
    await expectOnlyEditedCellsDiffer(last, rolled);
    const p = await parts(rolled.bytes);
    expect(p.names.some((n) => /^xl\/media\//.test(n))).toBe(true);
    expect(p.names.some((n) => /^xl\/drawings\//.test(n))).toBe(true);
  });
});

describe('the command', () => {
  test('writes NEXT, never LAST; refuses to overwrite without --force; prints moved, to fill and the check', async () => {
    const last = path.join(dir, 'cmd-last.xlsx');
    fs.copyFileSync(EXAMPLE, last);
    const before = fs.readFileSync(last);
    const mtime = fs.statSync(last).mtimeMs;
    const out = path.join(dir, 'cmd-next.xlsx');
    const io = memoryIO();
    expect(await runNext({ kind: 'next', last, out, force: false }, io, openWorkbook)).toBe(0);
    expect(io.stdout).toMatch(/已生成 2027 年度申报表/);
    expect(io.stdout).toMatch(/已移动和保留/);
    expect(io.stdout).toMatch(/还需要填写或复核/);
    expect(io.stdout).toMatch(/新申报表的校验结果/);
    // The draft's empty cells are listed as blanks to fill, per section, not as errors.
    expect(io.stdout).toMatch(/待填写[\s\S]*项目支出情况 \d+ 处：F\d+/);
    expect(io.stdout).toMatch(/待填写 \d+ 处/);
    expect(fs.readFileSync(last).equals(before)).toBe(true);
    expect(fs.statSync(last).mtimeMs).toBe(mtime);

    const written = fs.readFileSync(out);
    const again = memoryIO();
    expect(await runNext({ kind: 'next', last, out, force: false }, again, openWorkbook)).toBe(2);
    expect(again.stderr).toMatch(/文件已存在.*--force/);
    expect(fs.readFileSync(out).equals(written)).toBe(true);
    expect(await runNext({ kind: 'next', last, out, force: true }, memoryIO(), openWorkbook)).toBe(0);

    const self = memoryIO();
    expect(await runNext({ kind: 'next', last, out: last, force: true }, self, openWorkbook)).toBe(2);
    expect(self.stderr).toMatch(/不能和上一年度的申报表是同一个文件/);
    expect(fs.readFileSync(last).equals(before)).toBe(true);
  });

  test('a --year that does not follow LAST, a missing file and a non-form are refused in Chinese', async () => {
    const out = path.join(dir, 'bad-next.xlsx');
    const io = memoryIO();
    expect(await runNext({ kind: 'next', last: EXAMPLE, out, force: false, budgetYear: 2030 }, io, openWorkbook)).toBe(
      2,
    );
    expect(io.stderr).toMatch(/2026 年度的申报表.*2027 年.*2030 年不符/);
    const missing = memoryIO();
    expect(
      await runNext({ kind: 'next', last: path.join(dir, 'nope.xlsx'), out, force: false }, missing, openWorkbook),
    ).toBe(2);
    expect(missing.stderr).toMatch(/文件不存在/);
    const notForm = path.join(dir, 'not-form.xlsx');
    fs.writeFileSync(notForm, await specToXlsx({ rows: [['工资表'], ['张三', 1000]], merges: [], numFmt: {} }, '工资'));
    const nf = memoryIO();
    expect(await runNext({ kind: 'next', last: notForm, out, force: false }, nf, openWorkbook)).toBe(2);
    expect(nf.stderr).toMatch(/没有部门整体绩效目标申报表/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('the 校验说明 and 校验结果 sheets are not carried over; other sheets are', async () => {
    const host = await XlsxHost.load(EXAMPLE);
    await writeExplanation(host, { rule: 'funding-share', cell: '附件2!G11', text: '按决算口径' });
    const other = host.workbook.addWorksheet('备注');
    other.getCell('A1').value = '保留的工作表';
    const bytes = await host.toBuffer();
    const rolled = await roll(bytes);
    expect(rolled.dropped).toEqual(['校验说明']);
    const names = await (await XlsxHost.load(Buffer.from(rolled.bytes))).sheetNames();
    expect(names).toEqual(['附件2', '备注']);
  });

  test('an annotated copy (jixiao flags in it) is refused instead of carrying the flags', async () => {
    // Annotated the way `jixiao check --annotate` does it: the package patched with flags and a 校验结果 sheet.
    const wb = PackageWorkbook.open(fs.readFileSync(EXAMPLE));
    const { form } = await readForm(fs.readFileSync(EXAMPLE));
    const report = check(form);
    await wb.showFindings('附件2', report.findings);
    await wb.writeResultSheet(report, 'x.xlsx');
    await expect(roll(Buffer.from(wb.annotatedBytes()))).rejects.toThrow(/标出的问题/);
  });
});

test('a form whose year cannot be told (前年/上年 headers, no date) needs --year, and says how', async () => {
  const spec = typedForm({ history: 'relative' });
  spec.rows[2]![1] = null;
  const last = await specToXlsx(spec);
  await expect(roll(last)).rejects.toThrow(/无法确定工作表“申报表”的预算年度.*--year/);
  const rolled = await roll(last, { year: 2027 });
  expect(rolled.roll.toYear).toBe(2027);
});
