/**
 * The 生成申报表 form: what the user typed → TemplateParams, or a Chinese
 * message per field. Kept apart from the React form so it is tested as data.
 */
import { MAX_PROJECT_ROWS, validateTemplateParams, type TemplateParams } from '../template';

export interface TemplateFormInput {
  department: string;
  budgetYear: string;
  horizonYear: string;
  projectRows: string;
  prefillCommon: boolean;
  filler: string;
  phone: string;
}

export type TemplateField = keyof TemplateFormInput;

export type TemplateFormResult =
  { ok: true; params: TemplateParams } | { ok: false; errors: Partial<Record<TemplateField, string>> };

/** Declarations are filed in the autumn for the next year: the default budget year is next year. */
export function defaultTemplateInput(today: Date): TemplateFormInput {
  const budgetYear = today.getFullYear() + 1;
  return {
    department: '',
    budgetYear: String(budgetYear),
    horizonYear: String(budgetYear + 3),
    projectRows: '4',
    prefillCommon: true,
    filler: '',
    phone: '',
  };
}

/** Full-width digits (１２３) are what a Chinese IME often gives: read them as digits. */
function toInt(s: string): number | null {
  const t = s.replace(/[\uFF10-\uFF19]/g, (d) => String(d.charCodeAt(0) - 0xff10)).trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

const PHONE = /^[\d\s\-－—()（）、,，/+]*$/;

export function readTemplateForm(input: TemplateFormInput): TemplateFormResult {
  const errors: Partial<Record<TemplateField, string>> = {};
  const budgetYear = toInt(input.budgetYear);
  if (input.budgetYear.trim() === '') errors.budgetYear = '请填写预算年度，例如 2026';
  else if (budgetYear === null || budgetYear < 2000 || budgetYear > 2100)
    errors.budgetYear = `预算年度应为 2000–2100 之间的四位年份，现在是“${input.budgetYear}”`;

  const horizonYear = input.horizonYear.trim() === '' ? null : toInt(input.horizonYear);
  if (input.horizonYear.trim() !== '' && horizonYear === null)
    errors.horizonYear = `长期目标截止年份应为四位年份，现在是“${input.horizonYear}”`;
  else if (horizonYear !== null && budgetYear !== null && horizonYear < budgetYear)
    errors.horizonYear = `长期目标截止年份不能早于预算年度 ${budgetYear}`;
  else if (horizonYear !== null && budgetYear !== null && horizonYear > budgetYear + 20)
    errors.horizonYear = `长期目标截止年份应在预算年度后 20 年以内（不晚于 ${budgetYear + 20}）`;

  const projectRows = toInt(input.projectRows);
  if (projectRows === null || projectRows > MAX_PROJECT_ROWS)
    errors.projectRows = `项目行数应为 0–${MAX_PROJECT_ROWS} 之间的整数，现在是“${input.projectRows}”`;

  if (input.department.length > 100) errors.department = '部门名称不超过 100 个字';
  if (input.filler.length > 50) errors.filler = '填报人不超过 50 个字';
  if (!PHONE.test(input.phone)) errors.phone = '联系电话只能包含数字、“-”、括号和分隔符（、 , /）';

  if (Object.keys(errors).length) return { ok: false, errors };
  const params: TemplateParams = {
    department: input.department.trim(),
    budgetYear: budgetYear!,
    horizonYear: horizonYear ?? budgetYear! + 3,
    projectRows: projectRows!,
    prefillCommon: input.prefillCommon,
    filler: input.filler.trim(),
    phone: input.phone.trim(),
  };
  // The template's own check is the last word: anything it refuses is shown against the year field.
  const problems = validateTemplateParams(params);
  if (problems.length) return { ok: false, errors: { budgetYear: problems.join('；') } };
  return { ok: true, params };
}
