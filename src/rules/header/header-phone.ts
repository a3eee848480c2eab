import { fieldText, isBlank, isPhoneText } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';

export const headerPhone: Rule = {
  meta: {
    id: 'header-phone',
    severity: 'warning',
    section: 'header',
    title: '联系电话格式',
    description:
      '联系电话应像中国的电话号码：11 位手机号（1[3-9]开头），或固定电话“0xxx-xxxxxxx(x)”、7–8 位号码；多个号码可用“、”“,”“/”分隔。',
    messages: {
      invalid: '联系电话“{text}”不像有效的电话号码，应为 11 位手机号或“区号-号码”形式的固定电话（如 0714-7654321）',
    },
  },
  check(ctx) {
    const phone = ctx.form.header.phone;
    if (!phone || isBlank(phone)) return;
    const text = fieldText(phone).trim();
    if (isPhoneText(text)) return;
    ctx.report({
      severity: 'warning',
      messageId: 'invalid',
      data: { text },
      cells: [addr(phone)],
    });
  },
};
