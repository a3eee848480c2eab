/**
 * `jixiao check … --previous LAST` (docs/spec/previous-year.md § 2, docs/cli.md) as a finance bureau uses it:
 * last year's workbooks and this year's, made the way officers make them — the example form and an edition-B
 * form of another department as last year's, each rolled forward by `jixiao next` as this year's, one of them
 * then edited with the worked example's drift. The batch runs through the built command line, so last year's
 * forms are read in the worker pool like every checked file.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { memoryIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { PackageWorkbook } from '../../src/host/file/index';
import type { DeclarationForm, Field } from '../../src/form/types';
import { readDeclaration } from '../../src/read';
import { patchPackage, type CellPatch } from '../../src/xlsx/patch-cells';
import { editionBForm } from '../editions/fixtures';
import { specToXlsx } from '../next/helpers';
import { bombZip, exampleParts, FORM_PART, text } from '../helpers/xlsx-package';
import { buildCli, EXAMPLE, jixiao } from './run-cli';

let dir: string;
/** Last year's folder and this year's. */
let lastDir: string;
let thisDir: string;
let lastExample: string;
let lastB: string;
/** The example rolled to 2027 and left as it is; the same with the worked example's drift; edition B rolled. */
let faithful: string;
let drifted: string;
let thisB: string;
/** The cells the drift was planted in, by the rule that must find each. */
const planted: Record<string, string[]> = {};

interface Entry {
  file: string;
  form: boolean;
  previous?: string | null;
  previousNote?: string;
  department?: string | null;
  edition?: string;
  error?: string;
  findings: { rule: string; cells: string[]; message: string; severity: string }[];
}
interface Output {
  files: Entry[];
  summary: { files: number; previous?: { paired: number; unpaired: number } };
}

async function readForm(file: string): Promise<DeclarationForm> {
  const wb = PackageWorkbook.open(fs.readFileSync(file));
  for (const name of await wb.sheetNames()) {
    const r = readDeclaration(await wb.readGrid(name));
    if (r.form) return r.declaration;
  }
  throw new Error(`${file}: no form`);
}

async function next(from: string, to: string): Promise<void> {
  const io = memoryIO();
  const code = await run(['next', from, to], io);
  if (!fs.existsSync(to)) throw new Error(`next ${from} failed (${code}): ${io.stderr}`);
}

const address = (form: DeclarationForm, f: Field) =>
  f.ref.address.includes('!') ? f.ref.address : `${form.sheet}!${f.ref.address}`;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-previous-'));
  lastDir = path.join(dir, '2026年');
  thisDir = path.join(dir, '2027年');
  fs.mkdirSync(lastDir);
  fs.mkdirSync(thisDir);
  lastExample = path.join(lastDir, '信访局.xlsx');
  fs.copyFileSync(EXAMPLE, lastExample);
  lastB = path.join(lastDir, '政府办（早期版）.xlsx');
  fs.writeFileSync(lastB, await specToXlsx(editionBForm()));
  faithful = path.join(dir, '信访局-照滚.xlsx');
  await next(lastExample, faithful);
  thisB = path.join(thisDir, '政府办.xlsx');
  await next(lastB, thisB);

  // The worked example of previous-year.md on the rolled form, edited as an officer might.
  const rolled = await readForm(faithful);
  const personnel = rolled.funding!.expenditure.lines.personnel!.lastYear!;
  const row = (name: string) => rolled.annualIndicators!.rows.find((r) => r.level3.text === name)!;
  const exec = row('预算执行率');
  const core = row('网络信息服务次数');
  const adjust = row('预算调整率');
  const ltExec = rolled.longTermIndicators!.rows.find((r) => r.level3.text === '预算执行率')!;
  const set = (f: Field, value: string | number | null): CellPatch => ({
    row: f.ref.row,
    col: f.ref.col,
    kind: 'value',
    value,
  });
  const cells: CellPatch[] = [
    set(personnel, 320),
    set(exec.value, '98%'),
    ...[core.level2, core.level3, core.value, core.history!.yearBeforeLast, core.history!.lastYear, core.basis].map(
      (f) => set(f, null),
    ),
    set(ltExec.value, '98%'),
    // 近两年 上年 no longer LAST's target (LAST said 0%; its target had no sign, so a figure must match).
    set(adjust.history!.lastYear, '3%'),
  ];
  planted['previous-funding'] = [address(rolled, personnel)];
  planted['previous-lowered'] = [address(rolled, exec.value)];
  planted['previous-dropped'] = [address(rolled, rolled.annualIndicators!.label)];
  planted['previous-long-term'] = [address(rolled, ltExec.value)];
  planted['previous-history'] = [address(rolled, adjust.history!.lastYear)];
  const patched = await patchPackage(fs.readFileSync(faithful), { sheet: rolled.sheet, cells });
  drifted = path.join(thisDir, '信访局.xlsx');
  fs.writeFileSync(drifted, patched.bytes);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const crossYear = (e: Entry) => e.findings.filter((f) => f.rule.startsWith('previous-'));

