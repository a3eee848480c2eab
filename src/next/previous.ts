/**
 * Which of several forms is last year's form of a given form (docs/spec/previous-year.md § 2): the one pairing
 * shared by `jixiao check DIR --previous LASTDIR` (src/cli/previous.ts) and the panes, which compare a form with
 * last year's form on another sheet of the same workbook (src/app/session.ts).
 *
 * Pairing is by 部门（单位）名称 as the previous-* rules compare it (normalised as the reader normalises labels),
 * then by budget year: the candidate of year Y − 1 when THIS's budget year Y is known.
 *
 * - A folder of last year's forms (`requireYear: false`): the only candidate of the department is taken whatever
 *   its year (previous-pair then says when it is not Y − 1); several are told apart by the year.
 * - Another sheet of the same workbook (`requireYear: true`): the workbook also holds THIS's copies and next year's
 *   form (after 生成下一年度), which are never last year's: only a form of Y − 1 is a candidate, and a form whose
 *   year cannot be told compares with nothing.
 */
import { resolveBudgetYear } from '../check';
import type { DeclarationForm } from '../form/types';
import { departmentKey } from '../rules/support/previous';

/** What pairing needs to know of one of last year's forms. */
export interface PreviousCandidate {
  /** 部门（单位）名称 normalised (departmentKey); "" when blank. */
  key: string;
  /** 部门（单位）名称 as written, null when blank. */
  department: string | null;
  /** The form's budget year as the engine resolves it, null when it cannot be told. */
  budgetYear: number | null;
}

/** 部门（单位）名称, trimmed; null when blank. */
export function departmentOf(form: Pick<DeclarationForm, 'header'>): string | null {
  const t = form.header.department?.text.trim() ?? '';
  return t === '' ? null : t;
}

/** The pairing facts of a form (its key, name and budget year). */
export function candidateOf(form: DeclarationForm): PreviousCandidate {
  let budgetYear: number | null = null;
  try {
    budgetYear = resolveBudgetYear(form, {}).budgetYear;
  } catch {
    // A form too odd to date: its year is unknown.
  }
  return { key: departmentKey(form), department: departmentOf(form), budgetYear };
}

export type PreviousChoice<T> =
  | { chosen: T }
  | {
      chosen: null;
      /**
       * no-department: THIS has no 部门（单位）名称; none: no candidate of the department (of Y − 1 when the year is
       * required); ambiguous: several, listed in `among`, and nothing to choose by.
       */
      why: 'no-department' | 'none' | 'ambiguous';
      among: T[];
      /** Whether `among` are all of year Y − 1 (the note can say so). */
      ofYear: boolean;
    };

export interface ChooseOptions {
  /** Only a candidate of year Y − 1 is taken (another sheet of the same workbook). */
  requireYear?: boolean;
}

/**
 * Last year's form for `form` among `candidates`. `year` is THIS's budget year (null when unknown), as the check
 * resolves it (its options may fix it).
 */
export function choosePrevious<T extends PreviousCandidate>(
  candidates: readonly T[],
  form: DeclarationForm,
  year: number | null,
  options: ChooseOptions = {},
): PreviousChoice<T> {
  const key = departmentKey(form);
  if (key === '') return { chosen: null, why: 'no-department', among: [], ofYear: false };
  const same = candidates.filter((c) => c.key === key);
  const ofYear = year === null ? [] : same.filter((c) => c.budgetYear === year - 1);
  if (options.requireYear) {
    if (ofYear.length === 1) return { chosen: ofYear[0]! };
    return { chosen: null, why: ofYear.length === 0 ? 'none' : 'ambiguous', among: ofYear, ofYear: true };
  }
  if (same.length === 0) return { chosen: null, why: 'none', among: [], ofYear: false };
  if (same.length === 1) return { chosen: same[0]! };
  if (ofYear.length === 1) return { chosen: ofYear[0]! };
  return ofYear.length > 1
    ? { chosen: null, why: 'ambiguous', among: ofYear, ofYear: true }
    : { chosen: null, why: 'ambiguous', among: same, ofYear: false };
}
