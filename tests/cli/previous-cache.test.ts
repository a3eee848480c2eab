/**
 * The cache of last year's forms (src/cli/previous-cache.ts, docs/cli.md): a reviewer re-checks this year's folder
 * against the same folder of last year's forms, and those workbooks are read once, not on every run. Through the
 * built command line, as a reviewer runs it; the cache folder is the test's own (JIXIAO_CACHE_DIR, or HOME).
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { crc32 } from 'zlib';
import pkg from '../../package.json';
import { memoryIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { loadPrevious, probePrevious } from '../../src/cli/previous';
import { cacheFolder, pruneCache, readCachedMeta, writeCached } from '../../src/cli/previous-cache';
import { findForm } from '../../src/read/find-form';
import { openWorkbook } from '../../src/cli/xlsx-workbook';
import { BIN, buildCli, EXAMPLE } from './run-cli';

let dir: string;
let lastDir: string;
let thisDir: string;
let lastForm: string;
let thisForm: string;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

interface Out {
  files: { file: string; previous?: string | null; findings: { rule: string; cells: string[]; message: string }[] }[];
}

function check(args: string[], env: NodeJS.ProcessEnv): { code: number | null; out: Out; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: JSON.parse(r.stdout) as Out, stderr: r.stderr };
}

/** What a reviewer reads of a run: per file, its partner and its findings. */
const seen = (o: Out) =>
  o.files.map((f) => ({ file: path.basename(f.file), previous: f.previous, findings: f.findings }));

const entries = (cache: string): string[] =>
  fs.existsSync(cache) ? fs.readdirSync(cache).filter((n) => n.endsWith('.form')) : [];

/** Rewrites a cache entry's form, with a checksum that matches (as if the workbook behind the key said this). */
function rewriteEntry(file: string, edit: (formJson: string) => string): void {
  const text = fs.readFileSync(file, 'utf8');
  const nl = text.indexOf('\n');
  const meta = JSON.parse(text.slice(0, nl)) as Record<string, unknown>;
  const formJson = edit(text.slice(nl + 1));
  fs.writeFileSync(file, `${JSON.stringify({ ...meta, sum: crc32(formJson).toString(16) })}\n${formJson}`);
}

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-previous-cache-'));
  lastDir = path.join(dir, '2026年');
  thisDir = path.join(dir, '2027年');
  fs.mkdirSync(lastDir);
  fs.mkdirSync(thisDir);
  lastForm = path.join(lastDir, '信访局.xlsx');
  fs.copyFileSync(EXAMPLE, lastForm);
  // A workbook that is no form: never cached, never anyone's partner.
  fs.writeFileSync(path.join(lastDir, '说明.xlsx'), 'not a workbook');
  thisForm = path.join(thisDir, '信访局.xlsx');
  const io = memoryIO();
  await run(['next', lastForm, thisForm], io);
  if (!fs.existsSync(thisForm)) throw new Error(io.stderr);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freshCache(name: string): string {
  return path.join(dir, name);
}

test('the second run takes last year’s form from the cache, and says exactly what the first said', () => {
  const base = freshCache('c1');
  const env = { JIXIAO_CACHE_DIR: base };
  const first = check([thisDir, '--previous', lastDir], env);
  const cache = cacheFolder(pkg.version, env)!;
  expect(cache.startsWith(base)).toBe(true);
  // One entry: the form (the broken workbook is no form and is not kept).
  expect(entries(cache)).toEqual([`${sha256(fs.readFileSync(lastForm))}.form`]);
  const second = check([thisDir, '--previous', lastDir], env);
  expect(second.code).toBe(first.code);
  expect(second.stderr).toBe(first.stderr);
  expect(seen(second.out)).toEqual(seen(first.out));
  expect(seen(second.out)[0]!.previous).toBe(lastForm);
  // And the same as a run without any cache.
  expect(seen(check([thisDir, '--previous', lastDir], { JIXIAO_CACHE_DIR: '' }).out)).toEqual(seen(first.out));
});

test('the cached form is what is compared: the workbook is not read again', () => {
  const env = { JIXIAO_CACHE_DIR: freshCache('c2') };
  check([thisForm, '--previous', lastForm], env);
  const entry = path.join(cacheFolder(pkg.version, env)!, `${sha256(fs.readFileSync(lastForm))}.form`);
  // The entry now says last year's form was another department's: the pairing check sees that form.
  rewriteEntry(entry, (f) => f.split('阳新县信访局').join('阳新县另一个局'));
  const r = check([thisForm, '--previous', lastForm], env);
  expect(r.out.files[0]!.findings.filter((f) => f.rule === 'previous-pair')).toHaveLength(1);
});

