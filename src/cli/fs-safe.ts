/**
 * File system steps the command line takes on paths a user (or a script)
 * gives, done so that no path can hang the run or write somewhere unexpected.
 */
import { createHash } from 'crypto';
import { promises as fs, rmSync } from 'fs';
import { hostname } from 'os';
import * as path from 'path';
import { threadId } from 'worker_threads';
import { describeError } from './errors';

/** A folder that cannot be made; the message is Chinese and names the folder. */
export class FolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderError';
  }
}

/** No real path has more components than this; a longer walk up means something is wrong. */
const MAX_DEPTH = 4096;

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/**
 * `mkdir -p`, written out: Node's recursive mkdir retries forever where the
 * parent exists but refuses a child with ENOENT (/proc, some FUSE mounts).
 * Walks up to the nearest existing ancestor (which must be a folder), then
 * creates each missing folder once, top down.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (let depth = 0; ; depth++) {
    if (depth > MAX_DEPTH) throw new FolderError(`无法创建文件夹 ${dir}：路径层级过多`);
    let stat;
    try {
      stat = await fs.stat(cur);
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT' && errnoCode(err) !== 'ENOTDIR') {
        throw new FolderError(`无法创建文件夹 ${dir}：${describeError(err)}`);
      }
      const parent = path.dirname(cur);
      if (parent === cur) throw new FolderError(`无法创建文件夹 ${dir}：磁盘或根目录不存在`);
      missing.push(cur);
      cur = parent;
      continue;
    }
    if (!stat.isDirectory()) {
      throw new FolderError(`无法创建文件夹 ${dir}：${cur} 已存在同名文件，不是文件夹`);
    }
    break;
  }
  for (const d of missing.reverse()) {
    try {
      await fs.mkdir(d);
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'EEXIST') {
        const st = await fs.stat(d).catch(() => null);
        if (st?.isDirectory()) continue; // made meanwhile by someone else
        throw new FolderError(`无法创建文件夹 ${dir}：${d} 已存在同名文件，不是文件夹`);
      }
      // The parent exists (just checked or just made): ENOENT here means the place refuses new folders.
      const why = code === 'ENOENT' ? `${path.dirname(d)} 中不能新建文件夹` : describeError(err);
      throw new FolderError(`无法创建文件夹 ${dir}：${why}`);
    }
  }
}

/** An output that exists and may not be replaced (no --force); the message is Chinese and names it. */
export class ExistsError extends Error {
  constructor(readonly file: string) {
    super(`文件已存在：${file}（不会覆盖；如需覆盖请加 --force）`);
    this.name = 'ExistsError';
  }
}

/** Another run holds the output; the message is Chinese and names the output. */
export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

/** Temporary files of this thread not yet renamed or removed: removed on a signal or a broken stdout. */
const temps = new Set<string>();
let tempCount = 0;

/**
 * A short hidden name beside `target` for writing it: `.jixiao-<pid>-<thread>-<n>.tmp`, under 40 bytes
 * whatever the target is called, so a legal 250-byte name never fails because its temporary name is too long.
 */
export function tempBeside(target: string): string {
  const id = `${process.pid.toString(36)}-${threadId.toString(36)}-${(tempCount++).toString(36)}`;
  return path.join(path.dirname(path.resolve(target)), `.jixiao-${id}.tmp`);
}

/** Says that `temp` (written by another thread, or a folder of spooled rows) is this run's, to remove if it stops. */
export function trackTemp(temp: string): void {
  temps.add(temp);
}

export function untrackTemp(temp: string): void {
  temps.delete(temp);
}

/**
 * The run's stop gate, shared by the main thread with every worker: [0] is 1 once the run is stopping, [1] counts
 * the writes under way right now into temporary files another thread tracks (a worker writing an annotated copy
 * whose temporary name the main thread chose). The main thread closes the gate and waits for those writes before
 * it removes the files, so no worker can create one after it was removed.
 */
let gate = new Int32Array(new SharedArrayBuffer(8));
const STOPPING = 0;
const WRITING = 1;
/** How long a stopping run waits for writes under way; a write stalled longer than this is not waited for. */
const GATE_WAIT_MS = 3000;

/** The gate's memory, for the workers the main thread starts. */
export function stopGateMemory(): SharedArrayBuffer {
  return gate.buffer;
}

/** In a worker: use the main thread's gate (given in workerData). */
export function joinStopGate(memory: unknown): void {
  if (memory instanceof SharedArrayBuffer && memory.byteLength >= 8) gate = new Int32Array(memory);
}

/** The run is stopping: the temporary file was not written. */
export class StoppingError extends Error {
  constructor() {
    super('运行正在停止，未写出');
    this.name = 'StoppingError';
  }
}

