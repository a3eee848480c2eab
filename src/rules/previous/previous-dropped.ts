import type { Rule } from '../rule';
import { level3Key, namedRows, rowsByName } from '../support/indicator-rows';
import { addr, rowLabel, TABLE_SECTION } from '../support/util';
import { pairedLast } from '../support/previous';

export const previousDropped: Rule = {
  meta: {
    id: 'previous-dropped',
    severity: 'warning',
    section: 'annualIndicators',
    title: '上年的年度指标没有了',
    description:
      '与上年申报表对比：上年申报表年度绩效指标中的指标（按一级、二级、三级指标名称），本表的年度绩效指标中已经没有了。确已不再适用的，应写说明。',
    messages: {
      dropped:
        '上年申报表{lastRow}在本表的年度绩效指标表中没有了：请补上这一指标；确已不再适用的，请在“校验说明”中写明',
    },
  },
  check(ctx) {
    const last = pairedLast(ctx);
    const table = ctx.form.annualIndicators;
    const before = last?.annualIndicators;
    if (!table || !before) return;
    const now = rowsByName(table, ctx);
    const seen = new Set<string>();
    for (const l of namedRows(before, ctx)) {
      const key = level3Key(l);
      if (now.has(key) || seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        severity: 'warning',
        section: TABLE_SECTION.annual,
        table: 'annual',
        messageId: 'dropped',
        data: { lastRow: rowLabel(before, l) },
        cells: [addr(table.label)],
      });
    }
  },
};
