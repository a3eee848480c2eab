/**
 * The worker pool isolates each file: a worker that throws, runs out of
 * memory, exits or hangs costs only its file, which is reported unreadable
 * with a Chinese reason; the other files are checked and the order kept.
 * The workers here are small scripts that misbehave on request (by file name).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../../src/cli/check-command';
import { resultOf } from '../../src/cli/output/render';
import { memoryIO } from '../../src/cli/io';
import { WorkerPool } from '../../src/cli/pool';
import type { FileResult } from '../../src/cli/result';

let tmp: string;
let script: string;

const WORKER = `
const { parentPort } = require('worker_threads');
// One file after the other, as the real worker does (the pool sends the next file before this one is done).
const queue = [];
let busy = false;
function next() {
  const task = queue.shift();
  if (!task) { busy = false; return; }
  busy = true;
  const name = require('path').basename(task.file);
  if (name.startsWith('hang')) { for (;;) {} }
  if (name.startsWith('oom')) { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }
  if (name.startsWith('throw')) throw new Error('Invalid string length');
  if (name.startsWith('exit')) process.exit(3);
  let reason = 'ok ' + name;
  // 80 MB of heap: more than a 48 MB worker holds.
  if (name.startsWith('big')) {
    const keep = [];
    for (let i = 0; i < 10; i++) keep.push(new Array(1e6).fill(Math.random()));
    reason += ' under ' + require('worker_threads').resourceLimits.maxOldGenerationSizeMb + ' MB';
  }
  // A while of work, with when it started and ended.
  if (name.startsWith('slow')) {
    const from = Date.now();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    reason = from + ' ' + Date.now();
  }
  parentPort.postMessage(JSON.stringify({ kind: 'not-form', file: task.file, sheet: 'S', reason }));
  setImmediate(next);
}
parentPort.on('message', (task) => { queue.push(task); if (!busy) setImmediate(next); });
`;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-pool-'));
  script = path.join(tmp, 'worker.js');
  await fs.writeFile(script, WORKER);
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function files(names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const n of names) {
    const f = path.join(tmp, n);
    await fs.writeFile(f, 'x');
    out.push(f);
  }
  return out;
}

describe('WorkerPool', () => {
  it('a hang, a heap overflow, a throw and an exit each cost only their file; the run goes on, in input order', async () => {
    const list = await files(['a.xlsx', 'hang.xlsx', 'b.xlsx', 'oom.xlsx', 'throw.xlsx', 'exit.xlsx', 'c.xlsx']);
    const pool = new WorkerPool({ script, size: 2, maxMemoryMb: 48, timeoutMs: 5000 });
    const io = memoryIO();
    const code = await runCheck(
      { kind: 'check', paths: list, format: 'json' },
      io,
      async () => {
        throw new Error('the pool checks, not the opener');
      },
      pool,
    );
    const out = JSON.parse(io.stdout) as {
      files: { file: string; error?: string; reason?: string }[];
      summary: { files: number; unreadable: number };
    };
    expect(out.files.map((f) => f.file)).toEqual(list);
    expect(out.summary).toMatchObject({ files: 7, unreadable: 4 });
    const by = (n: string) => out.files.find((f) => f.file.endsWith(n))!;
    expect(by('a.xlsx').reason).toBe('ok a.xlsx');
    expect(by('c.xlsx').reason).toBe('ok c.xlsx');
    expect(by('hang.xlsx').error).toMatch(/^处理超时：超过 5 秒/);
    expect(by('oom.xlsx').error).toMatch(/^文件过大：读取它所需的内存超过 48 MB 的上限/);
    // V8's own words for a string too large never reach the user.
    expect(by('throw.xlsx').error).toMatch(/^文件过大/);
    expect(by('throw.xlsx').error).not.toMatch(/Invalid/);
    expect(by('exit.xlsx').error).toMatch(/意外退出/);
    expect(code).toBe(2);
  }, 60_000);

  it('runs as many files at once as it has workers: a file queued after two hangs is done before them', async () => {
    const list = await files(['hang1.xlsx', 'hang2.xlsx', 'd.xlsx']);
    const pool = new WorkerPool({ script, size: 3, maxMemoryMb: 48, timeoutMs: 4000 });
    const done: string[] = [];
    const results = await Promise.all(
      list.map((file) =>
        pool.run({ file }).then((r) => {
          done.push(path.basename(file));
          return r;
        }),
      ),
    );
    await pool.close();
    expect(results.map((r) => resultOf(r).kind)).toEqual(['unreadable', 'unreadable', 'not-form']);
    expect(done[0]).toBe('d.xlsx');
  }, 30_000);

  it('with one worker, files run one after the other', async () => {
    const list = await files(['hang3.xlsx', 'e.xlsx']);
    const pool = new WorkerPool({ script, size: 1, maxMemoryMb: 48, timeoutMs: 1000 });
    const done: string[] = [];
    await Promise.all(list.map((file) => pool.run({ file }).then(() => done.push(path.basename(file)))));
    await pool.close();
    expect(done).toEqual(['hang3.xlsx', 'e.xlsx']);
  }, 30_000);
});

/**
 * A worker that behaves like the real one (check-worker.ts): it holds its results and sends them three at a time
 * (or when it has nothing left), and counts each finished file in the shared progress counter. "slow" files take
 * 500 ms each.
 */
