/**
 * The one sheet snapshot every host produces: values, displayed text, number
 * formats, formulas and merged areas of a rectangular block of one sheet.
 * Coordinates are 0-based and absolute (row 0 / col 0 is A1), so a block that
 * starts at C5 has top = 4, left = 2.
 */
import type { RangeRef } from './ref';

export interface CellError {
  /** The spreadsheet error text, e.g. "#DIV/0!", "#REF!". */
  readonly error: string;
}

/** Dates arrive as serial numbers (Excel's 1900 system) with a date number format. */
export type CellValue = string | number | boolean | null | CellError;

/** A merged block of cells (0-based, inclusive). */
export type MergeArea = RangeRef;

export interface Grid {
  sheet: string;
  /** Absolute position of values[0][0]. */
  top: number;
  left: number;
  /** Row-major; rows may be ragged (missing cells are empty). */
  values: CellValue[][];
  /** Displayed text, same shape as values; when absent it is derived from the value. */
  text?: string[][];
  /** Number format codes ("General", "0.00", "0.00%", "yyyy\"年\"m\"月\"d\"日\""). */
  numFmt?: string[][];
  /** Formula of each cell, "=SUM(D5:D7)", or null / "" when the cell holds a constant. */
  formulas?: (string | null)[][];
  merges: MergeArea[];
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && typeof (v as CellError).error === 'string';
}

/** Number of rows / columns the grid spans (the widest row counts). */
export function gridSize(grid: Grid): { rows: number; cols: number } {
  let cols = 0;
  for (const r of grid.values) if (r.length > cols) cols = r.length;
  return { rows: grid.values.length, cols };
}

/** Value at an absolute position, null outside the grid. */
export function valueAt(grid: Grid, row: number, col: number): CellValue {
  const r = grid.values[row - grid.top];
  if (!r) return null;
  const v = r[col - grid.left];
  return v === undefined ? null : v;
}

/** Displayed text at an absolute position ("" when empty). */
export function textAt(grid: Grid, row: number, col: number): string {
  const t = grid.text?.[row - grid.top]?.[col - grid.left];
  if (t !== undefined && t !== null) return t;
  const v = valueAt(grid, row, col);
  if (v === null) return '';
  if (isCellError(v)) return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export function numFmtAt(grid: Grid, row: number, col: number): string {
  return grid.numFmt?.[row - grid.top]?.[col - grid.left] || 'General';
}

export function formulaAt(grid: Grid, row: number, col: number): string | null {
  const f = grid.formulas?.[row - grid.top]?.[col - grid.left];
  return f ? f : null;
}

/** A grid with no cells: what a host reports for an empty or missing sheet. */
export function emptyGrid(sheet: string): Grid {
  return { sheet, top: 0, left: 0, values: [], text: [], numFmt: [], formulas: [], merges: [] };
}
