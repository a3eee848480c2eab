import Decimal from 'decimal.js';
import type { Rule } from '../rule';
import { level3Key, namedRows, rowValue, valueName } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';
import { show } from '../support/indicator-values';

/** The common indicators whose formula fixes an upper bound (percentage points), by a test on the 三级 key. */
const BOUNDS: { matches: (key: string) => boolean; bound: Decimal; why: string }[] = [
  {
    matches: (k) => k.includes('三公经费') && k.endsWith('变动率'),
    bound: new Decimal(0),
    why: '“三公经费”应只减不增',
  },
  { matches: (k) => k.endsWith('公务接待费变动率'), bound: new Decimal(0), why: '公务接待费应只减不增' },
  { matches: (k) => k.endsWith('在职人员控制率'), bound: new Decimal(100), why: '在职人数不应超过编制数' },
  { matches: (k) => k.endsWith('公用经费控制率'), bound: new Decimal(100), why: '公用经费不应超过预算数' },
];

export const costBound: Rule = {
  meta: {
    id: 'cost-bound',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '共性指标的上限',
    description:
      '共性指标的计算公式决定了目标的上限：“三公经费”变动率和公务接待费变动率的目标应不超过 0%，在职人员控制率和公用经费控制率的目标应不超过 100%（长期与年度指标表）。',
    messages: {
      over: '{row}的{value}为“{text}”，按共性指标的计算公式应不超过 {bound}（{why}）：请改正目标，或在“校验说明”中说明原因',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of namedRows(table, ctx)) {
        const key = level3Key(r);
        const b = BOUNDS.find((x) => x.matches(key));
        if (!b) continue;
        const v = rowValue(r);
        if (v.kind !== 'quantity' || (v.unit !== '%' && v.unit !== '')) continue;
        const over = v.number.gt(b.bound) || (v.number.eq(b.bound) && v.sign === '>');
        if (!over) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          messageId: 'over',
          data: {
            row: rowLabel(table, r),
            value: valueName(r),
            text: show(v),
            bound: `${b.bound.toString()}%`,
            why: b.why,
          },
          cells: [addr(r.value)],
        });
      }
    }
  },
};
