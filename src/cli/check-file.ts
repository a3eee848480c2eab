/**
 * One workbook → one FileResult: read every sheet, find the declaration,
 * apply the filer's explanations, check; optionally write an annotated copy.
 * Works on any Host-shaped workbook, so tests can drive it with the memory host.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { check } from '../check';
import { readExplanations } from '../report/explanations';
import type { Host } from '../host/types';
import { findDeclaration, readDeclaration } from '../read';
import type { ReadResult } from '../form/types';
import type { Grid } from '../sheet/grid';
import type { CheckOptions, Report } from '../report/types';
import type { DeclarationForm, Field } from '../form/types';
import { parseAmount } from '../form/values';
import { describeError } from './errors';
import type { FileResult, FormOverview } from './result';

/** What the command line needs from an opened workbook. */
export interface CheckableWorkbook extends Pick<Host, 'sheetNames' | 'readGrid' | 'readSheet' | 'showFindings'> {
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
  // A sheet recognised as something else (another province's form, this product's own output) says what it is.
  let recognised: ReadResult | null = null;
  for (const name of names) {
    const r = readDeclaration(await wb.readGrid(name));
    if (r.form) {
      read = r;
      break;
    }
    if (!recognised && r.kind) recognised = r;
  }
  if (!read && recognised) read = recognised;
  if (!read) {
    // The reason names every sheet looked at; their content was read above and is no longer needed.
    read = findDeclaration(names.map((sheet): Grid => ({ sheet, top: 0, left: 0, values: [], merges: [] })));
  }
  if (!read.form) return { kind: 'not-form', file, sheet: read.sheet, reason: read.reason };

  const options: CheckOptions = { explanations: await readExplanations(wb) };
  if (opts.budgetYear !== undefined) options.budgetYear = opts.budgetYear;
  const report = check(read.declaration, options);
  const result: FileResult = {
    kind: 'form',
    file,
    sheet: read.declaration.sheet,
    report,
    department: departmentOf(read.declaration),
    overview: overviewOf(read.declaration),
  };
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

/** 部门（单位）名称, trimmed; null when blank. */
export function departmentOf(form: DeclarationForm): string | null {
  const t = form.header.department?.text.trim() ?? '';
  return t === '' ? null : t;
}

export function overviewOf(form: DeclarationForm): FormOverview {
  const amount = (f: Field | undefined): number | null => {
    const a = parseAmount(f ?? null);
    return (a.kind === 'number' || a.kind === 'text-number') && a.value ? a.value.toNumber() : null;
  };
  return {
    income: amount(form.funding?.income.total?.current),
    expenditure: amount(form.funding?.expenditure.total?.current),
    projects: form.projects?.rows.length ?? 0,
  };
}
