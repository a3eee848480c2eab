import { fieldText, isPunctuationOnly, stripSpaces } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';
import { TEXT_SECTIONS, texts } from '../support/texts';

export const textRequired: Rule = {
  meta: {
    id: 'text-required',
    severity: 'error',
    section: 'functions',
    sections: TEXT_SECTIONS,
    title: '文字内容必填',
    description: '部门职能概述、年度工作任务、长期目标和年度目标不能为空，也不能只有空格或标点。',
    blanks: ['blank'],
    messages: {
      blank: '未填写{text}',
      punctuationOnly: '{text}只有标点“{written}”，应填写内容',
    },
  },
  check(ctx) {
    for (const t of texts(ctx.form)) {
      const s = fieldText(t.field);
      if (stripSpaces(s) !== '' && !isPunctuationOnly(s)) continue;
      ctx.report({
        severity: 'error',
        section: t.section,
        ...(stripSpaces(s) === ''
          ? { messageId: 'blank', data: { text: t.name } }
          : { messageId: 'punctuationOnly', data: { text: t.name, written: s.trim() } }),
        cells: [addr(t.field)],
      });
    }
  },
};