const BATCHING_WORKER = `
const { parentPort, workerData } = require('worker_threads');
const progress = new Int32Array(workerData.progress);
const queue = [];
let held = [];
let done = 0;
let busy = false;
function flush() { if (held.length) { parentPort.postMessage(held); held = []; } }
function next() {
  const task = queue.shift();
  if (!task) { busy = false; flush(); return; }
  busy = true;
  const name = require('path').basename(task.file);
  if (name.startsWith('hang')) { for (;;) {} }
  if (name.startsWith('oom')) { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }
  if (name.startsWith('exit')) process.exit(3);
  if (name.startsWith('slow')) { const until = Date.now() + 500; while (Date.now() < until) {} }
  held.push(JSON.stringify({ kind: 'not-form', file: task.file, sheet: 'S', reason: 'ok ' + name }));
  Atomics.store(progress, 0, ++done);
  if (held.length >= 3) flush();
  setImmediate(next);
}
parentPort.on('message', (task) => { queue.push(task); if (!busy) { busy = true; setImmediate(next); } });
`;

describe('WorkerPool with a worker that sends its results in batches', () => {
  let batching: string;
  beforeAll(async () => {
    batching = path.join(tmp, 'batching-worker.js');
    await fs.writeFile(batching, BATCHING_WORKER);
  });

  async function runAll(names: string[], timeoutMs: number): Promise<string[]> {
    const list = await files(names);
    const pool = new WorkerPool({ script: batching, size: 1, maxMemoryMb: 48, timeoutMs });
    const results = await Promise.all(list.map((file) => pool.run({ file })));
    await pool.close();
    return results.map((r) => {
      const x = resultOf(r);
      return x.kind === 'unreadable'
        ? `${path.basename(x.file)}: ${x.error.slice(0, 4)}`
        : `${x.kind === 'not-form' ? x.reason : ''}`;
    });
  }

  it('a hang, a crash or a heap overflow is charged to the file the worker was on, not to finished files it still held', async () => {
    expect(await runAll(['a1.xlsx', 'b1.xlsx', 'hang-b.xlsx', 'c1.xlsx'], 1000)).toEqual([
      'ok a1.xlsx',
      'ok b1.xlsx',
      'hang-b.xlsx: 处理超时',
      'ok c1.xlsx',
    ]);
    expect(await runAll(['a2.xlsx', 'b2.xlsx', 'exit-b.xlsx', 'c2.xlsx'], 5000)).toEqual([
      'ok a2.xlsx',
      'ok b2.xlsx',
      'exit-b.xlsx: 读取时处',
      'ok c2.xlsx',
    ]);
    expect(await runAll(['a3.xlsx', 'oom-b.xlsx', 'c3.xlsx'], 5000)).toEqual([
      'ok a3.xlsx',
      'oom-b.xlsx: 文件过大',
      'ok c3.xlsx',
    ]);
  }, 60_000);

  it('the time limit runs per file: a worker that finishes file after file is never stopped, however late its batch', async () => {
    // Three files of 500 ms each come back together after 1.5 s, past a limit of 1.2 s per file. (The limit
    // leaves the worker's start room on a loaded machine: its clock starts when it is given its first file.)
    expect(await runAll(['slow1.xlsx', 'slow2.xlsx', 'slow3.xlsx', 'slow4.xlsx'], 1200)).toEqual([
      'ok slow1.xlsx',
      'ok slow2.xlsx',
      'ok slow3.xlsx',
      'ok slow4.xlsx',
    ]);
  }, 30_000);
});

