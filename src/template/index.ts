/** Template parameters → SheetPlan (host-neutral). */
import { DEFAULT_CLASSIFICATIONS } from '../form/catalogue';
import { PlanBuilder } from './builder';
import { COLUMN_WIDTHS } from './columns';
import { writeFunding } from './funding';
import { writeHeader } from './header';
import { indicatorRows, writeIndicatorTable } from './indicators';
import type { SheetPlan } from './plan';
import { FONT_NAME, FONT_SIZE, STYLES } from './styles';
import { writeGoals, writeProjects, writeTextRow } from './texts';

export interface TemplateParams {
  /** 部门（单位）名称; may be empty. */
  department: string;
  /** 预算年度, e.g. 2026: drives the 前年/上年 headers (2024年, 2025年) and the default horizon. */
  budgetYear: number;
  /** 长期目标截止年份; default budgetYear + 3. */
  horizonYear?: number;
  /** Number of empty project rows (default 4). */
  projectRows?: number;
  /** Pre-fill the common indicators (default true). */
  prefillCommon?: boolean;
  filler?: string;
  phone?: string;
  /** 指标分类 offered in the dropdown (default ["基本型"]); other values are allowed with a warning. */
  classifications?: string[];
  /** Preferred sheet name (default 绩效目标申报表). */
  sheetName?: string;
}

export const DEFAULT_PROJECT_ROWS = 4;
/** Excel's limit on a dropdown list typed into the validation. */
export const MAX_LIST_CHARS = 255;
export const MAX_PROJECT_ROWS = 500;
/** 长期目标截止年份 is at most this many years after the budget year. */
export const MAX_HORIZON_YEARS = 20;
/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32767;
export const DEFAULT_SHEET_NAME = '绩效目标申报表';
/** Rows 0–1 (附件2 and the title) stay in view; the title repeats on every printed page. */
const FROZEN_ROWS = 2;
const TITLE_ROW = 1;
/** Centred footer on every printed page. */
export const PAGE_FOOTER = '第 &P 页，共 &N 页';

/**
 * Characters an .xlsx cannot hold: XML 1.0 allows no C0 control but tab,
 * line feed and carriage return, no U+FFFE / U+FFFF and no unpaired
 * surrogate. A workbook written with one cannot be opened again.
 */
const XML_ILLEGAL_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** The first character of `text` an .xlsx cannot hold, or null (a loop, as lookbehind is past the WPS floor). */
function firstIllegal(text: string): { index: number; char: string } | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { index: i, char: text[i]! };
    }
    if ((c >= 0xdc00 && c <= 0xdfff) || XML_ILLEGAL_CHAR.test(text[i]!)) return { index: i, char: text[i]! };
  }
  return null;
}

/** Why `text` cannot be written into a cell, naming the parameter and the character; null when it can. */
function unwritableText(what: string, text: string): string | null {
  const m = firstIllegal(text);
  if (m) {
    const code = m.char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const at = [...text.slice(0, m.index)].length + 1;
    return `${what}的第 ${at} 个字符（U+${code}）不能写入 .xlsx 工作簿，请删除它后重试`;
  }
  if (text.length > MAX_CELL_CHARS) return `${what}过长（一个单元格最多 ${MAX_CELL_CHARS} 个字符）`;
  return null;
}

