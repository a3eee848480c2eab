/**
 * ExcelJS worksheet → Grid: the used block of the sheet with values, displayed
 * text, number formats, formulas and merges, as every other host delivers it.
 * Used by the command line and the xlsx host.
 */
import type ExcelJS from 'exceljs';
import { displayText, serialFromUtc } from '../../sheet/number-format';
import { emptyGrid, type CellValue, type Grid, type MergeArea } from '../../sheet/grid';
import { parseRange } from '../../sheet/ref';

/** ExcelJS ValueType numbers (exceljs' Enums.ValueType; the enum is not exported as a value in its typings). */
const T = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

interface CellData {
  row: number;
  col: number;
  value: CellValue;
  numFmt: string;
  formula: string | null;
}

export function worksheetToGrid(ws: ExcelJS.Worksheet): Grid {
  const merges = readMerges(ws);
  const cells: CellData[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === T.Merge) return; // a merge shows its top-left value; the others hold none
      const data = readCell(cell, rowNumber - 1, colNumber - 1);
      if (data.value === null && data.formula === null) return;
      cells.push(data);
      if (data.row < top) top = data.row;
      if (data.row > bottom) bottom = data.row;
      if (data.col < left) left = data.col;
      if (data.col > right) right = data.col;
    });
  });
  for (const m of merges) {
    top = Math.min(top, m.top);
    left = Math.min(left, m.left);
    bottom = Math.max(bottom, m.bottom);
    right = Math.max(right, m.right);
  }
  if (bottom < 0) return { ...emptyGrid(ws.name), merges };

  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: CellValue[][] = [];
  const text: string[][] = [];
  const numFmt: string[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < height; r++) {
    values.push(new Array<CellValue>(width).fill(null));
    text.push(new Array<string>(width).fill(''));
    numFmt.push(new Array<string>(width).fill('General'));
    formulas.push(new Array<string | null>(width).fill(null));
  }
  for (const c of cells) {
    const r = c.row - top;
    const k = c.col - left;
    values[r]![k] = c.value;
    numFmt[r]![k] = c.numFmt;
    formulas[r]![k] = c.formula;
    text[r]![k] = displayText(c.value, c.numFmt);
  }
  return { sheet: ws.name, top, left, values, text, numFmt, formulas, merges };
}

function readCell(cell: ExcelJS.Cell, row: number, col: number): CellData {
  let numFmt = typeof cell.numFmt === 'string' && cell.numFmt ? cell.numFmt : 'General';
  let value: CellValue = null;
  let formula: string | null = null;
  switch (cell.type) {
    case T.Formula: {
      const f = cell.formula;
      formula = f ? `=${f.replace(/^=/, '')}` : null;
      value = plainValue(cell.result);
      if (cell.result instanceof Date && numFmt === 'General') numFmt = 'yyyy-mm-dd';
      break;
    }
    case T.Date:
      // A date typed without a format still shows as a date in Excel.
      if (numFmt === 'General') numFmt = 'yyyy-mm-dd';
      value = plainValue(cell.value);
      break;
    default:
      value = plainValue(cell.value);
  }
  return { row, col, value, numFmt, formula };
}

/** An ExcelJS cell value (or formula result) → CellValue. */
function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText)) return richText(o.richText);
    if ('text' in o) {
      // Hyperlink: its shown text, itself possibly rich text.
      const t = o.text;
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)) {
        return richText((t as { richText: unknown[] }).richText);
      }
    }
    if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result);
  }
  return null;
}

function richText(runs: unknown[]): string {
  return runs
    .map((r) =>
      r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string'
        ? (r as { text: string }).text
        : '',
    )
    .join('');
}

/**
 * ExcelJS reads a serial as a UTC instant, whole days from the 1970 epoch (and writes
 * it back the same way), so the inverse gives back the stored serial exactly.
 */
export function dateToSerial(d: Date): number {
  return serialFromUtc(d.getTime());
}

/** Merged areas, 0-based. */
function readMerges(ws: ExcelJS.Worksheet): MergeArea[] {
  // Host boundary: ExcelJS keeps merges in a private map (master address → Range); its public
  // `model.merges` rebuilds the whole sheet model, which is slow on large sheets.
  const raw = (
    ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> }
  )._merges;
  const ranges = raw ? Object.values(raw) : [];
  if (!raw) {
    for (const s of (ws.model as { merges?: string[] }).merges ?? []) {
      const r = parseRange(s);
      if (r) ranges.push({ left: r.left + 1, top: r.top + 1, right: r.right + 1, bottom: r.bottom + 1 });
    }
  }
  return ranges
    .filter((r) => r && r.top > 0 && r.left > 0)
    .map((r) => ({ top: r.top - 1, left: r.left - 1, bottom: r.bottom - 1, right: r.right - 1 }));
}
