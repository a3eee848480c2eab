import { isBlank } from '../../form/values';
import type { Rule } from '../rule';
import { namedRows } from '../support/indicator-rows';
import { addr, indicatorPlace, rowLabel } from '../support/util';

export const indicatorHistory: Rule = {
  meta: {
    id: 'indicator-history',
    severity: 'warning',
    section: 'annualIndicators',
    title: '近两年指标值',
    description: '年度绩效指标的每一行都应填写近两年指标值（前年、上年）；“无”“—”“新增”也算已填写。',
    blanks: ['blank'],
    messages: {
      blank: '{row}未填写近两年指标值（{year}）；没有时可填“无”或“新增”',
    },
  },
  check(ctx) {
    const table = ctx.form.annualIndicators;
    if (!table) return;
    for (const r of namedRows(table, ctx)) {
      if (!r.history) continue;
      const cells: [typeof r.value, string][] = [
        [r.history.yearBeforeLast, '前年'],
        [r.history.lastYear, '上年'],
      ];
      for (const [f, name] of cells) {
        if (!isBlank(f)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          messageId: 'blank',
          data: { row: rowLabel(table, r), year: name },
          cells: [addr(f)],
        });
      }
    }
  },
};