/** A new folder in the test's folder holding copies of files (name → file copied). */
function folderOf(name: string, copies: Record<string, string>): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder);
  for (const [to, from] of Object.entries(copies)) fs.copyFileSync(from, path.join(folder, to));
  return folder;
}

/** `jixiao check ARGS --format json` in this process: its exit code and the files of its output. */
async function checkHere(args: string[]): Promise<{ code: number; files: Entry[] }> {
  const io = memoryIO();
  const code = await run(['check', ...args, '--format', 'json'], io);
  return { code, files: (JSON.parse(io.stdout) as Output).files };
}

function json(args: string[]): { code: number | null; out: Output; stderr: string } {
  const r = jixiao(['check', ...args, '--format', 'json']);
  return { code: r.code, out: JSON.parse(r.stdout) as Output, stderr: r.stderr };
}

describe('one form against last year’s', () => {
  test('a form freshly rolled by next: compared, no cross-year finding', () => {
    const r = json([faithful, '--previous', lastExample]);
    expect(r.stderr).toBe('');
    expect(r.out.files).toHaveLength(1);
    expect(r.out.files[0]).toMatchObject({ file: faithful, form: true, previous: lastExample });
    expect(crossYear(r.out.files[0]!)).toEqual([]);
    expect(r.out.summary.previous).toEqual({ paired: 1, unpaired: 0 });
  });

  test('the worked example’s drift: every planted finding, on the cell it was planted in', () => {
    const r = json([drifted, '--previous', lastExample]);
    expect(r.stderr).toBe('');
    const found = crossYear(r.out.files[0]!);
    const byRule: Record<string, string[]> = {};
    for (const f of found) (byRule[f.rule] ??= []).push(...f.cells);
    for (const [rule, cells] of Object.entries(planted)) expect(byRule[rule]).toEqual(expect.arrayContaining(cells));
    expect(Object.keys(byRule).sort()).toEqual(Object.keys(planted).sort());
    const funding = found.find((f) => f.rule === 'previous-funding')!;
    expect(funding.message).toContain('上年金额为 320.00，上年申报表的当年金额为 314.72');
    expect(found.find((f) => f.rule === 'previous-dropped')!.message).toContain('网络信息服务次数');
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
  });

  test('the text output says what the form was compared with', () => {
    const r = jixiao(['check', drifted, '--previous', lastExample]);
    expect(r.stdout).toContain(`与上年对比：${lastExample}`);
    expect(r.stdout).toContain('与上年对比：1 张申报表已与上年申报表对比，0 张没有可对比的上年申报表。');
    expect(r.stdout).toContain('“人员类项目支出”的上年金额为 320.00');
  });

  test('an edition-B form as last year’s and its roll as this year’s: compared, nothing to find', () => {
    const r = json([thisB, '--previous', lastB]);
    expect(r.out.files[0]).toMatchObject({ previous: lastB, edition: 'hubei-b' });
    expect(crossYear(r.out.files[0]!)).toEqual([]);
  });

  test('another department’s form given as last year’s: previous-pair says so, nothing else is compared', () => {
    const r = json([thisB, '--previous', lastExample]);
    expect(crossYear(r.out.files[0]!).map((f) => [f.rule, f.severity])).toEqual([['previous-pair', 'error']]);
  });
});