/** Chinese messages for parameters that cannot make a template ([] when all are fine). */
export function validateTemplateParams(p: TemplateParams): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(p.budgetYear) || p.budgetYear < 2000 || p.budgetYear > 2100) {
    problems.push(`预算年度应为 2000–2100 之间的整数年份，收到：${String(p.budgetYear)}`);
  }
  if (
    p.horizonYear !== undefined &&
    (!Number.isInteger(p.horizonYear) ||
      p.horizonYear < p.budgetYear ||
      p.horizonYear > p.budgetYear + MAX_HORIZON_YEARS)
  ) {
    problems.push(
      `长期目标截止年份应为不早于预算年度（${String(p.budgetYear)}）、不晚于其后 ${MAX_HORIZON_YEARS} 年的整数年份，收到：${String(p.horizonYear)}`,
    );
  }
  const texts: [string, string | undefined][] = [
    ['部门（单位）名称', p.department],
    ['填报人', p.filler],
    ['联系电话', p.phone],
    ['工作表名称', p.sheetName],
    ...(p.classifications ?? []).map((c): [string, string] => ['指标分类', c]),
  ];
  for (const [what, text] of texts) {
    const problem = text === undefined ? null : unwritableText(what, text);
    if (problem) problems.push(problem);
  }
  const rows = p.projectRows;
  if (rows !== undefined && (!Number.isInteger(rows) || rows < 0 || rows > MAX_PROJECT_ROWS)) {
    problems.push(`项目行数应为 0–${MAX_PROJECT_ROWS} 之间的整数，收到：${String(rows)}`);
  }
  if (p.classifications !== undefined) {
    const list = p.classifications.map((c) => c.trim()).filter(Boolean);
    if (list.length === 0) problems.push('指标分类列表不能为空');
    // Excel keeps a typed dropdown list as one string of at most 255 characters.
    if (list.join(',').length > MAX_LIST_CHARS)
      problems.push(`指标分类列表过长（合计不能超过 ${MAX_LIST_CHARS} 个字符）`);
    if (list.some((c) => /[,"]/.test(c))) problems.push('指标分类不能包含英文逗号或双引号');
  }
  if (p.sheetName !== undefined && !/^[^\\/?*[\]:]{1,31}$/.test(p.sheetName)) {
    problems.push(`工作表名称应为 1–31 个字符，且不含 \\ / ? * [ ] :，收到：${p.sheetName}`);
  }
  return problems;
}

/** Builds the plan. Throws an Error with the Chinese messages of validateTemplateParams when a parameter is unusable. */
export function buildTemplate(params: TemplateParams): SheetPlan {
  const problems = validateTemplateParams(params);
  if (problems.length) throw new Error(`模板参数有误：${problems.join('；')}`);
  const horizonYear = params.horizonYear ?? params.budgetYear + 3;
  const classifications = (params.classifications ?? DEFAULT_CLASSIFICATIONS).map((c) => c.trim()).filter(Boolean);
  const rows = indicatorRows(params.prefillCommon ?? true);

  const b = new PlanBuilder(STYLES);
  let row = writeHeader(b, 0, {
    department: params.department.trim(),
    filler: (params.filler ?? '').trim(),
    phone: (params.phone ?? '').trim(),
  });
  row = writeFunding(b, row, params.budgetYear);
  row = writeTextRow(b, row, '部门职能概述', 'jx_functions', 180);
  row = writeTextRow(b, row, '年度工作任务', 'jx_annualTasks', 120);
  row = writeProjects(b, row, params.projectRows ?? DEFAULT_PROJECT_ROWS);
  const breaks: number[] = [row];
  row = writeGoals(b, row, horizonYear);
  row = writeTextRow(
    b,
    row,
    `长期目标：\n（截止 ${horizonYear}年）`,
    'jx_longTermGoal',
    100,
    'jx_longTermGoal_horizon',
  );
  row = writeIndicatorTable(b, row, { kind: 'longTerm', rows, classifications });
  breaks.push(row);
  row = writeTextRow(b, row, '年度目标：', 'jx_annualGoal', 60);
  row = writeIndicatorTable(b, row, { kind: 'annual', rows, classifications });
  b.name('jx_form', { top: 0, left: 0, bottom: row - 1, right: COLUMN_WIDTHS.length - 1 });

  return {
    sheetName: params.sheetName ?? DEFAULT_SHEET_NAME,
    styles: STYLES,
    cells: b.cells(),
    merges: b.merges,
    columnWidths: [...COLUMN_WIDTHS],
    rowHeights: b.rowHeights,
    validations: b.validations,
    names: b.names,
    print: {
      paperSize: 'A4',
      orientation: 'portrait',
      fitToWidth: true,
      titleRows: { first: TITLE_ROW, last: TITLE_ROW },
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      centerHorizontally: true,
      rowBreaks: breaks,
      footer: PAGE_FOOTER,
    },
    freeze: { rows: FROZEN_ROWS, cols: 0 },
    defaultFont: { name: FONT_NAME, size: FONT_SIZE },
  };
}
