/**
 * Fake Excel ranges: Range, RangeAreas, RangeFormat and its parts, data
 * validation, conditional formats. A range target is a sheet plus one or more
 * rectangular areas (0-based, inclusive).
 */
import { readMemoryGrid } from '../memory';
import type { MemorySheet } from '../memory/workbook';
import { displayText } from '../../../src/sheet/number-format';
import { a1, parseAddress, quoteSheet } from '../../../src/sheet/ref';
import { isCellError, type CellValue } from '../../../src/sheet/grid';
import type { PlanRange } from '../../../src/template/plan';
import { FakeApiError, FakeCollection, FakeObject, type FakeCF, type FakeContext, type FakeState } from './core';

/** Range.getMergedAreasOrNullObject fails above this many merged areas. */
export const MERGED_AREAS_LIMIT = 512;

export interface RangeTarget {
  sheet: MemorySheet;
  areas: PlanRange[];
}

export const MAX_ROW = 1048575;
export const MAX_COL = 16383;

/** "A1", "$B$2:C9", "Sheet1!A1" (the sheet part must match) → area. */
export function parseArea(address: string, sheet: MemorySheet): PlanRange {
  const p = parseAddress(address);
  if (!p || (p.sheet !== null && p.sheet !== sheet.name)) {
    throw new FakeApiError('InvalidArgument', `bad address '${address}' for sheet '${sheet.name}'`);
  }
  const bottom = p.bottom ?? p.row;
  const right = p.right ?? p.col;
  return {
    top: Math.min(p.row, bottom),
    left: Math.min(p.col, right),
    bottom: Math.max(p.row, bottom),
    right: Math.max(p.col, right),
  };
}

export function areaAddress(sheetName: string, a: PlanRange): string {
  const tl = a1(a.top, a.left);
  const body = a.top === a.bottom && a.left === a.right ? tl : `${tl}:${a1(a.bottom, a.right)}`;
  return `${quoteSheet(sheetName)}!${body}`;
}

function cellsOf(t: RangeTarget): { row: number; col: number }[] {
  const out: { row: number; col: number }[] = [];
  for (const a of t.areas) {
    if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 200000) {
      throw new FakeApiError('ResponsePayloadSizeLimitExceeded', 'range too large for a cell-by-cell operation');
    }
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) out.push({ row: r, col: c });
  }
  return out;
}

/** Excel's default column width, in characters of the default font. */
export const DEFAULT_COLUMN_CHARS = 8.43;

/**
 * What Range.text gives in Excel: what the cell SHOWS, which depends on the column width. A General
 * number is rounded to the digits that fit; a number that does not fit at all, or one with a fixed
 * format that does not fit, shows "####". Text spills into the next cells and comes back whole.
 */
export function shownText(value: CellValue, numFmt: string, widthChars: number): string {
  const full = displayText(value, numFmt);
  if (typeof value !== 'number' || widthChars <= 0) return full;
  const fit = Math.max(1, Math.floor(widthChars));
  if (full.length <= fit) return full;
  if (numFmt === 'General' || numFmt === '') {
    for (let digits = 10; digits >= 0; digits--) {
      const rounded = String(Number(value.toFixed(digits)));
      if (rounded.length <= fit) return rounded;
    }
  }
  return '#'.repeat(fit);
}

function columnChars(sheet: MemorySheet, col: number): number {
  const w = sheet.columnWidths[col];
  return typeof w === 'number' && w > 0 ? w : DEFAULT_COLUMN_CHARS;
}

/** Values as Excel reports them: formulas computed, empty cells as "". */
function view(sheet: MemorySheet) {
  const grid = readMemoryGrid(sheet);
  return (row: number, col: number) => {
    const cell = sheet.get(row, col);
    const computed = grid.values[row - grid.top]?.[col - grid.left];
    const value: CellValue = cell?.formula ? (computed ?? null) : (cell?.value ?? null);
    const numFmt = cell?.numFmt ?? 'General';
    return {
      value,
      numFmt,
      formula: cell?.formula ?? null,
      text: () => shownText(value, numFmt, columnChars(sheet, col)),
    };
  };
}

function excelValue(v: CellValue): string | number | boolean {
  if (v === null) return '';
  if (isCellError(v)) return v.error;
  return v;
}

