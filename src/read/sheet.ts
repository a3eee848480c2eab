/**
 * A read-only view of a Grid that knows its merged areas: which cell holds
 * the value a merged block shows, where a label's block ends, and how to turn
 * a cell into a Field. Built once per read; every lookup is O(1).
 */
import type { CellRef, Field } from '../form/types';
import { displayText } from '../sheet/number-format';
import { columnLetters, quoteSheet } from '../sheet/ref';
import { isCellError, type CellValue, type Grid, type MergeArea } from '../sheet/grid';
import type { CellRange } from '../sheet/cell-range';

/** Cells of a merged area above which it is not indexed cell by cell. */
const BIG_MERGE = 4096;

/** Grids up to this many cells index their merged cells in an array rather than a map. */
const DENSE_CELLS = 1 << 20;

function denseIndex(): { get(key: number): MergeArea | undefined; set(key: number, m: MergeArea): void } {
  const cells: (MergeArea | undefined)[] = [];
  return {
    get: (key) => cells[key],
    set: (key, m) => {
      cells[key] = m;
    },
  };
}

export class SheetView {
  readonly name: string;
  /** First row / column of the grid and one past the last (absolute, 0-based). */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly width: number;
  /**
   * Covered cell (relative key) → its merged area; cells outside the grid are looked up in `merges`. An array
   * over the grid when the grid is of a form's size (one allocation), a map when it is large and sparse.
   */
  private readonly mergeOf: { get(key: number): MergeArea | undefined; set(key: number, m: MergeArea): unknown };
  private readonly merges: MergeArea[];
  /** Merged areas too large to index cell by cell. */
  private readonly bigMerges: MergeArea[] = [];
  /** "Sheet1!" and column letters, computed once: a large form makes tens of thousands of Fields. */
  private readonly prefix: string;
  private readonly letters: string[] = [];

  constructor(private readonly grid: Grid) {
    this.name = typeof grid.sheet === 'string' ? grid.sheet : String(grid.sheet);
    this.prefix = `${quoteSheet(this.name)}!`;
    this.top = Number.isInteger(grid.top) && grid.top >= 0 ? grid.top : 0;
    this.left = Number.isInteger(grid.left) && grid.left >= 0 ? grid.left : 0;
    const rows = Array.isArray(grid.values) ? grid.values : [];
    let width = 0;
    for (const r of rows) if (Array.isArray(r) && r.length > width) width = r.length;
    this.width = width;
    this.bottom = this.top + rows.length;
    this.right = this.left + width;
    this.merges = (Array.isArray(grid.merges) ? grid.merges : []).filter(isSaneArea);
    const cells = rows.length * width;
    this.mergeOf = cells <= DENSE_CELLS ? denseIndex() : new Map<number, MergeArea>();
    for (const m of this.merges) {
      if (m.top === m.bottom && m.left === m.right) continue;
      const r0 = Math.max(m.top, this.top);
      const r1 = Math.min(m.bottom, this.bottom - 1);
      const c0 = Math.max(m.left, this.left);
      const c1 = Math.min(m.right, this.right - 1);
      if (r1 < r0 || c1 < c0) continue;
      // A huge merged area (a hostile or careless file) is looked up by its bounds instead of cell by cell.
      if ((r1 - r0 + 1) * (c1 - c0 + 1) > BIG_MERGE) {
        this.bigMerges.push(m);
        continue;
      }
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.mergeOf.set(this.key(r, c), m);
    }
  }

  /** Calls `fn` for every cell that holds a value (empty cells and the holes of a sparse grid are skipped), row by row. */
  forEachValue(fn: (row: number, col: number, value: CellValue) => void): void {
    const rows = Array.isArray(this.grid.values) ? this.grid.values : [];
    // forEach skips the holes of sparse arrays: the cost follows the cells, not the sheet's extent.
    rows.forEach((r, i) => {
      if (!Array.isArray(r)) return;
      r.forEach((_, j) => {
        const v = this.rawValue(this.top + i, this.left + j);
        if (v !== null) fn(this.top + i, this.left + j, v);
      });
    });
  }

  get isEmpty(): boolean {
    return this.bottom === this.top || this.width === 0;
  }

  /** A number naming a cell inside the grid (for maps keyed by cell). */
  key(row: number, col: number): number {
    return (row - this.top) * this.width + (col - this.left);
  }

  private inside(row: number, col: number): boolean {
    return row >= this.top && row < this.bottom && col >= this.left && col < this.right;
  }

