/**
 * Issue 21, point 4: one reader, one set of limits for every command. `next`
 * reads LAST through the same bounded reader as `check` (file type, size,
 * decompression, formula length and nesting), in a worker with the same
 * memory cap and time limit, and refuses with the same Chinese lines.
 * Through the real command line, peak memory asserted.
 */
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { appendToForm, exampleParts, zipParts } from '../helpers/xlsx-package';
import { buildCli } from '../cli/run-cli';
import { expectChineseOnly, jixiaoMeasured, PEAK_RSS_BOUND, tempDir } from './in-support';

let tmp: string;

beforeAll(async () => {
  buildCli();
  tmp = await tempDir();
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The example with rows appended to its form sheet. */
async function withRows(name: string, rows: string): Promise<string> {
  const parts = exampleParts();
  appendToForm(parts, rows);
  const file = path.join(tmp, name);
  await fs.writeFile(file, zipParts(parts));
  return file;
}

/** One 60,000-character formula shared over 40,000 cells (a 200 KB file). */
function sharedFormulaRows(): string {
  let rows = `<row r="200"><c r="A200"><f t="shared" ref="A200:A40199" si="0">${'A1+'.repeat(20_000)}1</f></c></row>`;
  for (let r = 201; r < 40_200; r++) rows += `<row r="${r}"><c r="A${r}"><f t="shared" si="0"/></c></row>`;
  return rows;
}

function expectRefused(r: ReturnType<typeof jixiaoMeasured>, cause: RegExp): void {
  expect(r.signal).toBeNull();
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(cause);
  expectChineseOnly(r.stderr);
  expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
}

describe('next reads through check’s bounded reader (issue 21 point 4)', () => {
  it('a 60,000-character shared formula over 40,000 cells is refused by next and check alike', async () => {
    const file = await withRows('shared-formula.xlsx', sharedFormulaRows());
    const next = jixiaoMeasured(['next', file, path.join(tmp, 'shared-2027.xlsx')], tmp);
    expectRefused(
      next,
      /shared-formula\.xlsx：文件已损坏：.*A200 的公式有 60,001 个字符，超过 Excel 的 8,192 个字符上限/,
    );
    await expect(fs.access(path.join(tmp, 'shared-2027.xlsx'))).rejects.toThrow();
    const check = jixiaoMeasured(['check', file], tmp);
    expectRefused(check, /文件已损坏：.*A200 的公式有 60,001 个字符/);
  }, 300_000);

  it('formulas of an allowed length but nested 4,000 parentheses deep are refused, not an internal error', async () => {
    const file = await withRows(
      'nested.xlsx',
      `<row r="200"><c r="A200"><f>${'('.repeat(4000)}1${')'.repeat(4000)}</f></c></row>`,
    );
    const next = jixiaoMeasured(['next', file, path.join(tmp, 'nested-2027.xlsx')], tmp);
    expectRefused(next, /文件已损坏：.*A200 的公式中括号嵌套超过 255 层/);
    expect(next.stderr).not.toMatch(/程序内部错误|内部错误/);
  });

  it('30,000 nested parentheses: refused with a Chinese reason, not 程序内部错误', async () => {
    const file = await withRows(
      'nested-30k.xlsx',
      `<row r="200"><c r="A200"><f>${'('.repeat(30_000)}1${')'.repeat(30_000)}</f></c></row>`,
    );
    const next = jixiaoMeasured(['next', file, path.join(tmp, 'nested-30k-2027.xlsx')], tmp);
    expectRefused(next, /nested-30k\.xlsx：文件已损坏：/);
  });

  it('/dev/zero is never read: refused at once as a device', () => {
    const next = jixiaoMeasured(['next', '/dev/zero', path.join(tmp, 'zero-2027.xlsx')], tmp, 60_000);
    expectRefused(next, /\/dev\/zero：这是一个设备，不是文件/);
  });

  it('a FIFO never hangs the run: refused at once as a named pipe', () => {
    const fifo = path.join(tmp, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const next = jixiaoMeasured(['next', fifo, path.join(tmp, 'pipe-2027.xlsx')], tmp, 60_000);
    expectRefused(next, /pipe\.xlsx：这是一个命名管道（FIFO）/);
  });

  it('a 1.9 GB file is refused by its size before it is read', async () => {
    const big = path.join(tmp, 'big.xlsx');
    // Sparse: no disk is used, but reading it whole would take 1.9 GB of memory.
    await fs.writeFile(big, '');
    await fs.truncate(big, 1900 * 1024 * 1024);
    const next = jixiaoMeasured(['next', big, path.join(tmp, 'big-2027.xlsx')], tmp, 60_000);
    expectRefused(next, /big\.xlsx：文件过大：1900 MB，超过 100 MB 的读取上限/);
    await fs.rm(big);
  });
});

describe('the memory bound holds for any --jobs (issue 21 points 5 and 6)', () => {
  it('--jobs 64 on 50 forms: workers are bounded by the run’s memory, not by --jobs; every file is checked', async () => {
    const dir = path.join(tmp, 'fifty');
    await fs.mkdir(dir);
    const bytes = zipParts(exampleParts());
    for (let i = 1; i <= 50; i++) await fs.writeFile(path.join(dir, `表${String(i).padStart(2, '0')}.xlsx`), bytes);
    const r = jixiaoMeasured(['check', dir, '--jobs', '64', '--format', 'json'], tmp);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { form: boolean }[]; summary: { files: number; unreadable: number } };
    expect(out.summary).toMatchObject({ files: 50, unreadable: 0 });
    expect(out.files.every((f) => f.form)).toBe(true);
    expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
  }, 300_000);
});
