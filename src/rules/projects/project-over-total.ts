import { formatAmount, hasAmount, roundTo } from '../../form/values';
import type { Rule } from '../rule';
import { addr, amountOf } from '../support/util';
import { projectLabel } from '../support/projects';

export const projectOverTotal: Rule = {
  meta: {
    id: 'project-over-total',
    severity: 'error',
    section: 'projects',
    title: '本年度预算不超过总预算',
    description: '项目本年度预算不应大于项目总预算。',
    messages: {
      overTotal: '{project}的项目本年度预算 {annual} 大于项目总预算 {total}，应不超过总预算',
    },
  },
  check(ctx) {
    for (const p of ctx.form.projects?.rows ?? []) {
      const total = amountOf(ctx, p.totalBudget);
      const annual = amountOf(ctx, p.annualBudget);
      if (!hasAmount(total) || !hasAmount(annual)) continue;
      const d = ctx.options.tolerances.amountDecimals;
      if (roundTo(annual.value, d).lte(roundTo(total.value, d))) continue;
      ctx.report({
        severity: 'error',
        messageId: 'overTotal',
        data: { project: projectLabel(p), annual: formatAmount(annual.value), total: formatAmount(total.value) },
        cells: [addr(p.annualBudget)],
        expected: `≤ ${formatAmount(total.value)}`,
      });
    }
  },
};
