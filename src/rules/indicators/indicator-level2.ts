import { isLevel1, level2Belongs, CATALOGUE } from '../../form/catalogue';
import type { Rule } from '../rule';
import { activeRows, level1Of, level2Of } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';

export const indicatorLevel2: Rule = {
  meta: {
    id: 'indicator-level2',
    severity: 'mixed',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '二级指标',
    description:
      '二级指标未填写为强制性错误；二级指标不属于其一级指标（按共性指标目录；履职效能下接受任何“核心业务产出…”）为提示。',
    blanks: ['blank'],
    messages: {
      blank: '{row}未填写“二级指标”',
      notUnder: '{row}的二级指标“{level2}”不属于一级指标“{level1}”（应为：{known}）',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const seen = new Set<string>();
      for (const r of activeRows(table, ctx)) {
        if (seen.has(r.level2.ref.address)) continue;
        seen.add(r.level2.ref.address);
        const l1 = level1Of(r);
        const l2 = level2Of(r);
        const at = rowLabel(table, r);
        if (l2 === '') {
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            messageId: 'blank',
            data: { row: at },
            cells: [addr(r.level2)],
          });
        } else if (isLevel1(l1) && !level2Belongs(l1, l2)) {
          const known =
            l1 === '履职效能' ? '核心业务产出1、核心业务产出2…' : CATALOGUE[l1].map((c) => c.name).join('、');
          ctx.report({
            ...indicatorPlace(r),
            severity: 'warning',
            messageId: 'notUnder',
            data: { row: at, level2: l2, level1: l1, known },
            cells: [addr(r.level2)],
          });
        }
      }
    }
  },
};
