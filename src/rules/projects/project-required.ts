import type { Project } from '../../form/types';
import { isBlank } from '../../form/values';
import type { Rule } from '../rule';
import { addr } from '../support/util';
import { projectLabel } from '../support/projects';

const REQUIRED: { key: keyof Omit<Project, 'row'>; name: string }[] = [
  { key: 'name', name: '项目名称' },
  { key: 'category', name: '支出项目类别' },
  { key: 'totalBudget', name: '项目总预算' },
  { key: 'annualBudget', name: '项目本年度预算' },
  { key: 'purpose', name: '项目主要支出方向和用途' },
];

export const projectRequired: Rule = {
  meta: {
    id: 'project-required',
    severity: 'error',
    section: 'projects',
    title: '项目信息必填',
    description: '每个项目行都应填写项目名称、支出项目类别、项目总预算、项目本年度预算和项目主要支出方向和用途。',
    blanks: ['blank'],
    messages: {
      blank: '{project}未填写“{name}”',
    },
  },
  check(ctx) {
    for (const p of ctx.form.projects?.rows ?? []) {
      for (const r of REQUIRED) {
        const f = p[r.key];
        if (isBlank(f)) {
          ctx.report({
            severity: 'error',
            messageId: 'blank',
            data: { project: projectLabel(p), name: r.name },
            cells: [addr(f)],
          });
        }
      }
    }
  },
};
