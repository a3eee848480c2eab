/** How indicator values (指标值) are judged: rates, degrees, lower-is-better names, long-term ↔ annual. */
import { type IndicatorValue } from '../../form/values';

export type Quantity = Extract<IndicatorValue, { kind: 'quantity' }>;

/** A 三级 name ending in 率 is a rate, except change rates (变动率, 增长率), which may exceed 100% or go negative. */
export function isBoundedRate(name: string): boolean {
  const n = name.replace(/[\s"'“”‘’]+$/g, '');
  return n.endsWith('率') && !/(?:变动|增长)率$/.test(n);
}

/** A 三级 name ending in 度 (服务对象满意度, 知晓度): a degree, bounded like a rate when measured in %. */
export function isDegree(name: string): boolean {
  return name.replace(/[\s"'“”‘’]+$/g, '').endsWith('度');
}

/** Names read lower-is-better when their value is written without a sign. */
export function isLowerBetter(name: string): boolean {
  return /变动率|调整率|结转结余率|成本|费/.test(name);
}

/** "0%", "≥1500件/年": a quantity as written. */
export function show(q: Quantity): string {
  return q.text || `${q.sign ?? ''}${q.number.toString()}${q.unit}`;
}

/** True when the annual value `a` falls short of the long-term value `l` of indicator `name`. */
export function fallsShort(l: Quantity, a: Quantity, name: string): boolean {
  if (l.unit !== '' && a.unit !== '' && l.unit !== a.unit) return false;
  const sign = l.sign && l.sign !== '=' ? l.sign : a.sign && a.sign !== '=' ? a.sign : null;
  const higher = sign ? sign === '≥' || sign === '>' : !isLowerBetter(name);
  return higher ? a.number.lt(l.number) : a.number.gt(l.number);
}
