/**
 * Cell references and ranges: typed, 0-based, and the one place A1 text is
 * parsed and rendered. Row 0 / column 0 is A1.
 */

/** One cell of a sheet, 0-based. */
export interface CellRef {
  readonly row: number;
  readonly col: number;
}

/** A rectangular block of a sheet, 0-based and inclusive on all four sides. */
export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
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

/** Column letters → 0-based index ("A" → 0, "AA" → 26); case-insensitive. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based (row, col) → "E11". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** 0-based (row, col) → "$E$11". */
export function absoluteA1(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** True when the range is a single cell. */
export function isSingleCell(r: RangeRef): boolean {
  return r.top === r.bottom && r.left === r.right;
}

/** "B3" for one cell, "B3:D9" for a block (no sheet); `absolute` gives "$B$3:$D$9". */
export function rangeA1(r: RangeRef, absolute = false): string {
  const cell = absolute ? absoluteA1 : a1;
  const tl = cell(r.top, r.left);
  return isSingleCell(r) ? tl : `${tl}:${cell(r.bottom, r.right)}`;
}

/** Quotes a sheet name for an A1 reference when needed ("Sheet1" stays bare, "表 1" → "'表 1'"). */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

/** A sheet name always in quotes ("'Sheet1'"), as defined names and print areas write it. */
export function quotedSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Sheet-qualified address: "Sheet1!E11". */
export function qualified(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col)}`;
}

/** Sheet-qualified range: "Sheet1!E20:E23", or "Sheet1!E20" when the range is one cell. */
export function qualifiedRange(sheet: string, r: RangeRef): string {
  return `${quoteSheet(sheet)}!${rangeA1(r)}`;
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
  if (!m || m[3] === undefined) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
  const col = columnIndex(m[3]);
  const row = Number(m[4]) - 1;
  if (row < 0) return null;
  const out: ParsedAddress = { sheet, row, col };
  if (m[5] && m[6]) {
    out.right = columnIndex(m[5]);
    out.bottom = Number(m[6]) - 1;
  }
  return out;
}

/** Parses a range without a sheet ("B3", "B3:D9", "$B$3:$D$9") into a 0-based range; null on anything else. */
export function parseRange(text: string): RangeRef | null {
  const p = parseAddress(text);
  if (!p || p.sheet !== null) return null;
  return { top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col };
}
