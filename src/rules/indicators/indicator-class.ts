import { fieldText, isBlank, isNotApplicable, stripSpaces } from '../../form/values';
import type { Rule } from '../rule';
import { activeRows } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';

export const indicatorClass: Rule = {
  meta: {
    id: 'indicator-class',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标分类',
    description: '指标分类应在设定的范围内（默认只有“基本型”）。',
    messages: {
      notAllowed: '{row}的指标分类“{text}”不在可选范围内（{allowed}）',
    },
  },
  check(ctx) {
    const allowed = ctx.options.classifications.map((c) => stripSpaces(c));
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        if (isBlank(r.classification)) continue;
        const text = stripSpaces(fieldText(r.classification));
        if (allowed.includes(text)) continue;
        if (isNotApplicable(text) && isNotApplicable(fieldText(r.value))) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          messageId: 'notAllowed',
          data: { row: rowLabel(table, r), text, allowed: allowed.join('、') },
          cells: [addr(r.classification)],
          ...(allowed.length === 1 ? { expected: allowed[0] } : {}),
        });
      }
    }
  },
};
