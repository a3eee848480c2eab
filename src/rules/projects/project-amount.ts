import { AMOUNT_MESSAGES, reportAmount } from '../support/funding';
import type { Rule } from '../rule';
import { projectLabel } from '../support/projects';

export const projectAmount: Rule = {
  meta: {
    id: 'project-amount',
    // As funding-amount: errors, and a warning for text that reads as a number.
    severity: 'mixed',
    section: 'projects',
    title: '项目预算金额格式',
    description:
      '项目总预算和项目本年度预算应为非负数字（万元）；能读作数字的文本为提示，修正值为该数字（空白由“项目信息必填”报告）。',
    blanks: ['amountBlank'],
    messages: { ...AMOUNT_MESSAGES },
  },
  check(ctx) {
    for (const p of ctx.form.projects?.rows ?? []) {
      reportAmount(ctx, p.totalBudget, () => `${projectLabel(p)}的“项目总预算”`, null);
      reportAmount(ctx, p.annualBudget, () => `${projectLabel(p)}的“项目本年度预算”`, null);
    }
  },
};
