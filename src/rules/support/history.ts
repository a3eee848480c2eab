/** How the rules read the annual table's 近两年指标值 (前年, 上年): achieved figures, or a marker that there is none. */
import type { Field, IndicatorRow } from '../../form/types';
import { fieldText, isBlank, isNotApplicable, parseIndicatorValue, stripSpaces, toHalfWidth } from '../../form/values';
import type { Quantity } from './indicator-values';

/** `新增`, `—`, `-`, `——`, `/`: the filer says there is no history value. `无` is not-applicable. */
export function isNoHistoryMarker(text: string): boolean {
  const t = stripSpaces(toHalfWidth(text));
  return t === '新增' || /^[-—–―－/]+$/.test(t);
}

/** A history cell that holds no figure: blank, `无` / `不适用` / `N/A`, `新增` or a dash. */
export function isHistoryEmpty(f: Field): boolean {
  if (isBlank(f)) return true;
  const t = fieldText(f);
  return isNotApplicable(t) || isNoHistoryMarker(t);
}

/** A plain achieved figure (`1620件`, `98.5%`, 0.985 as a percentage): a quantity with no comparison sign. */
export function achievedFigure(f: Field): Quantity | null {
  if (isHistoryEmpty(f)) return null;
  const v = parseIndicatorValue(f);
  return v.kind === 'quantity' && (v.sign === null || v.sign === '=') ? v : null;
}

/** The two history cells of an annual row with their Chinese names, [] for a long-term row. */
export function historyCells(r: IndicatorRow): [Field, '前年' | '上年'][] {
  return r.history
    ? [
        [r.history.yearBeforeLast, '前年'],
        [r.history.lastYear, '上年'],
      ]
    : [];
}
