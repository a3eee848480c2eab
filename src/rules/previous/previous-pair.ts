import type { Field } from '../../form/types';
import type { Rule } from '../rule';
import { addr } from '../support/util';
import { pairing, shown } from '../support/previous';

export const previousPair: Rule = {
  meta: {
    id: 'previous-pair',
    severity: 'error',
    section: 'header',
    title: '上年申报表不对应',
    description: '与上年申报表对比时，上年申报表应是同一部门（单位）、上一预算年度的申报表；否则报错，不做其余对比。',
    messages: {
      department:
        '本表的部门（单位）名称为“{mine}”，所给的上年申报表（工作表“{lastSheet}”）为“{theirs}”，不是同一单位的申报表，未与上年对比',
      year: '本表为 {year} 年度的申报表，所给的上年申报表为 {lastYear} 年度，应为 {expected} 年度的申报表，未与上年对比',
    },
  },
  check(ctx) {
    const p = pairing(ctx);
    if (!p || p.paired) return;
    const form = ctx.form;
    const last = ctx.previous!.form;
    if (p.problem === 'department') {
      const cell = form.header.department ?? form.header.title;
      ctx.report({
        severity: 'error',
        messageId: 'department',
        data: { mine: shown(form.header.department), lastSheet: last.sheet, theirs: shown(last.header.department) },
        cells: cell ? [addr(cell)] : [],
      });
      return;
    }
    const year = ctx.options.budgetYear!;
    const cell = yearCell(ctx);
    ctx.report({
      severity: 'error',
      messageId: 'year',
      data: { year, lastYear: ctx.previous!.budgetYear!, expected: year - 1 },
      cells: cell ? [addr(cell)] : [],
    });
  },
};

/** Where THIS's budget year is read from: the funding history header, else 填报日期, else the title. */
function yearCell(ctx: Parameters<Rule['check']>[0]): Field | null {
  const f = ctx.form;
  const header = f.funding?.years.lastYearHeader ?? f.funding?.years.yearBeforeLastHeader ?? null;
  if (ctx.options.budgetYearSource === 'fill-date') return f.header.fillDate ?? header ?? f.header.title;
  return header ?? f.header.fillDate ?? f.header.title;
}
