import type { FundingBlock } from '../../form/types';
import { fieldText, formatAmount, hasAmount, roundTo, sameAmountInput, stripSpaces } from '../../form/values';
import type { Rule } from '../rule';
import { addr, amountOf } from '../support/util';
import { pairedLast } from '../support/previous';

export const previousFunding: Rule = {
  meta: {
    id: 'previous-funding',
    severity: 'warning',
    section: 'funding',
    title: '资金与上年申报表一致',
    description:
      '与上年申报表对比：本表资金表“上年”一列应等于上年申报表的“当年金额”，“前年”一列应等于上年申报表的“上年”，逐行比较（两位小数）。按决算数作了调整的，应写说明。',
    messages: {
      differs:
        '“{line}”的{column}金额为 {mine}，上年申报表的{lastColumn}为 {theirs}；如按决算数作了调整，请在校验说明中写明原因',
    },
  },
  check(ctx) {
    const last = pairedLast(ctx);
    const mine = ctx.form.funding;
    const theirs = last?.funding;
    if (!mine || !theirs) return;
    const decimals = ctx.options.tolerances.amountDecimals;
    const blocks: [FundingBlock<string>, FundingBlock<string>][] = [
      [mine.income, theirs.income],
      [mine.expenditure, theirs.expenditure],
    ];
    for (const [a, b] of blocks) {
      for (const code of Object.keys(a.lines)) {
        const line = a.lines[code];
        const prev = b.lines[code];
        if (!line || !prev) continue;
        const pairs = [
          [line.lastYear, prev.current, '上年', '当年金额'],
          [line.yearBeforeLast, prev.lastYear, '前年', '上年金额'],
        ] as const;
        for (const [cell, source, column, lastColumn] of pairs) {
          if (!cell || !source) continue;
          // The same input reads as the same amount: nothing to parse (a rolled form's common case).
          if (sameAmountInput(cell, source)) continue;
          const x = amountOf(ctx, cell);
          const y = amountOf(ctx, source);
          if (!hasAmount(x) || !hasAmount(y)) continue;
          if (roundTo(x.value, decimals).eq(roundTo(y.value, decimals))) continue;
          ctx.report({
            severity: 'warning',
            messageId: 'differs',
            data: {
              line: stripSpaces(fieldText(line.label)),
              column,
              mine: formatAmount(x.value),
              lastColumn,
              theirs: formatAmount(y.value),
            },
            cells: [addr(cell)],
            expected: formatAmount(y.value),
          });
        }
      }
    }
  },
};
