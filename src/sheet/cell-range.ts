/**
 * Typed cell references: a cell or a rectangular range on a named sheet, rows
 * and columns 0-based. Findings carry these; A1 text ("附件2!E11",
 * "'表 1'!D27:D30") is made only at the edges (messages, JSON, hosts, pane)
 * by `refText`, and read back only from text a user or a host supplies
 * (`parseRef`).
 */
import { a1, parseAddress, quoteSheet } from './ref';

export interface CellRange {
  sheet: string;
  /** First (top) row, 0-based. */
  row: number;
  /** First (left) column, 0-based. */
  col: number;
  /** Last row of a range, 0-based; absent for a single cell. */
  bottom?: number;
  /** Last column of a range, 0-based; absent for a single cell. */
  right?: number;
}

/** One cell. Copies only the coordinates of `at` (a Field's ref carries more). */
export function cellRef(at: { sheet: string; row: number; col: number }): CellRange {
  return { sheet: at.sheet, row: at.row, col: at.col };
}

/** A range; a single cell when it spans one. */
export function rangeRef(sheet: string, top: number, left: number, bottom: number, right: number): CellRange {
  return bottom === top && right === left
    ? { sheet, row: top, col: left }
    : { sheet, row: top, col: left, bottom, right };
}

/** Last row / column of a reference (the cell itself for a single cell). */
export function bottomOf(r: CellRange): number {
  return r.bottom ?? r.row;
}

export function rightOf(r: CellRange): number {
  return r.right ?? r.col;
}

/** "E11" or "D27:D30", without the sheet. */
export function refA1(r: CellRange): string {
  const start = a1(r.row, r.col);
  const end = a1(bottomOf(r), rightOf(r));
  return start === end ? start : `${start}:${end}`;
}

/** Sheet-qualified A1 text: "附件2!E11", "'表 1'!D27:D30". */
export function refText(r: CellRange): string {
  return `${quoteSheet(r.sheet)}!${refA1(r)}`;
}

/** Same sheet and same cells. */
export function sameRef(a: CellRange, b: CellRange): boolean {
  return (
    a.sheet === b.sheet &&
    a.row === b.row &&
    a.col === b.col &&
    bottomOf(a) === bottomOf(b) &&
    rightOf(a) === rightOf(b)
  );
}

/**
 * Reads A1 text a user or a host supplied ("Sheet1!E11", "'表 1'!A1:B2", "E11"
 * with `defaultSheet`). Null for anything else, or for a bare address without
 * a default sheet.
 */
export function parseRef(text: string, defaultSheet?: string): CellRange | null {
  const p = parseAddress(text);
  const sheet = p?.sheet ?? defaultSheet;
  if (!p || sheet === undefined) return null;
  return rangeRef(sheet, p.row, p.col, p.bottom ?? p.row, p.right ?? p.col);
}
