/**
 * One file of `jixiao check`, start to end: open it, check it, write its
 * annotated copy. Apart from check-command.ts so that the worker thread
 * (check-worker.ts) loads only what checking a file needs, not the run's
 * output formats or the review summary (which pull in ExcelJS and JSZip).
 */
import { checkWorkbook, type CheckableWorkbook, type CheckFileOptions } from './check-file';
import { describeError } from './errors';
import type { CheckTask } from './pool';
import type { FileResult } from './result';
import { isReaderError, UnreadableError } from './xlsx-workbook';

export type WorkbookOpener = (file: string) => Promise<CheckableWorkbook>;

/** Opens, reads and checks one file (and writes its annotated copy); never rejects. */
export async function checkOne(task: CheckTask, open: WorkbookOpener): Promise<FileResult> {
  const result = await checkOneFile(task, open);
  // With --previous every entry says what it was compared with: nothing, for a file that is not a form.
  if (task.previous !== undefined && result.kind !== 'form') result.previous = null;
  return result;
}

async function checkOneFile(task: CheckTask, open: WorkbookOpener): Promise<FileResult> {
  const file = task.file;
  if (/\.xls$/i.test(file)) {
    return { kind: 'unreadable', file, error: '不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再校验' };
  }
  let wb: CheckableWorkbook;
  try {
    wb = await open(file);
  } catch (err) {
    // The opener says in Chinese what is wrong with the file; anything else is wrapped.
    const error = err instanceof UnreadableError ? err.message : `无法读取（${describeError(err)}）`;
    return { kind: 'unreadable', file, error };
  }
  try {
    const opts: CheckFileOptions = {};
    if (task.budgetYear !== undefined) opts.budgetYear = task.budgetYear;
    if (task.annotateTo !== undefined) opts.annotateTo = task.annotateTo;
    if (task.annotateTemp !== undefined) opts.annotateTemp = task.annotateTemp;
    if (task.replace) opts.replace = true;
    if (task.previous !== undefined) opts.previousIndex = task.previous;
    return await checkWorkbook(file, wb, opts);
  } catch (err) {
    // Limits and damage found while reading a sheet say so themselves; anything else is a host failure.
    const error = isReaderError(err) ? err.message : `读取工作表时出错：${describeError(err)}`;
    return { kind: 'unreadable', file, error };
  }
}
