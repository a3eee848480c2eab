import { fieldText } from '../../form/values';
import type { Rule } from '../rule';
import { rowsByName, rowValue } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, TABLE_NAME, tableRowNumber } from '../support/util';
import { show } from '../support/indicator-values';
import { DIRECTION_TEXT, directionNote, directionOf, fallsShort, NOT_WORSE_TEXT } from '../support/direction';

export const indicatorConsistency: Rule = {
  meta: {
    id: 'indicator-consistency',
    severity: 'warning',
    section: 'annualIndicators',
    sections: INDICATOR_SECTIONS,
    title: '长期与年度指标一致',
    description: `长期指标中的三级指标应出现在年度指标中；年度预期当年实现值不应差于同一指标的长期指标值（${NOT_WORSE_TEXT}）（按所写符号比较；${DIRECTION_TEXT}）；长期有指标值而年度写“无”时提示。`,
    messages: {
      missingInAnnual:
        '{row}在{annual}中没有对应的行：请在{annual}中加上这一指标，或在“校验说明”中说明本年度不设的原因',
      notApplicable:
        '{row}的预期当年实现值为“{annualText}”，但{longTerm}表第 {longTermRow} 行的指标值为“{longTermText}”：请填写本年度的预期值，或在“校验说明”中说明今年为何不适用',
      fallsShort:
        '{row}的预期当年实现值“{annualValue}”{compared}{longTerm}表第 {longTermRow} 行的指标值“{longTermValue}”{direction}：请核对两表的指标值，或在“校验说明”中说明原因',
    },
  },
  check(ctx) {
    const lt = ctx.form.longTermIndicators;
    const an = ctx.form.annualIndicators;
    if (!lt || !an) return;
    const annual = rowsByName(an, ctx);
    const longTerm = rowsByName(lt, ctx);
    for (const [key, r] of longTerm) {
      if (annual.has(key)) continue;
      ctx.report({
        ...indicatorPlace(r),
        severity: 'warning',
        messageId: 'missingInAnnual',
        data: { row: rowLabel(lt, r), annual: TABLE_NAME.annual },
        cells: [addr(r.level3)],
      });
    }
    for (const [key, r] of annual) {
      const l = longTerm.get(key);
      if (!l) continue;
      const lv = rowValue(l);
      const av = rowValue(r);
      // Built only for a finding: most pairs agree.
      const at = () => ({
        row: rowLabel(an, r),
        longTerm: TABLE_NAME.longTerm,
        longTermRow: tableRowNumber(lt, l),
      });
      const base = () => ({ ...indicatorPlace(r), severity: 'warning' as const, cells: [addr(r.value)] });
      if (av.kind === 'not-applicable' && lv.kind !== 'not-applicable' && lv.kind !== 'blank') {
        ctx.report({
          ...base(),
          messageId: 'notApplicable',
          data: { ...at(), annualText: av.text, longTermText: fieldText(l.value).trim() },
        });
      } else if (av.kind === 'quantity' && lv.kind === 'quantity' && fallsShort(lv, av, fieldText(r.level3))) {
        const name = fieldText(r.level3);
        const lowerBetter = directionOf(name, lv, av) === 'lower';
        const direction = directionNote(name, lv, av);
        ctx.report({
          ...base(),
          messageId: 'fallsShort',
          data: {
            ...at(),
            annualValue: show(av),
            compared: lowerBetter ? '高于' : '低于',
            longTermValue: show(lv),
            direction,
          },
          expected: show(lv),
        });
      }
    }
  },
};
