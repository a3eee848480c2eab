/**
 * Issue 21, the output side: what jixiao writes (annotated copies, the review summary, stdout) under hostile
 * conditions, each case through the real command line. Every case here failed on the code before the fix
 * (run with JIXIAO_HOSTILE_BIN=<old checkout>/bin/jixiao.js to see it).
 *
 * - nothing outside the run's own outputs is replaced (--annotate without --force);
 * - concurrent runs on one summary: one refuses, the other writes, both tell the truth;
 * - a broken or full stdout ends the run with exit 2 and one Chinese line, and nothing is left half done;
 * - SIGINT, SIGTERM and SIGHUP remove temporary files, and the run says it was interrupted;
 * - text a workbook cannot hold (U+FFFE, over 32,767 characters) is never written;
 * - summary links are relative paths under the annotate folder, whatever the files were called;
 * - the summary's memory does not grow with the number of files; a glob cannot stall the run;
 * - a legal 250-byte file name is written (the temporary name is short).
 */
import { existsSync, promises as fs, openSync, closeSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { EXAMPLE, FORM_PART, unholdableTextParts, zipParts } from '../helpers/xlsx-package';
import { buildCli } from '../cli/run-cli';
import { jixiao, measured, start, texts, xmlError, type Run } from './run';

let tmp: string;

beforeAll(async () => {
  buildCli();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-hostile-out-'));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A fresh folder under the suite's temporary folder. */
async function folder(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

/** `n` copies of the example in a new folder. */
async function forms(name: string, n: number): Promise<string> {
  const dir = await folder(name);
  const bytes = readFileSync(EXAMPLE);
  for (let i = 1; i <= n; i++) await fs.writeFile(path.join(dir, `表${String(i).padStart(4, '0')}.xlsx`), bytes);
  return dir;
}

/** Files of a folder that are not outputs: temporary files and locks. */
async function leftovers(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await fs.readdir(dir)).filter((n) => /\.tmp$|\.lock$|^\.jixiao-/.test(n));
}

function said(run: Run): string {
  return `exit ${run.code} signal ${run.signal}\nstderr: ${run.stderr.slice(0, 2000)}`;
}

describe('--annotate never replaces a file that is not this run’s', () => {
  it('refuses without --force, names the file, keeps it; replaces it with --force', async () => {
    const input = await folder('overwrite-in');
    const out = await folder('overwrite-out');
    await fs.copyFile(EXAMPLE, path.join(input, '信访局.xlsx'));
    await fs.copyFile(EXAMPLE, path.join(input, '财政局.xlsx'));
    // Someone's own file that happens to share an input's name.
    await fs.writeFile(path.join(out, '信访局.xlsx'), 'not jixiao’s');
    const refused = jixiao(['check', input, '--annotate', out, '--format', 'json'], tmp);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/标注目录中已有同名文件.*信访局\.xlsx.*--force/);
    expect(refused.stderr).not.toMatch(/财政局/);
    expect(readFileSync(path.join(out, '信访局.xlsx'), 'utf8')).toBe('not jixiao’s');
    expect(existsSync(path.join(out, '财政局.xlsx'))).toBe(false);

    const forced = jixiao(['check', input, '--annotate', out, '--format', 'json', '--force'], tmp);
    expect(forced.code).toBe(1);
    expect(xmlError(readFileSync(path.join(out, '信访局.xlsx')))).toBeNull();
    expect(await leftovers(out)).toEqual([]);
  });
});

describe('two runs on one summary at the same time', () => {
  it('one refuses with a Chinese line; the other writes, and the summary holds its rows', async () => {
    const a = await forms('concurrent-a', 24);
    const b = await forms('concurrent-b', 11);
    const out = await folder('concurrent-out');
    const summary = path.join(out, '审核汇总.xlsx');
    const first = start(['check', a, '--summary', summary, '--jobs', '1'], tmp);
    // The second starts while the first is checking (its first file is reported).
    for (let i = 0; i < 600 && !/表0001/.test(first.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
    const second = start(['check', b, '--summary', summary, '--jobs', '1'], tmp);
    const [ra, rb] = await Promise.all([first.done, second.done]);
    const wrote = [ra, rb].filter((r) => /已写出审核汇总/.test(r.stdout));
    const refused = [ra, rb].filter((r) => !/已写出审核汇总/.test(r.stdout));
    expect({ wrote: wrote.length, refused: refused.length }).toEqual({ wrote: 1, refused: 1 });
    expect(refused[0]!.code).toBe(2);
    expect(refused[0]!.stderr).toMatch(/^jixiao：.*(另一个 jixiao|已存在)/m);
    expect(refused[0]!.stderr).not.toMatch(/EEXIST|Error/);
    // The summary is the writer's: one row per file of its run, plus header and total.
    const sheet = strFromU8(unzipSync(readFileSync(summary))['xl/worksheets/sheet1.xml']!);
    const rows = (sheet.match(/<row\b/g) ?? []).length;
    expect(rows).toBe((wrote[0] === ra ? 24 : 11) + 2);
    expect(await leftovers(out)).toEqual([]);
  }, 240_000);
});

describe('a broken stdout', () => {
  it('| head: exit 2, one Chinese line, no further outputs, and no half-written copy or summary', async () => {
    const input = await forms('epipe-in', 40);
    const out = path.join(tmp, 'epipe-out');
    const summary = path.join(tmp, 'epipe-summary.xlsx');
    const run = start(
      ['check', input, '--annotate', out, '--summary', summary, '--format', 'json', '--jobs', '1'],
      tmp,
    );
    // Like `| head -c 1`: the reader takes the first bytes and goes away.
    await new Promise<void>((resolve) => run.child.stdout!.once('data', () => resolve()));
    run.child.stdout!.destroy();
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/标准输出已被关闭/);
    expect(r.stderr).toMatch(/审核汇总.*未写出/);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(existsSync(summary)).toBe(false);
    // Whatever copies exist are whole; the run stopped long before the 40th.
    const copies = (await fs.readdir(out)).filter((n) => n.endsWith('.xlsx'));
    expect(copies.length).toBeLessThan(40);
    for (const c of copies) expect(xmlError(readFileSync(path.join(out, c)))).toBeNull();
    expect(await leftovers(out)).toEqual([]);
    expect(await leftovers(tmp)).toEqual([]);
  }, 120_000);

  (existsSync('/dev/full') ? it : it.skip)(
    'a full stdout (> /dev/full): exit 2 and a Chinese line, no errno text',
    async () => {
      const fd = openSync('/dev/full', 'w');
      try {
        const r = await start(['check', EXAMPLE, '--format', 'json'], tmp, ['ignore', fd, 'pipe']).done;
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^jixiao：无法写出结果：磁盘空间不足/m);
        expect(r.stderr).not.toMatch(/ENOSPC|no space/);
      } finally {
        closeSync(fd);
      }
    },
  );
});

describe('signals during a run that writes copies and a summary', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: temporary files and the lock are removed, and the run says it was interrupted',
    async (signal, status) => {
      const input = await forms(`signal-${signal}-in`, 30);
      const out = path.join(tmp, `signal-${signal}-out`);
      const summary = path.join(out, '审核汇总.xlsx');
      const run = start(['check', input, '--annotate', out, '--summary', summary, '--format', 'json'], tmp);
      // Stopped once the first copies are written: more are being written at that moment.
      for (let i = 0; i < 1200; i++) {
        if (existsSync(out) && (await fs.readdir(out)).some((n) => n.endsWith('.xlsx'))) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      run.child.kill(signal);
      const r = await run.done;
      expect(r.signal === signal || r.code === status).toBe(true);
      expect(r.stderr).toMatch(/运行被中断/);
      expect(existsSync(summary)).toBe(false);
      expect(await leftovers(out)).toEqual([]);
      for (const c of (await fs.readdir(out)).filter((n) => n.endsWith('.xlsx')))
        expect(xmlError(readFileSync(path.join(out, c)))).toBeNull();
    },
    120_000,
  );
});

describe('Ctrl+C in a terminal: SIGINT to every process of the run at once', () => {
  it('the launcher and the relaunched check both get it: temporary files and locks are removed, and it is said', async () => {
    // The terminal signals the whole foreground group: the launcher forwards the signal it got as well, so the
    // process doing the work gets it twice. The second must not end it before it has cleaned up.
    const input = await forms('signal-group-in', 60);
    const out = path.join(tmp, 'signal-group-out');
    const summary = path.join(out, '审核汇总.xlsx');
    const run = start(
      ['check', input, '--annotate', out, '--summary', summary, '--format', 'json', '--jobs', '1'],
      tmp,
      ['ignore', 'pipe', 'pipe'],
      true,
    );
    for (let i = 0; i < 1200; i++) {
      if (existsSync(out) && (await fs.readdir(out)).filter((n) => n.endsWith('.xlsx')).length >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    process.kill(-run.child.pid!, 'SIGINT');
    const r = await run.done;
    expect(r.signal === 'SIGINT' || r.code === 130).toBe(true);
    expect(r.stderr).toMatch(/运行被中断（SIGINT）/);
    expect(existsSync(summary)).toBe(false);
    expect(await leftovers(out)).toEqual([]);
    for (const c of (await fs.readdir(out)).filter((n) => n.endsWith('.xlsx')))
      expect(xmlError(readFileSync(path.join(out, c)))).toBeNull();
  }, 120_000);
});

describe('text a workbook cannot hold', () => {
  /** The example with a department name holding U+FFFE and U+FFFF, and a 32,767-character text in G11 (quoted by its finding). */
  async function hostileForm(): Promise<string> {
    const parts = unholdableTextParts();
    const dir = await folder('unholdable-in');
    const file = path.join(dir, '信访局.xlsx');
    await fs.writeFile(file, zipParts(parts));
    return file;
  }

  it('the summary stays well-formed XML, no cell over 32,767 characters, and the run says what it changed', async () => {
    const file = await hostileForm();
    const out = path.join(tmp, 'unholdable-out');
    const summary = path.join(tmp, 'unholdable-summary.xlsx');
    const r = jixiao(['check', file, '--annotate', out, '--summary', summary, '--format', 'json'], tmp);
    expect(r.code).toBe(1);
    const bytes = readFileSync(summary);
    expect(xmlError(bytes)).toBeNull();
    const all = texts(bytes);
    expect(Math.max(...all.map((t) => t.length))).toBeLessThanOrEqual(32767);
    expect(all.some((t) => t.includes('阳新县\ufffd信访局\ufffd'))).toBe(true);
    expect(all.some((t) => /已截断：原文 \d+ 字/.test(t))).toBe(true);
    expect(r.stderr).toMatch(/审核汇总中有 \d+ 处文字含有工作簿不能保存的字符/);
    expect(r.stderr).toMatch(/超过单元格上限 32,767 字，已截断/);
    // The copy: jixiao's own cells and notes hold no text over the limit either.
    const copy = readFileSync(path.join(out, '信访局.xlsx'));
    const parts = unzipSync(copy);
    const added = Object.keys(parts).filter((n) => /comments|sheet\d+\.xml$/.test(n) && n !== FORM_PART);
    expect(added.length).toBeGreaterThan(0);
    for (const t of texts(copy)) expect(t.length).toBeLessThanOrEqual(32767);
  }, 120_000);
});

describe('summary links', () => {
  it('crafted file names never become a web address or a network path: relative links under the annotate folder', async () => {
    const input = await folder('links-in');
    const names = [
      'https:evil.example.xlsx',
      '\\\\evil\\share\\x.xlsx',
      'file:%2e%2e.xlsx',
      '#top.xlsx',
      '普通 表.xlsx',
    ];
    for (const n of names) await fs.copyFile(EXAMPLE, path.join(input, n));
    const out = path.join(tmp, 'links-out');
    const summary = path.join(out, '审核汇总.xlsx');
    const r = jixiao(['check', input, '--annotate', out, '--summary', summary], tmp);
    expect(r.code).toBe(1);
    const parts = unzipSync(readFileSync(summary));
    const rels = strFromU8(parts['xl/worksheets/_rels/sheet1.xml.rels']!);
    const targets = [...rels.matchAll(/Target="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(targets).toHaveLength(names.length);
    for (const t of targets) {
      expect(t).not.toMatch(/[:\\#]/);
      expect(t).not.toMatch(/^\/|^\.\./);
      // The link leads to the copy: the target, decoded, is a file in the annotate folder.
      expect(existsSync(path.join(out, decodeURIComponent(t)))).toBe(true);
    }
    expect(targets.map((t) => decodeURIComponent(t)).sort()).toEqual([...names].sort());
  }, 120_000);
});

describe('the summary’s memory is flat in the number of files', () => {
  it('300 files: the summary adds under 100 MB to the peak RSS and under 60 MB to the main thread’s heap', async () => {
    // Before the fix the summary kept every row as a styled cell: +97 MB of heap at 300 files, 766 MB RSS at 2,000.
    const input = await forms('memory-in', 300);
    const plain = measured(['check', input, '--format', 'json'], tmp, path.join(tmp, 'mem-plain.json'));
    const withSummary = measured(
      ['check', input, '--format', 'json', '--summary', path.join(tmp, 'memory.xlsx')],
      tmp,
      path.join(tmp, 'mem-summary.json'),
    );
    expect(plain.code).toBe(1);
    expect(withSummary.code).toBe(1);
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    expect(mb(withSummary.maxRSS - plain.maxRSS)).toBeLessThan(100);
    expect(mb(withSummary.peakHeap - plain.peakHeap)).toBeLessThan(60);
  }, 600_000);
});

describe('a glob against a long file name', () => {
  it('a pattern with many stars never stalls the run: it ends, saying nothing matched', async () => {
    const dir = await folder('glob');
    await fs.copyFile(EXAMPLE, path.join(dir, `${'a'.repeat(240)}.xlsx`));
    const pattern = `${dir}/${'*a'.repeat(16)}*b.xlsx`;
    // Not a timing: a run that never ends is stopped by this guard and fails.
    const r = jixiao(['check', pattern, '--format', 'json'], tmp, 60_000);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/没有与该通配符匹配的文件/);
  }, 90_000);
});

describe('a legal 250-byte file name', () => {
  const long = `${'a'.repeat(245)}.xlsx`;

  it('gets its annotated copy and its summary: the temporary name is short', async () => {
    const input = await folder('long-in');
    await fs.copyFile(EXAMPLE, path.join(input, long));
    const out = path.join(tmp, 'long-out');
    const r = jixiao(['check', input, '--annotate', out, '--summary', path.join(out, long.replace(/^a/, 's'))], tmp);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/文件名或路径太长/);
    expect(existsSync(path.join(out, long))).toBe(true);
    expect(existsSync(path.join(out, long.replace(/^a/, 's')))).toBe(true);
    expect(await leftovers(out)).toEqual([]);
  }, 120_000);

  it('is written by next', async () => {
    const out = await folder('long-next');
    const r = jixiao(['next', EXAMPLE, path.join(out, long)], tmp);
    expect(said(r)).toMatch(/^exit 0/);
    expect(existsSync(path.join(out, long))).toBe(true);
  }, 120_000);
});
