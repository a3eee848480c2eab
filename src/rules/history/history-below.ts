import { fieldText } from '../../form/values';
import type { Rule } from '../rule';
import { namedRows, rowValue } from '../support/indicator-rows';
import { addr, indicatorPlace, rowLabel } from '../support/util';
import { achievedFigure } from '../support/history';
import { show } from '../support/indicator-values';
import { DIRECTION_TEXT, directionNote, directionOf, isWorse } from '../support/direction';

export const historyBelow: Rule = {
  meta: {
    id: 'history-below',
    severity: 'warning',
    section: 'annualIndicators',
    title: '目标低于上年实际',
    description: `年度绩效指标的预期当年实现值不应比同一行上年实际完成的数值（近两年指标值“上年”）差：按所写符号判断方向，${DIRECTION_TEXT}（与“长期与年度指标一致”相同）。上年写的是带符号的目标值时不比较。`,
    messages: {
      below:
        '{row}的预期当年实现值“{value}”{compare}上年实际完成的“{lastYear}”{direction}；目标不应比已经达到的水平差，确有原因的，请在“校验说明”中写明',
    },
  },
  check(ctx) {
    const table = ctx.form.annualIndicators;
    if (!table) return;
    for (const r of namedRows(table, ctx)) {
      if (!r.history) continue;
      const target = rowValue(r);
      if (target.kind !== 'quantity') continue;
      const achieved = achievedFigure(r.history.lastYear);
      if (!achieved) continue;
      const name = fieldText(r.level3);
      if (!isWorse(target, achieved, name)) continue;
      ctx.report({
        ...indicatorPlace(r),
        severity: 'warning',
        messageId: 'below',
        data: {
          row: rowLabel(table, r),
          value: show(target),
          compare: directionOf(name, target) === 'higher' ? '低于' : '高于',
          lastYear: show(achieved),
          direction: directionNote(name, target),
        },
        cells: [addr(r.value)],
      });
    }
  },
};
