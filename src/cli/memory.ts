/**
 * The memory of a whole run, accounted (issue 21): the launcher, the main thread, every worker's heap caps and
 * what a worker holds outside its heap, and the bytes of the input files being read. The number of workers and
 * each one's heap cap are chosen so that the sum stays under RUN_MEMORY_MB whatever --jobs asks for: --jobs is an
 * upper bound, not a promise.
 */

/** Peak resident memory of a run, whatever its input and --jobs (issue 21). */
export const RUN_MEMORY_MB = 600;

/**
 * The launcher (relaunch on small machines, ~45 MB) and the main thread with the bundle loaded, the output and the
 * summary's spool (~80 MB measured: one example at --jobs 1 peaks at 117 MB with its worker), with a margin.
 */
export const RESERVED_MB = 150;

/** Bytes of input files being read at once (the pool admits files by size); one file alone may use it all. */
export const FILE_BYTES_MB = 100;

/** A worker beyond its heap caps: the isolate and its code (~18 MB measured per extra worker on the example). */
export const WORKER_BASE_MB = 24;

/**
 * What a worker holds outside its heap besides the file's bytes: a part inflated in one call (up to 16 MB), a part
 * read whole to be patched (its bytes; its text is in the heap), zlib's and the output zip's buffers.
 */
export const WORKER_NATIVE_MB = 48;

/** Old generation of a worker: at most this (a form needs far less), and never less than the smallest that checks a large form. */
export const MAX_OLD_MB = 384;
export const MIN_OLD_MB = 80;

/** Young generation: V8's usual size where one worker has the room (smaller collects so often checking slows). */
function youngMb(workers: number): number {
  return workers === 1 ? 32 : 16;
}

export interface WorkerLimits {
  /** Workers at most (the pool starts them on demand, up to the number of files). */
  workers: number;
  /** Heap caps of each worker, MB. */
  oldMb: number;
  youngMb: number;
}

/** The run's accounted peak, MB, for these limits. */
export function accountedMb(l: WorkerLimits): number {
  return RESERVED_MB + FILE_BYTES_MB + l.workers * (WORKER_BASE_MB + WORKER_NATIVE_MB + l.oldMb + l.youngMb);
}

/** The most workers whose accounted memory fits the run's bound with at least MIN_OLD_MB of heap each. */
function mostWorkers(): number {
  let n = 1;
  while (limitsFor(n + 1).oldMb >= MIN_OLD_MB) n++;
  return n;
}

function limitsFor(workers: number): WorkerLimits {
  const young = youngMb(workers);
  const each = Math.floor((RUN_MEMORY_MB - RESERVED_MB - FILE_BYTES_MB) / workers);
  return { workers, oldMb: Math.min(MAX_OLD_MB, each - WORKER_BASE_MB - WORKER_NATIVE_MB - young), youngMb: young };
}

/** Workers and heap caps for `--jobs N` (or the number of cores): as many workers as asked, up to what fits. */
export function workerLimits(jobs: number): WorkerLimits {
  return limitsFor(Math.max(1, Math.min(Math.floor(jobs), mostWorkers())));
}
