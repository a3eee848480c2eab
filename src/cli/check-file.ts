/**
 * One workbook → one FileResult: read every sheet, find the declaration,
 * apply the filer's explanations, check; optionally write an annotated copy.
 * Works on any Host-shaped workbook, so tests can drive it with the memory host.
 */
import { check, resolveBudgetYear } from '../check';
import { readExplanations } from '../report/explanations';
import type { Host } from '../host/types';
import type { CheckOptions, Report } from '../report/types';
import type { DeclarationForm, Field } from '../form/types';
import { parseAmount } from '../form/values';
import { describeError } from './errors';
import { printableName } from './output/printable';
import { findForm, type FormSource } from '../read/find-form';
import { writeAtomically } from './fs-safe';
import { choosePartner, loadIndex, loadPrevious, NO_INDEX, UNUSABLE_NOTE } from './previous';
import type { FileResult, FormOverview } from './result';

/** What the command line needs from an opened workbook. */
export interface CheckableWorkbook
  extends Pick<Host, 'sheetNames' | 'readGrid' | 'readSheet' | 'showFindings'>, Pick<FormSource, 'sheetStates'> {
  /** Adds (or replaces) the 校验结果 sheet listing the report's findings. */
  writeResultSheet(report: Report, source: string): Promise<unknown>;
  /** Writes the workbook to `path` (never the file it was loaded from: the caller sees to that). */
  save(path: string): Promise<void>;
}

export interface CheckFileOptions {
  budgetYear?: number;
  /** Where to save the annotated copy; absent when --annotate is not given. */
  annotateTo?: string;
  /** The temporary file to write the copy to first (chosen by the thread that tracks it); one beside it if absent. */
  annotateTemp?: string;
  /** --force: the copy may replace a file of that name; without it, a file there (even a new one) is kept. */
  replace?: boolean;
  /** --previous: the index of last year's forms (previous.ts) to pair the form with. */
  previousIndex?: string;
}

export async function checkWorkbook(file: string, wb: CheckableWorkbook, opts: CheckFileOptions): Promise<FileResult> {
  const choice = await findForm(wb);
  if (!choice.form) return { kind: 'not-form', file, sheet: choice.sheet, reason: choice.reason };
  const read = choice.read;

  const options: CheckOptions = { explanations: await readExplanations(wb) };
  if (opts.budgetYear !== undefined) options.budgetYear = opts.budgetYear;
  let previous: { file: string | null; note?: string } | null = null;
  if (opts.previousIndex === NO_INDEX) previous = { file: null, note: UNUSABLE_NOTE };
  else if (opts.previousIndex !== undefined) {
    const year = resolveBudgetYear(read.declaration, options).budgetYear;
    const partner = choosePartner(loadIndex(opts.previousIndex), read.declaration, year);
    let note = partner.note;
    let entry = partner.entry;
    if (entry) {
      try {
        options.previous = await loadPrevious(entry);
      } catch (err) {
        // Read at the start of the run, gone or changed since (and its cached copy with it): checked alone.
        note = `上年申报表 ${printableName(entry.file)} 在本次运行中已无法读取（${describeError(err)}），本表已单独校验`;
        entry = null;
      }
    }
    previous = { file: entry?.file ?? null, ...(note ? { note } : {}) };
  }
  const report = check(read.declaration, options);
  const result: FileResult = {
    kind: 'form',
    file,
    sheet: read.declaration.sheet,
    report,
    department: departmentOf(read.declaration),
    overview: overviewOf(read.declaration),
  };
  if (choice.notes.length > 0) result.notes = choice.notes;
  if (previous) {
    result.previous = previous.file;
    if (previous.note !== undefined) result.previousNote = previous.note;
  }
  if (opts.annotateTo !== undefined) {
    try {
      await wb.showFindings(report.sheet, report.findings);
      await wb.writeResultSheet(report, file);
      const write = { replace: opts.replace === true, ...(opts.annotateTemp ? { temp: opts.annotateTemp } : {}) };
      await writeAtomically(opts.annotateTo, (temp) => wb.save(temp), write);
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
