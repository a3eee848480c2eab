/** Helpers shared by the indicator-table rules (绩效指标). */
import { COST_LEVEL1, isLevel1 } from '../../form/catalogue';
import type { IndicatorRow } from '../../form/types';
import { level1Of } from './indicator-rows';

/** True when 预算支出标准 on this row is flagged by indicator-cost-basis: a known 一级 other than 运行成本. */
export function costBasisFlagged(r: IndicatorRow): boolean {
  const l1 = level1Of(r);
  return isLevel1(l1) && l1 !== COST_LEVEL1;
}
