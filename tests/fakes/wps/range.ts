/**
 * The fake ET Range with WPS's semantics: 1-based Item(r, c) relative to the
 * range, Value2 a scalar for one cell and a 2-D array for a block, Value a
 * method, Address(rowAbs, colAbs) a call, AddComment throwing when a comment
 * exists, colours as BGR numbers, Interior.ColorIndex -4142 for "no fill".
 */
import { readMemoryGrid } from '../memory';
import type { MemoryCell, MemorySheet } from '../memory/workbook';
import { displayText } from '../../../src/sheet/number-format';
import { columnLetters } from '../../../src/sheet/ref';
import { type CellValue, type Grid } from '../../../src/sheet/grid';
import type { PlanRange } from '../../../src/template/plan';
import { api, type FakeContext } from './context';
import { parseEntry, toValue2 } from './entry';
import { InteriorFake, FontFake, BordersFake, CommentFake, ValidationFake, H_ALIGN, V_ALIGN } from './parts';

export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

export class RangeFake {
  constructor(
    readonly ctx: FakeContext,
    readonly sheet: MemorySheet,
    readonly areas: PlanRange[],
  ) {}

  static make(ctx: FakeContext, sheet: MemorySheet, areas: PlanRange[]): RangeFake {
    return api(ctx, new RangeFake(ctx, sheet, areas));
  }

  get area(): PlanRange {
    return this.areas[0]!;
  }

  isWholeSheet(): boolean {
    return this.area.bottom - this.area.top >= MAX_ROW && this.area.right - this.area.left >= MAX_COL;
  }