describe('a batch: each form paired with last year’s form of its department', () => {
  let batch: string;
  let lastBatch: string;
  let newcomer: string;

  beforeAll(async () => {
    batch = path.join(dir, '批量');
    lastBatch = path.join(dir, '上年批量');
    fs.mkdirSync(batch);
    fs.mkdirSync(lastBatch);
    fs.copyFileSync(drifted, path.join(batch, 'a-信访局.xlsx'));
    fs.copyFileSync(thisB, path.join(batch, 'b-政府办.xlsx'));
    // Last year's files named differently from this year's: pairing is by the department read from the form.
    fs.copyFileSync(lastExample, path.join(lastBatch, '2026-甲.xlsx'));
    fs.copyFileSync(lastB, path.join(lastBatch, '2021-乙.xlsx'));
    // A form of a department that has none last year, and a workbook that is no form (in both folders).
    const rolled = await readForm(faithful);
    const dept = rolled.header.department!;
    newcomer = path.join(batch, 'c-新单位.xlsx');
    const renamed = await patchPackage(fs.readFileSync(faithful), {
      sheet: rolled.sheet,
      cells: [{ row: dept.ref.row, col: dept.ref.col, kind: 'value', value: '阳新县新设局' }],
    });
    fs.writeFileSync(newcomer, renamed.bytes);
    for (const d of [batch, lastBatch]) {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('工资表').addRow(['姓名', '金额']);
      await wb.xlsx.writeFile(path.join(d, 'd-工资表.xlsx'));
    }
  });

  test('JSON: the partner per file, null for the form without one and for what is no form', () => {
    const r = json([batch, '--previous', lastBatch]);
    expect(r.stderr).toBe('');
    const by = (name: string) => r.out.files.find((f) => f.file.endsWith(name))!;
    expect(by('a-信访局.xlsx').previous).toBe(path.join(lastBatch, '2026-甲.xlsx'));
    expect(by('b-政府办.xlsx').previous).toBe(path.join(lastBatch, '2021-乙.xlsx'));
    expect(by('c-新单位.xlsx')).toMatchObject({ previous: null });
    expect(by('c-新单位.xlsx').previousNote).toContain('中没有“阳新县新设局”的申报表');
    expect(by('d-工资表.xlsx')).toMatchObject({ form: false, previous: null });
    expect(crossYear(by('b-政府办.xlsx'))).toEqual([]);
    expect(crossYear(by('c-新单位.xlsx'))).toEqual([]);
    expect(new Set(crossYear(by('a-信访局.xlsx')).map((f) => f.rule))).toEqual(new Set(Object.keys(planted)));
    expect(r.out.summary.previous).toEqual({ paired: 2, unpaired: 1 });
  });

  test('a workbook of LASTDIR that is one of the forms checked (reached through a link) is nobody’s last year’s form', async () => {
    const overlapping = folderOf('上年含本年', { '2026-甲.xlsx': lastExample });
    // The newcomer's only form of its department there is the very file checked.
    fs.symlinkSync(newcomer, path.join(overlapping, '链接-新单位.xlsx'));
    const { files } = await checkHere([batch, '--previous', overlapping]);
    const by = (name: string) => files.find((f) => f.file.endsWith(name))!;
    expect(by('a-信访局.xlsx').previous).toBe(path.join(overlapping, '2026-甲.xlsx'));
    expect(by('c-新单位.xlsx')).toMatchObject({ previous: null });
    expect(by('c-新单位.xlsx').previousNote).toContain('中没有“阳新县新设局”的申报表');
  });

  test('text: the forms without a partner are listed at the end', () => {
    const r = jixiao(['check', batch, '--previous', lastBatch]);
    expect(r.stdout).toContain('与上年对比：2 张申报表已与上年申报表对比，1 张没有可对比的上年申报表：');
    expect(r.stdout).toMatch(/没有可对比的上年申报表：[^\n]*c-新单位\.xlsx。/);
    expect(r.stdout).toContain('未与上年对比：上年目录');
  });

  test('--summary: 与上年对比 counts the cross-year findings; they are in 问题明细 and 规则统计', async () => {
    const out = path.join(dir, '审核汇总.xlsx');
    const r = jixiao(['check', batch, '--previous', lastBatch, '--summary', out]);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const overview = wb.getWorksheet('汇总')!;
    const header = overview.getRow(1).values as unknown[];
    const col = header.indexOf('与上年对比');
    expect(col).toBe(15);
    const rows = new Map<string, unknown>();
    overview.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(row.getCell(1).value === '合计' ? 1 : 2).value), row.getCell(col).value);
    });
    expect(rows.get(path.join(batch, 'a-信访局.xlsx'))).toBeGreaterThanOrEqual(Object.keys(planted).length);
    expect(rows.get(path.join(batch, 'b-政府办.xlsx'))).toBe(0);
    expect(String(rows.get(path.join(batch, 'c-新单位.xlsx')))).toMatch(/^未对比：/);
    expect(rows.get('合计')).toBe('已对比 2 张，未对比 1 张');
    const details = wb.getWorksheet('问题明细')!;
    const detailRules = new Set<string>();
    // The rule id is the last column (规则编号), as in every table jixiao writes.
    details.eachRow((row) => detailRules.add(String(row.getCell(10).value)));
    for (const rule of Object.keys(planted)) expect(detailRules).toContain(rule);
    const stats = wb.getWorksheet('规则统计')!;
    const statRules = new Set<string>();
    stats.eachRow((row) => statRules.add(String(row.getCell(5).value)));
    for (const rule of Object.keys(planted)) expect(statRules).toContain(rule);
  });

  test('two forms of one department last year: the one of year Y − 1 is chosen; two of that year are ambiguous', async () => {
    // This year's form again, left in last year's folder: same department, year 2027, not Y − 1.
    const twice = folderOf('上年两张', { '信访局-2026.xlsx': lastExample, '信访局-误放.xlsx': faithful });
    const chosen = (await checkHere([drifted, '--previous', twice])).files[0]!;
    expect(chosen.previous).toBe(path.join(twice, '信访局-2026.xlsx'));

    fs.copyFileSync(lastExample, path.join(twice, '信访局-副本.xlsx'));
    const again = await checkHere([drifted, '--previous', twice]);
    const entry = again.files[0]!;
    const code = again.code;
    expect(entry.previous).toBeNull();
    expect(entry.previousNote).toContain('上年目录中有 2 张“阳新县信访局”2026 年度的申报表');
    expect(crossYear(entry)).toEqual([]);
    expect(code).toBe(1);
  });
});