function valueType(v: CellValue): string {
  if (v === null) return 'Empty';
  if (isCellError(v)) return 'Error';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

/** Excel turns typed text that reads as a number into a number — unless the cell is formatted as text (@). */
function coerce(v: unknown, numFmt: string): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' && numFmt !== '@' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  throw new FakeApiError('InvalidArgument', `cannot write ${JSON.stringify(v)}`);
}

function grid2d<V>(t: RangeTarget, input: unknown, what: string): (row: number, col: number) => V {
  const a = t.areas[0]!;
  const rows = a.bottom - a.top + 1;
  const cols = a.right - a.left + 1;
  if (!Array.isArray(input)) return () => input as V;
  if (input.length !== rows || input.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw new FakeApiError('InvalidArgument', `${what}: the array is not ${rows}×${cols}`);
  }
  return (row, col) => (input as V[][])[row - a.top]![col - a.left]!;
}

function changeAddress(t: RangeTarget): string {
  return areaAddress(t.sheet.name, t.areas[0]!).split('!')[1]!;
}

export class FakeRange extends FakeObject<RangeTarget> {
  constructor(ctx: FakeContext, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'range');
  }

  get address(): string {
    return this.get('address');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(v: unknown) {
    this.writeCells(v, 'values');
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  set formulas(v: unknown) {
    this.writeCells(v, 'formulas');
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: unknown) {
    this.put((t) => {
      const at = grid2d<string>(t, v, 'numberFormat');
      for (const { row, col } of cellsOf(t)) t.sheet.cell(row, col).numFmt = at(row, col) || 'General';
    });
  }
  get text(): string[][] {
    return this.get('text');
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }

  protected override sheetOf(t: RangeTarget): MemorySheet {
    return t.sheet;
  }

  private writeCells(input: unknown, kind: 'values' | 'formulas'): void {
    this.ctx.enqueue(() => {
      const t = this.target();
      // A protected sheet takes values only in the cells its author unlocked (the form's input cells).
      const unlocked = cellsOf(t).every(({ row, col }) => t.sheet.get(row, col)?.style.unlocked === true);
      this.state.write(t.sheet, `Range.${kind}`, unlocked);
      const at = grid2d<unknown>(t, input, kind);
      for (const { row, col } of cellsOf(t)) {
        const cell = t.sheet.cell(row, col);
        const v = at(row, col);
        if (kind === 'formulas' && typeof v === 'string' && v.startsWith('=')) {
          cell.formula = v;
          cell.value = null;
        } else {
          cell.formula = null;
          cell.value = coerce(v, cell.numFmt);
        }
      }
      this.state.raise({ sheet: t.sheet, address: changeAddress(t), triggerSource: 'ThisLocalAddin' });
    });
  }

  protected override defaultLoad(): string[] {
    return [
      'address',
      'values',
      'text',
      'numberFormat',
      'formulas',
      'rowIndex',
      'columnIndex',
      'rowCount',
      'columnCount',
    ];
  }

  protected read(t: RangeTarget, name: string): unknown {
    const a = t.areas[0]!;
    const needsCells = ['values', 'text', 'numberFormat', 'formulas', 'valueTypes'].includes(name);
    if (needsCells) {
      const at = view(t.sheet);
      const rows: unknown[][] = [];
      for (let r = a.top; r <= a.bottom; r++) {
        const row: unknown[] = [];
        for (let c = a.left; c <= a.right; c++) {
          const v = at(r, c);
          if (name === 'values') row.push(excelValue(v.value));
          else if (name === 'text') row.push(v.text());
          else if (name === 'numberFormat') row.push(v.numFmt);
          else if (name === 'valueTypes') row.push(valueType(v.value));
          // Excel's formulas give the constant itself for a cell without a formula.
          else row.push(v.formula ?? excelValue(v.value));
        }
        rows.push(row);
      }
      return rows;
    }
    switch (name) {
      case 'address':
        return areaAddress(t.sheet.name, a);
      case 'rowIndex':
        return a.top;
      case 'columnIndex':
        return a.left;
      case 'rowCount':
        return a.bottom - a.top + 1;
      case 'columnCount':
        return a.right - a.left + 1;
      default:
        return this.unknown(name);
    }
  }

  protected override child(name: string): FakeObject<unknown> | null {
    if (name === 'format') return this.format;
    return null;
  }

  private formatProxy: FakeRangeFormat | undefined;
  get format(): FakeRangeFormat {
    this.formatProxy ??= new FakeRangeFormat(this.ctx, () => this.targetOrNull());
    return this.formatProxy;
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    this.state.require(6, 'conditionalFormats');
    return new FakeConditionalFormatCollection(this.ctx, () => this.targetOrNull());
  }

  get dataValidation(): FakeDataValidation {
    this.state.require(8, 'dataValidation');
    return new FakeDataValidation(this.ctx, () => this.targetOrNull());
  }

  merge(across = false): void {
    this.put((t) => {
      const a = t.areas[0]!;
      if (across) {
        for (let r = a.top; r <= a.bottom; r++)
          t.sheet.merges.push({ top: r, left: a.left, bottom: r, right: a.right });
      } else {
        t.sheet.merges = t.sheet.merges.filter((m) => !overlaps(m, a));
        t.sheet.merges.push({ ...a });
      }
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.state.require(13, 'getMergedAreasOrNullObject');
    return new FakeRangeAreas(
      this.ctx,
      () => {
        const t = this.targetOrNull();
        if (!t) return null;
        const a = t.areas[0]!;
        // Like Excel: only merged areas whose top-left cell lies inside the range.
        const found = t.sheet.merges.filter(
          (m) => m.top >= a.top && m.top <= a.bottom && m.left >= a.left && m.left <= a.right,
        );
        // Documented: "if the merged areas count in this range is more than 512, then this method will fail".
        if (found.length > MERGED_AREAS_LIMIT) {
          throw new FakeApiError('GeneralException', `${found.length} merged areas, over the limit of 512`);
        }
        return found.length ? { sheet: t.sheet, areas: found.map((m) => ({ ...m })) } : null;
      },
      true,
    );
  }

  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.targetOrNull();
        if (!t) return null;
        const b = typeof other === 'string' ? parseArea(other, t.sheet) : other.targetOrNull()?.areas[0];
        const a = t.areas[0]!;
        if (!b || !overlaps(a, b)) return null;
        const area = {
          top: Math.max(a.top, b.top),
          left: Math.max(a.left, b.left),
          bottom: Math.min(a.bottom, b.bottom),
          right: Math.min(a.right, b.right),
        };
        return { sheet: t.sheet, areas: [area] };
      },
      true,
    );
  }

  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      const a = t.areas[0]!;
      return {
        sheet: t.sheet,
        areas: [{ top: a.top + row, left: a.left + col, bottom: a.top + row, right: a.left + col }],
      };
    });
  }

  select(): void {
    // Selecting is no change to the workbook: not on the undo stack, allowed on a protected sheet.
    this.ctx.enqueue(() => {
      const t = this.target();
      const a = t.areas[0]!;
      this.state.wb.activeSheet = t.sheet.name;
      this.state.wb.selection = areaAddress(t.sheet.name, a);
    });
  }

  clear(applyTo: string = 'All'): void {
    this.put((t) => {
      for (const { row, col } of cellsOf(t)) {
        const cell = t.sheet.get(row, col);
        if (!cell) continue;
        if (applyTo === 'Contents') {
          cell.value = null;
          cell.formula = null;
        } else if (applyTo === 'All') t.sheet.cells.delete(`${row},${col}`);
        else throw new FakeApiError('InvalidArgument', `clear('${applyTo}') not supported by the fake`);
      }
      this.state.raise({ sheet: t.sheet, address: changeAddress(t), triggerSource: 'ThisLocalAddin' });
    });
  }
}

