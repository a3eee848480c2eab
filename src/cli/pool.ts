/**
 * Checking files in worker threads: each file runs in a worker with a memory
 * cap (V8 resource limits) and a time limit. A worker that throws, runs out
 * of memory, exits or overruns its time costs only its file: the file is
 * reported unreadable with the reason, the worker is replaced, the run goes on.
 */
import { rmSync, statSync } from 'fs';
import { Worker } from 'worker_threads';
import { describeError, isSizeError } from './errors';
import { stopGateMemory } from './fs-safe';
import { oneLine, printableName } from './output/printable';
import type { Rendered, RenderOptions } from './output/render';
import type { FileResult } from './result';
import type { NextCommand } from './args';
import type { NextOutcome } from './next-command';
import type { PreviousProbe } from './previous';

export interface CheckTask {
  file: string;
  budgetYear?: number;
  /** Where the annotated copy goes, when --annotate is given. */
  annotateTo?: string;
  /** The temporary file the copy is written to first: chosen (and removed if the run stops) by the main thread. */
  annotateTemp?: string;
  /** --force: the copy may replace an existing file. */
  replace?: boolean;
  /** The worker makes the file's output itself (see render.ts); keepFindings: the result keeps its findings. */
  render?: RenderOptions & { keepFindings: boolean };
  /** `jixiao next` on this file (LAST) instead of a check: the worker does next's whole work (next-command.ts). */
  next?: { command: NextCommand; color: boolean };
  /** --previous: the index of last year's forms (previous.ts) the checked form is paired from. */
  previous?: string;
  /** --previous: this file is one of last year's; read its form and spool it there instead of checking it. */
  /** --previous: one of last year's workbooks to read and spool (with the cache folder of previous-cache.ts). */
  probe?: { spool: string; cache: string | null };
}

/** What a worker sends back for one task: a check's result, next's outcome, or last year's form read. */
export type WorkerReply = FileResult | Rendered | { next: NextOutcome } | { probe: PreviousProbe };

export interface PoolOptions {
  /** Worker script (the bundled dist/check-worker.js, or the loader that starts it from V8's code cache). */
  script: string;
  /** Given to the worker script as `workerData`. */
  workerData?: unknown;
  /** Workers running at once. */
  size: number;
  /** Heap cap of one worker (old generation), MB. */
  maxMemoryMb: number;
  /** Young generation of one worker, MB (default: from maxMemoryMb, up to 64). */
  youngMb?: number;
  /**
   * A file that runs out of memory under maxMemoryMb while other workers run is checked again alone, under these
   * caps, once every other worker is done and ended (so the run's memory stays bounded whatever --jobs is, and a
   * file gets the same memory whatever --jobs is). Without it, such a file is reported unreadable at once.
   */
  alone?: { maxMemoryMb: number; youngMb: number };
  /** Bytes of input files in flight at once (sizes as on disk); one file alone may have more. Default: no bound. */
  maxInFlightBytes?: number;
  /** Time limit for one file, ms. */
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const YOUNG_GENERATION_MB = 64;

interface Job {
  task: CheckTask;
  resolve(result: WorkerReply): void;
  /** The input file's size, for the bound on bytes in flight (0 when it cannot be known). */
  bytes: number;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

interface Slot {
  worker: Worker;
  /** Files sent to the worker whose results have not come back, in order. */
  jobs: Job[];
  /** Files the worker has finished, counted by the worker itself (shared memory; a worker that keeps no count leaves 0). */
  progress: Int32Array;
  /** Results received from the worker. */
  received: number;
  /** Progress last seen, and when it last moved (or the worker was given work while idle). */
  seen: number;
  since: number;
  timer: NodeJS.Timeout | null;
  /** A worker with the `alone` caps, for files retried alone. */
  alone: boolean;
  /** Its heap cap, MB (for the message when it runs out). */
  maxMemoryMb: number;
}

/**
 * Files in flight per worker. The worker sends its results in batches (see check-worker.ts): every wake-up of this
 * thread takes a core from the workers on a small machine, and a batch wakes it once for several files.
 */
const DEPTH = 8;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Files that ran out of memory beside other workers, waiting to be checked again alone. */
  private readonly heavy: Job[] = [];
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  /**
   * Starts up to `n` workers now, so their start-up overlaps work this thread does first (finding last year's forms).
   * An idle worker keeps nothing alive and is ended by close().
   */
  prestart(n: number): void {
    while (!this.closed && this.slots.length < Math.min(n, this.opts.size)) this.spawn(false);
  }

