/**
 * Random edits of a real form's grid, the way users damage forms: rows
 * deleted or inserted, cells blanked, values swapped, text typed into amount
 * cells, the whole form moved. Edits keep values, text, formats, formulas and
 * merges aligned, as a spreadsheet would.
 */
import fc from 'fast-check';
import type { CellValue, Grid, MergeArea } from '../../src/sheet/grid';
import { cellValue, VALUE_TEXTS } from './arbitraries';

/** Positions are fractions of the grid's size, so one edit list fits any grid. */
const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export type Edit =
  | { kind: 'deleteRow'; at: number }
  | { kind: 'insertRow'; at: number; values: CellValue[] }
  | { kind: 'blank'; row: number; col: number }
  | { kind: 'set'; row: number; col: number; value: CellValue }
  | { kind: 'swap'; a: [number, number]; b: [number, number] }
  | { kind: 'textInNumber'; nth: number; text: string }
  | { kind: 'shift'; rows: number; cols: number };

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  frac.map((at) => ({ kind: 'deleteRow' as const, at })),
  fc.record({ kind: fc.constant('insertRow' as const), at: frac, values: fc.array(cellValue, { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('blank' as const), row: frac, col: frac }),
  fc.record({ kind: fc.constant('set' as const), row: frac, col: frac, value: cellValue }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.tuple(frac, frac), b: fc.tuple(frac, frac) }),
  fc.record({
    kind: fc.constant('textInNumber' as const),
    nth: frac,
    text: fc.constantFrom(...VALUE_TEXTS, '壹佰', 'abc'),
  }),
  fc.record({
    kind: fc.constant('shift' as const),
    rows: fc.integer({ min: -40, max: 40 }),
    cols: fc.integer({ min: -10, max: 10 }),
  }),
);

function clone(grid: Grid): Grid {
  const out: Grid = {
    sheet: grid.sheet,
    top: grid.top,
    left: grid.left,
    values: grid.values.map((r) => [...r]),
    merges: grid.merges.map((m) => ({ ...m })),
  };
  if (grid.text) out.text = grid.text.map((r) => [...r]);
  if (grid.numFmt) out.numFmt = grid.numFmt.map((r) => [...r]);
  if (grid.formulas) out.formulas = grid.formulas.map((r) => [...r]);
  return out;
}

function width(grid: Grid): number {
  return Math.max(1, ...grid.values.map((r) => r.length));
}

function setCell(grid: Grid, r: number, c: number, value: CellValue, text: string | undefined): void {
  const row = grid.values[r];
  if (!row) return;
  while (row.length <= c) row.push(null);
  row[c] = value;
  const t = grid.text?.[r];
  if (t) {
    while (t.length <= c) t.push('');
    t[c] = text ?? (value === null ? '' : typeof value === 'object' ? value.error : String(value));
  }
  const f = grid.formulas?.[r];
  if (f && c < f.length) f[c] = null;
}

function deleteRow(grid: Grid, r: number): void {
  if (grid.values.length === 0) return;
  grid.values.splice(r, 1);
  grid.text?.splice(r, 1);
  grid.numFmt?.splice(r, 1);
  grid.formulas?.splice(r, 1);
  const abs = grid.top + r;
  const merges: MergeArea[] = [];
  for (const m of grid.merges) {
    if (m.bottom < abs) merges.push(m);
    else if (m.top > abs) merges.push({ ...m, top: m.top - 1, bottom: m.bottom - 1 });
    else if (m.bottom > m.top) merges.push({ ...m, bottom: m.bottom - 1 });
    // A one-row merge on the deleted row goes with it.
  }
  grid.merges = merges;
}

function insertRow(grid: Grid, r: number, values: CellValue[]): void {
  grid.values.splice(r, 0, [...values]);
  grid.text?.splice(
    r,
    0,
    values.map((v) => (v === null ? '' : typeof v === 'object' ? v.error : String(v))),
  );
  grid.numFmt?.splice(
    r,
    0,
    values.map(() => 'General'),
  );
  grid.formulas?.splice(
    r,
    0,
    values.map(() => null),
  );
  const abs = grid.top + r;
  grid.merges = grid.merges.map((m) =>
    m.top >= abs
      ? { ...m, top: m.top + 1, bottom: m.bottom + 1 }
      : m.bottom >= abs
        ? { ...m, bottom: m.bottom + 1 }
        : m,
  );
}

function swap(grid: Grid, a: [number, number], b: [number, number]): void {
  const [ra, ca] = a;
  const [rb, cb] = b;
  const va = grid.values[ra]?.[ca] ?? null;
  const vb = grid.values[rb]?.[cb] ?? null;
  const ta = grid.text?.[ra]?.[ca];
  const tb = grid.text?.[rb]?.[cb];
  setCell(grid, ra, ca, vb, tb);
  setCell(grid, rb, cb, va, ta);
  const fa = grid.numFmt?.[ra]?.[ca];
  const fb = grid.numFmt?.[rb]?.[cb];
  if (fa !== undefined && fb !== undefined) {
    grid.numFmt![ra]![ca] = fb;
    grid.numFmt![rb]![cb] = fa;
  }
}

/** Applies the edits in order to a copy of `grid`. */
export function applyEdits(source: Grid, edits: Edit[]): Grid {
  const grid = clone(source);
  for (const e of edits) {
    const rows = grid.values.length;
    const cols = width(grid);
    const at = (f: number, n: number): number => Math.min(n - 1, Math.floor(f * n));
    switch (e.kind) {
      case 'deleteRow':
        if (rows > 0) deleteRow(grid, at(e.at, rows));
        break;
      case 'insertRow':
        insertRow(grid, Math.floor(e.at * (rows + 1)), e.values);
        break;
      case 'blank':
        if (rows > 0) setCell(grid, at(e.row, rows), at(e.col, cols), null, '');
        break;
      case 'set':
        if (rows > 0) setCell(grid, at(e.row, rows), at(e.col, cols), e.value, undefined);
        break;
      case 'swap':
        if (rows > 0) swap(grid, [at(e.a[0], rows), at(e.a[1], cols)], [at(e.b[0], rows), at(e.b[1], cols)]);
        break;
      case 'textInNumber': {
        const numeric: [number, number][] = [];
        grid.values.forEach((row, r) => row.forEach((v, c) => typeof v === 'number' && numeric.push([r, c])));
        if (numeric.length === 0) break;
        const [r, c] = numeric[at(e.nth, numeric.length)]!;
        setCell(grid, r, c, e.text, e.text);
        break;
      }
      case 'shift': {
        const dr = Math.max(-grid.top, e.rows);
        const dc = Math.max(-grid.left, e.cols);
        grid.top += dr;
        grid.left += dc;
        grid.merges = grid.merges.map((m) => ({
          top: m.top + dr,
          bottom: m.bottom + dr,
          left: m.left + dc,
          right: m.right + dc,
        }));
        break;
      }
    }
  }
  return grid;
}
