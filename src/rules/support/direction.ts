/**
 * Which way an indicator is better — the one place that decides it. Used by
 * indicator-consistency (annual vs long-term), history-below (target vs last
 * year's achieved value) and previous-lowered (this year's target vs last
 * year's). A sign written on either value decides (≥ > higher, ≤ < lower);
 * without one, names with 变动率, 调整率, 结转结余率, 成本 or 费 are
 * lower-is-better, every other name higher-is-better.
 */
import { nameKey } from '../../form/values';
import type { Quantity } from './indicator-values';

/** The words that make a bare value lower-is-better, as the rule descriptions name them. */
export const LOWER_BETTER_WORDS = ['变动率', '调整率', '结转结余率', '成本', '费'] as const;

/** “没有符号时，名称含变动率、调整率、结转结余率、成本、费的越低越好，其余越高越好” — for rule descriptions. */
export const DIRECTION_TEXT = `没有符号时，名称含${LOWER_BETTER_WORDS.join('、')}的越低越好，其余越高越好`;

/** “越高越好的不低于、越低越好的不高于” — what "not worse" means, for rule descriptions. */
export const NOT_WORSE_TEXT = '越高越好的不低于、越低越好的不高于';

const LOWER_BETTER = new RegExp(LOWER_BETTER_WORDS.join('|'));

/** Names read lower-is-better when their value is written without a sign. */
export function isLowerBetter(name: string): boolean {
  return LOWER_BETTER.test(name);
}

export type Direction = 'higher' | 'lower';

/** The direction of indicator `name`: the first sign written among `values` (= does not count), else the name. */
export function directionOf(name: string, ...values: Quantity[]): Direction {
  for (const v of values) {
    if (v.sign === '≥' || v.sign === '>') return 'higher';
    if (v.sign === '≤' || v.sign === '<') return 'lower';
  }
  return isLowerBetter(name) ? 'lower' : 'higher';
}

/** True when the direction came from a sign written on one of `values` (messages then need not explain it). */
export function signDecides(...values: Quantity[]): boolean {
  return values.some((v) => v.sign !== null && v.sign !== '=');
}

/** “（该指标越低越好）” when the name decided the direction, "" when a sign did. */
export function directionNote(name: string, ...values: Quantity[]): string {
  if (signDecides(...values)) return '';
  return isLowerBetter(name) ? '（该指标越低越好）' : '（该指标越高越好）';
}

/** A unit as compared: width and spaces ignored, a trailing “/年” or “每年” dropped (件/年 and 件 are the same count). */
export function unitKey(unit: string): string {
  return nameKey(unit).replace(/(?:\/年|每年)$/, '');
}

/** True when two quantities can be compared: same unit, or one of them has none. */
export function comparableUnits(a: Quantity, b: Quantity): boolean {
  return a.unit === '' || b.unit === '' || unitKey(a.unit) === unitKey(b.unit);
}

/**
 * True when `value` is worse than `reference` for indicator `name`; the sign
 * of `reference`, else of `value`, else the name gives the direction.
 * Quantities in different units are never compared.
 */
export function isWorse(value: Quantity, reference: Quantity, name: string): boolean {
  if (!comparableUnits(value, reference)) return false;
  return directionOf(name, reference, value) === 'higher'
    ? value.number.lt(reference.number)
    : value.number.gt(reference.number);
}

/** True when the annual value `a` falls short of the long-term value `l` of indicator `name` (indicator-consistency). */
export function fallsShort(l: Quantity, a: Quantity, name: string): boolean {
  return isWorse(a, l, name);
}
