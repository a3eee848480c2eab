import { parseFillDate } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';

export const headerDate: Rule = {
  meta: {
    id: 'header-date',
    severity: 'error',
    section: 'header',
    title: '填报日期',
    description: '填报日期应为真实的日历日期：日期单元格，或“YYYY年MM月DD日”形式的文本（可含空格）。',
    messages: {
      invalid: '填报日期“{text}”不是有效日期，应写成“YYYY年MM月DD日”（如 2025年11月26日）',
    },
  },
  check(ctx) {
    const f = ctx.form.header.fillDate;
    const d = parseFillDate(f);
    if (!f || d.kind !== 'invalid') return;
    ctx.report({
      severity: 'error',
      messageId: 'invalid',
      data: { text: d.text },
      cells: [addr(f)],
    });
  },
};
