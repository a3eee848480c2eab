import Decimal from 'decimal.js';
import { formatAmount, hasAmount, roundTo } from '../../form/values';
import type { Rule } from '../rule';
import { rangeRef } from '../../sheet/cell-range';
import { addr, amountOf } from '../support/util';
import { projectsLineName, specialPurposeCell } from '../support/projects';

export const projectSum: Rule = {
  meta: {
    id: 'project-sum',
    severity: 'warning',
    section: 'projects',
    title: '项目本年度预算之和',
    description: '各项目本年度预算之和应等于“特定目标类项目支出”的当年金额（早期版申报表为“项目支出”）。',
    messages: {
      mismatch:
        '各项目本年度预算之和 {sum}（{parts}）与“特定目标类项目支出”当年金额 {special} 不相等，{relation} {difference} 万元：请补齐或改正项目的本年度预算，或改正特定目标类项目支出',
      mismatchLine:
        '各项目本年度预算之和 {sum}（{parts}）与“{line}”当年金额 {special} 不相等，{relation} {difference} 万元：请补齐或改正项目的本年度预算，或改正“{line}”',
    },
  },
  check(ctx) {
    const projects = ctx.form.projects;
    const cell = specialPurposeCell(ctx.form);
    if (!projects || projects.rows.length === 0 || !cell) return;
    const special = amountOf(ctx, cell);
    const budgets = projects.rows.map((p) => amountOf(ctx, p.annualBudget));
    // Any unreadable budget makes the sum meaningless; project-required / project-amount report it.
    if (!hasAmount(special) || !budgets.every(hasAmount)) return;
    const sum = budgets.reduce((s, b) => s.plus(b.value ?? 0), new Decimal(0));
    const d = ctx.options.tolerances.amountDecimals;
    if (roundTo(sum, d).equals(roundTo(special.value, d))) return;
    const cells = [addr(cell)];
    const col = projects.annualBudgetColumn;
    if (col) cells.push(rangeRef(ctx.form.sheet, col.firstRow, col.col, col.lastRow, col.col));
    else cells.push(...projects.rows.map((p) => addr(p.annualBudget)));
    const data = {
      sum: formatAmount(sum),
      parts: budgets.map((b) => formatAmount(b.value ?? new Decimal(0))).join(' + '),
      special: formatAmount(special.value),
      relation: sum.gt(special.value) ? '多出' : '少了',
      difference: formatAmount(sum.minus(special.value).abs()),
    };
    const line = projectsLineName(ctx.form);
    ctx.report({
      severity: 'warning',
      ...(line === '特定目标类项目支出'
        ? { messageId: 'mismatch', data }
        : { messageId: 'mismatchLine', data: { ...data, line } }),
      cells,
      expected: formatAmount(special.value),
    });
  },
};