  /** The merged area covering the cell, or null when it is a plain cell. */
  mergeAt(row: number, col: number): MergeArea | null {
    if (this.inside(row, col)) {
      const m = this.mergeOf.get(this.key(row, col));
      if (m) return m;
      for (const b of this.bigMerges) if (row >= b.top && row <= b.bottom && col >= b.left && col <= b.right) return b;
      return null;
    }
    for (const m of this.merges) {
      if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
    }
    return null;
  }

  /** The block the cell belongs to: its merged area, or the cell alone. */
  areaOf(row: number, col: number): MergeArea {
    return this.mergeAt(row, col) ?? { top: row, left: col, bottom: row, right: col };
  }

  /** The cell that holds the value shown at (row, col): the top-left of its merged area. */
  master(row: number, col: number): { row: number; col: number } {
    const m = this.mergeAt(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  /** The value stored in exactly this cell (null for the covered cells of a merge). */
  rawValue(row: number, col: number): CellValue {
    if (!this.inside(row, col)) return null;
    const v = this.grid.values[row - this.top]?.[col - this.left];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isCellError(v)) return v;
    return null;
  }

  /** The value shown at the cell (a merged block shows its top-left value everywhere). */
  value(row: number, col: number): CellValue {
    const m = this.mergeAt(row, col);
    return m ? this.rawValue(m.top, m.left) : this.rawValue(row, col);
  }

  numFmt(row: number, col: number): string {
    const f = this.inside(row, col) ? this.grid.numFmt?.[row - this.top]?.[col - this.left] : undefined;
    return typeof f === 'string' && f ? f : 'General';
  }

  /** Displayed text of exactly this cell. */
  rawText(row: number, col: number): string {
    const t = this.inside(row, col) ? this.grid.text?.[row - this.top]?.[col - this.left] : undefined;
    if (typeof t === 'string') return t;
    return displayText(this.rawValue(row, col), this.numFmt(row, col));
  }

  /** Displayed text shown at the cell (the merge's top-left text). */
  text(row: number, col: number): string {
    const m = this.mergeAt(row, col);
    return m ? this.rawText(m.top, m.left) : this.rawText(row, col);
  }

  formula(row: number, col: number): string | null {
    const f = this.inside(row, col) ? this.grid.formulas?.[row - this.top]?.[col - this.left] : undefined;
    return typeof f === 'string' && f ? f : null;
  }

  /** True when the cell itself holds nothing visible (null, "" or only whitespace). */
  isBlankCell(row: number, col: number): boolean {
    const v = this.rawValue(row, col);
    if (v === null) return true;
    return typeof v === 'string' && v.trim() === '';
  }

  /**
   * True when the cell holds its own content: it is not a covered cell of a
   * merge that starts on an earlier row, and it is not blank. A merge that
   * starts on the same row (a horizontal merge) counts as the row's own.
   */
  hasOwnContent(row: number, col: number): boolean {
    const m = this.mergeAt(row, col);
    if (m && m.top !== row) return false;
    return !this.isBlankCell(row, m ? m.left : col);
  }

  /** True when the cell is covered by a merge that starts on an earlier row. */
  coveredFromAbove(row: number, col: number): boolean {
    const m = this.mergeAt(row, col);
    return m !== null && m.top < row;
  }

  /** The typed reference of (row, col), for problems the reader reports. */
  cell(row: number, col: number): CellRange {
    return { sheet: this.name, row, col };
  }

  ref(row: number, col: number): CellRef {
    const letters = (this.letters[col] ??= columnLetters(col));
    return { sheet: this.name, row, col, address: `${this.prefix}${letters}${row + 1}` };
  }

  /** The Field for the value shown at (row, col): a merged cell gives the field of its top-left cell. */
  field(row: number, col: number): Field {
    const m = this.mergeAt(row, col);
    return m ? this.cellField(m.top, m.left) : this.cellField(row, col);
  }

  /** The Field of exactly this cell, empty or not. */
  cellField(row: number, col: number): Field {
    return {
      ref: this.ref(row, col),
      value: this.rawValue(row, col),
      text: this.rawText(row, col),
      numFmt: this.numFmt(row, col),
      formula: this.formula(row, col),
    };
  }
}

function isSaneArea(m: unknown): m is MergeArea {
  if (typeof m !== 'object' || m === null) return false;
  const a = m as MergeArea;
  return (
    [a.top, a.left, a.bottom, a.right].every((n) => Number.isInteger(n) && n >= 0) &&
    a.bottom >= a.top &&
    a.right >= a.left
  );
}
