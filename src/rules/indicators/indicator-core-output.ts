import type { Rule } from '../rule';
import { level1Of, namedRows, rowValue } from '../support/indicator-rows';
import { addr, INDICATOR_SECTIONS, tablesOf, TABLE_NAME, TABLE_SECTION } from '../support/util';

export const indicatorCoreOutput: Rule = {
  meta: {
    id: 'indicator-core-output',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '履职效能的量化指标',
    description: '“履职效能”下至少应有一个量化指标（如“≥1500件/年”）。',
    messages: {
      noQuantity: '{table}中“履职效能”的 {count} 项指标都不是量化指标，至少应有一项（如“≥1500件/年”）',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const rows = namedRows(table, ctx).filter((r) => level1Of(r) === '履职效能');
      if (rows.length === 0) continue;
      if (rows.some((r) => rowValue(r).kind === 'quantity')) continue;
      ctx.report({
        table: table.kind,
        row: rows[0]!.row + 1,
        section: TABLE_SECTION[table.kind],
        severity: 'warning',
        messageId: 'noQuantity',
        data: { table: TABLE_NAME[table.kind], count: rows.length },
        cells: rows.map((r) => addr(r.value)),
      });
    }
  },
};
