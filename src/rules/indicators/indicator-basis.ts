import { BASES, COST_BASIS, COST_LEVEL1 } from '../../form/catalogue';
import { fieldText, isBlank, isNotApplicable, stripSpaces } from '../../form/values';
import type { Rule } from '../rule';
import { activeRows, level1Of } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';
import { suggestBasis } from '../support/basis';
import { costBasisFlagged } from '../support/indicators';

export const indicatorBasis: Rule = {
  meta: {
    id: 'indicator-basis',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标值确定依据',
    description: `指标值确定依据应为：${BASES.join('、')}；提示最接近的一项，能唯一确定时作为修正值，不能确定时列出全部可选项供选择。最接近的是“${COST_BASIS}”而本行不属于“${COST_LEVEL1}”时（用了它会被“预算支出标准的使用范围”提示），列出其余可选项供选择，不给修正值。`,
    messages: {
      costBasisElsewhere:
        '{row}的指标值确定依据“{text}”不在可选范围内。最接近的“{costBasis}”用于“{costLevel1}”类指标，本行属于“{level1}”，请从{others}中选择',
      suggestion: '{row}的指标值确定依据“{text}”不在可选范围内，应为“{suggestion}”',
      notAllowed: '{row}的指标值确定依据“{text}”不在可选范围内，应为{allowed}之一',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        if (isBlank(r.basis)) continue;
        const text = stripSpaces(fieldText(r.basis));
        if ((BASES as readonly string[]).includes(text)) continue;
        if (isNotApplicable(text) && isNotApplicable(fieldText(r.value))) continue;
        const suggestion = suggestBasis(text);
        const at = { row: rowLabel(table, r), text };
        if (suggestion === COST_BASIS && costBasisFlagged(r)) {
          // The nearest option would itself be flagged on this row (indicator-cost-basis): list the others, no fix.
          const others = BASES.filter((b) => b !== COST_BASIS)
            .map((b) => `“${b}”`)
            .join('');
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            messageId: 'costBasisElsewhere',
            data: { ...at, costBasis: COST_BASIS, costLevel1: COST_LEVEL1, level1: level1Of(r), others },
            cells: [addr(r.basis)],
            choices: { cell: addr(r.basis), values: BASES.filter((b) => b !== COST_BASIS) },
          });
          continue;
        }
        ctx.report({
          ...indicatorPlace(r),
          severity: 'error',
          ...(suggestion
            ? { messageId: 'suggestion', data: { ...at, suggestion } }
            : { messageId: 'notAllowed', data: { ...at, allowed: BASES.map((b) => `“${b}”`).join('、') } }),
          cells: [addr(r.basis)],
          ...(suggestion
            ? { expected: suggestion, fix: { cell: addr(r.basis), value: suggestion } }
            : { choices: { cell: addr(r.basis), values: [...BASES] } }),
        });
      }
    }
  },
};
