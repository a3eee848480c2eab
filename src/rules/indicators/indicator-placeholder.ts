import { fieldText } from '../../form/values';
import type { Rule } from '../rule';
import { isPlaceholderRow, rowRange } from '../support/indicator-rows';
import { indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';

export const indicatorPlaceholder: Rule = {
  meta: {
    id: 'indicator-placeholder',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '残留占位行',
    description: '指标表中还留有只写着“……”等占位符的行，应填写指标或删除该行。',
    messages: {
      placeholderRow: '{row}只有占位符“{placeholder}”，请填写指标或删除该行',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of table.rows) {
        if (!isPlaceholderRow(r)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          messageId: 'placeholderRow',
          data: { row: rowLabel(table, r), placeholder: fieldText(r.level3).trim() || '……' },
          cells: [rowRange(table, r)],
        });
      }
    }
  },
};