/** Runs `write` as a write the stop gate waits for; refuses once the run is stopping. */
async function throughGate(write: () => Promise<void>): Promise<void> {
  Atomics.add(gate, WRITING, 1);
  try {
    // Counted first, then the flag read; the stopping thread sets the flag, then reads the count: one sees the other.
    if (Atomics.load(gate, STOPPING) !== 0) throw new StoppingError();
    await write();
  } finally {
    Atomics.sub(gate, WRITING, 1);
    Atomics.notify(gate, WRITING);
  }
}

/** Closes the gate and waits (blocking, at most GATE_WAIT_MS) until no gated write is under way. */
function closeGate(): void {
  Atomics.store(gate, STOPPING, 1);
  const until = Date.now() + GATE_WAIT_MS;
  for (let n = Atomics.load(gate, WRITING); n > 0; n = Atomics.load(gate, WRITING)) {
    const left = until - Date.now();
    if (left <= 0) break;
    Atomics.wait(gate, WRITING, n, left);
  }
}

/** Removes every temporary file this thread knows of, at once (signal handlers cannot wait). */
export function removeTempFiles(): void {
  for (const t of temps) {
    try {
      rmSync(t, { force: true, recursive: true });
    } catch {
      // nothing more can be done while stopping
    }
  }
}

/** Hard links are what makes "create, but never replace" atomic; a file system without them gets a check first. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

/**
 * The one way the command line writes a file: `write(temp)` beside the target, then the temporary file becomes
 * the target in one step, so an output is whole or absent. With `replace` the rename replaces what is there (a
 * link at the target is replaced, never written through); without it the file is published by a hard link,
 * which fails when the target exists, even one made a moment ago by a concurrent run: nothing is overwritten.
 * `temp` is given when another thread chose it (the worker writing an annotated copy the main thread tracks).
 */
export async function writeAtomically(
  target: string,
  write: (temp: string) => Promise<void>,
  opts: { replace: boolean; temp?: string },
): Promise<void> {
  const temp = opts.temp ?? tempBeside(target);
  trackTemp(temp);
  try {
    // A temporary file another thread tracks is written through the stop gate: once that thread has removed it, it
    // stays removed. This thread's own are removed by this thread, which cannot be writing while it stops.
    if (opts.temp !== undefined) await throughGate(() => write(temp));
    else await write(temp);
    if (opts.replace) await fs.rename(temp, target);
    else await publishNew(temp, target);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    untrackTemp(temp);
  }
}

async function publishNew(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') throw new ExistsError(target);
    if (code === undefined || !NO_LINKS.has(code)) throw err;
    const there = await fs.lstat(target).then(
      () => true,
      () => false,
    );
    if (there) throw new ExistsError(target);
    await fs.rename(temp, target);
  }
}

/** Locks held by this process, released at exit however it ends. */
const locks = new Set<string>();

function releaseLocksNow(): void {
  for (const l of locks) {
    try {
      rmSync(l, { force: true });
    } catch {
      // stopping anyway
    }
  }
  locks.clear();
}
let exitHook = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/**
 * Takes the lock for one output (the review summary, an annotate folder) for the whole run: a second run on
 * the same output refuses at once, in Chinese, instead of both writing and both saying they did. The lock is a
 * small hidden file in `dir` (`.jixiao-<hash of key>.lock`, holding the pid); one left by a process that no
 * longer runs on this machine is taken over. Returns the release. When the folder refuses new files, no lock is
 * taken (writing the output will fail and say why).
 */
export async function lockOutput(dir: string, key: string, what: string): Promise<() => void> {
  const name = `.jixiao-${createHash('sha1').update(key).digest('hex').slice(0, 12)}.lock`;
  const file = path.join(path.resolve(dir), name);
  const me = `${process.pid}\n${hostname()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, me, { flag: 'wx' });
      break;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') return () => undefined;
      const [pidText, host] = (await fs.readFile(file, 'utf8').catch(() => '')).split('\n');
      const pid = Number(pidText);
      const stale = host === hostname() && Number.isInteger(pid) && pid > 0 && !alive(pid);
      if (stale && attempt === 0) {
        await fs.rm(file, { force: true });
        continue;
      }
      const who =
        Number.isInteger(pid) && pid > 0
          ? `（进程 ${pid}${host && host !== hostname() ? `，计算机 ${host}` : ''}）`
          : '';
      throw new LockError(
        `${what} 正由另一个 jixiao 运行写出${who}：请等它结束后再运行；如果确定没有别的运行，请删除锁文件 ${file}`,
      );
    }
  }
  locks.add(file);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', releaseLocksNow);
  }
  return () => {
    if (!locks.delete(file)) return;
    try {
      rmSync(file, { force: true });
    } catch {
      // a lock that cannot be removed is taken over by the next run (its process is gone)
    }
  };
}

/**
 * What a run does when it must stop at once (a signal, a broken stdout): its temporary files go, its locks go.
 * Run twice a short moment apart by the signal handler, since a worker thread may have been creating a file.
 */
export function abandonOutputs(): void {
  closeGate();
  removeTempFiles();
  releaseLocksNow();
}
