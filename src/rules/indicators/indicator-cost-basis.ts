import { BASES, COST_BASIS, COST_LEVEL1 } from '../../form/catalogue';
import { fieldText, stripSpaces } from '../../form/values';
import type { Rule } from '../rule';
import { activeRows, level1Of } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf } from '../support/util';
import { costBasisFlagged } from '../support/indicators';

export const indicatorCostBasis: Rule = {
  meta: {
    id: 'indicator-cost-basis',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '预算支出标准的使用范围',
    description: '“预算支出标准”用于运行成本类指标；运行成本以外的指标使用它时提示，并列出其余可选的依据供选择。',
    messages: {
      outsideCost:
        '{row}属于“{level1}”，却使用了“{costBasis}”（该依据只用于“{costLevel1}”类指标）：请改选“计划标准”“行业标准”“历史标准”或“其他标准”，确实依据预算支出标准的，在“校验说明”中写明所依据的标准',
    },
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        const l1 = level1Of(r);
        if (stripSpaces(fieldText(r.basis)) !== COST_BASIS || !costBasisFlagged(r)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          messageId: 'outsideCost',
          data: {
            row: rowLabel(table, r),
            level1: l1,
            costBasis: COST_BASIS,
            costLevel1: COST_LEVEL1,
          },
          cells: [addr(r.basis)],
          choices: { cell: addr(r.basis), values: BASES.filter((b) => b !== COST_BASIS) },
        });
      }
    }
  },
};
