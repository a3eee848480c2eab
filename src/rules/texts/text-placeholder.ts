import { fieldText, placeholderIn } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';
import { TEXT_SECTIONS, texts } from '../support/texts';

export const textPlaceholder: Rule = {
  meta: {
    id: 'text-placeholder',
    severity: 'warning',
    section: 'annualTasks',
    sections: TEXT_SECTIONS,
    title: '文字中残留占位符',
    description: '文字内容中还留有空白表的占位符（“……”“...”“XXX”“（请填写）”），应删除或补全。',
    messages: {
      placeholder: '{text}中还留有占位符“{placeholder}”，请补全内容或删除它',
    },
  },
  check(ctx) {
    for (const t of texts(ctx.form)) {
      const p = placeholderIn(fieldText(t.field));
      if (p === null) continue;
      ctx.report({
        severity: 'warning',
        section: t.section,
        messageId: 'placeholder',
        data: { text: t.name, placeholder: p },
        cells: [addr(t.field)],
      });
    }
  },
};
