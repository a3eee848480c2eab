import { fieldText, isBlank, isNotApplicable } from '../../form/values';
import type { Rule } from '../rule';
import { activeRows, valueName } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';

export const indicatorRequired: Rule = {
  meta: {
    id: 'indicator-required',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标行必填',
    description:
      '有三级指标的行都应填写指标值（年度表为预期当年实现值）、指标值确定依据和指标分类；有内容却没有三级指标的行也报告。指标值为“无”“不适用”“N/A”表示不适用，此时依据和分类可以为空。',
    blanks: ['blank', 'noLevel3'],
    messages: {
      noLevel3: '{row}有内容，但未填写“三级指标”',
      blank: '{row}未填写“{name}”',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        if (isBlank(r.level3)) {
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            messageId: 'noLevel3',
            data: { row: rowLabel(table, r) },
            cells: [addr(r.level3)],
          });
          continue;
        }
        if (isNotApplicable(fieldText(r.level3)) || isNotApplicable(fieldText(r.value))) continue;
        const missing: [typeof r.value, string][] = [
          [r.value, valueName(r)],
          [r.basis, '指标值确定依据'],
          [r.classification, '指标分类'],
        ];
        for (const [f, name] of missing) {
          if (!isBlank(f)) continue;
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            messageId: 'blank',
            data: { row: rowLabel(table, r), name },
            cells: [addr(f)],
          });
        }
      }
    }
  },
};
