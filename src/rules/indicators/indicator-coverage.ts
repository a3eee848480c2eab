import { LEVEL1 } from '../../form/catalogue';
import type { Rule } from '../rule';
import { activeRows, level1Column, level1Of } from '../support/indicator-rows';
import { INDICATOR_SECTIONS, tablesOf, TABLE_NAME, TABLE_SECTION } from '../support/util';

export const indicatorCoverage: Rule = {
  meta: {
    id: 'indicator-coverage',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '一级指标齐全',
    description: '长期、年度两张指标表中，六个一级指标下都至少要有一行指标。',
    messages: {
      uncovered: '{table}中一级指标“{level1}”下没有任何指标，每个一级指标至少应有一行',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      // "At least one row" (rules.md): a row begun under a 一级 counts even while its 三级 is empty;
      // indicator-required reports that empty cell, so a fresh template is not a structural error.
      const present = new Set(activeRows(table, ctx).map((r) => level1Of(r)));
      for (const l1 of LEVEL1) {
        if (present.has(l1)) continue;
        ctx.report({
          table: table.kind,
          section: TABLE_SECTION[table.kind],
          severity: 'error',
          messageId: 'uncovered',
          data: { table: TABLE_NAME[table.kind], level1: l1 },
          cells: [level1Column(table)],
        });
      }
    }
  },
};
