/**
 * Builds a Grid for tests from a 2-D array of cell values, the way a host
 * would deliver it (values, displayed text, number formats, formulas, merges).
 *
 *   buildGrid(
 *     [
 *       ['占比', null],
 *       [0.8399, 'x'],
 *     ],
 *     { sheet: '附件2', origin: 'F20', merges: ['A1:B1'], numFmt: { 'A2': '0.00%' } },
 *   );
 *
 * Every address in the spec (merges, numFmt, formulas) is RELATIVE to the
 * array: 'A1' is rows[0][0], wherever `origin` puts the block on the sheet.
 * So moving a form to another place only changes `origin`.
 */
import { displayText } from '../../src/sheet/number-format';
import { parseAddress } from '../../src/sheet/ref';
import { emptyGrid as emptySheetGrid, type CellValue, type Grid, type MergeArea } from '../../src/sheet/grid';

export interface GridSpec {
  /** Sheet name (default "Sheet1"). */
  sheet?: string;
  /** Where rows[0][0] sits on the sheet: "F20", or 0-based { row, col } (default A1). */
  origin?: string | { row: number; col: number };
  /** Merged areas, relative A1 ranges ("A1:A8"). */
  merges?: string[];
  /** Number formats by relative address or range: { 'E5:E12': '0.00%' }. */
  numFmt?: Record<string, string>;
  /** Formulas by relative address: { 'E9': '=SUM(E5:E8)' } (the value stays what rows holds: the cached result). */
  formulas?: Record<string, string>;
  /** Displayed text overrides by relative address (otherwise computed with displayText). */
  text?: Record<string, string>;
  /** Set false to leave Grid.text out, as a host that cannot show text would (default true). */
  withText?: boolean;
}

export function buildGrid(rows: CellValue[][], spec: GridSpec = {}): Grid {
  const origin = resolveOrigin(spec.origin);
  const values = rows.map((r) => r.map((v) => (v === undefined ? null : v)));
  const height = values.length;
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  const numFmt: string[][] = values.map((r) => r.map(() => 'General'));
  for (const [range, fmt] of Object.entries(spec.numFmt ?? {})) {
    forEachCell(range, (r, c) => {
      if (r < height && c < width) {
        while (numFmt[r]!.length <= c) numFmt[r]!.push('General');
        numFmt[r]![c] = fmt;
      }
    });
  }
  const grid: Grid = {
    sheet: spec.sheet ?? 'Sheet1',
    top: origin.row,
    left: origin.col,
    values,
    numFmt,
    merges: (spec.merges ?? []).map((m) => shiftArea(toArea(m), origin)),
  };
  if (spec.formulas) {
    const formulas: (string | null)[][] = values.map((r) => r.map(() => null));
    for (const [addr, f] of Object.entries(spec.formulas)) {
      const p = mustParse(addr);
      while (formulas[p.row]!.length <= p.col) formulas[p.row]!.push(null);
      formulas[p.row]![p.col] = f;
    }
    grid.formulas = formulas;
  }
  if (spec.withText !== false) {
    grid.text = values.map((r, ri) => r.map((v, ci) => displayText(v, numFmt[ri]?.[ci] ?? 'General')));
    for (const [addr, t] of Object.entries(spec.text ?? {})) {
      const p = mustParse(addr);
      while (grid.text[p.row]!.length <= p.col) grid.text[p.row]!.push('');
      grid.text[p.row]![p.col] = t;
    }
  }
  return grid;
}

/** A grid with no cells at all (an empty sheet). */
export function emptyGrid(sheet = 'Sheet1'): Grid {
  return emptySheetGrid(sheet);
}

function resolveOrigin(origin: GridSpec['origin']): { row: number; col: number } {
  if (!origin) return { row: 0, col: 0 };
  if (typeof origin !== 'string') return origin;
  const p = mustParse(origin);
  return { row: p.row, col: p.col };
}

function mustParse(address: string): { row: number; col: number; bottom?: number; right?: number } {
  const p = parseAddress(address);
  if (!p) throw new Error(`grid-builder: bad address ${address}`);
  return p;
}

function toArea(range: string): MergeArea {
  const p = mustParse(range);
  return { top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col };
}

function shiftArea(a: MergeArea, o: { row: number; col: number }): MergeArea {
  return { top: a.top + o.row, left: a.left + o.col, bottom: a.bottom + o.row, right: a.right + o.col };
}

function forEachCell(range: string, fn: (row: number, col: number) => void): void {
  const a = toArea(range);
  for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) fn(r, c);
}
