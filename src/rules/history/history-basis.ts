import { fieldText, nameKey } from '../../form/values';
import type { Rule } from '../rule';
import { activeRows } from '../support/indicator-rows';
import { addr, indicatorPlace, rowLabel } from '../support/util';
import { isHistoryEmpty } from '../support/history';

const HISTORY_BASIS = '历史标准';

export const historyBasis: Rule = {
  meta: {
    id: 'history-basis',
    severity: 'warning',
    section: 'annualIndicators',
    title: '历史标准缺少历史数值',
    description:
      '年度绩效指标的指标值确定依据为“历史标准”，但近两年指标值（前年、上年）都是空白、“无”或“新增”时提示：没有历史数值，就不能以历史为依据。',
    messages: {
      noHistory:
        '{row}的指标值确定依据为“历史标准”，但近两年指标值（前年、上年）都没有数值；请填写历史数值，或改用其他依据',
    },
  },
  check(ctx) {
    const table = ctx.form.annualIndicators;
    if (!table) return;
    for (const r of activeRows(table, ctx)) {
      if (!r.history || nameKey(fieldText(r.basis)) !== HISTORY_BASIS) continue;
      if (!isHistoryEmpty(r.history.yearBeforeLast) || !isHistoryEmpty(r.history.lastYear)) continue;
      ctx.report({
        ...indicatorPlace(r),
        severity: 'warning',
        messageId: 'noHistory',
        data: { row: rowLabel(table, r) },
        cells: [addr(r.basis)],
      });
    }
  },
};
