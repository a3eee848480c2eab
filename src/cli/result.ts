/** What checking one file gives, shared by both output formats. */
import type { Report } from '../report/types';
import { addCounts, shownCounts, type ShownCounts } from '../report/wording';

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
      /** --previous: last year's form compared with (its path), or null when none was found. */
      previous?: string | null;
      /** --previous: why no form of last year was compared (Chinese). */
      previousNote?: string;
      /** The findings' counts as people read them, kept when the findings themselves are dropped (render.ts). */
      shown?: ShownCounts;
    }
  | { kind: 'not-form'; file: string; sheet: string; reason: string; previous?: null }
  | { kind: 'unreadable'; file: string; error: string; previous?: null };

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
  /**
   * The same findings as people read them (blanks apart): the text's closing line. The JSON carries
   * only its `blanks` (findings that are blanks, counted in errors and warnings too).
   */
  shown: ShownCounts;
  /** --previous: forms compared with last year's form, and forms for which none was found. */
  previous?: { paired: number; unpaired: number };
}

export function emptyRunSummary(previous = false): RunSummary {
  const run: RunSummary = {
    files: 0,
    withErrors: 0,
    unreadable: 0,
    notForms: 0,
    errors: 0,
    warnings: 0,
    explained: 0,
    shown: { errors: 0, blanks: 0, warnings: 0, explained: 0 },
  };
  if (previous) run.previous = { paired: 0, unpaired: 0 };
  return run;
}

/** The run's summary as the JSON has it (docs/cli.md): the counts, `blanks` from `shown`, then `previous`. */
export function runSummaryJson(run: RunSummary): Omit<RunSummary, 'shown'> & { blanks: number } {
  const { shown, previous, ...counts } = run;
  return { ...counts, blanks: shown.blanks, ...(previous ? { previous } : {}) };
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
  if (run.previous) {
    if (typeof result.previous === 'string') run.previous.paired++;
    else run.previous.unpaired++;
  }
  if (s.errors > 0) run.withErrors++;
  run.errors += s.errors;
  run.warnings += s.warnings;
  run.explained += s.explained;
  const shown = result.shown ?? shownCounts(result.report.findings);
  run.shown = addCounts(run.shown, shown);
}

/** 0 no errors, 1 errors found, 2 some file could not be read (or annotated). */
export function exitCode(run: RunSummary, annotateFailures: number): number {
  if (run.unreadable > 0 || annotateFailures > 0) return 2;
  return run.withErrors > 0 ? 1 : 0;
}