  /** Every cell position of every area (refused for absurd sizes: the fake is for forms, not whole sheets). */
  positions(): [number, number][] {
    const out: [number, number][] = [];
    for (const a of this.areas) {
      if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 2_000_000) throw new Error('fake ET: range too large');
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) out.push([r, c]);
    }
    return out;
  }

  cells(): MemoryCell[] {
    return this.positions().map(([r, c]) => this.sheet.cell(r, c));
  }

  private grid(): Grid {
    return readMemoryGrid(this.sheet);
  }

  private computed(g: Grid, r: number, c: number): CellValue {
    return g.values[r - g.top]?.[c - g.left] ?? null;
  }

  private block<T>(fn: (r: number, c: number) => T): T | T[][] {
    const a = this.area;
    if (a.top === a.bottom && a.left === a.right) return fn(a.top, a.left);
    const out: T[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: T[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(fn(r, c));
      out.push(row);
    }
    return out;
  }

  private uniform<T>(fn: (cell: MemoryCell | undefined) => T): T | null {
    let first: T | undefined;
    let set = false;
    for (const [r, c] of this.positions()) {
      const v = fn(this.sheet.get(r, c));
      if (!set) {
        first = v;
        set = true;
      } else if (v !== first) return null;
    }
    return set ? (first as T) : null;
  }

  /** Stores raw entries into the first area (a scalar fills every cell) and raises SheetChange. */
  private enter(raw: unknown): void {
    const a = this.area;
    this.ctx.refuse(this.sheet, 'value', this.cells());
    const matrix = Array.isArray(raw) ? (raw as unknown[]) : null;
    for (let r = a.top; r <= a.bottom; r++) {
      for (let c = a.left; c <= a.right; c++) {
        let v: unknown = raw;
        if (matrix) {
          const row = matrix[r - a.top];
          v = Array.isArray(row) ? row[c - a.left] : r === a.top && a.top === a.bottom ? matrix[c - a.left] : undefined;
          if (v === undefined && (!Array.isArray(row) || c - a.left >= row.length)) v = '#N/A';
        }
        const entry = parseEntry(v);
        const cell = this.sheet.cell(r, c);
        cell.value = entry.value;
        cell.formula = entry.formula;
        if (entry.numFmt && cell.numFmt === 'General') cell.numFmt = entry.numFmt;
      }
    }
    this.ctx.raise(this.sheet, a);
  }

  get Value2(): unknown {
    const g = this.grid();
    return this.block((r, c) => toValue2(this.computed(g, r, c)));
  }
  set Value2(v: unknown) {
    this.enter(v);
  }

  /** Value is a method in WPS (it takes a data-type argument). */
  Value(_type?: number): unknown {
    return this.Value2;
  }

  get Formula(): unknown {
    return this.block((r, c) => {
      const cell = this.sheet.get(r, c);
      if (cell?.formula) return cell.formula;
      const v = cell?.value ?? null;
      if (v === null) return '';
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      return typeof v === 'object' ? v.error : String(v);
    });
  }
  set Formula(v: unknown) {
    this.enter(v);
  }

  get HasFormula(): boolean | null {
    return this.uniform((c) => Boolean(c?.formula));
  }

  /** Displayed text; for a block, the common text or null when cells differ. */
  get Text(): string | null {
    const g = this.grid();
    let first: string | null = null;
    for (const [r, c] of this.positions()) {
      const t = displayText(this.computed(g, r, c), this.sheet.get(r, c)?.numFmt);
      if (first === null) first = t;
      else if (t !== first) return null;
    }
    return first;
  }

  get NumberFormat(): string | null {
    return this.uniform((c) => c?.numFmt ?? 'General');
  }
  set NumberFormat(f: string | null) {
    this.ctx.refuse(this.sheet, 'format');
    for (const cell of this.cells()) cell.numFmt = f ?? 'General';
  }

  Address(rowAbsolute = true, columnAbsolute = true): string {
    const one = (r: number, c: number) =>
      `${columnAbsolute ? '$' : ''}${columnLetters(c)}${rowAbsolute ? '$' : ''}${r + 1}`;
    return this.areas
      .map((a) =>
        a.top === a.bottom && a.left === a.right
          ? one(a.top, a.left)
          : `${one(a.top, a.left)}:${one(a.bottom, a.right)}`,
      )
      .join(',');
  }

  get Row(): number {
    return this.area.top + 1;
  }
  get Column(): number {
    return this.area.left + 1;
  }
  get Count(): number {
    return this.areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
  }
  get Rows(): object {
    const a = this.area;
    return api(this.ctx, {
      Count: a.bottom - a.top + 1,
      Item: (i: number) => RangeFake.make(this.ctx, this.sheet, [{ ...a, top: a.top + i - 1, bottom: a.top + i - 1 }]),
    });
  }
  get Columns(): object {
    const a = this.area;
    return api(this.ctx, {
      Count: a.right - a.left + 1,
      Item: (i: number) =>
        RangeFake.make(this.ctx, this.sheet, [{ ...a, left: a.left + i - 1, right: a.left + i - 1 }]),
    });
  }
  get Areas(): object {
    return api(this.ctx, {
      Count: this.areas.length,
      Item: (i: number) => RangeFake.make(this.ctx, this.sheet, [this.areas[i - 1]!]),
    });
  }
  get Cells(): RangeFake {
    return RangeFake.make(this.ctx, this.sheet, this.areas);
  }
  /** 1-based, relative to the range's top-left; may reach outside it, as in WPS. */
  Item(row: number, col = 1): RangeFake {
    const a = this.area;
    const r = a.top + row - 1;
    const c = a.left + col - 1;
    return RangeFake.make(this.ctx, this.sheet, [{ top: r, left: c, bottom: r, right: c }]);
  }
  Resize(rows?: number, cols?: number): RangeFake {
    const a = this.area;
    const h = rows ?? a.bottom - a.top + 1;
    const w = cols ?? a.right - a.left + 1;
    return RangeFake.make(this.ctx, this.sheet, [
      { top: a.top, left: a.left, bottom: a.top + h - 1, right: a.left + w - 1 },
    ]);
  }
  Offset(rows = 0, cols = 0): RangeFake {
    const a = this.area;
    return RangeFake.make(this.ctx, this.sheet, [
      { top: a.top + rows, left: a.left + cols, bottom: a.bottom + rows, right: a.right + cols },
    ]);
  }

  get Worksheet(): unknown {
    return this.ctx.worksheet(this.sheet);
  }

  private mergeOf(r: number, c: number): PlanRange | undefined {
    return this.sheet.merges.find((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right);
  }
  get MergeCells(): boolean | null {
    let merged = 0;
    const all = this.positions();
    for (const [r, c] of all) if (this.mergeOf(r, c)) merged++;
    return merged === 0 ? false : merged === all.length ? true : null;
  }
  set MergeCells(v: boolean | null) {
    if (v) this.Merge();
    else this.UnMerge();
  }
  get MergeArea(): RangeFake {
    const m = this.mergeOf(this.area.top, this.area.left);
    return RangeFake.make(this.ctx, this.sheet, [
      m ? { ...m } : { ...this.area, bottom: this.area.top, right: this.area.left },
    ]);
  }
  Merge(): void {
    this.ctx.refuse(this.sheet, 'format');
    for (const a of this.areas) {
      if (a.top === a.bottom && a.left === a.right) continue;
      this.sheet.merges = this.sheet.merges.filter((m) => !intersects(m, a));
      this.sheet.merges.push({ ...a });
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) {
          if (r === a.top && c === a.left) continue;
          const cell = this.sheet.get(r, c);
          if (cell) {
            cell.value = null;
            cell.formula = null;
          }
        }
    }
  }
  UnMerge(): void {
    this.sheet.merges = this.sheet.merges.filter((m) => !this.areas.some((a) => intersects(m, a)));
  }

  get Interior(): InteriorFake {
    return api(this.ctx, new InteriorFake(this));
  }
  get Font(): FontFake {
    return api(this.ctx, new FontFake(this));
  }
  get Borders(): BordersFake {
    return api(this.ctx, new BordersFake(this));
  }
  get Validation(): ValidationFake {
    return api(this.ctx, new ValidationFake(this));
  }

  get HorizontalAlignment(): number | null {
    return this.uniform((c) => H_ALIGN[c?.style.hAlign ?? 'left']);
  }
  set HorizontalAlignment(v: number | null) {
    const key = (Object.keys(H_ALIGN) as (keyof typeof H_ALIGN)[]).find((k) => H_ALIGN[k] === v);
    for (const cell of this.cells()) cell.style.hAlign = key;
  }
  get VerticalAlignment(): number | null {
    return this.uniform((c) => V_ALIGN[c?.style.vAlign ?? 'bottom']);
  }
  set VerticalAlignment(v: number | null) {
    const key = (Object.keys(V_ALIGN) as (keyof typeof V_ALIGN)[]).find((k) => V_ALIGN[k] === v);
    for (const cell of this.cells()) cell.style.vAlign = key;
  }
  get WrapText(): boolean | null {
    return this.uniform((c) => Boolean(c?.style.wrap));
  }
  set WrapText(v: boolean | null) {
    for (const cell of this.cells()) cell.style.wrap = Boolean(v);
  }
  get Locked(): boolean | null {
    return this.uniform((c) => !c?.style.unlocked);
  }
  set Locked(v: boolean | null) {
    for (const cell of this.cells()) cell.style.unlocked = !v;
  }
  get ColumnWidth(): number {
    return this.sheet.columnWidths[this.area.left] ?? 8.43;
  }
  set ColumnWidth(w: number) {
    for (const a of this.areas) for (let c = a.left; c <= a.right; c++) this.sheet.columnWidths[c] = w;
  }
  get RowHeight(): number {
    return this.sheet.rowHeights[this.area.top] ?? 13.5;
  }
  set RowHeight(h: number) {
    for (const a of this.areas) for (let r = a.top; r <= a.bottom; r++) this.sheet.rowHeights[r] = h;
  }

  get Comment(): CommentFake | null {
    const cell = this.sheet.get(this.area.top, this.area.left);
    const mode = this.ctx.options.comments ?? 'readable';
    if (cell && cell.note !== null) {
      return api(this.ctx, new CommentFake(cell, () => this.ctx.refuse(this.sheet, 'format'), mode !== 'readable'));
    }
    // The placeholder build: an object for a cell without a comment too; deleting it does nothing.
    return mode === 'placeholder' ? api(this.ctx, new CommentFake(null, () => undefined, true)) : null;
  }
  /** Throws when the cell already has a comment, as WPS does. */
  AddComment(text?: string): CommentFake {
    const cell = this.sheet.cell(this.area.top, this.area.left);
    this.ctx.refuse(this.sheet, 'format');
    if (cell.note !== null) throw new Error('无法添加批注：该单元格已有批注');
    cell.note = text ?? '';
    const mode = this.ctx.options.comments ?? 'readable';
    return api(this.ctx, new CommentFake(cell, () => this.ctx.refuse(this.sheet, 'format'), mode !== 'readable'));
  }
  ClearComments(): void {
    for (const cell of this.cells()) cell.note = null;
  }

  Select(): boolean {
    this.requireActive('Select');
    this.ctx.workbook.selection = `${this.sheet.name}!${this.Address(false, false)}`;
    return true;
  }
  Activate(): boolean {
    return this.Select();
  }
  private requireActive(what: string): void {
    if (this.ctx.activeSheet() !== this.sheet)
      throw new Error(`Range.${what}: 工作表“${this.sheet.name}”不是活动工作表`);
  }

  ClearContents(): boolean {
    this.ctx.refuse(this.sheet, 'value', this.cells());
    for (const cell of this.cells()) {
      cell.value = null;
      cell.formula = null;
    }
    this.ctx.raise(this.sheet, this.area);
    return true;
  }
}

function intersects(a: PlanRange, b: PlanRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}
