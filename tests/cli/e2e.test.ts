/**
 * The command line end to end: the built bin on real .xlsx files in a temp
 * folder, as a finance officer runs it.
 */
import ExcelJS from 'exceljs';
import pkg from '../../package.json';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeExplanation } from '../../src/report/explanations';
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { XlsxHost } from '../../src/host/exceljs';
import { fillTemplate } from './fill';
import { buildCli, EXAMPLE, jixiao, parseJson } from './run-cli';

let tmp: string;

async function copyExample(name: string, dir = tmp): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const p = path.join(dir, name);
  await fs.copyFile(EXAMPLE, p);
  return p;
}

async function nonFormWorkbook(p: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工资表');
  ws.addRow(['姓名', '部门', '金额']);
  ws.addRow(['张三', '办公室', 1234.5]);
  ws.addRow(['李四', '财务科', 2345.6]);
  await wb.xlsx.writeFile(p);
}

beforeAll(() => {
  buildCli();
});

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-e2e-'));
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('jixiao check on the bundled example', () => {
  it('exits 1 and reports the three wrong expenditure shares with their cells and expected values', async () => {
    const file = await copyExample('示例.xlsx');
    const run = jixiao(['check', file, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const out = parseJson(run);
    expect(out.files).toHaveLength(1);
    const entry = out.files[0]!;
    expect(entry).toMatchObject({ file, form: true });
    expect(typeof entry.sheet).toBe('string');
    const shares = entry.findings.filter((f) => f.rule === 'funding-share');
    // Worked out by hand: 314.72 / 374.13 = 84.12 %, 26.41 / 374.13 = 7.06 %, 33.00 / 374.13 = 8.82 %.
    expect(shares.map((f) => [f.severity, f.expected])).toEqual([
      ['error', '84.12%'],
      ['error', '7.06%'],
      ['error', '8.82%'],
    ]);
    // The cells named are the ones that hold the printed (wrong) shares in the file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(entry.sheet!)!;
    const printed = shares.map((f) => {
      expect(f.cells).toHaveLength(1);
      const [sheet, addr] = f.cells[0]!.split('!');
      expect(sheet).toBe(entry.sheet);
      const v = ws.getCell(addr!).value;
      return typeof v === 'number' ? Number((v * 100).toFixed(2)) : String(v);
    });
    expect(printed).toEqual([83.99, 7.12, 8.89]);
    expect(entry.summary.errors).toBe(entry.findings.filter((f) => f.severity === 'error').length);
    expect(entry.summary.warnings).toBe(entry.findings.filter((f) => f.severity === 'warning' && !f.explained).length);
    expect(out.summary).toMatchObject({ files: 1, withErrors: 1, unreadable: 0, notForms: 0 });
  });

  it('every finding has exactly the documented fields and types', async () => {
    const out = parseJson(jixiao(['check', await copyExample('示例.xlsx'), '--format=json']));
    const allowed = [
      'rule',
      'severity',
      'message',
      'cells',
      'expected',
      'explained',
      'blank',
      'explanation',
      'section',
      'table',
      'row',
      'fix',
      'choices',
    ];
    const findings = out.files[0]!.findings;
    // The example's 预算支出标准 rows outside 运行成本 offer the other 依据 to choose from.
    const withChoices = findings.filter((f) => 'choices' in f);
    expect(withChoices.length).toBeGreaterThan(0);
    for (const f of withChoices) {
      const c = (f as unknown as { choices: { cell: string; values: string[] } }).choices;
      expect(c.cell).toBe(f.cells[0]);
      expect(c.values.length).toBeGreaterThan(1);
      expect(c.values.every((v) => typeof v === 'string' && v !== '')).toBe(true);
    }
    for (const f of findings) {
      expect(Object.keys(f).filter((k) => !allowed.includes(k))).toEqual([]);
      expect(f.rule).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(f.severity);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof f.blank).toBe('boolean');
      expect(f.cells.length).toBeGreaterThan(0);
      expect(f.expected === null || typeof f.expected === 'string').toBe(true);
      expect(typeof f.explained).toBe('boolean');
    }
  });

  it('prints Chinese text grouped by section in form order, with summary lines and no colour codes', async () => {
    const file = await copyExample('示例.xlsx');
    const run = jixiao(['check', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\u001b[');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^.*示例\.xlsx（工作表：.+）$/);
    const sections = lines.filter((l) => /^ {2}\S/.test(l) && !l.includes('项，')).map((l) => l.trim());
    expect(sections).toEqual(['部门总体资金情况', '年度工作任务', '长期绩效指标', '年度绩效指标']);
    // The message gives the expected value; it is not repeated after it.
    expect(run.stdout).toMatch(
      / {4}错误 {4}G11 {2}“人员类项目支出”占比应为 84\.12%（314\.72 ÷ 374\.13 × 100），表中为 83\.99%\n/,
    );
    expect(run.stdout).not.toContain('（应为：');
    expect(run.stdout).toMatch(/ {4}提示 {4}B16 {2}.*……/);
    expect(run.stdout).toMatch(/\n {2}错误 6 项，提示 \d+ 项，已说明 0 项\n/);
    expect(run.stdout).toMatch(/共检查 1 个文件：有错误的 1 个，无法读取的 0 个。/);
  });

  it('shows a warning explained in the 校验说明 sheet as 已说明, with the explanation', async () => {
    const file = await copyExample('示例.xlsx');
    const host = await XlsxHost.load(file);
    const before = parseJson(jixiao(['check', file, '--format', 'json'])).files[0]!;
    const placeholder = before.findings.find((f) => f.rule === 'text-placeholder')!;
    await writeExplanation(host, { rule: 'text-placeholder', cell: placeholder.cells[0]!, text: '其余任务见附件' });
    await host.save(file);

    const json = parseJson(jixiao(['check', file, '--format', 'json'])).files[0]!;
    expect(json.findings.find((f) => f.rule === 'text-placeholder')).toMatchObject({
      explained: true,
      explanation: '其余任务见附件',
    });
    expect(json.summary).toEqual({ ...before.summary, warnings: before.summary.warnings - 1, explained: 1 });
    const text = jixiao(['check', file]).stdout;
    expect(text).toMatch(/已说明 {2}B16 .*\n +说明：其余任务见附件/);
    expect(text).toContain('已说明 1 项');
  });
});

describe('jixiao check on other files', () => {
  it('exits 0 for a template that was generated and then completely filled', async () => {
    const file = path.join(tmp, '空白.xlsx');
    expect(jixiao(['template', file, '--projects', '1', '--year', '2026']).code).toBe(0);
    await fillTemplate(file);
    const run = jixiao(['check', file, '--format', 'json']);
    const entry = parseJson(run).files[0]!;
    expect(entry.form).toBe(true);
    expect(entry.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('an unreadable file: exit 2, one Chinese line on stderr, the other files still in the JSON', async () => {
    const bad = path.join(tmp, '损坏.xlsx');
    await fs.writeFile(bad, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    const good = await copyExample('示例.xlsx');
    const run = jixiao(['check', bad, good, '--format', 'json']);
    expect(run.code).toBe(2);
    const errLines = run.stderr.trimEnd().split('\n');
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(/^jixiao：.*损坏\.xlsx：[\u4e00-\u9fff]/);
    expect(run.stderr).not.toMatch(/\bat \S+ \(/); // no stack trace
    const out = parseJson(run);
    expect(out.files.map((f) => f.file)).toEqual([bad, good]);
    expect(out.files[0]).toMatchObject({ form: false, findings: [] });
    expect(out.files[0]!.error).toMatch(/[\u4e00-\u9fff]/);
    expect(out.files[1]!.form).toBe(true);
    expect(out.summary).toMatchObject({ files: 2, unreadable: 1, withErrors: 1 });
  });

  it('a workbook that is not a declaration gives form:false, no findings and a reason', async () => {
    const file = path.join(tmp, '工资表.xlsx');
    await nonFormWorkbook(file);
    const run = jixiao(['check', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const entry = parseJson(run).files[0]!;
    expect(entry).toMatchObject({ file, form: false, findings: [] });
    expect(entry.reason).toMatch(/[\u4e00-\u9fff]/);
    const text = jixiao(['check', file]).stdout;
    expect(text).toContain('工作簿中没有部门整体绩效目标申报表（已查看工作表：“工资表”');
    expect(text).not.toContain('不是部门整体绩效目标申报表：工作簿中没有部门整体绩效目标申报表');
  });

  it('a folder is searched recursively for *.xlsx, skipping Office lock files', async () => {
    const dir = path.join(tmp, '各单位');
    await copyExample('甲.xlsx', dir);
    await copyExample('乙.xlsx', path.join(dir, '二科'));
    await fs.writeFile(path.join(dir, '~$甲.xlsx'), 'lock');
    await fs.writeFile(path.join(dir, '说明.txt'), 'not a workbook');
    const run = jixiao(['check', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(parseJson(run).files.map((f) => path.relative(dir, f.file))).toEqual(
      ['二科/乙.xlsx', '甲.xlsx'].map((p) => path.normalize(p)),
    );
  });

  it('a quoted glob pattern is expanded by jixiao itself', async () => {
    const dir = path.join(tmp, '报表');
    await copyExample('a.xlsx', path.join(dir, '2026'));
    await copyExample('b.xlsx', path.join(dir, '2026', '内'));
    await copyExample('c.xlsx', path.join(dir, '2025'));
    const out = parseJson(jixiao(['check', '报表/2026/**/*.xlsx', '--format', 'json'], tmp));
    expect(out.files.map((f) => f.file)).toEqual(
      ['报表/2026/a.xlsx', '报表/2026/内/b.xlsx'].map((p) => path.normalize(p)),
    );
    const none = jixiao(['check', '报表/*.pdf'], tmp);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('没有与该通配符匹配的文件');
  });
});

describe('jixiao check --annotate', () => {
  it('writes a flagged copy with a 校验结果 sheet and leaves the input byte-identical, mtime included', async () => {
    const input = await copyExample('示例.xlsx', path.join(tmp, 'in'));
    const past = new Date('2025-11-26T08:00:00Z');
    await fs.utimes(input, past, past);
    const bytes = await fs.readFile(input);
    const outDir = path.join(tmp, 'out');

    const run = jixiao(['check', input, '--annotate', outDir, '--format', 'json']);
    expect(run.code).toBe(1);
    const entry = parseJson(run).files[0]!;
    const copy = path.join(outDir, '示例.xlsx');
    expect(entry.annotated).toBe(copy);

    expect((await fs.readFile(input)).equals(bytes)).toBe(true);
    expect((await fs.stat(input)).mtime.getTime()).toBe(past.getTime());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    const ws = wb.getWorksheet(entry.sheet!)!;
    const share = entry.findings.find((f) => f.rule === 'funding-share')!;
    const cell = ws.getCell(share.cells[0]!.split('!')[1]!);
    const fill = cell.fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb?.slice(-6)).toBe(FLAG_FILL.error.slice(1));
    const note = typeof cell.note === 'string' ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join('');
    expect(note).toContain(NOTE_MARK);
    expect(note).toContain('84.12%');
    const result = wb.getWorksheet('校验结果')!;
    expect(result).toBeDefined();
    const listed: string[] = [];
    result.eachRow((row) => listed.push(row.values ? JSON.stringify(row.values) : ''));
    const text = listed.join('\n');
    for (const f of entry.findings) expect(text).toContain(f.rule);
  });

  it('never overwrites the input when the output folder is the input folder: the copy gets a suffix', async () => {
    const input = await copyExample('示例.xlsx');
    const bytes = await fs.readFile(input);
    const run = jixiao(['check', input, '--annotate', tmp, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(parseJson(run).files[0]!.annotated).toBe(path.join(tmp, '示例.校验.xlsx'));
    expect((await fs.readFile(input)).equals(bytes)).toBe(true);
    // A second run over the same folder does not check its own annotated copy; it replaces it only when asked.
    const refused = jixiao(['check', tmp, '--annotate', tmp, '--format', 'json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/标注目录中已有同名文件.*示例\.校验\.xlsx.*--force/);
    const again = parseJson(jixiao(['check', tmp, '--annotate', tmp, '--format', 'json', '--force']));
    expect(again.files.map((f) => [path.basename(f.file), f.annotated])).toEqual([
      ['示例.xlsx', path.join(tmp, '示例.校验.xlsx')],
    ]);
    expect((await fs.readFile(input)).equals(bytes)).toBe(true);
  });
});

describe('jixiao template', () => {
  it('writes a template that jixiao reads as a declaration form', async () => {
    const file = path.join(tmp, '模板.xlsx');
    const run = jixiao([
      'template',
      file,
      '--department',
      '某某县信访局',
      '--year',
      '2026',
      '--filler',
      '张三',
      '--phone',
      '0714-7654321',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已生成申报表模板');
    const entry = parseJson(jixiao(['check', file, '--format', 'json'])).files[0]!;
    expect(entry.form).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const values: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toEqual(expect.arrayContaining(['某某县信访局', '张三', '0714-7654321', '2024年', '2025年']));
  });

  it('refuses to overwrite an existing file (exit 2, Chinese message) unless --force', async () => {
    const file = path.join(tmp, '已有.xlsx');
    await fs.writeFile(file, 'keep me');
    const refused = jixiao(['template', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('文件已存在');
    expect(refused.stderr).toContain('--force');
    expect(await fs.readFile(file, 'utf8')).toBe('keep me');

    const forced = jixiao(['template', file, '--force']);
    expect(forced.code).toBe(0);
    expect((await fs.readFile(file)).subarray(0, 2).toString()).toBe('PK');
  });

  it('rejects parameters the template cannot use', () => {
    const run = jixiao(['template', path.join(tmp, 'x.xlsx'), '--year', '2026', '--horizon', '2025']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/长期目标截止年份/);
  });
});

describe('help, version and bad arguments', () => {
  it('--help, help check and --version exit 0', () => {
    const help = jixiao(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('jixiao check');
    expect(jixiao(['help', 'check']).stdout).toContain('--annotate');
    // The version of package.json, the one place it is kept (the manifest and the WPS package take it too).
    expect(jixiao(['--version']).stdout).toBe(`jixiao ${pkg.version}\n`);
  });

  it('bad arguments give a Chinese message with the usage, exit 2', () => {
    const run = jixiao(['check', 'a.xlsx', '--format', 'csv']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--format 只能是 text 或 json');
    expect(run.stderr).toContain('用法：jixiao check');
    expect(jixiao(['frobnicate']).code).toBe(2);
  });
});
