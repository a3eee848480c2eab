/**
 * Reading a sheet for a check in ONE round trip: the used range's values,
 * displayed text, number formats, formulas and value types, its merged areas
 * (taken from the used range, since getMergedAreasOrNullObject misses merges
 * whose top-left cell lies outside the range it is called on), and a count of
 * the user's own notes / comments, which lets showing the findings skip a
 * lookup round trip on the usual sheet that has none.
 */
import { NOTE_MARK } from '../flags';
import { parseAddress, type CellValue, type Grid, type MergeArea } from '../../read/grid';
import type { ExcelEnv } from './env';

/** What the read learnt about the user's own annotations on the sheet (null: not read). */
export interface AnnotationHint {
  /** Notes whose text is (or starts with) the user's, not only jixiao's. */
  userNotes: number | null;
  /** Top-level threaded comments that are not jixiao's. */
  userComments: number | null;
}

export interface SheetRead {
  grid: Grid;
  sheetId: string;
  hint: AnnotationHint;
}

/** The shape Excel returns for a loaded range. */
export interface LoadedRange {
  values: unknown[][];
  text: string[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
  valueTypes: string[][];
  rowIndex: number;
  columnIndex: number;
}

export async function readSheet(env: ExcelEnv, sheet: string): Promise<SheetRead> {
  return env.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.load('name,id');
    const used = ws.getUsedRangeOrNullObject();
    used.load('values,text,numberFormat,formulas,valueTypes,rowIndex,columnIndex');
    const merged = env.features.mergedAreas ? used.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    const notes = env.features.notes ? ws.notes.load('items/content') : null;
    const comments = !env.features.notes && env.features.comments ? ws.comments.load('items/content') : null;
    await context.sync();

    const hint: AnnotationHint = {
      userNotes: notes ? notes.items.filter((n) => !n.content.startsWith(NOTE_MARK)).length : null,
      userComments: comments ? comments.items.filter((c) => !c.content.startsWith(NOTE_MARK)).length : null,
    };
    if (used.isNullObject) {
      return { grid: emptyGrid(ws.name), sheetId: ws.id, hint };
    }
    const mergeAreas = merged && !merged.isNullObject ? parseAreas(merged.address) : [];
    return { grid: toGrid(ws.name, used, mergeAreas), sheetId: ws.id, hint };
  });
}

export function emptyGrid(sheet: string): Grid {
  return { sheet, top: 0, left: 0, values: [], text: [], numFmt: [], formulas: [], merges: [] };
}

/** Excel's loaded range → Grid. Excel gives "" for empty cells, the error text for errors, and the constant as "formula" of a constant cell. */
export function toGrid(sheet: string, r: LoadedRange, merges: MergeArea[]): Grid {
  const values: CellValue[][] = r.values.map((row, i) => row.map((v, j) => cellValue(v, r.valueTypes[i]?.[j])));
  const formulas = r.formulas.map((row) => row.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
  const numFmt = r.numberFormat.map((row) => row.map((f) => (typeof f === 'string' && f !== '' ? f : 'General')));
  return {
    sheet,
    top: r.rowIndex,
    left: r.columnIndex,
    values,
    text: r.text.map((row) => row.map((t) => String(t ?? ''))),
    numFmt,
    formulas,
    merges,
  };
}

function cellValue(v: unknown, type: string | undefined): CellValue {
  if (type === 'Empty' || v === '' || v === null || v === undefined) return null;
  if (type === 'Error') return { error: String(v) };
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** "Sheet1!A1:B2,'表 1'!C3:C4" → areas. Commas inside quoted sheet names do not split. */
export function parseAreas(address: string): MergeArea[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  const out: MergeArea[] = [];
  for (const part of parts) {
    const p = parseAddress(part.trim());
    if (!p) continue;
    out.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
  }
  return out;
}