export function overlaps(a: PlanRange, b: PlanRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export class FakeRangeAreas extends FakeObject<RangeTarget> {
  constructor(ctx: FakeContext, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'range areas');
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  protected read(t: RangeTarget, name: string): unknown {
    if (name === 'address') return t.areas.map((a) => areaAddress(t.sheet.name, a)).join(',');
    if (name === 'areaCount') return t.areas.length;
    return this.unknown(name);
  }
  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.ctx, () => this.targetOrNull());
  }
  get dataValidation(): FakeDataValidation {
    this.state.require(9, 'RangeAreas.dataValidation');
    return new FakeDataValidation(this.ctx, () => this.targetOrNull());
  }
}

/** Excel's column width in points → the plan's width in characters (Calibri 11: 7 px a character plus 5 px). */
export function pointsToChars(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

const H_ALIGN: Record<string, 'left' | 'center' | 'right' | undefined> = {
  Left: 'left',
  Center: 'center',
  Right: 'right',
  General: undefined,
};
const V_ALIGN: Record<string, 'top' | 'middle' | 'bottom' | undefined> = {
  Top: 'top',
  Center: 'middle',
  Bottom: 'bottom',
};

export class FakeRangeFormat extends FakeObject<RangeTarget> {
  constructor(ctx: FakeContext, resolver: () => RangeTarget | null) {
    super(ctx, resolver, false, 'range format');
  }
  protected override sheetOf(t: RangeTarget): MemorySheet {
    return t.sheet;
  }
  private each(apply: (cell: ReturnType<MemorySheet['cell']>, row: number, col: number, t: RangeTarget) => void): void {
    this.put((t) => {
      for (const { row, col } of cellsOf(t)) apply(t.sheet.cell(row, col), row, col, t);
    });
  }
  get fill(): { color: string } {
    const fmt = {
      get: <V>(n: string) => this.get<V>(n),
      each: this.each.bind(this),
      setSheetOrCells: this.setSheetOrCells.bind(this),
    };
    return {
      get color(): string {
        return fmt.get('fill/color');
      },
      set color(v: string) {
        fmt.each((cell) => {
          cell.fill = v.toUpperCase();
        });
      },
    };
  }
  get font(): { name: string; size: number; bold: boolean; color: string } {
    const fmt = {
      get: <V>(n: string) => this.get<V>(n),
      each: this.each.bind(this),
      setSheetOrCells: this.setSheetOrCells.bind(this),
    };
    return {
      get name(): string {
        return fmt.get('font/name');
      },
      set name(v: string) {
        fmt.setSheetOrCells((cell) => (cell.style = { ...cell.style, fontName: v }), { name: v });
      },
      get size(): number {
        return fmt.get('font/size');
      },
      set size(v: number) {
        fmt.setSheetOrCells((cell) => (cell.style = { ...cell.style, fontSize: v }), { size: v });
      },
      get bold(): boolean {
        return fmt.get('font/bold');
      },
      set bold(v: boolean) {
        fmt.each((cell) => (cell.style = { ...cell.style, bold: v }));
      },
      get color(): string {
        return fmt.get('font/color');
      },
      set color(_v: string) {
        fmt.each(() => undefined);
      },
    };
  }

  /** A font set on the whole sheet becomes its default font; on cells, the cells' style. */
  private setSheetOrCells(
    onCell: (cell: ReturnType<MemorySheet['cell']>) => void,
    font: { name?: string; size?: number },
  ): void {
    this.put((t) => {
      const a = t.areas[0]!;
      if (t.areas.length === 1 && a.top === 0 && a.left === 0 && a.bottom === MAX_ROW && a.right === MAX_COL) {
        const cur = t.sheet.defaultFont ?? { name: 'Calibri', size: 11 };
        t.sheet.defaultFont = { name: font.name ?? cur.name, size: font.size ?? cur.size };
        return;
      }
      for (const { row, col } of cellsOf(t)) onCell(t.sheet.cell(row, col));
    });
  }

  set horizontalAlignment(v: string) {
    this.each((cell) => (cell.style = { ...cell.style, hAlign: H_ALIGN[v] }));
  }
  set verticalAlignment(v: string) {
    this.each((cell) => (cell.style = { ...cell.style, vAlign: V_ALIGN[v] }));
  }
  set wrapText(v: boolean) {
    this.each((cell) => (cell.style = { ...cell.style, wrap: v }));
  }
  set columnWidth(points: number) {
    this.put((t) => {
      const ex = this.state.extrasOf(t.sheet);
      for (const a of t.areas)
        for (let c = a.left; c <= a.right; c++) {
          ex.columnWidthPoints[c] = points;
          t.sheet.columnWidths[c] = pointsToChars(points);
        }
    });
  }
  set rowHeight(points: number) {
    this.put((t) => {
      for (const a of t.areas) for (let r = a.top; r <= a.bottom; r++) t.sheet.rowHeights[r] = points;
    });
  }
  get borders(): { getItem(side: string): { style: string; weight: string; color: string } } {
    const fmt = {
      get: <V>(n: string) => this.get<V>(n),
      each: this.each.bind(this),
      setSheetOrCells: this.setSheetOrCells.bind(this),
    };
    return {
      getItem(_side: string) {
        return {
          set style(v: string) {
            fmt.each((cell) => (cell.style = { ...cell.style, border: v !== 'None' }));
          },
          set weight(_v: string) {
            fmt.each(() => undefined);
          },
          set color(_v: string) {
            fmt.each(() => undefined);
          },
          get style(): string {
            throw new FakeApiError('PropertyNotLoaded', 'border style');
          },
          get weight(): string {
            throw new FakeApiError('PropertyNotLoaded', 'border weight');
          },
          get color(): string {
            throw new FakeApiError('PropertyNotLoaded', 'border color');
          },
        };
      },
    };
  }
  get protection(): { locked: boolean } {
    const fmt = {
      get: <V>(n: string) => this.get<V>(n),
      each: this.each.bind(this),
      setSheetOrCells: this.setSheetOrCells.bind(this),
    };
    return {
      get locked(): boolean {
        throw new FakeApiError('PropertyNotLoaded', 'locked');
      },
      set locked(v: boolean) {
        fmt.each((cell) => (cell.style = { ...cell.style, unlocked: !v }));
      },
    };
  }
  /** Nested paths ("fill/color", "font/bold") are loaded here, read from the top-left cell like Excel. */
  override loadNow(paths: string[]): void {
    super.loadNow([]);
    const t = this.target();
    const a = t.areas[0]!;
    const cell = t.sheet.get(a.top, a.left);
    const style = cell?.style ?? {};
    for (const path of paths) {
      switch (path) {
        case 'fill/color':
          this.store(path, cell?.fill ?? '#FFFFFF');
          break;
        case 'font/name':
          this.store(path, style.fontName ?? t.sheet.defaultFont?.name ?? 'Calibri');
          break;
        case 'font/size':
          this.store(path, style.fontSize ?? t.sheet.defaultFont?.size ?? 11);
          break;
        case 'font/bold':
          this.store(path, style.bold ?? false);
          break;
        case 'font/color':
          this.store(path, '#000000');
          break;
        default:
          this.unknown(path);
      }
    }
  }
  protected read(_t: RangeTarget, name: string): unknown {
    return this.unknown(name);
  }
}

// ---- data validation -------------------------------------------------------

export class FakeDataValidation extends FakeObject<RangeTarget> {
  constructor(ctx: FakeContext, resolver: () => RangeTarget | null) {
    super(ctx, resolver, false, 'data validation');
  }
  protected override sheetOf(t: RangeTarget): MemorySheet {
    return t.sheet;
  }
  get type(): string {
    return this.get('type');
  }
  get prompt(): { showPrompt: boolean; title: string; message: string } {
    return this.get('prompt');
  }
  set prompt(p: { showPrompt?: boolean; title?: string; message?: string }) {
    this.put((t) => {
      if ((p.message ?? '').length > 255 || (p.title ?? '').length > 32) {
        throw new FakeApiError('InvalidArgument', 'prompt title ≤ 32 and message ≤ 255 characters');
      }
      const ex = this.state.extrasOf(t.sheet);
      for (const { row, col } of cellsOf(t)) {
        const cell = t.sheet.cell(row, col);
        cell.validation = {
          ...(cell.validation ?? { list: [] }),
          prompt: p.showPrompt === false ? undefined : p.message,
        };
        ex.promptTitles.set(`${row},${col}`, p.title ?? '');
      }
    });
  }
  set rule(rule: { list?: { inCellDropDown?: boolean; source: string } }) {
    this.put((t) => {
      const list = rule.list ? rule.list.source.split(',').map((s) => s.trim()) : [];
      for (const { row, col } of cellsOf(t)) {
        const cell = t.sheet.cell(row, col);
        cell.validation = { ...(cell.validation ?? {}), list };
      }
    });
  }
  set errorAlert(e: { showAlert?: boolean; style?: string; title?: string; message?: string }) {
    this.put((t) => {
      for (const { row, col } of cellsOf(t)) {
        const cell = t.sheet.cell(row, col);
        cell.validation = { ...(cell.validation ?? { list: [] }), error: e.message, strict: e.style === 'Stop' };
      }
    });
  }
  clear(): void {
    this.put((t) => {
      const ex = this.state.extrasOf(t.sheet);
      for (const { row, col } of cellsOf(t)) {
        const cell = t.sheet.get(row, col);
        if (cell) cell.validation = null;
        ex.promptTitles.delete(`${row},${col}`);
      }
    });
  }
  protected read(t: RangeTarget, name: string): unknown {
    const cells = cellsOf(t);
    const ex = this.state.extrasOf(t.sheet);
    const typeOf = (row: number, col: number) => {
      const v = t.sheet.get(row, col)?.validation;
      return v && v.list.length ? 'List' : 'None';
    };
    if (name === 'type') {
      const types = new Set(cells.map((c) => typeOf(c.row, c.col)));
      return types.size === 1 ? [...types][0] : 'Inconsistent';
    }
    if (name === 'prompt') {
      const first = cells[0]!;
      const v = t.sheet.get(first.row, first.col)?.validation;
      return {
        showPrompt: !!v?.prompt,
        title: ex.promptTitles.get(`${first.row},${first.col}`) ?? '',
        message: v?.prompt ?? '',
      };
    }
    return this.unknown(name);
  }
}

// ---- conditional formats ---------------------------------------------------

interface CFTarget {
  sheet: MemorySheet;
  cf: FakeCF;
}

export class FakeConditionalFormatCollection extends FakeCollection<CFTarget, FakeConditionalFormat> {
  constructor(
    ctx: FakeContext,
    private readonly range: () => RangeTarget | null,
  ) {
    super(
      ctx,
      () => {
        const t = range();
        if (!t) return null;
        const cfs = ctx.state.extrasOf(t.sheet).cfs;
        return cfs
          .filter((cf) => cf.areas.some((a) => t.areas.some((b) => overlaps(a, b))))
          .map((cf) => ({ sheet: t.sheet, cf }));
      },
      false,
      'conditional formats',
    );
  }
  protected wrap(item: CFTarget): FakeConditionalFormat {
    return new FakeConditionalFormat(this.ctx, () => item);
  }
  add(type: string): FakeConditionalFormat {
    const slot: { t?: CFTarget } = {};
    this.ctx.enqueue(() => {
      const t = this.range();
      if (!t) throw new FakeApiError('ItemNotFound', 'range');
      this.state.write(t.sheet, 'conditionalFormats.add');
      const cf: FakeCF = {
        id: this.state.newId('cf'),
        areas: t.areas.map((a) => ({ ...a })),
        type,
        formula: '',
        fill: null,
        fontColor: null,
      };
      this.state.extrasOf(t.sheet).cfs.push(cf);
      slot.t = { sheet: t.sheet, cf };
    });
    return new FakeConditionalFormat(this.ctx, () => slot.t ?? null);
  }
  private byId(id: string): CFTarget | null {
    const t = this.range();
    if (!t) return null;
    const cf = this.state.extrasOf(t.sheet).cfs.find((c) => c.id === id);
    return cf ? { sheet: t.sheet, cf } : null;
  }
  getItem(id: string): FakeConditionalFormat {
    const p = new FakeConditionalFormat(this.ctx, () => this.byId(id));
    // Excel fails the batch at getItem when the id is unknown, even when nothing else is done with it.
    this.ctx.enqueue(() => void p.target());
    return p;
  }
  getItemOrNullObject(id: string): FakeConditionalFormat {
    this.state.require(14, 'ConditionalFormatCollection.getItemOrNullObject');
    return new FakeConditionalFormat(this.ctx, () => this.byId(id), true);
  }
  clearAll(): void {
    this.ctx.enqueue(() => {
      const t = this.range();
      if (!t) return;
      this.state.write(t.sheet, 'conditionalFormats.clearAll');
      const ex = this.state.extrasOf(t.sheet);
      ex.cfs = ex.cfs.filter((cf) => !cf.areas.some((a) => t.areas.some((b) => overlaps(a, b))));
    });
  }
}

/** ConditionalRangeBorderIndex and ConditionalRangeBorderLineStyle (ExcelApi 1.6): what Excel accepts. */
const CF_BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
const CF_BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot'];

interface CustomFormat {
  fill: { color: string };
  font: { color: string };
  borders: { getItem(index: string): { style: string } };
}

export class FakeConditionalFormat extends FakeObject<CFTarget> {
  constructor(ctx: FakeContext, resolver: () => CFTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'conditional format');
  }
  protected override sheetOf(t: CFTarget): MemorySheet {
    return t.sheet;
  }
  get id(): string {
    return this.get('id');
  }
  get type(): string {
    return this.get('type');
  }
  protected read(t: CFTarget, name: string): unknown {
    if (name === 'id') return t.cf.id;
    if (name === 'type') return t.cf.type;
    if (name === 'priority') return this.state.extrasOf(t.sheet).cfs.indexOf(t.cf);
    return this.unknown(name);
  }
  protected override child(name: string): FakeObject<unknown> | null {
    if (name === 'custom' || name === 'customOrNullObject') {
      this.customObj ??= this.makeCustom();
      return this.customObj.rule;
    }
    return null;
  }
  private customObj: { rule: FakeCFRule; format: CustomFormat } | undefined;
  get custom(): {
    rule: { formula: string };
    format: CustomFormat;
  } {
    this.customObj ??= this.makeCustom();
    return this.customObj;
  }
  get customOrNullObject(): { rule: { formula: string } } {
    return this.custom;
  }
  private makeCustom(): { rule: FakeCFRule; format: CustomFormat } {
    const self = { ctx: this.ctx, target: () => this.target() };
    const put = (apply: (cf: FakeCF) => void) =>
      self.ctx.enqueue(() => {
        const t = self.target();
        self.ctx.state.write(t.sheet, 'conditional format');
        if (t.cf.type !== 'Custom') throw new FakeApiError('InvalidOperation', 'not a custom conditional format');
        apply(t.cf);
      });
    const rule = new FakeCFRule(this.ctx, () => this.targetOrNull(), put);
    return {
      rule,
      format: {
        fill: {
          get color(): string {
            throw new FakeApiError('PropertyNotLoaded', 'color');
          },
          set color(v: string) {
            put((cf) => (cf.fill = v.toUpperCase()));
          },
        },
        font: {
          get color(): string {
            throw new FakeApiError('PropertyNotLoaded', 'color');
          },
          set color(v: string) {
            put((cf) => (cf.fontColor = v.toUpperCase()));
          },
        },
        borders: {
          // A conditional format's borders are its cells' four edges only (no inside lines, no weight).
          getItem(index: string) {
            if (!CF_BORDER_EDGES.includes(index)) throw new FakeApiError('InvalidArgument', `border index ${index}`);
            return {
              get style(): string {
                throw new FakeApiError('PropertyNotLoaded', 'style');
              },
              set style(v: string) {
                if (!CF_BORDER_STYLES.includes(v)) throw new FakeApiError('InvalidArgument', `border style ${v}`);
                put((cf) => (cf.borders = { ...cf.borders, [index]: v }));
              },
            };
          },
        },
      },
    };
  }
  delete(): void {
    this.put((t) => {
      const ex = this.state.extrasOf(t.sheet);
      ex.cfs = ex.cfs.filter((c) => c !== t.cf);
    });
  }
}

class FakeCFRule extends FakeObject<CFTarget> {
  constructor(
    ctx: FakeContext,
    resolver: () => CFTarget | null,
    private readonly putCF: (apply: (cf: FakeCF) => void) => void,
  ) {
    super(ctx, resolver, false, 'conditional format rule');
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.putCF((cf) => (cf.formula = v));
  }
  override loadNow(paths: string[]): void {
    // "custom/rule/formula" arrives here as "rule/formula".
    super.loadNow(paths.map((p) => (p.startsWith('rule/') ? p.slice(5) : p)));
  }
  protected read(t: CFTarget, name: string): unknown {
    if (t.cf.type !== 'Custom') throw new FakeApiError('InvalidOperation', 'not a custom conditional format');
    if (name === 'formula') return t.cf.formula;
    return this.unknown(name);
  }
}

export type { FakeState };