test('a damaged entry is ignored and written again; a changed workbook is read afresh', async () => {
  const env = { JIXIAO_CACHE_DIR: freshCache('c3') };
  const clean = seen(check([thisForm, '--previous', lastForm], env).out);
  const cache = cacheFolder(pkg.version, env)!;
  const entry = path.join(cache, `${sha256(fs.readFileSync(lastForm))}.form`);
  const good = fs.readFileSync(entry, 'utf8');
  // Changed without its checksum (a disk error, an editor): not trusted.
  fs.writeFileSync(entry, good.split('阳新县信访局').join('阳新县另一个局'));
  expect(seen(check([thisForm, '--previous', lastForm], env).out)).toEqual(clean);
  expect(fs.readFileSync(entry, 'utf8')).toBe(good);
  // Cut short, and nonsense: the same.
  for (const bad of [good.slice(0, 200), '\n', '{"v":1}\n{}']) {
    fs.writeFileSync(entry, bad);
    expect(seen(check([thisForm, '--previous', lastForm], env).out)).toEqual(clean);
    expect(fs.readFileSync(entry, 'utf8')).toBe(good);
  }
  // Last year's workbook corrected: other bytes, another entry, read afresh.
  const corrected = path.join(dir, 'corrected.xlsx');
  const bytes = fs.readFileSync(lastForm);
  fs.writeFileSync(corrected, Buffer.concat([bytes])); // same bytes: the same entry
  check([thisForm, '--previous', corrected], env);
  expect(entries(cache)).toHaveLength(1);
  const io = memoryIO();
  const other = path.join(dir, 'rolled-again.xlsx');
  return run(['next', lastForm, other], io).then(() => {
    check([thisForm, '--previous', other], env);
    expect(entries(cache).sort()).toEqual([`${sha256(bytes)}.form`, `${sha256(fs.readFileSync(other))}.form`].sort());
  });
});

test('an entry that is no regular file (a FIFO, a link to a device) neither hangs the run nor is read', () => {
  const env = { JIXIAO_CACHE_DIR: freshCache('c4') };
  const cache = cacheFolder(pkg.version, env)!;
  fs.mkdirSync(cache, { recursive: true });
  const entry = path.join(cache, `${sha256(fs.readFileSync(lastForm))}.form`);
  spawnSync('mkfifo', [entry]);
  const clean = seen(check([thisForm, '--previous', lastForm], { JIXIAO_CACHE_DIR: '' }).out);
  expect(seen(check([thisForm, '--previous', lastForm], env).out)).toEqual(clean);
  fs.rmSync(entry, { force: true });
  fs.symlinkSync('/dev/zero', entry);
  expect(seen(check([thisForm, '--previous', lastForm], env).out)).toEqual(clean);
});

test('--no-cache and an empty JIXIAO_CACHE_DIR keep nothing; without either, the user’s cache folder is used', () => {
  const home = freshCache('home');
  fs.mkdirSync(home);
  const env = { HOME: home, XDG_CACHE_HOME: '', JIXIAO_CACHE_DIR: undefined, LOCALAPPDATA: undefined };
  const noCache = check([thisForm, '--previous', lastForm, '--no-cache'], env);
  expect(noCache.out.files[0]!.previous).toBe(lastForm);
  expect(check([thisForm, '--previous', lastForm], { ...env, JIXIAO_CACHE_DIR: '' }).code).toBe(noCache.code);
  expect(fs.readdirSync(home)).toEqual([]);
  check([thisForm, '--previous', lastForm], env);
  const cache = path.join(home, '.cache', 'jixiao', `previous-${pkg.version}`);
  expect(entries(cache)).toHaveLength(1);
});

