import type { Rule } from '../rule';

export const formStructure: Rule = {
  meta: {
    id: 'form-structure',
    severity: 'error',
    section: 'form',
    title: '表格结构',
    description: '读取表格时没有找到应有的部分（如某个栏目、某一行或某一列），无法检查该部分。',
    messages: {
      problem: '{problem}',
    },
  },
  check(ctx) {
    for (const p of ctx.form.problems) {
      const cells = p.cells;
      // The reader words its problems (src/read); the rule passes them on.
      ctx.report({ severity: 'error', section: p.section, messageId: 'problem', data: { problem: p.message }, cells });
    }
  },
};
