import { LEVEL1, isLevel1 } from '../../form/catalogue';
import type { Rule } from '../rule';
import { activeRows, level1Of } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';

export const indicatorLevel1: Rule = {
  meta: {
    id: 'indicator-level1',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '一级指标名称',
    description: `一级指标应为六个之一：${LEVEL1.join('、')}。`,
    blanks: ['blank'],
    messages: {
      blank: '{row}未填写“一级指标”',
      unknown: '{row}的一级指标“{level1}”不是六个一级指标之一（{known}）',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const seen = new Set<string>();
      for (const r of activeRows(table, ctx)) {
        if (seen.has(r.level1.ref.address)) continue;
        seen.add(r.level1.ref.address);
        const l1 = level1Of(r);
        if (isLevel1(l1)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'error',
          ...(l1 === ''
            ? { messageId: 'blank', data: { row: rowLabel(table, r) } }
            : { messageId: 'unknown', data: { row: rowLabel(table, r), level1: l1, known: LEVEL1.join('、') } }),
          cells: [addr(r.level1)],
        });
      }
    }
  },
};
