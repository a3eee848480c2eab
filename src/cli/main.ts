/** Command line entry: `jixiao template …`, `jixiao check …`. Returns the exit code. */
import './quiet-deprecations';
import * as fs from 'fs';
import { writeSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import pkg from '../../package.json';
import { parseArgs, UsageError, type Command } from './args';
import { runCheck } from './check-command';
import { describeError } from './errors';
import { DEFAULT_TIMEOUT_MS, WorkerPool } from './pool';
import { FILE_BYTES_MB, workerLimits } from './memory';
import { usage } from './help';
import { OutputError, processIO, type CliIO } from './io';
import { abandonOutputs } from './fs-safe';
import type { WorkbookOpener } from './check-one';

// The reader and ExcelJS are loaded when a command needs them in this thread: `check` with workers never does.
const openWorkbook: WorkbookOpener = async (file) => (await import('./xlsx-workbook')).openWorkbook(file);
const createWorkbook = async () => (await import('./xlsx-workbook')).createWorkbook();

export async function run(argv: string[], io: CliIO): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      await io.err(`jixiao：${err.message}\n\n${usage(err.topic)}`);
      return 2;
    }
    throw err;
  }
  switch (cmd.kind) {
    case 'help':
      await io.out(usage(cmd.topic));
      return 0;
    case 'version':
      await io.out(`jixiao ${pkg.version}\n`);
      return 0;
    case 'template':
      // The other commands are loaded when asked for: `check` starts without their code (or JSZip's).
      return (await import('./template-command')).runTemplate(cmd, io, createWorkbook);
    case 'check':
      return runCheck(cmd, io, openWorkbook, workerPool(cmd.jobs) ?? undefined);
    case 'next': {
      // Next year's form is made in a worker, with the memory cap and time limit a checked file has.
      const pool = workerPool(1);
      const runner = pool
        ? (c: typeof cmd, color: boolean) => pool.runNext(c, color).finally(() => pool.close())
        : undefined;
      return (await import('./next-command')).runNext(cmd, io, openWorkbook, runner);
    }
  }
}

/**
 * The worker threads of the bundled command line (dist/check-worker.js beside dist/cli.js). Run from the
 * sources (tests, tsx) there is no bundled worker: files are then checked in this process, one at a time.
 * Their number and heap caps keep the run under RUN_MEMORY_MB whatever --jobs asks (memory.ts).
 */
function workerPool(jobs: number | undefined): WorkerPool | null {
  const script = path.join(__dirname, 'check-worker.js');
  if (!fs.existsSync(script)) return null;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const limits = workerLimits(jobs ?? Math.max(1, cores));
  const alone = workerLimits(1);
  // The loader starts the worker from V8's code cache when the build made one (scripts/build-cli.mjs).
  const loader = path.join(__dirname, 'check-worker-loader.js');
  const cached = fs.existsSync(loader);
  const pool = new WorkerPool({
    script: cached ? loader : script,
    workerData: cached ? { script, cache: path.join(__dirname, 'check-worker.cache') } : undefined,
    size: limits.workers,
    maxMemoryMb: limits.oldMb,
    youngMb: limits.youngMb,
    alone: { maxMemoryMb: alone.oldMb, youngMb: alone.youngMb },
    maxInFlightBytes: FILE_BYTES_MB * 1024 * 1024,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  });
  return pool;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBER: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/**
 * Ctrl+C, `kill`, a closed terminal: the temporary files of unfinished outputs are removed and the locks
 * released, stderr says the run was interrupted (stdout is incomplete), and the process ends by the same signal,
 * so the exit status says so too (130, 143, 129).
 */
function stopCleanlyOnSignals(): void {
  // While stopping, further signals wait: Ctrl+C in a terminal reaches the launcher and this process at once, and
  // the launcher forwards its own, so this process gets the signal twice. Were the second to find no listener, its
  // default action would end the process before its temporary files and locks were removed. The listener that
  // ignores them is added before `stop` is removed, so that there is never a moment without one.
  const ignore = () => undefined;
  const stop = (signal: (typeof SIGNALS)[number]) => {
    for (const s of SIGNALS) {
      process.on(s, ignore);
      process.removeListener(s, stop);
    }
    // Waits for the copies workers are writing right now, then removes every temporary file (fs-safe's stop gate).
    abandonOutputs();
    try {
      writeSync(2, `\njixiao：运行被中断（${signal}）：未写完的文件已删除，已输出的结果不完整\n`);
    } catch {
      // stderr is gone as well
    }
    for (const s of SIGNALS) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    // Where a signal cannot end the process this way, the conventional status.
    setTimeout(() => process.exit(128 + SIGNAL_NUMBER[signal]), 200).unref();
  };
  for (const s of SIGNALS) process.on(s, stop);
}

export async function main(argv: string[]): Promise<number> {
  const io = processIO();
  stopCleanlyOnSignals();
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof OutputError) {
      abandonOutputs();
      await io.err(`jixiao：${err.message}，运行已停止\n`);
      return 2;
    }
    // Nothing above is meant to throw; if it does, one Chinese line and exit 2, never the runtime's English.
    await io.err(`jixiao：内部错误：${describeError(err)}\n`);
    return 2;
  }
}
