/**
 * `jixiao check`: discover the files, check them — in worker threads, several
 * at once, when a pool is given — and report them in the order given. Each
 * result is written as soon as it and every result before it are known, so
 * stdout is always one complete document naming every file, whatever
 * happened to any one of them.
 */
import { promises as fs } from 'fs';
import { AnnotatePaths } from './annotate-path';
import type { CheckCommand } from './args';
import { checkWorkbook, describeError, type CheckableWorkbook } from './check-file';
import { discover, type Target } from './discover';
import { jsonEntry, JsonStream } from './format-json';
import { formatFileText, formatRunText } from './format-text';
import type { CliIO } from './io';
import type { CheckTask } from './pool';
import { addToSummary, emptyRunSummary, exitCode, type FileResult } from './result';
import { isReaderError } from './xlsx-workbook';

export type WorkbookOpener = (file: string) => Promise<CheckableWorkbook>;

/** Checks one file somewhere (a worker pool); never rejects. */
export interface FileChecker {
  run(task: CheckTask): Promise<FileResult>;
  close(): Promise<void>;
}

export async function runCheck(
  cmd: CheckCommand,
  io: CliIO,
  open: WorkbookOpener,
  checker?: FileChecker,
): Promise<number> {
  const annotateDir = cmd.annotateDir;
  if (annotateDir !== undefined) {
    try {
      await fs.mkdir(annotateDir, { recursive: true });
    } catch (err) {
      await io.err(`jixiao：无法创建标注目录 ${annotateDir}：${describeError(err)}\n`);
      return 2;
    }
  }
  let targets: Target[];
  try {
    targets = await discover(cmd.paths, annotateDir !== undefined ? { annotateDir } : {});
  } catch (err) {
    // Whatever happened, the output still names every path given.
    targets = cmd.paths.map((p) => ({ path: p, error: `无法查找文件：${describeError(err)}` }));
  }
  let annotatePaths: AnnotatePaths | null = null;
  if (annotateDir !== undefined) {
    const inputs = await Promise.all(targets.map((t) => realPath(t.path)));
    annotatePaths = new AnnotatePaths(annotateDir, inputs, await realPath(annotateDir));
  }

  const json = cmd.format === 'json' ? new JsonStream() : null;
  if (json) await io.out(json.begin());
  const run = emptyRunSummary();
  let annotateFailures = 0;

  const write = async (given: FileResult) => {
    let result = given;
    try {
      // Tried apart first: the stream's own entry() must only see a result that it can write.
      if (json) JSON.stringify(jsonEntry(result));
      else formatFileText(result, { color: io.color });
    } catch (err) {
      // A result that cannot be written is reported as such, so the document stays whole.
      result = {
        kind: 'unreadable',
        file: String(given.file),
        error: `内部错误：无法输出结果（${describeError(err)}）`,
      };
    }
    const text = json ? json.entry(result) : formatFileText(result, { color: io.color });
    addToSummary(run, result);
    if (result.kind === 'unreadable') await io.err(`jixiao：${result.file}：${result.error}\n`);
    if (result.kind === 'form' && result.annotateError) {
      annotateFailures++;
      await io.err(`jixiao：${result.annotateError}\n`);
    }
    await io.out(text);
  };

  // Annotated names are given out in input order, before any file is checked, so they never depend on timing.
  const tasks: (CheckTask | FileResult)[] = targets.map((target) => {
    if ('error' in target) return { kind: 'unreadable', file: target.path, error: target.error };
    const task: CheckTask = { file: target.path };
    if (cmd.budgetYear !== undefined) task.budgetYear = cmd.budgetYear;
    if (annotatePaths) task.annotateTo = annotatePaths.next(target.path);
    return task;
  });
  const isResult = (t: CheckTask | FileResult): t is FileResult => 'kind' in t;
  try {
    if (checker) {
      // Every file is queued at once; the pool runs as many as it has workers, results are written in input order.
      const pending = tasks.map((t) => (isResult(t) ? Promise.resolve(t) : checker.run(t)));
      for (const [i, p] of pending.entries()) await write(await settle(p, targets[i]!.path));
    } else {
      // In-process, one at a time (tests drive this with their own opener).
      for (const [i, t] of tasks.entries())
        await write(isResult(t) ? t : await settle(checkOne(t, open), targets[i]!.path));
    }
  } finally {
    await checker?.close();
  }

  await io.out(json ? json.end(run) : formatRunText(run));
  return exitCode(run, annotateFailures);
}

/** A result, or the file reported unreadable when getting it failed in any way. */
async function settle(p: Promise<FileResult>, file: string): Promise<FileResult> {
  try {
    return await p;
  } catch (err) {
    return { kind: 'unreadable', file, error: `无法读取（${describeError(err)}）` };
  }
}

/** Symlinks resolved, so an output folder that links to an input folder is recognised. */
async function realPath(p: string): Promise<string> {
  return fs.realpath(p).catch(() => p);
}

/** Opens, reads and checks one file (and writes its annotated copy); never rejects. */
export async function checkOne(task: CheckTask, open: WorkbookOpener): Promise<FileResult> {
  const file = task.file;
  if (/\.xls$/i.test(file)) {
    return { kind: 'unreadable', file, error: '不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再校验' };
  }
  let wb: CheckableWorkbook;
  try {
    wb = await open(file);
  } catch (err) {
    // The opener says in Chinese what is wrong with the file; anything else is wrapped.
    const error =
      err instanceof Error && err.name === 'UnreadableError' ? err.message : `无法读取（${describeError(err)}）`;
    return { kind: 'unreadable', file, error };
  }
  try {
    const opts: { budgetYear?: number; annotateTo?: string } = {};
    if (task.budgetYear !== undefined) opts.budgetYear = task.budgetYear;
    if (task.annotateTo !== undefined) opts.annotateTo = task.annotateTo;
    return await checkWorkbook(file, wb, opts);
  } catch (err) {
    // Limits and damage found while reading a sheet say so themselves; anything else is a host failure.
    const error = isReaderError(err) ? err.message : `读取工作表时出错：${describeError(err)}`;
    return { kind: 'unreadable', file, error };
  }
}
