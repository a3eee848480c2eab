/**
 * files.json in the cache of last year's forms (src/cli/previous-cache.ts, KnownFiles): a re-check finds each of
 * last year's workbooks by its identity and file status, without reading and hashing it again. What must never
 * happen is a changed workbook taken for the one remembered; the tests change workbooks the ways that keep a
 * naive status (size and modification time) the same.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import pkg from '../../package.json';
import { memoryIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { lookUpCached, probePrevious, type PreviousProbe } from '../../src/cli/previous';
import { cacheFolder, KNOWN_LIMIT, KnownFiles, pruneCache, SETTLE_MS } from '../../src/cli/previous-cache';
import { fileIdentity } from '../../src/cli/previous-plan';
import { openWorkbook } from '../../src/cli/xlsx-workbook';
import { withDepartment } from '../helpers/department';
import { BIN, buildCli, EXAMPLE } from './run-cli';

let dir: string;
/** Settled workbooks (written over SETTLE_MS before the tests), one per test that changes its own. */
const settled: Record<'kept' | 'inPlace' | 'cli', string> = { kept: '', inPlace: '', cli: '' };
let thisForm: string;

/** The fs module itself (not an import's copy of it), whose openSync the code under test calls. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as typeof fs;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const idOf = (file: string) => fileIdentity(file);

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-previous-known-'));
  for (const k of Object.keys(settled) as (keyof typeof settled)[]) {
    fs.mkdirSync(path.join(dir, k));
    settled[k] = path.join(dir, k, '信访局.xlsx');
    fs.copyFileSync(EXAMPLE, settled[k]);
    // Last modified a day ago, to the second: a time that can be put back exactly.
    const day = Math.floor(Date.now() / 1000) - 86_400;
    fs.utimesSync(settled[k], day, day);
  }
  thisForm = path.join(dir, '本年.xlsx');
  const io = memoryIO();
  await run(['next', EXAMPLE, thisForm], io);
  if (!fs.existsSync(thisForm)) throw new Error(io.stderr);
  // Their status has to stand still before it is trusted.
  await new Promise((r) => setTimeout(r, SETTLE_MS + 300));
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

afterEach(() => jest.restoreAllMocks());

/** Reads `file` into the cache `cache` as the first run does, and remembers it as the plan does. */
async function firstRun(file: string, cache: string): Promise<Extract<PreviousProbe, { kind: 'previous' }>> {
  const probe = await probePrevious(file, path.join(dir, `${path.basename(cache)}.spool`), openWorkbook, cache);
  if (probe.kind !== 'previous') throw new Error(probe.kind);
  const known = KnownFiles.load(cache);
  if (probe.known) {
    const { key, department, budgetYear } = probe.entry;
    known.remember(idOf(file), { ...probe.known, meta: { key, department, budgetYear } });
  }
  await known.save();
  return probe;
}

test('a settled workbook is remembered, and found again without being read', async () => {
  const file = settled.kept;
  const cache = path.join(dir, 'c1', 'previous-x');
  const first = await firstRun(file, cache);
  expect(first.known).toEqual({ key: sha256(fs.readFileSync(file)), sig: expect.any(String) });
  expect(fs.existsSync(path.join(cache, 'files.json'))).toBe(true);

  const opened = jest.spyOn(nodeFs, 'openSync');
  const hit = lookUpCached(file, cache, KnownFiles.load(cache), idOf(file), fs.statSync(file));
  expect(opened.mock.calls.filter(([p]) => p === file)).toEqual([]);
  expect(hit).toEqual({
    kind: 'previous',
    entry: {
      file,
      key: first.entry.key,
      department: first.entry.department,
      budgetYear: 2026,
      spool: path.join(cache, `${first.known!.key}.form`),
      cached: true,
    },
  });
});

test('a workbook rewritten in place with its size and modification time kept is read and hashed again', async () => {
  const file = settled.inPlace;
  const cache = path.join(dir, 'c2', 'previous-x');
  await firstRun(file, cache);
  const before = fs.statSync(file);
  // Other bytes, the same length, the old modification time put back (as a copy that keeps times would).
  const bytes = fs.readFileSync(file);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
  fs.writeFileSync(file, bytes);
  fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000);
  const after = fs.statSync(file);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);

  const opened = jest.spyOn(nodeFs, 'openSync');
  // Not in the cache under its new bytes: null, and the worker then reads it as a new workbook.
  expect(lookUpCached(file, cache, KnownFiles.load(cache), idOf(file), after)).toBeNull();
  expect(opened.mock.calls.filter(([p]) => p === file)).toHaveLength(1);
});

test('a workbook read for the cache is opened once: the entry holds the form of the very bytes hashed', async () => {
  const cache = path.join(dir, 'c8', 'previous-x');
  const opened = jest.spyOn(nodeFs, 'openSync');
  const probe = await probePrevious(settled.kept, path.join(dir, 'c8.spool'), openWorkbook, cache);
  expect(probe.kind).toBe('previous');
  expect(opened.mock.calls.filter(([p]) => p === settled.kept)).toHaveLength(1);
});

