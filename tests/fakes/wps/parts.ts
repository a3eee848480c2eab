/** Interior, Font, Borders, Comment and Validation of the fake ET Range. */
import { bgrFromHex, hexFromBgr } from '../../../src/host/wps/color';
import type { MemoryCell } from '../memory/workbook';
import { api } from './context';
import type { RangeFake } from './range';

export const XL_NONE = -4142;
export const WHITE = 16777215;
const XL_SOLID = 1;
/** The documented XlPattern values; WPS refuses anything else. */
const XL_PATTERNS = new Set([
  -4142, -4105, 1, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, -4121, -4124, -4125, -4126, -4128, -4162, -4166, 4000,
]);

export const H_ALIGN = { left: -4131, center: -4108, right: -4152 } as const;
export const V_ALIGN = { top: -4160, middle: -4108, bottom: -4107 } as const;

/** A few entries of the default 56-colour palette (ColorIndex → "#RRGGBB"). */
const PALETTE: Record<number, string> = {
  1: '#000000',
  2: '#FFFFFF',
  3: '#FF0000',
  4: '#00FF00',
  5: '#0000FF',
  6: '#FFFF00',
};

function first(range: RangeFake): MemoryCell | undefined {
  const a = range.area;
  return range.sheet.get(a.top, a.left);
}

export class InteriorFake {
  constructor(private readonly range: RangeFake) {}

  /** With no fill WPS still answers white: only ColorIndex / Pattern tell "no fill". */
  get Color(): number {
    const fill = first(this.range)?.fill;
    return fill ? bgrFromHex(fill) : WHITE;
  }
  set Color(v: number) {
    this.range.ctx.refuse(this.range.sheet, 'format');
    for (const cell of this.range.cells()) cell.fill = hexFromBgr(v);
  }
  get ColorIndex(): number {
    const fill = first(this.range)?.fill;
    if (!fill) return XL_NONE;
    const hit = Object.entries(PALETTE).find(([, hex]) => hex === fill);
    return hit ? Number(hit[0]) : 56;
  }
  set ColorIndex(v: number) {
    this.range.ctx.refuse(this.range.sheet, 'format');
    for (const cell of this.range.cells()) {
      cell.fill = v === XL_NONE ? null : (PALETTE[v] ?? '#333333');
      // No fill: no pattern either (setting a colour keeps the pattern, as Color does).
      if (v === XL_NONE) delete cell.pattern;
    }
  }
  /** xlPatternSolid (1) for a plain fill, the pattern set otherwise, xlNone without a fill. */
  get Pattern(): number {
    const cell = first(this.range);
    return cell?.fill ? (cell.pattern ?? XL_SOLID) : XL_NONE;
  }
  set Pattern(v: number) {
    if (!XL_PATTERNS.has(v)) throw new Error(`Interior.Pattern: not an XlPattern value (${String(v)})`);
    this.range.ctx.refuse(this.range.sheet, 'format');
    for (const cell of this.range.cells()) {
      if (v === XL_NONE) {
        cell.fill = null;
        delete cell.pattern;
        continue;
      }
      if (!cell.fill) cell.fill = '#FFFFFF';
      if (v === XL_SOLID) delete cell.pattern;
      else cell.pattern = v;
    }
  }
}

export class FontFake {
  constructor(private readonly range: RangeFake) {}

  get Name(): string | null {
    return first(this.range)?.style.fontName ?? this.range.sheet.defaultFont?.name ?? '宋体';
  }
  set Name(v: string | null) {
    if (this.range.isWholeSheet()) {
      this.range.sheet.defaultFont = { name: v ?? '宋体', size: this.range.sheet.defaultFont?.size ?? 11 };
      return;
    }
    for (const cell of this.range.cells()) cell.style.fontName = v ?? undefined;
  }
  get Size(): number | null {
    return first(this.range)?.style.fontSize ?? this.range.sheet.defaultFont?.size ?? 11;
  }
  set Size(v: number | null) {
    if (this.range.isWholeSheet()) {
      this.range.sheet.defaultFont = { name: this.range.sheet.defaultFont?.name ?? '宋体', size: v ?? 11 };
      return;
    }
    for (const cell of this.range.cells()) cell.style.fontSize = v ?? undefined;
  }
  get Bold(): boolean | null {
    return Boolean(first(this.range)?.style.bold);
  }
  set Bold(v: boolean | null) {
    for (const cell of this.range.cells()) cell.style.bold = Boolean(v);
  }
  get Color(): number {
    return 0;
  }
  set Color(_v: number) {
    // Font colours are not kept by the memory workbook; accepted and ignored.
  }
}

