/**
 * One workbook → one FileResult: read every sheet, find the declaration,
 * apply the filer's explanations, check; optionally write an annotated copy.
 * Works on any Host-shaped workbook, so tests can drive it with the memory host.
 */
import { check } from '../check';
import { readExplanations } from '../report/explanations';
import type { Host } from '../host/types';
import { findForm } from './find-form';
import type { CheckOptions, Report } from '../report/types';
import type { DeclarationForm, Field } from '../form/types';
import { parseAmount } from '../form/values';
import { describeError } from './errors';
import { replaceFile } from './fs-safe';
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

export async function checkWorkbook(file: string, wb: CheckableWorkbook, opts: CheckFileOptions): Promise<FileResult> {
  const found = await findForm(wb);
  // A sheet recognised as something else (another province's form, this product's own output) says what it is.
  const read = !found.form && found.recognised ? found.recognised : found;
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
      // Saved beside the target, then renamed over it (a link at the target is replaced, never written through).
      await replaceFile(opts.annotateTo, (temp) => wb.save(temp));
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