test('a workbook written moments ago is not remembered: its status could still change within the clock’s tick', async () => {
  const fresh = path.join(dir, 'fresh.xlsx');
  fs.copyFileSync(EXAMPLE, fresh);
  const probe = await probePrevious(fresh, path.join(dir, 'fresh.spool'), openWorkbook, path.join(dir, 'c3'));
  expect(probe.kind).toBe('previous');
  expect(probe.kind === 'previous' && probe.known).toBeUndefined();
});

test('a files.json that is damaged, hostile or of another format counts as empty', async () => {
  const cache = path.join(dir, 'c4', 'previous-x');
  const first = await firstRun(settled.kept, cache);
  const list = path.join(cache, 'files.json');
  const good = fs.readFileSync(list, 'utf8');
  const id = idOf(settled.kept);
  const sig = first.known!.sig;
  expect(KnownFiles.load(cache).find(id, sig)).not.toBeNull();
  const record = JSON.parse(good).files[0][1];
  const bad: string[] = [
    good.slice(0, good.length / 2),
    'null',
    '{"v":2,"files":[]}',
    JSON.stringify({ v: 1, files: [[id, { ...record, key: '../../etc/passwd' }]] }),
    JSON.stringify({ v: 1, files: [[id, { ...record, meta: { key: 1 } }]] }),
    JSON.stringify({ v: 1, files: { [id]: record } }),
  ];
  for (const text of bad) {
    fs.writeFileSync(list, text);
    expect(KnownFiles.load(cache).find(id, sig)).toBeNull();
  }
  // Larger than it is ever read (a sparse file: nothing is written), and not a regular file at all.
  fs.rmSync(list);
  fs.closeSync(fs.openSync(list, 'w'));
  fs.truncateSync(list, KNOWN_LIMIT + 1);
  expect(KnownFiles.load(cache).find(id, sig)).toBeNull();
  fs.rmSync(list);
  spawnSync('mkfifo', [list]);
  expect(KnownFiles.load(cache).find(id, sig)).toBeNull();
  fs.rmSync(list);
});

test('files.json keeps no workbook whose entry is gone, and pruning the cache keeps files.json', async () => {
  const cache = path.join(dir, 'c5', 'previous-x');
  const first = await firstRun(settled.kept, cache);
  const id = idOf(settled.kept);
  await pruneCache(cache);
  expect(KnownFiles.load(cache).find(id, first.known!.sig)).not.toBeNull();
  fs.rmSync(path.join(cache, `${first.known!.key}.form`));
  const known = KnownFiles.load(cache);
  // Remembering another workbook makes it write files.json again: without the one whose entry went.
  known.remember('other', { sig: 'x', key: first.known!.key.replace(/./, 'f'), meta: first.entry });
  await known.save();
  expect(KnownFiles.load(cache).find(id, first.known!.sig)).toBeNull();
});

test('files.json keeps the 5,000 workbooks remembered last, well within what it is read up to', async () => {
  const cache = path.join(dir, 'c7', 'previous-x');
  const first = await firstRun(settled.kept, cache);
  const known = KnownFiles.load(cache);
  // Long real paths of Chinese folder names: about the longest records there are.
  const id = (i: number) => `/home/审核/二〇二六年度/各部门申报表/第${i}个部门（单位）整体绩效目标申报表.xlsx`;
  for (let i = 0; i < 5_005; i++)
    known.remember(id(i), { sig: `1:${i}:2:3:4`, key: first.known!.key, meta: first.entry });
  await known.save();
  expect(fs.statSync(path.join(cache, 'files.json')).size).toBeLessThan(KNOWN_LIMIT / 1.5);
  const back = KnownFiles.load(cache);
  expect(back.find(id(5_004), '1:5004:2:3:4')).not.toBeNull();
  expect(back.find(id(5), '1:5:2:3:4')).not.toBeNull();
  expect(back.find(id(4), '1:4:2:3:4')).toBeNull();
});

test('through the command line: a re-check pairs by files.json, and a workbook changed since is read afresh', async () => {
  const file = settled.cli;
  const env = { ...process.env, JIXIAO_CACHE_DIR: path.join(dir, 'c6') };
  const check = () => {
    const r = spawnSync(process.execPath, [BIN, 'check', thisForm, '--previous', file, '--format', 'json'], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    const out = JSON.parse(r.stdout) as { files: { previous: string | null; findings: { rule: string }[] }[] };
    return out.files[0]!.findings.filter((f) => f.rule.startsWith('previous-')).map((f) => f.rule);
  };
  expect(check()).toEqual([]);
  const cache = cacheFolder(pkg.version, env)!;
  const list = JSON.parse(fs.readFileSync(path.join(cache, 'files.json'), 'utf8')) as { files: [string][] };
  expect(list.files.map(([id]) => id)).toEqual([idOf(file)]);
  expect(check()).toEqual([]);
  // Last year's form replaced by another department's, its modification time put back.
  const before = fs.statSync(file);
  fs.writeFileSync(file, await withDepartment(fs.readFileSync(file), '阳新县另一个局'));
  fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000);
  expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
  expect(check()).toEqual(['previous-pair']);
});
