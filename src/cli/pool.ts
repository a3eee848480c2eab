/**
 * Checking files in worker threads: each file runs in a worker with a memory
 * cap (V8 resource limits) and a time limit. A worker that throws, runs out
 * of memory, exits or overruns its time costs only its file: the file is
 * reported unreadable with the reason, the worker is replaced, the run goes on.
 */
import { rmSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { describeError, isSizeError } from './check-file';
import type { FileResult } from './result';

export interface CheckTask {
  file: string;
  budgetYear?: number;
  /** Where the annotated copy goes, when --annotate is given. */
  annotateTo?: string;
}

export interface PoolOptions {
  /** Worker script (the bundled dist/check-worker.js). */
  script: string;
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
  resolve(result: FileResult): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/** The temporary file check-file.ts writes an annotated copy to before renaming it (left behind by a killed worker). */
function tempOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  run(task: CheckTask): Promise<FileResult> {
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
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.opts.size) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.script, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.opts.maxMemoryMb,
        // A young generation of V8's usual size: left to V8, it is sized from the old generation's cap and,
        // that small, collects so often that checking runs half again as slow.
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (msg: string | { result: FileResult }) =>
      this.finish(slot, typeof msg === 'string' ? (JSON.parse(msg) as FileResult) : msg.result),
    );
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

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.fail(slot, `处理超时：超过 ${Math.round(this.opts.timeoutMs / 1000)} 秒仍未读完，已跳过`);
    }, this.opts.timeoutMs);
    slot.worker.postMessage(job.task);
  }

  private finish(slot: Slot, result: FileResult): void {
    const job = slot.job;
    if (!job) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
    job.resolve(result);
    this.pump();
  }

  /** The worker failed its file: report it, drop the worker, go on with a new one. */
  private fail(slot: Slot, error: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = null;
    if (job) {
      if (job.task.annotateTo !== undefined) rmSync(tempOf(job.task.annotateTo), { force: true });
      job.resolve({ kind: 'unreadable', file: job.task.file, error });
    }
    if (!this.closed) this.pump();
  }
}
