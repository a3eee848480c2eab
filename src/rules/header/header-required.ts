import type { Field } from '../../form/types';
import { isBlank, parseFillDate } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';

export const headerRequired: Rule = {
  meta: {
    id: 'header-required',
    severity: 'error',
    section: 'header',
    title: '表头必填',
    description: '部门（单位）名称、填报人、联系电话和填报日期都应填写。',
    messages: {
      blank: '未填写“{name}”',
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
      if (field && empty) ctx.report({ severity: 'error', messageId: 'blank', data: { name }, cells: [addr(field)] });
    }
  },
};
