/** form + options → Report. The engine never knows a rule by name. */
import Decimal from 'decimal.js';
import { DEFAULT_CLASSIFICATIONS } from './form/catalogue';
import { editionById } from './form/editions';
import { SECTION_ORDER } from './form/sections';
import type { DeclarationForm, Field } from './form/types';
import { parseFillDate } from './form/values';
import { explanationFor } from './report/explanations';
import { ALL_RULES } from './rules/index';
import { refText } from './sheet/cell-range';
import { renderMessage } from './rules/support/messages';
import type { CheckOptions, Finding, PreviousForm, Report, ResolvedOptions, Tolerances } from './report/types';
import type { Rule } from './rules/rule';

export const DEFAULT_TOLERANCES: Tolerances = { amountDecimals: 2, unitSuspectTotal: 1000000 };

/**
 * 预算年度: the option, else what the form states first (docs/spec/editions.md,
 * point 7): a year in the title block (“2021年度”), else the funding history
 * headers (上年 + 1, 前年 + 2), else 填报日期 — a form filled in the first half
 * of a year is for that year (2021-01-28 → 2021), one filled in the second
 * half for the next (2025-11-26 → 2026).
 */
export function resolveBudgetYear(
  form: DeclarationForm,
  options: CheckOptions,
): Pick<ResolvedOptions, 'budgetYear' | 'budgetYearSource'> {
  if (options.budgetYear !== undefined && Number.isInteger(options.budgetYear)) {
    return { budgetYear: options.budgetYear, budgetYearSource: 'options' };
  }
  const title = form.header.titleYear;
  if (title && Number.isInteger(title.year)) return { budgetYear: title.year, budgetYearSource: 'title' };
  const years = form.funding?.years;
  if (years?.lastYear) return { budgetYear: years.lastYear + 1, budgetYearSource: 'funding-years' };
  if (years?.yearBeforeLast) return { budgetYear: years.yearBeforeLast + 2, budgetYearSource: 'funding-years' };
  const d = parseFillDate(form.header.fillDate);
  if (d.kind === 'date' && d.year) {
    const firstHalf = d.month !== undefined && d.month !== null && d.month <= 6;
    return { budgetYear: firstHalf ? d.year : d.year + 1, budgetYearSource: 'fill-date' };
  }
  return { budgetYear: null, budgetYearSource: null };
}

export function resolveOptions(form: DeclarationForm, options: CheckOptions = {}): ResolvedOptions {
  const classifications = options.classifications?.filter((c) => c.trim() !== '');
  return {
    ...resolveBudgetYear(form, options),
    classifications: classifications && classifications.length > 0 ? classifications : [...DEFAULT_CLASSIFICATIONS],
    tolerances: { ...DEFAULT_TOLERANCES, ...options.tolerances },
    ...(options.today ? { today: options.today } : {}),
  };
}

type Memo = <T>(key: object, name: string, compute: () => T) => T;

/**
 * A memo that lives for one check() run: rules share row classifications, never across runs.
 * One map per name (a handful), not one per key: a large form memoises a value for each of thousands of cells.
 */
function runMemo(): Memo {
  const byName = new Map<string, Map<object, unknown>>();
  return <T>(key: object, name: string, compute: () => T): T => {
    let m = byName.get(name);
    if (!m) byName.set(name, (m = new Map()));
    let value = m.get(key) as T | undefined;
    if (value === undefined && !m.has(key)) m.set(key, (value = compute()));
    return value as T;
  };
}

/**
 * Runs one rule. Rules are written not to throw; one that does keeps what it
 * reported and adds an error naming it, so a form it could not check never
 * looks clean. The exception's own (English) text is not shown to the user.
 */
function runRule(
  rule: Rule,
  form: DeclarationForm,
  options: ResolvedOptions,
  memo: Memo,
  previous: PreviousForm | undefined,
): Finding[] {
  const out: Finding[] = [];
  try {
    rule.check({
      form,
      options,
      memo,
      ...(previous ? { previous } : {}),
      report(f) {
        const template = rule.meta.messages[f.messageId];
        if (template === undefined) throw new Error(`unknown message id ${f.messageId}`);
        const message = renderMessage(template, f.data);
        const finding: Finding = {
          ...f,
          message,
          rule: rule.meta.id,
          section: f.section ?? rule.meta.section,
          explained: false,
        };
        if (rule.meta.blanks?.includes(f.messageId)) finding.blank = true;
        out.push(finding);
      },
    });
  } catch {
    out.push(ruleFailure(rule));
  }
  return out;
}