  run(task: CheckTask): Promise<FileResult | Rendered> {
    return new Promise((resolve) => {
      // A check task is answered with a check's result (check-worker.ts).
      this.queue.push({ task, resolve: resolve as (r: WorkerReply) => void, bytes: sizeOf(task.file) });
      this.pump();
    });
  }

  /**
   * `jixiao next` in a worker, with the same memory cap and time limit as a checked file. A worker that fails
   * (memory, time, crash) gives the same Chinese line a checked file would.
   */
  runNext(command: NextCommand, color: boolean): Promise<NextOutcome> {
    return new Promise((resolve) => {
      this.queue.push({
        bytes: sizeOf(command.last),
        task: { file: command.last, next: { command, color } },
        resolve: (reply) => {
          if ('next' in reply) resolve(reply.next);
          else if ('kind' in reply && reply.kind === 'unreadable')
            resolve({ code: 2, out: '', err: `jixiao：${printableName(command.last)}：${oneLine(reply.error)}\n` });
          else resolve({ code: 2, out: '', err: `jixiao：无法由 ${printableName(command.last)} 生成新申报表\n` });
        },
      });
      this.pump();
    });
  }

  /**
   * Reads one of last year's workbooks (--previous) in a worker, under the same memory cap, time limit and reader
   * limits as a checked file; a worker that fails gives the reason as an unreadable file.
   */
  runProbe(file: string, spool: string, cache: string | null): Promise<PreviousProbe> {
    return new Promise((resolve) => {
      this.queue.push({
        bytes: sizeOf(file),
        task: { file, probe: { spool, cache } },
        resolve: (reply) => {
          if ('probe' in reply) resolve(reply.probe);
          else if ('kind' in reply && reply.kind === 'unreadable')
            resolve({ kind: 'unreadable', file, error: reply.error });
          else resolve({ kind: 'unreadable', file, error: '读取时出错' });
        },
      });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  /** Bytes of the input files sent to workers and not answered yet. */
  private bytesInFlight(): number {
    let n = 0;
    for (const s of this.slots) for (const j of s.jobs) n += j.bytes;
    return n;
  }

  private pump(): void {
    if (this.closed) return;
    // Files to check again alone go first, one at a time, in a worker of their own once every other has ended.
    if (this.heavy.length || this.slots.some((s) => s.alone)) {
      if (this.slots.some((s) => !s.alone)) {
        if (this.slots.some((s) => !s.alone && s.jobs.length)) return;
        for (const s of this.slots.filter((x) => !x.alone)) this.end(s);
      }
      const alone = this.slots.find((s) => s.alone) ?? (this.heavy.length ? this.spawn(true) : null);
      if (alone && alone.jobs.length === 0) {
        const job = this.heavy.shift();
        if (job) return this.send(alone, job);
        this.end(alone);
      } else return;
    }
    while (this.queue.length) {
      // The bytes of the files in flight stay under the bound (a file larger than it runs by itself).
      const inFlight = this.bytesInFlight();
      if (this.opts.maxInFlightBytes !== undefined && inFlight > 0) {
        if (inFlight + this.queue[0]!.bytes > this.opts.maxInFlightBytes) return;
      }
      // An idle worker first, then a new one, then one more file for a busy one (up to DEPTH in flight).
      let slot = this.slots.find((s) => s.jobs.length === 0);
      if (!slot && this.slots.length < this.opts.size) slot = this.spawn(false);
      if (!slot) slot = this.slots.find((s) => s.jobs.length < DEPTH);
      if (!slot) return;
      this.send(slot, this.queue.shift()!);
    }
  }

  /** Ends an idle worker and forgets it. */
  private end(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
  }

  private spawn(alone: boolean): Slot {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const data = this.opts.workerData;
    const maxMemoryMb = alone && this.opts.alone ? this.opts.alone.maxMemoryMb : this.opts.maxMemoryMb;
    // A young generation of V8's usual size: left to V8, it is sized from the old generation's cap and, that
    // small, collects so often that checking runs half again as slow.
    const youngMb =
      alone && this.opts.alone
        ? this.opts.alone.youngMb
        : (this.opts.youngMb ?? Math.min(YOUNG_GENERATION_MB, Math.max(8, Math.floor(maxMemoryMb / 4))));
    const worker = new Worker(this.opts.script, {
      workerData: {
        ...(data && typeof data === 'object' ? data : {}),
        progress: progress.buffer,
        stopGate: stopGateMemory(),
      },
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: youngMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = {
      worker,
      jobs: [],
      progress,
      received: 0,
      seen: 0,
      since: 0,
      timer: null,
      alone,
      maxMemoryMb,
    };
    // A result is JSON text (a string crosses threads much cheaper than a structured clone); a batch is an array.
    worker.on('message', (msg: string | string[] | { result: FileResult }) => {
      if (Array.isArray(msg)) for (const m of msg) this.finish(slot, JSON.parse(m) as WorkerReply);
      else this.finish(slot, typeof msg === 'string' ? (JSON.parse(msg) as WorkerReply) : msg.result);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message);
      this.fail(
        slot,
        memory
          ? `文件过大：读取它所需的内存超过 ${slot.maxMemoryMb} MB 的上限，已跳过`
          : isSizeError(err)
            ? describeError(err)
            : `读取时出错：${describeError(err)}`,
        memory,
      );
    });
    worker.on('exit', (code) => this.fail(slot, `读取时处理进程意外退出（代码 ${code}）`));
    // An idle worker must not keep the process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private send(slot: Slot, job: Job): void {
    slot.jobs.push(job);
    slot.worker.ref();
    slot.worker.postMessage(job.task);
    if (slot.jobs.length === 1) this.startClock(slot);
  }

  /** Files the worker has finished: its own count, or (a worker that keeps none) the results received. */
  private finished(slot: Slot): number {
    return Math.max(Atomics.load(slot.progress, 0), slot.received);
  }

  /**
   * The time limit runs for the file the worker is on: from when the worker finished the file before it (or was
   * given work while idle). Checked a few times per limit, so a file gets at most an eighth more than the limit.
   */
  private startClock(slot: Slot): void {
    slot.seen = this.finished(slot);
    slot.since = Date.now();
    if (slot.timer) return;
    const period = Math.max(25, Math.floor(this.opts.timeoutMs / 8));
    const tick = () => {
      slot.timer = null;
      if (!slot.jobs.length || !this.slots.includes(slot)) return;
      const done = this.finished(slot);
      if (done !== slot.seen) {
        slot.seen = done;
        slot.since = Date.now();
      } else if (Date.now() - slot.since >= this.opts.timeoutMs) {
        this.fail(slot, `处理超时：超过 ${Math.round(this.opts.timeoutMs / 1000)} 秒仍未读完，已跳过`);
        return;
      }
      slot.timer = setTimeout(tick, period);
    };
    slot.timer = setTimeout(tick, period);
  }

  private finish(slot: Slot, result: WorkerReply): void {
    const job = slot.jobs.shift();
    if (!job) return;
    slot.received++;
    if (!slot.jobs.length) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.worker.unref();
    }
    job.resolve(result);
    this.pump();
  }

  /**
   * The worker failed its file: report it, drop the worker, hand the files waiting behind it to another, go on.
   * The file it failed on is the one after those it had finished (its own count); a finished file whose result
   * it still held is checked again, so nothing but the failed file is lost.
   */
  private fail(slot: Slot, error: string, memory = false): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
    const held = Math.max(0, Math.min(slot.jobs.length, this.finished(slot) - slot.received));
    const job = slot.jobs[held];
    const again = [...slot.jobs.slice(0, held), ...slot.jobs.slice(held + 1)];
    slot.jobs = [];
    this.queue.unshift(...again);
    if (job) {
      // A worker killed while writing the copy leaves its temporary file behind.
      if (job.task.annotateTemp !== undefined) rmSync(job.task.annotateTemp, { force: true });
      // Out of memory beside other workers, under a smaller cap: checked again alone, under the caps of one worker.
      if (memory && !slot.alone && this.opts.alone && this.opts.alone.maxMemoryMb > slot.maxMemoryMb)
        this.heavy.push(job);
      else job.resolve({ kind: 'unreadable', file: job.task.file, error });
    }
    if (!this.closed) this.pump();
  }
}
