/** Command line entry: `jixiao template …`, `jixiao check …`. Returns the exit code. */
import pkg from '../../package.json';
import { parseArgs, UsageError, type Command } from './args';
import { runCheck } from './check-command';
import { describeError } from './errors';
import { usage } from './help';
import { processIO, type CliIO } from './io';
import { runNext } from './next-command';
import { runTemplate } from './template-command';
import { createWorkbook, openWorkbook } from './xlsx-workbook';

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
      return runTemplate(cmd, io, createWorkbook);
    case 'check':
      return runCheck(cmd, io, openWorkbook);
    case 'next':
      return runNext(cmd, io, openWorkbook);
  }
}

export async function main(argv: string[]): Promise<number> {
  const io = processIO();
  try {
    return await run(argv, io);
  } catch (err) {
    // Nothing above is meant to throw; if it does, one Chinese line and exit 2, never the runtime's English.
    await io.err(`jixiao：内部错误：${describeError(err)}\n`);
    return 2;
  }
}