/** The finding that stands for a rule that threw. */
export function ruleFailure(rule: Rule): Finding {
  return {
    rule: rule.meta.id,
    severity: 'error',
    section: rule.meta.section,
    message: `规则“${rule.meta.title}”（${rule.meta.id}）检查时程序出错，这项检查没有完成，本表可能还有未发现的问题；请把此文件反馈给开发者`,
    cells: [],
    explained: false,
  };
}

function position(f: Finding): [number, number, number] {
  const s = SECTION_ORDER.indexOf(f.section);
  const p = f.cells[0];
  const row = f.row !== undefined ? f.row - 1 : (p?.row ?? Number.MAX_SAFE_INTEGER);
  return [s < 0 ? SECTION_ORDER.length : s, row, p?.col ?? Number.MAX_SAFE_INTEGER];
}

function byPosition(pa: [number, number, number], pb: [number, number, number]): number {
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** Findings in form order; each one's place is worked out once, not at every comparison. */
function sortByPosition(findings: Finding[]): Finding[] {
  const placed = findings.map((f) => ({ f, p: position(f) }));
  // Array.prototype.sort is stable: findings at the same place keep the rules' order.
  placed.sort((a, b) => byPosition(a.p, b.p));
  return placed.map((x) => x.f);
}

/** Every cell of the form that holds a formula, as "sheet\trow\tcol" keys. */
function formulaCells(form: DeclarationForm): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [form];
  while (stack.length) {
    const o = stack.pop();
    // Amounts (decimal.js) hold no fields: not walked.
    if (!o || typeof o !== 'object' || o instanceof Decimal) continue;
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) stack.push(o[i]);
      continue;
    }
    const field = o as Partial<Field>;
    if (field.ref && typeof field.ref.address === 'string' && 'formula' in field) {
      if (field.formula) out.add(cellKey(field.ref));
      continue;
    }
    const rec = o as Record<string, unknown>;
    for (const k in rec) {
      const v = rec[k];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  return out;
}

function cellKey(c: { sheet: string; row: number; col: number }): string {
  return `${c.sheet}\t${c.row}\t${c.col}`;
}

/**
 * No fix ever overwrites a formula, whatever rule proposed it: a formula
 * that gives a wrong result is the filer's to mend (the message says what the
 * result should be), and a one-click constant would silently end it.
 */
function dropFixesOverFormulas(form: DeclarationForm, findings: Finding[]): void {
  if (!findings.some((f) => f.fix || f.choices)) return;
  const formulas = formulaCells(form);
  for (const f of findings) {
    if (f.fix && formulas.has(cellKey(f.fix.cell))) delete f.fix;
    if (f.choices && formulas.has(cellKey(f.choices.cell))) delete f.choices;
  }
}

/** Checks a form. Never throws. */
export function check(form: DeclarationForm, options: CheckOptions = {}): Report {
  let resolved: ResolvedOptions;
  try {
    resolved = resolveOptions(form, options);
  } catch {
    resolved = {
      budgetYear: null,
      budgetYearSource: null,
      classifications: [...DEFAULT_CLASSIFICATIONS],
      tolerances: { ...DEFAULT_TOLERANCES },
    };
  }
  let previous: PreviousForm | undefined;
  if (options.previous) {
    let budgetYear: number | null = null;
    try {
      budgetYear = resolveBudgetYear(options.previous, {}).budgetYear;
    } catch {
      // A LAST too odd to date: its year is unknown, the rules compare what they can.
    }
    previous = { form: options.previous, budgetYear };
  }
  const found: Finding[] = [];
  const memo = runMemo();
  for (const rule of ALL_RULES) found.push(...runRule(rule, form, resolved, memo, previous));
  const findings = sortByPosition(found);
  try {
    dropFixesOverFormulas(form, findings);
  } catch {
    // A form too odd to walk: every fix goes, rather than one over a formula.
    for (const f of findings) {
      delete f.fix;
      delete f.choices;
    }
  }

  const explanations = options.explanations ?? [];
  for (const f of findings) {
    if (f.severity !== 'warning' || f.cells[0] === undefined) continue;
    // Explanations are text the filer may have typed: matched on the finding's first cell as A1 text.
    const e = explanationFor(explanations, f.rule, refText(f.cells[0]));
    if (e) {
      f.explained = true;
      f.explanation = e.text;
    }
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const explained = findings.filter((f) => f.explained).length;
  return {
    sheet: form.sheet,
    edition: editionById(form.edition).id,
    findings,
    summary: { errors, warnings: findings.length - errors - explained, explained },
    options: resolved,
  };
}
