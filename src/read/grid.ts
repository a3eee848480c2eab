/**
 * The one sheet snapshot every host produces: values, displayed text, number
 * formats, formulas and merged areas of a rectangular block of one sheet.
 * Coordinates are 0-based and absolute (row 0 / col 0 is A1), so a block that
 * starts at C5 has top = 4, left = 2.
 */

export interface CellError {
  /** The spreadsheet error text, e.g. "#DIV/0!", "#REF!". */
  readonly error: string;
}

/** Dates arrive as serial numbers (Excel's 1900 system) with a date number format. */
export type CellValue = string | number | boolean | null | CellError;

export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

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

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based (row, col) → "E11". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** Quotes a sheet name for an A1 reference when needed ("Sheet1" stays bare, "表 1" → "'表 1'"). */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

/** Sheet-qualified address: "Sheet1!E11". */
export function qualified(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col)}`;
}

export interface ParsedAddress {
  sheet: string | null;
  row: number;
  col: number;
  /** Set for a range "A1:B3". */
  bottom?: number;
  right?: number;
}

/** Parses "E11", "$E$11", "Sheet1!E11", "'表 1'!A1:B2". Returns null on anything else. */
export function parseAddress(address: string): ParsedAddress | null {
  const m = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(
    address.trim(),
  );
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
  const col = lettersToIndex(m[3]!);
  const row = Number(m[4]) - 1;
  if (row < 0) return null;
  const out: ParsedAddress = { sheet, row, col };
  if (m[5] && m[6]) {
    out.right = lettersToIndex(m[5]);
    out.bottom = Number(m[6]) - 1;
  }
  return out;
}

function lettersToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
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
