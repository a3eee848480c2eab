import type { Rule } from '../rule';
import { level3Key, level3Name, namedRows } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, tablesOf, TABLE_NAME, tableRowNumber } from '../support/util';

export const indicatorDuplicate: Rule = {
  meta: {
    id: 'indicator-duplicate',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '三级指标重复',
    description: '同一张指标表中同一个三级指标出现了两次或以上。',
    messages: {
      duplicate: '{table}表中三级指标{indicator}出现了 {count} 次（{rows}）：请删除重复的行，或改用不同的三级指标名称',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const groups = new Map<string, typeof table.rows>();
      for (const r of namedRows(table, ctx)) {
        const k = level3Key(r);
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      for (const rows of groups.values()) {
        if (rows.length < 2) continue;
        const lines = rows.map((x) => `第 ${tableRowNumber(table, x)} 行`).join('、');
        for (const r of rows) {
          ctx.report({
            ...indicatorPlace(r),
            severity: 'warning',
            messageId: 'duplicate',
            data: { table: TABLE_NAME[table.kind], indicator: level3Name(r), count: rows.length, rows: lines },
            cells: [addr(r.level3), ...rows.filter((x) => x !== r).map((x) => addr(x.level3))],
          });
        }
      }
    }
  },
};
