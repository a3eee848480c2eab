/** Typed cell references for tests, written as A1 text ("附件2!E11", "'表 1'!A1:B3"). */
import { parseRef, refText, type CellRange } from '../../src/sheet/cell-range';

/** The reference an A1 text names; throws on anything that is no sheet-qualified address. */
export function ref(text: string): CellRange {
  const r = parseRef(text);
  if (!r) throw new Error(`not a sheet-qualified address: ${text}`);
  return r;
}

export function refs(texts: string[]): CellRange[] {
  return texts.map(ref);
}

/** A finding's cells as A1 text, for assertions. */
export function texts(cells: readonly CellRange[]): string[] {
  return cells.map(refText);
}

/** A finding's first cell as A1 text (undefined when it names none). */
export function first(f: { cells: readonly CellRange[] }): string | undefined {
  const c = f.cells[0];
  return c ? refText(c) : undefined;
}

/** A fix with its cell as A1 text, for assertions. */
export function fixText<T extends { cell: CellRange }>(
  fix: T | undefined,
): (Omit<T, 'cell'> & { cell: string }) | undefined {
  return fix ? { ...fix, cell: refText(fix.cell) } : undefined;
}