describe('bad input: one Chinese line naming the file, exit 2, and the form still checked on its own', () => {
  async function checkAlone(args: string[]) {
    const io = memoryIO();
    const code = await run(['check', drifted, ...args, '--format', 'json'], io);
    const entry = (JSON.parse(io.stdout) as Output).files[0]!;
    return { code, entry, stderr: io.stderr };
  }

  /** The drifted form checked without --previous. */
  let own: Entry['findings'];
  beforeAll(async () => {
    const io = memoryIO();
    await run(['check', drifted, '--format', 'json'], io);
    own = (JSON.parse(io.stdout) as Output).files[0]!.findings;
    expect(own.length).toBeGreaterThan(0);
  });

  const checkedAlone = (entry: Entry) => {
    expect(entry.form).toBe(true);
    expect(entry.previous).toBeNull();
    // Exactly the form's own findings: nothing compared, nothing lost.
    expect(entry.findings).toEqual(own);
  };

  test('LAST does not exist', async () => {
    const missing = path.join(dir, '没有这个.xlsx');
    const r = await checkAlone(['--previous', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`jixiao：--previous：找不到上年申报表或上年目录 ${missing}；各表已单独校验，未与上年对比\n`);
    checkedAlone(r.entry);
  });

  test('LAST is damaged', async () => {
    const damaged = path.join(dir, '损坏.xlsx');
    fs.writeFileSync(damaged, Buffer.from('PK\u0003\u0004 这不是完整的工作簿'));
    const r = await checkAlone(['--previous', damaged]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`jixiao：--previous：无法读取上年申报表 ${damaged}：`);
    checkedAlone(r.entry);
  });

  test('LAST is not a form', async () => {
    const salary = path.join(dir, '工资表.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('工资表').addRow(['姓名', '金额']);
    await wb.xlsx.writeFile(salary);
    const r = await checkAlone(['--previous', salary]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`jixiao：--previous：${salary} 不是部门整体绩效目标申报表`);
    checkedAlone(r.entry);
  });

  test('LAST is THIS (the same file, even through a link)', async () => {
    const link = path.join(dir, '链接.xlsx');
    fs.symlinkSync(drifted, link);
    const r = await checkAlone(['--previous', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`jixiao：--previous：上年申报表 ${link} 就是要校验的文件，不能与自己对比；该表已单独校验\n`);
    checkedAlone(r.entry);
    expect(r.entry.previousNote).toContain('本表已单独校验');
  });

  test('LASTDIR does not exist, or is the folder being checked', async () => {
    const gone = path.join(dir, '2025年');
    const r = await checkAlone(['--previous', gone]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`找不到上年申报表或上年目录 ${gone}`);
    checkedAlone(r.entry);

    const io = memoryIO();
    const code = await run(['check', thisDir, '--previous', thisDir, '--format', 'json'], io);
    expect(code).toBe(2);
    expect(io.stderr).toContain(`上年目录 ${thisDir} 就是要校验的目录，不能与自己对比`);
    const files = (JSON.parse(io.stdout) as Output).files;
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.previous === null && crossYear(f).length === 0)).toBe(true);
    expect(files.find((f) => f.file === drifted)!.findings).toEqual(own);
  });

  test('a decompression bomb as LAST, through the built command line: refused by the reader’s limits in a worker', () => {
    const parts = exampleParts();
    const xml = text(parts, FORM_PART);
    const at = xml.indexOf('<sheetData>') + '<sheetData>'.length;
    const bomb = path.join(dir, '炸弹.xlsx');
    fs.writeFileSync(bomb, bombZip(parts, FORM_PART, xml.slice(0, at), '        ', 300 * 1024 * 1024, xml.slice(at)));
    const r = jixiao(['check', drifted, '--previous', bomb, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`jixiao：--previous：无法读取上年申报表 ${bomb}：文件过大`);
    checkedAlone((JSON.parse(r.stdout) as Output).files[0]!);
  });

  test('through the built command line (LAST read in a worker): the same message and exit 2', () => {
    const damaged = path.join(dir, '损坏2.xlsx');
    fs.writeFileSync(damaged, Buffer.alloc(64, 7));
    const r = jixiao(['check', drifted, '--previous', damaged, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`jixiao：--previous：无法读取上年申报表 ${damaged}：`);
    const entry = (JSON.parse(r.stdout) as Output).files[0]!;
    checkedAlone(entry);
  });
});
