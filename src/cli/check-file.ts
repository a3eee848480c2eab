/**
 * One workbook → one FileResult: read every sheet, find the declaration,
 * apply the filer's explanations, check; optionally write an annotated copy.
 * Works on any Host-shaped workbook, so tests can drive it with the memory host.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { check } from '../check';
import type { Host } from '../host/types';
import { findDeclaration, readDeclaration } from '../read';
import type { ReadResult } from '../form/types';
import type { Grid } from '../read/grid';
import type { CheckOptions, Report } from '../rules/types';
import type { FileResult } from './result';

/** What the command line needs from an opened workbook. */
export interface CheckableWorkbook extends Pick<Host, 'sheetNames' | 'readGrid' | 'readExplanations' | 'showFindings'> {
  /** Adds (or replaces) the 校验结果 sheet listing the report's findings. */
  writeResultSheet(report: Report, source: string): Promise<unknown>;
  /** Writes the workbook to `path` (never the file it was loaded from: the caller sees to that). */
  save(path: string): Promise<void>;
}

export interface CheckFileOptions {
  budgetYear?: number;
  /** Where to save the annotated copy; absent when --annotate is not given. */
  annotateTo?: string;
}

/** A Chinese one-liner for an exception raised while reading or writing, never a stack trace. */
export function describeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (isSizeError(err)) return TOO_LARGE;
  return msg.split('\n')[0]!.trim() || '未知错误';
}

/** What V8 and Node say when a string, array or buffer cannot be as large as a file asks. */
const SIZE_WORDS =
  /Invalid string length|Invalid array length|Invalid typed array length|Array buffer allocation failed|out of memory/i;
const TOO_LARGE = '文件过大，超出了读取上限';

export function isSizeError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return SIZE_WORDS.test(msg);
}

/**
 * Saves beside the target, then renames over it: the rename replaces a link
 * at the target instead of writing through it (into whatever file it points
 * at), and a crash never leaves a half-written copy under the final name.
 */
async function saveReplacing(wb: CheckableWorkbook, target: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await wb.save(temp);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

export async function checkWorkbook(file: string, wb: CheckableWorkbook, opts: CheckFileOptions): Promise<FileResult> {
  // Sheets are read in order up to the form: the sheets after it cost nothing.
  const names = await wb.sheetNames();
  let read: ReadResult | null = null;
  for (const name of names) {
    const r = readDeclaration(await wb.readGrid(name));
    if (r.form) {
      read = r;
      break;
    }
  }
  if (!read) {
    // The reason names every sheet looked at; their content was read above and is no longer needed.
    read = findDeclaration(names.map((sheet): Grid => ({ sheet, top: 0, left: 0, values: [], merges: [] })));
  }
  if (!read.form) return { kind: 'not-form', file, sheet: read.sheet, reason: read.reason };

  const options: CheckOptions = { explanations: await wb.readExplanations() };
  if (opts.budgetYear !== undefined) options.budgetYear = opts.budgetYear;
  const report = check(read.declaration, options);
  const result: FileResult = { kind: 'form', file, sheet: read.declaration.sheet, report };
  if (opts.annotateTo !== undefined) {
    try {
      await wb.showFindings(report.sheet, report.findings);
      await wb.writeResultSheet(report, file);
      await saveReplacing(wb, opts.annotateTo);
      result.annotated = opts.annotateTo;
    } catch (err) {
      result.annotateError = `无法写出标注副本 ${opts.annotateTo}：${describeError(err)}`;
    }
  }
  return result;
}
