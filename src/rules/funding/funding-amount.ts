import type { Rule } from '../rule';
import { columnName } from '../support/funding-model';
import { AMOUNT_MESSAGES, amountCellsOf, reportAmount, withFunding } from '../support/funding';

export const fundingAmount: Rule = {
  meta: {
    id: 'funding-amount',
    // Errors for blanks, formula errors and negatives; a warning for text that reads as a number.
    severity: 'mixed',
    section: 'funding',
    title: '金额格式',
    description:
      '每个金额单元格应为非负数字：空白为错误（没有时填 0），公式错误为错误；能读作数字的文本（“1,234.56”“３７４．１３”“374.13万元”）为提示，修正值为该数字。',
    blanks: ['amountBlank'],
    messages: { ...AMOUNT_MESSAGES },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      for (const c of amountCellsOf(ctx, funding)) {
        const where = () => `“${c.label}”（${columnName(funding, c.column, ctx.options)}）`;
        reportAmount(ctx, c.field, where, '金额，没有时请填 0');
      }
    });
  },
};
