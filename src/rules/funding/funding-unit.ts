import Decimal from 'decimal.js';
import { amountDecimals, formatAmount, hasAmount } from '../../form/values';
import type { Rule } from '../rule';
import { columnName } from '../support/funding-model';
import { addr, amountOf } from '../support/util';
import { amountCellsOf, withFunding } from '../support/funding';

export const fundingUnit: Rule = {
  meta: {
    id: 'funding-unit',
    severity: 'warning',
    section: 'funding',
    title: '金额单位',
    description: '合计超过 1,000,000（可能按“元”而不是“万元”填写），或金额超过两位小数时提示。',
    messages: {
      yuan: '{where}为 {value}，超过 {limit} 万元，金额可能按“元”而不是“万元”填写',
      decimals: '{where}为 {value}，有 {decimals} 位小数；金额以万元为单位，应保留两位小数',
    },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      const limit = new Decimal(ctx.options.tolerances.unitSuspectTotal);
      for (const c of amountCellsOf(ctx, funding)) {
        const a = amountOf(ctx, c.field);
        if (!hasAmount(a)) continue;
        const where = () => `“${c.label}”（${columnName(funding, c.column, ctx.options)}）`;
        if (c.isTotal && a.value.gt(limit)) {
          ctx.report({
            severity: 'warning',
            messageId: 'yuan',
            data: { where: where(), value: a.value.toString(), limit: limit.toString() },
            cells: [addr(c.field)],
          });
          continue;
        }
        const decimals = amountDecimals(c.field);
        if (decimals > 2) {
          ctx.report({
            severity: 'warning',
            messageId: 'decimals',
            data: { where: where(), value: a.value.toString(), decimals },
            cells: [addr(c.field)],
            expected: formatAmount(a.value),
          });
        }
      }
    });
  },
};
