import { formatAmount, hasAmount } from '../../form/values';
import type { FindingInput, Rule } from '../rule';
import { COLUMNS, columnField, columnName, fundingBlocks } from '../support/funding-model';
import { addr, amountOf } from '../support/util';
import { sameAmount, sumOfLines, withFunding } from '../support/funding';

export const fundingBalance: Rule = {
  meta: {
    id: 'funding-balance',
    severity: 'mixed',
    section: 'funding',
    title: '收支平衡',
    description:
      '收入合计应等于支出合计：当年金额不等为强制性错误，前年、上年不等为提示。某个合计本身不等于本块各行之和时，提示写明这一原因（以及改正后是否平衡），并排在该合计的错误之后。',
    messages: {
      unbalanced: '收入合计 {income} 与支出合计 {expenditure} 不相等（{column}，相差 {diff}），收支应平衡',
      causeBalances:
        '收入合计 {income} 与支出合计 {expenditure} 不相等（{column}，相差 {diff}）：原因是{causes}，改正{which}后收支即平衡',
      causeRemains:
        '收入合计 {income} 与支出合计 {expenditure} 不相等（{column}，相差 {diff}）：其中{causes}，改正{which}后仍相差 {remaining}，收支应平衡',
    },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      const income = funding.income.total;
      const expenditure = funding.expenditure.total;
      if (!income || !expenditure) return;
      for (const column of COLUMNS) {
        const fi = columnField(income, column);
        const fe = columnField(expenditure, column);
        const i = amountOf(ctx, fi);
        const e = amountOf(ctx, fe);
        if (!fi || !fe || !hasAmount(i) || !hasAmount(e)) continue;
        const decimals = ctx.options.tolerances.amountDecimals;
        if (sameAmount(i.value, e.value, decimals)) continue;
        const diff = formatAmount(i.value.minus(e.value).abs());
        const head = {
          income: formatAmount(i.value),
          expenditure: formatAmount(e.value),
          column: columnName(funding, column, ctx.options),
          diff,
        };
        // A 合计 that is itself wrong (funding-total) is the cause: named here, and this finding placed after it.
        const [defIncome, defExpenditure] = fundingBlocks(ctx.form);
        const sumI = sumOfLines(ctx, funding, defIncome, column)?.sum ?? null;
        const sumE = sumOfLines(ctx, funding, defExpenditure, column)?.sum ?? null;
        const wrongI = sumI !== null && !sameAmount(sumI, i.value, decimals);
        const wrongE = sumE !== null && !sameAmount(sumE, e.value, decimals);
        let message: Pick<FindingInput, 'messageId' | 'data'> = { messageId: 'unbalanced', data: head };
        if (wrongI || wrongE) {
          const causes = [
            ...(wrongI ? [`“${defIncome.name}合计”不等于本块各行之和 ${formatAmount(sumI)}`] : []),
            ...(wrongE ? [`“${defExpenditure.name}合计”不等于本块各行之和 ${formatAmount(sumE)}`] : []),
          ].join('，');
          const fixedI = wrongI ? sumI : i.value;
          const fixedE = wrongE ? sumE : e.value;
          const which = wrongI && wrongE ? '这两个合计' : '该合计';
          message = sameAmount(fixedI, fixedE, decimals)
            ? { messageId: 'causeBalances', data: { ...head, causes, which } }
            : {
                messageId: 'causeRemains',
                data: { ...head, causes, which, remaining: formatAmount(fixedI.minus(fixedE).abs()) },
              };
        }
        ctx.report({
          severity: column === 'current' ? 'error' : 'warning',
          ...message,
          cells: wrongE && !wrongI ? [addr(fe), addr(fi)] : [addr(fi), addr(fe)],
        });
      }
    });
  },
};
