import { isYearlessHeader } from '../../form/labels';
import type { Rule } from '../rule';
import { addr } from '../support/util';
import { withFunding } from '../support/funding';

/**
 * “    年”: a history header of 近两年收支金额 whose year was never filled in.
 * The column is still read as 前年 / 上年 by its place; the missing year is
 * reported at the header cell (the blank amounts under it by funding-amount).
 */
export const fundingHistoryYear: Rule = {
  meta: {
    id: 'funding-history-year',
    severity: 'warning',
    section: 'funding',
    title: '近两年表头未写年份',
    description:
      '“近两年收支金额”下的两列表头印为“    年”而没有填写年份时提示（按位置仍读作前年、上年两列）；知道预算年度时写出应填的年份。',
    messages: {
      missing: '“近两年收支金额”的{which}列表头“{text}”没有填写年份{hint}',
    },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      const by = ctx.options.budgetYear;
      const { years } = funding;
      for (const [header, year, which, offset] of [
        [years.yearBeforeLastHeader, years.yearBeforeLast, '前年', 2],
        [years.lastYearHeader, years.lastYear, '上年', 1],
      ] as const) {
        if (!header || year !== null || !isYearlessHeader(header.value)) continue;
        const expected = by !== null ? `${by - offset}年` : null;
        ctx.report({
          severity: 'warning',
          messageId: 'missing',
          data: {
            which,
            text: header.text.trim() || String(header.value).trim(),
            hint: expected ? `，应为“${expected}”` : '',
          },
          cells: [addr(header)],
          ...(expected ? { expected } : {}),
        });
      }
    });
  },
};
