import type { Field } from '../../form/types';
import { fillDateIntoLabel, isBlank, parseFillDate } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';

export const headerRequired: Rule = {
  meta: {
    id: 'header-required',
    severity: 'error',
    section: 'header',
    title: '表头必填',
    description: '部门（单位）名称、填报人、联系电话和填报日期都应填写。',
    blanks: ['blank', 'dateBlanks'],
    messages: {
      blank: '未填写“{name}”',
      dateBlanks: '未填写填报日期：请在本格“年 月 日”的空白处填上日期，打印时日期才在原位',
    },
  },
  check(ctx) {
    const h = ctx.form.header;
    const items: [Field | null, string, boolean][] = [
      [h.department, '部门（单位）名称', isBlank(h.department)],
      [h.filler, '填报人', isBlank(h.filler)],
      [h.phone, '联系电话', isBlank(h.phone)],
      [h.fillDate, '填报日期', parseFillDate(h.fillDate).kind === 'blank'],
    ];
    for (const [field, name, empty] of items) {
      if (!field || !empty) continue;
      if (field === h.fillDate && typeof field.value === 'string' && /年\s*月\s*日/.test(field.value)) {
        // The date goes into the label's own blanks; the fix writes today's date there when the caller knows it.
        const today = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ctx.options.today ?? '');
        const value = today ? fillDateIntoLabel(field.value, +today[1]!, +today[2]!, +today[3]!) : null;
        ctx.report({
          severity: 'error',
          messageId: 'dateBlanks',
          data: {},
          cells: [addr(field)],
          ...(value ? { fix: { cell: addr(field), value }, expected: value.trim() } : {}),
        });
        continue;
      }
      ctx.report({ severity: 'error', messageId: 'blank', data: { name }, cells: [addr(field)] });
    }
  },
};
