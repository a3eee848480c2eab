/** The command line's view of stdout / stderr, so tests can capture output without a process. */

export interface CliIO {
  /** Writes to stdout; resolves when the stream can take more (backpressure). */
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
  /** True when stdout is a terminal that wants colours. */
  color: boolean;
}

function writer(stream: NodeJS.WriteStream): (text: string) => Promise<void> {
  return (text) =>
    new Promise((resolve) => {
      // Waiting for the callback both honours backpressure and makes sure
      // everything is flushed before bin/jixiao.js calls process.exit.
      stream.write(text, () => resolve());
    });
}

/** A reader that went away (`jixiao check … | head`) is no error of ours: stop quietly. */
function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`jixiao：无法写出结果：${err.message}\n`);
    process.exit(2);
  });
}

export function processIO(): CliIO {
  exitOnClosedPipe(process.stdout);
  const env = process.env;
  const color = Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return { out: writer(process.stdout), err: writer(process.stderr), color };
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
