/** What the reader could not find: one error per ReadProblem, so a broken form never looks clean. */
import type { Rule } from './types';

export const formStructure: Rule = {
  meta: {
    id: 'form-structure',
    severity: 'error',
    section: 'form',
    title: '表格结构',
    description: '读取表格时没有找到应有的部分（如某个栏目、某一行或某一列），无法检查该部分。',
  },
  check(ctx) {
    for (const p of ctx.form.problems) {
      ctx.report({ severity: 'error', section: p.section, message: p.message, cells: [...p.cells] });
    }
  },
};

export const STRUCTURE_RULES: Rule[] = [formStructure];