describe('runCheck with a checker', () => {
  it('a result that cannot be written out is reported unreadable; the JSON document stays whole and in order', async () => {
    const io = memoryIO();
    const list = await files(['x1.xlsx', 'x2.xlsx']);
    const checker = {
      async run(task: { file: string }) {
        if (task.file.endsWith('x1.xlsx')) {
          // A value JSON cannot hold, as a bug in a rule might produce.
          return { kind: 'not-form', file: task.file, sheet: 'S', reason: BigInt(10) } as unknown as FileResult;
        }
        return { kind: 'not-form', file: task.file, sheet: 'S', reason: 'ok' } as FileResult;
      },
      async close() {},
    };
    const code = await runCheck(
      { kind: 'check', paths: list, format: 'json' },
      io,
      async () => {
        throw new Error('unused');
      },
      checker,
    );
    const out = JSON.parse(io.stdout) as { files: { file: string; error?: string; reason?: string }[] };
    expect(out.files.map((f) => f.file)).toEqual(list);
    expect(out.files[0]!.error).toMatch(/^内部错误：无法输出结果/);
    expect(out.files[1]!.reason).toBe('ok');
    expect(code).toBe(2);
  });

  it('a file out of memory beside other workers is checked again alone, under the caps of one worker', async () => {
    const list = await files(['f.xlsx', 'big.xlsx', 'g.xlsx', 'h.xlsx', 'oom2.xlsx', 'i.xlsx']);
    const pool = new WorkerPool({
      script,
      size: 2,
      maxMemoryMb: 48,
      alone: { maxMemoryMb: 160, youngMb: 16 },
      timeoutMs: 20_000,
    });
    const results = (await Promise.all(list.map((file) => pool.run({ file })))).map(resultOf);
    await pool.close();
    expect(results.map((r) => r.kind)).toEqual([
      'not-form',
      'not-form',
      'not-form',
      'not-form',
      'unreadable',
      'not-form',
    ]);
    expect(results[1]).toMatchObject({ reason: 'ok big.xlsx under 160 MB' });
    // Too large even alone: said with the cap it had alone.
    expect(results[4]).toMatchObject({ error: expect.stringMatching(/^文件过大：读取它所需的内存超过 160 MB 的上限/) });
  }, 60_000);

  it('the bytes of the files in flight stay under the bound; a file larger than the bound runs by itself', async () => {
    const names = ['slow1.xlsx', 'slow2.xlsx', 'slow3.xlsx', 'slow4.xlsx'];
    const list = await files(names);
    // 600 bytes each against a bound of 1,000: never two at once; slow4 is small and may run beside another.
    for (const f of list.slice(0, 3)) await fs.writeFile(f, 'x'.repeat(600));
    const pool = new WorkerPool({ script, size: 3, maxMemoryMb: 48, timeoutMs: 10_000, maxInFlightBytes: 1000 });
    const results = (await Promise.all(list.map((file) => pool.run({ file })))).map(resultOf);
    await pool.close();
    const spans = results.map((r) => (r.kind === 'not-form' ? r.reason.split(' ').map(Number) : [NaN, NaN]));
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) {
        const [s1, e1] = spans[a]!;
        const [s2, e2] = spans[b]!;
        expect(e1! <= s2! || e2! <= s1!).toBe(true);
      }
  }, 30_000);
});
