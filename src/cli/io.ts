/** The command line's view of stdout / stderr, so tests can capture output without a process. */
import { describeError } from './errors';

export interface CliIO {
  /** Writes to stdout; resolves when the stream can take more (backpressure). */
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  /** True when stdout is a terminal that wants colours. */
  color: boolean;
}

/**
 * Standard output went away (the reader closed its end: `jixiao check … | head -1`) or cannot be written (a full
 * disk behind `> file`). The run stops: nothing more is written, and the reason goes to stderr in Chinese.
 */
export class OutputError extends Error {
  constructor(readonly code: string | undefined) {
    super(
      code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED'
        ? '标准输出已被关闭（接收输出的程序已经退出，例如 | head）'
        : `无法写出结果：${describeError(code ? Object.assign(new Error(code), { code }) : new Error('write'))}`,
    );
    this.name = 'OutputError';
  }
}

function writer(stream: NodeJS.WriteStream, failure: { error: OutputError | null }): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve, reject) => {
      if (failure.error) return reject(failure.error);
      // Waiting for the callback both honours backpressure and makes sure
      // everything is flushed before bin/jixiao.js calls process.exit.
      stream.write(text, (err) => {
        if (!err) return resolve();
        failure.error ??= new OutputError((err as NodeJS.ErrnoException).code);
        reject(failure.error);
      });
    });
}

export function processIO(): CliIO {
  const failure: { error: OutputError | null } = { error: null };
  // The error also comes as an event; without a listener it would end the process with Node's English.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    failure.error ??= new OutputError(err.code);
  });
  process.stderr.on('error', () => undefined);
  const env = process.env;
  const color = Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const err = writer(process.stderr, { error: null });
  return { out: writer(process.stdout, failure), err: (t) => err(t).catch(() => undefined), color };
}

/** Collects output in memory (tests). */
export function memoryIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    color: false,
    async out(text: string) {
      io.stdout += text;
    },
    async err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
