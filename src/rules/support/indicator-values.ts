/** How indicator values (指标值) are judged: rates, degrees. Which way is better: ./direction.ts. */
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

/** "0%", "≥1500件/年": a quantity as written. */
export function show(q: Quantity): string {
  return q.text || `${q.sign ?? ''}${q.number.toString()}${q.unit}`;
}