test('--no-cache without --previous is refused in Chinese', () => {
  const r = spawnSync(process.execPath, [BIN, 'check', thisForm, '--no-cache'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--no-cache.*--previous/);
});

test('an entry damaged or gone after the run read its first line: the workbook is read again, or the form is checked alone', async () => {
  const cache = path.join(freshCache('c5'), 'previous-x');
  const spool = path.join(dir, 'c5-spool.json');
  const probe = await probePrevious(lastForm, spool, openWorkbook, cache);
  expect(probe.kind).toBe('previous');
  // The first run reads the workbook and spools it; the second finds the entry.
  const hit = await probePrevious(lastForm, spool, openWorkbook, cache);
  if (hit.kind !== 'previous' || probe.kind !== 'previous') throw new Error('not a form');
  expect(hit.entry.cached).toBe(true);
  const fresh = await loadPrevious(probe.entry);
  expect(await loadPrevious(hit.entry)).toEqual(fresh);
  const good = fs.readFileSync(hit.entry.spool, 'utf8');
  // Damaged between the probe and the check: read from the workbook, and the entry is whole again.
  const nl = good.indexOf('\n');
  fs.writeFileSync(hit.entry.spool, good.slice(0, nl) + good.slice(nl).replace('阳新县信访局', '阳新县另一个局'));
  expect(await loadPrevious(hit.entry)).toEqual(fresh);
  expect(fs.readFileSync(hit.entry.spool, 'utf8') === good).toBe(true);
  // Removed, and the workbook gone too: the check is told (check-file then checks the form alone, with a note).
  const moved = path.join(dir, 'c5-moved.xlsx');
  fs.copyFileSync(lastForm, moved);
  const gone = await probePrevious(moved, spool, openWorkbook, cache);
  if (gone.kind !== 'previous') throw new Error('not a form');
  fs.rmSync(gone.entry.spool);
  fs.rmSync(moved);
  await expect(loadPrevious(gone.entry)).rejects.toThrow();
});

describe('cacheFolder and pruneCache', () => {
  test('the folder: JIXIAO_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache; named by the version', () => {
    expect(cacheFolder('0.3.0', { JIXIAO_CACHE_DIR: '' })).toBeNull();
    expect(cacheFolder('0.3.0', { JIXIAO_CACHE_DIR: '/srv/c' })).toBe(path.join('/srv/c', 'previous-0.3.0'));
    expect(cacheFolder('0.3.0', { XDG_CACHE_HOME: '/x' })).toBe(path.join('/x', 'jixiao', 'previous-0.3.0'));
    // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
    expect(cacheFolder('0.3.0', { XDG_CACHE_HOME: 'rel' })).toBe(
      path.join(os.homedir(), '.cache', 'jixiao', 'previous-0.3.0'),
    );
  });

  test('the least recently used entries go first; other versions’ folders go; a fresh temporary file stays', async () => {
    const base = freshCache('prune');
    const cache = path.join(base, 'previous-0.3.0');
    const old = path.join(base, 'previous-0.2.9');
    fs.mkdirSync(cache, { recursive: true });
    fs.mkdirSync(old);
    fs.writeFileSync(path.join(old, 'x.form'), 'x');
    const kept = path.join(base, 'notes');
    fs.writeFileSync(kept, 'the user’s own');
    const now = Date.now() / 1000;
    for (let i = 0; i < 5; i++) {
      const f = path.join(cache, `${i}.form`);
      fs.writeFileSync(f, Buffer.alloc(1000));
      fs.utimesSync(f, now - 100 + i, now - 100 + i);
    }
    fs.writeFileSync(path.join(cache, '.jixiao-1-0-0.tmp'), 'being written');
    fs.writeFileSync(path.join(cache, 'stray.txt'), 'x');
    await pruneCache(cache, 2500);
    expect(fs.readdirSync(cache).sort()).toEqual(['.jixiao-1-0-0.tmp', '3.form', '4.form']);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.readFileSync(kept, 'utf8')).toBe('the user’s own');
  });

  test('a hit marks its entry as used when the mark is over an hour old, and spares the write otherwise', async () => {
    const cache = path.join(freshCache('used'), 'previous-0.3.0');
    const choice = await findForm(await openWorkbook(EXAMPLE));
    if (!choice.form) throw new Error(choice.reason);
    const key = 'a'.repeat(64);
    await writeCached(cache, key, { key: 'x', department: 'x', budgetYear: 2026 }, choice.read.declaration);
    const entry = path.join(cache, `${key}.form`);
    const mtime = () => fs.statSync(entry).mtimeMs;
    const now = Math.floor(Date.now() / 1000);
    fs.utimesSync(entry, now - 2 * 3600, now - 2 * 3600);
    expect(readCachedMeta(cache, key)?.meta.budgetYear).toBe(2026);
    expect(mtime()).toBeGreaterThan(Date.now() - 60_000);
    fs.utimesSync(entry, now - 600, now - 600);
    expect(readCachedMeta(cache, key)?.meta.department).toBe('x');
    expect(Math.round(mtime() / 1000)).toBe(now - 600);
  });
});