const EDGES = [7, 8, 9, 10];

export class BordersFake {
  constructor(private readonly range: RangeFake) {}

  Item(index: number): BorderFake {
    if (![5, 6, 7, 8, 9, 10, 11, 12].includes(index)) throw new Error(`Borders.Item(${index}): 无效的边框索引`);
    return api(this.range.ctx, new BorderFake(this.range, index));
  }
  get Count(): number {
    return 6;
  }
}

export class BorderFake {
  Weight = 2;
  Color = 0;
  private lineStyle: number = XL_NONE;

  constructor(
    private readonly range: RangeFake,
    private readonly index: number,
  ) {}

  get LineStyle(): number {
    return this.lineStyle;
  }
  set LineStyle(v: number) {
    this.lineStyle = v;
    this.apply(v !== XL_NONE);
  }

  /** Marks each cell's edges the border index covers; a cell with all four edges counts as bordered. */
  private apply(on: boolean): void {
    for (const a of this.range.areas) {
      for (let r = a.top; r <= a.bottom; r++) {
        for (let c = a.left; c <= a.right; c++) {
          const sides: number[] = [];
          if (this.index === 7 && c === a.left) sides.push(7);
          if (this.index === 10 && c === a.right) sides.push(10);
          if (this.index === 8 && r === a.top) sides.push(8);
          if (this.index === 9 && r === a.bottom) sides.push(9);
          if (this.index === 11) {
            if (c > a.left) sides.push(7);
            if (c < a.right) sides.push(10);
          }
          if (this.index === 12) {
            if (r > a.top) sides.push(8);
            if (r < a.bottom) sides.push(9);
          }
          if (sides.length === 0) continue;
          const cell = this.range.sheet.cell(r, c);
          const set = this.range.ctx.edges.get(cell) ?? new Set<number>();
          for (const s of sides) {
            if (on) set.add(s);
            else set.delete(s);
          }
          this.range.ctx.edges.set(cell, set);
          cell.style.border = EDGES.every((e) => set.has(e));
        }
      }
    }
  }
}

export class CommentFake {
  Visible = false;
  readonly Author = '用户';

  constructor(
    private readonly cell: MemoryCell | null,
    private readonly guard: () => void,
    /** Builds whose Text() throws (the comments option). */
    private readonly textless = false,
  ) {}

  /** Text() reads; Text(s) replaces the text. */
  Text(text?: string): string {
    if (this.textless) throw new Error('Comment.Text: 不支持的调用');
    if (!this.cell) return '';
    if (text !== undefined) {
      this.guard();
      this.cell.note = text;
    }
    return this.cell.note ?? '';
  }
  Delete(): void {
    if (!this.cell) return;
    this.guard();
    this.cell.note = null;
  }
}

export class ValidationFake {
  constructor(private readonly range: RangeFake) {}

  /** Like WPS, refuses to add a rule over cells that already have one. */
  Add(type: number, alertStyle = 1, _operator = 1, formula1 = '', _formula2?: string): void {
    if (type !== 3) throw new Error(`fake ET: only list validation (3) is modelled, got ${type}`);
    const cells = this.range.cells();
    if (cells.some((c) => c.validation)) throw new Error('Validation.Add: 单元格已有数据有效性规则');
    const list = formula1.split(',').map((s) => s.trim());
    for (const c of cells) c.validation = { list, strict: alertStyle === 1 };
  }
  Delete(): void {
    for (const c of this.range.cells()) c.validation = null;
  }
  get Type(): number {
    return first(this.range)?.validation ? 3 : 0;
  }
  get Formula1(): string {
    return first(this.range)?.validation?.list.join(',') ?? '';
  }
  get InputMessage(): string {
    return first(this.range)?.validation?.prompt ?? '';
  }
  set InputMessage(v: string) {
    for (const c of this.range.cells()) if (c.validation) c.validation.prompt = v;
  }
  get ErrorMessage(): string {
    return first(this.range)?.validation?.error ?? '';
  }
  set ErrorMessage(v: string) {
    for (const c of this.range.cells()) if (c.validation) c.validation.error = v;
  }
  ShowInput = true;
  ShowError = true;
  IgnoreBlank = true;
  InCellDropdown = true;
}
