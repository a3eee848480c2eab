import { fieldText, sameParseInput } from '../../form/values';
import type { Rule } from '../rule';
import { level3Key, namedRows, rowsByName, rowValue } from '../support/indicator-rows';
import { addr, indicatorPlace, rowLabel } from '../support/util';
import { show } from '../support/indicator-values';
import { DIRECTION_TEXT, directionNote, directionOf, isWorse } from '../support/direction';
import { pairedLast } from '../support/previous';

export const previousLowered: Rule = {
  meta: {
    id: 'previous-lowered',
    severity: 'warning',
    section: 'annualIndicators',
    title: '目标比上年申报表降低',
    description: `与上年申报表对比：本表年度指标的预期当年实现值不应比上年申报表同一指标（按三级指标名称）的预期当年实现值差：按所写符号判断方向，${DIRECTION_TEXT}（与“长期与年度指标一致”相同）。`,
    messages: {
      lowered:
        '{row}的预期当年实现值“{value}”{compare}上年申报表{lastRow}的“{lastValue}”{direction}：目标降低的，请在“校验说明”中写明原因',
    },
  },
  check(ctx) {
    const last = pairedLast(ctx);
    const table = ctx.form.annualIndicators;
    const lastTable = last?.annualIndicators;
    if (!lastTable || !table) return;
    const before = rowsByName(lastTable, ctx);
    for (const r of namedRows(table, ctx)) {
      const l = before.get(level3Key(r));
      // The same value as last year's is never lower: no need to parse last year's.
      if (!l || sameParseInput(r.value, l.value)) continue;
      const v = rowValue(r);
      const lv = rowValue(l);
      if (v.kind !== 'quantity' || lv.kind !== 'quantity') continue;
      const name = fieldText(r.level3);
      if (!isWorse(v, lv, name)) continue;
      ctx.report({
        ...indicatorPlace(r),
        severity: 'warning',
        messageId: 'lowered',
        data: {
          row: rowLabel(table, r),
          value: show(v),
          compare: directionOf(name, lv, v) === 'higher' ? '低于' : '高于',
          lastRow: rowLabel(lastTable, l),
          lastValue: show(lv),
          direction: directionNote(name, lv, v),
        },
        cells: [addr(r.value)],
        expected: show(lv),
      });
    }
  },
};
