/**
 * Checking files in worker threads: each file runs in a worker with a memory
 * cap (V8 resource limits) and a time limit. A worker that throws, runs out
 * of memory, exits or overruns its time costs only its file: the file is
 * reported unreadable with the reason, the worker is replaced, the run goes on.
 */
import { rmSync } from 'fs';
import { Worker } from 'worker_threads';
import { describeError, isSizeError } from './errors';
import { tempPathOf as tempOf } from './fs-safe';
import type { Rendered, RenderOptions } from './output/render';
import type { FileResult } from './result';

export interface CheckTask {
  file: string;
  budgetYear?: number;
  /** Where the annotated copy goes, when --annotate is given. */
  annotateTo?: string;
  /** The worker makes the file's output itself (see render.ts); keepFindings: the result keeps its findings. */
  render?: RenderOptions & { keepFindings: boolean };
}

export interface PoolOptions {
  /** Worker script (the bundled dist/check-worker.js, or the loader that starts it from V8's code cache). */
  script: string;
  /** Given to the worker script as `workerData`. */
  workerData?: unknown;
  /** Workers running at once. */
  size: number;
  /** Heap cap of one worker (old generation), MB. */
  maxMemoryMb: number;
  /** Time limit for one file, ms. */
  timeoutMs: number;
}

export const DEFAULT_MAX_MEMORY_MB = 384;
export const DEFAULT_TIMEOUT_MS = 120_000;
const YOUNG_GENERATION_MB = 64;

interface Job {
  task: CheckTask;
  resolve(result: FileResult | Rendered): void;
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
}

/**
 * Files in flight per worker. The worker sends its results in batches (see check-worker.ts): every wake-up of this
 * thread takes a core from the workers on a small machine, and a batch wakes it once for several files.
 */
const DEPTH = 8;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  /**
   * Starts up to `n` workers now, before any file is known, so their start-up overlaps finding the files.
   * An idle worker keeps nothing alive and is ended by close().
   */
  prestart(n: number): void {
    while (!this.closed && this.slots.length < Math.min(n, this.opts.size)) this.spawn();
  }

  run(task: CheckTask): Promise<FileResult | Rendered> {
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private pump(): void {
    while (this.queue.length) {
      // An idle worker first, then a new one, then one more file for a busy one (up to DEPTH in flight).
      let slot = this.slots.find((s) => s.jobs.length === 0);
      if (!slot && this.slots.length < this.opts.size) slot = this.spawn();
      if (!slot) slot = this.slots.find((s) => s.jobs.length < DEPTH);
      if (!slot) return;
      this.send(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const data = this.opts.workerData;
    const worker = new Worker(this.opts.script, {
      workerData: { ...(data && typeof data === 'object' ? data : {}), progress: progress.buffer },
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.maxMemoryMb,
        // A young generation of V8's usual size: left to V8, it is sized from the old generation's cap and,
        // that small, collects so often that checking runs half again as slow.
        maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, Math.max(8, Math.floor(this.opts.maxMemoryMb / 4))),
      },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, jobs: [], progress, received: 0, seen: 0, since: 0, timer: null };
    // A result is JSON text (a string crosses threads much cheaper than a structured clone); a batch is an array.
    worker.on('message', (msg: string | string[] | { result: FileResult }) => {
      if (Array.isArray(msg)) for (const m of msg) this.finish(slot, JSON.parse(m) as FileResult | Rendered);
      else this.finish(slot, typeof msg === 'string' ? (JSON.parse(msg) as FileResult | Rendered) : msg.result);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message);
      this.fail(
        slot,
        memory
          ? `文件过大：读取它所需的内存超过 ${this.opts.maxMemoryMb} MB 的上限，已跳过`
          : isSizeError(err)
            ? describeError(err)
            : `读取时出错：${describeError(err)}`,
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

  private finish(slot: Slot, result: FileResult | Rendered): void {
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
  private fail(slot: Slot, error: string): void {
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
      if (job.task.annotateTo !== undefined) rmSync(tempOf(job.task.annotateTo), { force: true });
      job.resolve({ kind: 'unreadable', file: job.task.file, error });
    }
    if (!this.closed) this.pump();
  }
}
