/**
 * The filer's explanations (说明) of warnings, kept in the workbook's
 * 校验说明 sheet so they travel with the file to the reviewer.
 *
 * Layout (written by explanationSheetRows, read by parseExplanations):
 *
 *   row 1: 规则 | 单元格 | 说明 | 提示内容 | 填写日期
 *   row 2…: one explanation per row —
 *     规则      the rule id (funding-share, indicator-cost-basis…)
 *     单元格    the finding's first cell, sheet-qualified ('附件2'!E11)
 *     说明      the filer's explanation (required: a row without it is ignored)
 *     提示内容  the finding's message when it was explained, for the reviewer
 *     填写日期  YYYY-MM-DD
 *
 * Reading is tolerant: the header row is found by its labels anywhere in the
 * first rows, columns may be in any order, blank rows are skipped.
 */
import { gridSize, textAt, type Grid } from '../sheet/grid';
import { stripSpaces, toHalfWidth } from '../form/values';
import type { Explanation, Finding } from './types';
import { refText } from '../sheet/cell-range';
import type { SheetLayout, SheetStore } from '../sheet/store';
import { EXPLANATION_SHEET } from './sheets';

export const EXPLANATION_HEADER = ['规则', '单元格', '说明', '提示内容', '填写日期'] as const;

/** How many rows are searched for the header. */
const HEADER_SEARCH_ROWS = 20;

type Column = 'rule' | 'cell' | 'text' | 'message' | 'date';

const LABELS: Record<Column, string[]> = {
  rule: ['规则', '规则编号', '规则id', 'rule'],
  cell: ['单元格', '位置', 'cell'],
  text: ['说明', '说明内容', '情况说明', 'explanation'],
  message: ['提示内容', '提示', 'message'],
  date: ['填写日期', '日期', 'date'],
};

function labelOf(s: string): Column | null {
  const t = stripSpaces(toHalfWidth(s)).toLowerCase();
  for (const [col, names] of Object.entries(LABELS) as [Column, string[]][]) {
    if (names.includes(t)) return col;
  }
  return null;
}

/** Explanations in a 校验说明 grid; [] when it has no header. Never throws. */
export function parseExplanations(grid: Grid): Explanation[] {
  try {
    return parse(grid);
  } catch {
    return [];
  }
}

/** The header row of a 校验说明 grid (its columns by what they hold); null when the grid has none. */
function findHeader(grid: Grid): { row: number; at: Partial<Record<Column, number>> } | null {
  const { rows, cols } = gridSize(grid);
  for (let r = 0; r < Math.min(rows, HEADER_SEARCH_ROWS); r++) {
    const at: Partial<Record<Column, number>> = {};
    for (let c = 0; c < cols; c++) {
      const label = labelOf(textAt(grid, grid.top + r, grid.left + c));
      if (label && at[label] === undefined) at[label] = grid.left + c;
    }
    if (at.rule !== undefined && at.cell !== undefined && at.text !== undefined) return { row: grid.top + r, at };
  }
  return null;
}

/** True when the grid is laid out as a 校验说明 sheet (its header row is there). Never throws. */
export function isExplanationSheet(grid: Grid): boolean {
  try {
    return findHeader(grid) !== null;
  } catch {
    return false;
  }
}

function parse(grid: Grid): Explanation[] {
  const header = findHeader(grid);
  if (!header) return [];
  const { at } = header;
  const { rows } = gridSize(grid);
  const out: Explanation[] = [];
  for (let rr = header.row + 1; rr < grid.top + rows; rr++) {
    const get = (col: number | undefined) => (col === undefined ? '' : textAt(grid, rr, col).trim());
    const e: Explanation = { rule: get(at.rule), cell: get(at.cell), text: get(at.text) };
    if (!e.rule || !e.cell || !e.text) continue;
    const message = get(at.message);
    const date = get(at.date);
    if (message) e.message = message;
    if (date) e.date = date;
    out.push(e);
  }
  return out;
}

/** "'附件2'!$e$11" → "附件2!E11": the form used to compare addresses. */
export function normaliseAddress(address: string): string {
  let s = address.trim().replace(/\$/g, '');
  const quoted = /^'((?:[^']|'')*)'!(.*)$/.exec(s);
  if (quoted) s = `${quoted[1]!.replace(/''/g, "'")}!${quoted[2]}`;
  return s.toUpperCase();
}

/**
 * True when two addresses name the same cell (case, `$` and sheet quotes
 * ignored). An address written without a sheet matches that cell on any sheet:
 * filers type the cell by hand.
 */
export function sameCell(a: string, b: string): boolean {
  const x = normaliseAddress(a);
  const y = normaliseAddress(b);
  if (x === y) return true;
  const cellOf = (s: string) => s.slice(s.lastIndexOf('!') + 1);
  return (!x.includes('!') || !y.includes('!')) && cellOf(x) === cellOf(y);
}

/** The explanation of a finding: same rule, same first cell. */
export function explanationFor(explanations: Explanation[], rule: string, cell: string): Explanation | undefined {
  return explanations.find((e) => e.rule.trim() === rule && sameCell(e.cell, cell) && e.text.trim() !== '');
}

/**
 * Adds `e` or replaces the explanation of the same rule and cell. A blank text
 * removes it (clearing an explanation). Returns a new list.
 */
export function upsertExplanation(list: Explanation[], e: Explanation): Explanation[] {
  const i = list.findIndex((x) => x.rule === e.rule && sameCell(x.cell, e.cell));
  if (e.text.trim() === '') return i < 0 ? [...list] : list.filter((_, j) => j !== i);
  const out = [...list];
  if (i < 0) out.push(e);
  else out[i] = e;
  return out;
}

/** The 校验说明 sheet as rows (header first), for a host to write from A1. */
export function explanationSheetRows(explanations: Explanation[], findings: Finding[] = []): string[][] {
  const rows: string[][] = [[...EXPLANATION_HEADER]];
  for (const e of explanations) {
    const f = findings.find(
      (x) => x.rule === e.rule && x.cells[0] !== undefined && sameCell(refText(x.cells[0]), e.cell),
    );
    rows.push([e.rule, e.cell, e.text, f?.message ?? e.message ?? '', e.date ?? '']);
  }
  return rows;
}

// The sheet itself, read and written over the hosts' two sheet primitives (read a sheet's grid,
// replace a sheet's rows): adapters implement only the primitives.

/** How a new 校验说明 sheet looks: a bold header, columns wide enough for ids, addresses and sentences. */
export const EXPLANATION_LAYOUT: SheetLayout = { boldFirstRow: true, columnWidths: [22, 18, 50, 50, 12] };

/** Explanations stored in the 校验说明 sheet ([] when there is none). */
export async function readExplanations(store: Pick<SheetStore, 'readSheet'>): Promise<Explanation[]> {
  const grid = await store.readSheet(EXPLANATION_SHEET);
  return grid ? parseExplanations(grid) : [];
}

/**
 * Adds or replaces (same rule and cell) one explanation in the 校验说明 sheet,
 * creating the sheet when needed; a blank text removes the explanation.
 */
export async function writeExplanation(store: SheetStore, explanation: Explanation): Promise<void> {
  const list = upsertExplanation(await readExplanations(store), explanation);
  await store.replaceSheetRows(EXPLANATION_SHEET, explanationSheetRows(list), EXPLANATION_LAYOUT);
}
