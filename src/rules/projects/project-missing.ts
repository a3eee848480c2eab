import { formatAmount, hasAmount, roundTo } from '../../form/values';
import type { Rule } from '../rule';
import { addr, amountOf } from '../support/util';
import { projectsLineName, specialPurposeCell } from '../support/projects';

export const projectMissing: Rule = {
  meta: {
    id: 'project-missing',
    severity: 'warning',
    section: 'projects',
    title: '缺少项目',
    description: '“特定目标类项目支出”（早期版申报表为“项目支出”）当年金额大于 0，但项目支出情况中没有任何项目。',
    messages: {
      noProject: '“特定目标类项目支出”当年金额为 {amount}，但“项目支出情况”中没有填写任何项目',
      noProjectLine: '“{line}”当年金额为 {amount}，但“项目支出情况”中没有填写任何项目',
    },
  },
  check(ctx) {
    const projects = ctx.form.projects;
    const cell = specialPurposeCell(ctx.form);
    if (!projects || projects.rows.length > 0 || !cell) return;
    const special = amountOf(ctx, cell);
    if (!hasAmount(special) || !roundTo(special.value, ctx.options.tolerances.amountDecimals).gt(0)) return;
    ctx.report({
      severity: 'warning',
      ...(projectsLineName(ctx.form) === '特定目标类项目支出'
        ? { messageId: 'noProject', data: { amount: formatAmount(special.value) } }
        : {
            messageId: 'noProjectLine',
            data: { amount: formatAmount(special.value), line: projectsLineName(ctx.form) },
          }),
      cells: [addr(cell)],
    });
  },
};
