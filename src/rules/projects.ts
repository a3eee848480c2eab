/** 项目支出情况: required cells, budgets, and the link to 特定目标类项目支出. */
import Decimal from 'decimal.js';
import type { DeclarationForm, Field, Project } from '../form/types';
import { fieldText, formatAmount, hasAmount, isBlank, roundTo } from '../form/values';
import { reportAmount } from './funding';
import type { Rule } from './types';
import { addr, amountOf, quoted, rangeAddress } from './util';

const REQUIRED: { key: keyof Omit<Project, 'row'>; name: string }[] = [
  { key: 'name', name: '项目名称' },
  { key: 'category', name: '支出项目类别' },
  { key: 'totalBudget', name: '项目总预算' },
  { key: 'annualBudget', name: '项目本年度预算' },
  { key: 'purpose', name: '项目主要支出方向和用途' },
];

/** “信访专项工作经费”（第 20 行） — how a message names a project. */
function projectLabel(p: Project): string {
  const name = fieldText(p.name).trim();
  return name ? `项目${quoted(name)}（第 ${p.row + 1} 行）` : `第 ${p.row + 1} 行项目`;
}

export const projectRequired: Rule = {
  meta: {
    id: 'project-required',
    severity: 'error',
    section: 'projects',
    title: '项目信息必填',
    description: '每个项目行都应填写项目名称、支出项目类别、项目总预算、项目本年度预算和项目主要支出方向和用途。',
  },
  check(ctx) {
    for (const p of ctx.form.projects?.rows ?? []) {
      for (const r of REQUIRED) {
        const f = p[r.key];
        if (isBlank(f)) {
          ctx.report({ severity: 'error', message: `${projectLabel(p)}未填写“${r.name}”`, cells: [addr(f)] });
        }
      }
    }
  },
};

export const projectAmount: Rule = {
  meta: {
    id: 'project-amount',
    // As funding-amount: errors, and a warning for text that reads as a number.
    severity: 'mixed',
    section: 'projects',
    title: '项目预算金额格式',
    description:
      '项目总预算和项目本年度预算应为非负数字（万元）；能读作数字的文本为提示，修正值为该数字（空白由“项目信息必填”报告）。',
  },
  check(ctx) {
    for (const p of ctx.form.projects?.rows ?? []) {
      reportAmount(ctx, p.totalBudget, () => `${projectLabel(p)}的“项目总预算”`, null);
      reportAmount(ctx, p.annualBudget, () => `${projectLabel(p)}的“项目本年度预算”`, null);
    }
  },
};

export const projectOverTotal: Rule = {
  meta: {
    id: 'project-over-total',
    severity: 'error',
    section: 'projects',
    title: '本年度预算不超过总预算',
    description: '项目本年度预算不应大于项目总预算。',
  },
  check(ctx) {
    for (const p of ctx.form.projects?.rows ?? []) {
      const total = amountOf(ctx, p.totalBudget);
      const annual = amountOf(ctx, p.annualBudget);
      if (!hasAmount(total) || !hasAmount(annual)) continue;
      const d = ctx.options.tolerances.amountDecimals;
      if (roundTo(annual.value, d).lte(roundTo(total.value, d))) continue;
      ctx.report({
        severity: 'error',
        message: `${projectLabel(p)}的项目本年度预算 ${formatAmount(annual.value)} 大于项目总预算 ${formatAmount(total.value)}，应不超过总预算`,
        cells: [addr(p.annualBudget)],
        expected: `≤ ${formatAmount(total.value)}`,
      });
    }
  },
};

/** The 特定目标类项目支出 当年金额 cell, when the funding table has it. */
function specialPurposeCell(form: DeclarationForm): Field | null {
  return form.funding?.expenditure.lines.specialPurpose?.current ?? null;
}

export const projectSum: Rule = {
  meta: {
    id: 'project-sum',
    severity: 'warning',
    section: 'projects',
    title: '项目本年度预算之和',
    description: '各项目本年度预算之和应等于“特定目标类项目支出”的当年金额。',
  },
  check(ctx) {
    const projects = ctx.form.projects;
    const cell = specialPurposeCell(ctx.form);
    if (!projects || projects.rows.length === 0 || !cell) return;
    const special = amountOf(ctx, cell);
    const budgets = projects.rows.map((p) => amountOf(ctx, p.annualBudget));
    // Any unreadable budget makes the sum meaningless; project-required / project-amount report it.
    if (!hasAmount(special) || !budgets.every(hasAmount)) return;
    const sum = budgets.reduce((s, b) => s.plus(b.value ?? 0), new Decimal(0));
    const d = ctx.options.tolerances.amountDecimals;
    if (roundTo(sum, d).equals(roundTo(special.value, d))) return;
    const cells = [addr(cell)];
    const col = projects.annualBudgetColumn;
    if (col) cells.push(rangeAddress(ctx.form.sheet, col.firstRow, col.col, col.lastRow, col.col));
    else cells.push(...projects.rows.map((p) => addr(p.annualBudget)));
    ctx.report({
      severity: 'warning',
      message: `各项目本年度预算之和 ${formatAmount(sum)}（${budgets.map((b) => formatAmount(b.value ?? new Decimal(0))).join(' + ')}）与“特定目标类项目支出”当年金额 ${formatAmount(special.value)} 不相等`,
      cells,
      expected: formatAmount(special.value),
    });
  },
};

export const projectMissing: Rule = {
  meta: {
    id: 'project-missing',
    severity: 'warning',
    section: 'projects',
    title: '缺少项目',
    description: '“特定目标类项目支出”当年金额大于 0，但项目支出情况中没有任何项目。',
  },
  check(ctx) {
    const projects = ctx.form.projects;
    const cell = specialPurposeCell(ctx.form);
    if (!projects || projects.rows.length > 0 || !cell) return;
    const special = amountOf(ctx, cell);
    if (!hasAmount(special) || !roundTo(special.value, ctx.options.tolerances.amountDecimals).gt(0)) return;
    ctx.report({
      severity: 'warning',
      message: `“特定目标类项目支出”当年金额为 ${formatAmount(special.value)}，但“项目支出情况”中没有填写任何项目`,
      cells: [addr(cell)],
    });
  },
};

export const PROJECT_RULES: Rule[] = [projectRequired, projectAmount, projectOverTotal, projectSum, projectMissing];
