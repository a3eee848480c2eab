/** What checking one file gives, shared by both output formats. */
import type { Report } from '../report/types';

export type FileResult =
  | {
      kind: 'form';
      file: string;
      sheet: string;
      report: Report;
      /** Where the annotated copy went (--annotate). */
      annotated?: string;
      /** Why the annotated copy could not be written. */
      annotateError?: string;
      /** 部门（单位）名称 as written (trimmed), null when the form leaves it blank. */
      department?: string | null;
      /** Figures for the bureau's summary (审核汇总). */
      overview?: FormOverview;
      /** What the reader says about the choice of the form sheet (hidden, several candidates); Chinese. */
      notes?: string[];
    }
  | { kind: 'not-form'; file: string; sheet: string; reason: string }
  | { kind: 'unreadable'; file: string; error: string };

/** 收入合计 and 支出合计 (当年金额, as numbers when they read as amounts) and the number of projects. */
export interface FormOverview {
  income: number | null;
  expenditure: number | null;
  projects: number;
}

export interface RunSummary {
  files: number;
  /** Declaration forms with at least one error. */
  withErrors: number;
  unreadable: number;
  notForms: number;
  errors: number;
  warnings: number;
  explained: number;
}

export function emptyRunSummary(): RunSummary {
  return { files: 0, withErrors: 0, unreadable: 0, notForms: 0, errors: 0, warnings: 0, explained: 0 };
}

export function addToSummary(run: RunSummary, result: FileResult): void {
  run.files++;
  if (result.kind === 'unreadable') {
    run.unreadable++;
    return;
  }
  if (result.kind === 'not-form') {
    run.notForms++;
    return;
  }
  const s = result.report.summary;
  if (s.errors > 0) run.withErrors++;
  run.errors += s.errors;
  run.warnings += s.warnings;
  run.explained += s.explained;
}

/** 0 no errors, 1 errors found, 2 some file could not be read (or annotated). */
export function exitCode(run: RunSummary, annotateFailures: number): number {
  if (run.unreadable > 0 || annotateFailures > 0) return 2;
  return run.withErrors > 0 ? 1 : 0;
}
