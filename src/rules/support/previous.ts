/**
 * Comparing THIS (budget year Y) with LAST (Y − 1), docs/spec/previous-year.md § 2:
 * whether the two are a pair at all, the year to compare at, and when two
 * cells say the same thing.
 */
import { normalizeLabel } from '../../form/labels';
import type { DeclarationForm, Field } from '../../form/types';
import { fieldText, nameKey, parseIndicatorValue, sameParseInput, type IndicatorValue } from '../../form/values';
import { unitKey } from './direction';
import { isHistoryEmpty } from './history';
import type { RuleContext } from '../rule';
import { remember } from './util';

/** 部门（单位）名称 as a pairing key (normalised as the reader normalises labels); "" when blank. */
export function departmentKey(form: Pick<DeclarationForm, 'header'>): string {
  return normalizeLabel(fieldText(form.header.department));
}

export type Pairing =
  | { paired: true; last: DeclarationForm; lastYear: number | null; year: number | null }
  | { paired: false; problem: 'department' | 'year' };

/**
 * LAST as the previous-* rules see it, null when the check compares with nothing. Not paired
 * when LAST is another department's form (both names written and different) or not for Y − 1
 * (both years known and not one apart): previous-pair says so and nothing else is compared.
 */
export function pairing(ctx: Pick<RuleContext, 'form' | 'options' | 'previous' | 'memo'>): Pairing | null {
  const previous = ctx.previous;
  if (!previous) return null;
  return remember(ctx, previous, 'pairing', (): Pairing => {
    const mine = departmentKey(ctx.form);
    const theirs = departmentKey(previous.form);
    if (mine !== '' && theirs !== '' && mine !== theirs) return { paired: false, problem: 'department' };
    const year = ctx.options.budgetYear;
    const lastYear = previous.budgetYear;
    if (year !== null && lastYear !== null && lastYear !== year - 1) return { paired: false, problem: 'year' };
    return { paired: true, last: previous.form, lastYear, year: year ?? (lastYear !== null ? lastYear + 1 : null) };
  });
}

/** LAST when it pairs with THIS, else null (no previous form, or previous-pair reports why not). */
export function pairedLast(ctx: Pick<RuleContext, 'form' | 'options' | 'previous' | 'memo'>): DeclarationForm | null {
  const p = pairing(ctx);
  return p && p.paired ? p.last : null;
}

function signOf(v: Extract<IndicatorValue, { kind: 'quantity' }>): string {
  return v.sign === null || v.sign === '=' ? '' : v.sign;
}

/**
 * True when two indicator cells say the same: the same quantity (number, sign and unit; `95%` and
 * 0.95 shown as a percentage are one value), both without a figure (blank, 无, 新增, —), or the
 * same words (spaces and width ignored).
 */
export function sameIndicatorValue(a: Field, b: Field): boolean {
  // The same value, text and format read alike: a faithful form's common case, settled without parsing
  // (tests/rules/previous-speed.test.ts: sameParsedValue says the same of every such pair).
  return sameParseInput(a, b) || sameParsedValue(a, b);
}

/** sameIndicatorValue by parsing both cells. */
export function sameParsedValue(a: Field, b: Field): boolean {
  if (isHistoryEmpty(a) && isHistoryEmpty(b)) return true;
  const x = parseIndicatorValue(a);
  const y = parseIndicatorValue(b);
  if (x.kind === 'quantity' && y.kind === 'quantity') {
    if (signOf(x) !== signOf(y)) return false;
    if (x.number.eq(y.number) && unitKey(x.unit) === unitKey(y.unit)) return true;
    // A fraction in a cell without a percentage format, against the same share written with %.
    if (x.unit === '%' && y.unit === '' && typeof b.value === 'number') return x.number.eq(y.number.times(100));
    if (y.unit === '%' && x.unit === '' && typeof a.value === 'number') return y.number.eq(x.number.times(100));
    return false;
  }
  return sameWords(a, b);
}

/** Two cells that say the same words (spaces and width ignored); the same text needs no normalising. */
export function sameWords(a: Field, b: Field): boolean {
  const x = fieldText(a);
  const y = fieldText(b);
  return x === y || nameKey(x) === nameKey(y);
}

/** A value for a message: the text as shown, trimmed; “（空白）” for an empty cell. */
export function shown(f: Field | null | undefined): string {
  const t = fieldText(f).replace(/\s+/g, ' ').trim();
  return t === '' ? '（空白）' : t;
}
