/**
 * A SheetPlan is the template as host-neutral data: every host adapter (xlsx,
 * Excel, WPS, memory) applies the same plan. Coordinates are 0-based and
 * relative to A1 of the new sheet.
 */
import type { RangeRef } from '../sheet/ref';

export type HAlign = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom';

export interface CellStyle {
  fontName?: string;
  /** Points. */
  fontSize?: number;
  bold?: boolean;
  hAlign?: HAlign;
  vAlign?: VAlign;
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
  /** Background fill, "#RRGGBB". */
  fill?: string;
  /** Number format code ("0.00", "0.00%", "@"). */
  numFmt?: string;
  /** Cell is left unlocked when the sheet is protected (input cells). */
  unlocked?: boolean;
}

export interface PlanCell {
  row: number;
  col: number;
  value?: string | number | null;
  /** en-US syntax with a leading "=", relative to the plan's own cells (A1 = row 0, col 0). */
  formula?: string;
  /** Key into SheetPlan.styles. */
  style?: string;
}

/** A block of the plan's sheet (0-based, inclusive). */
export type PlanRange = RangeRef;

export interface ListValidation {
  range: PlanRange;
  /** Allowed values, in order. */
  list: string[];
  /** Chinese input prompt shown when the cell is selected. */
  prompt?: string;
  /** Chinese message when a value outside the list is typed. */
  error?: string;
  /** false: warn but allow other values (指标分类 is configurable). */
  strict: boolean;
}

export interface PlanName {
  /** Workbook-valid name, e.g. "jx_income_total". Scoped to the new sheet. */
  name: string;
  range: PlanRange;
}

export interface PrintSetup {
  paperSize: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Fit all columns on one page width (height unlimited). */
  fitToWidth: boolean;
  /** 0-based rows repeated at the top of every printed page. */
  titleRows: { first: number; last: number } | null;
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Centre horizontally on the page. */
  centerHorizontally: boolean;
  /** 0-based rows that begin a new printed page (manual breaks, placed between sections). */
  rowBreaks?: number[];
  /** Centre footer in header/footer codes (&P this page, &N the number of pages). */
  footer?: string;
}

export interface SheetPlan {
  /** Preferred sheet name; the host picks a free variant ("绩效申报表 (2)") if taken. */
  sheetName: string;
  styles: Record<string, CellStyle>;
  cells: PlanCell[];
  merges: PlanRange[];
  /** Column widths in characters, index = column. */
  columnWidths: number[];
  /** Row heights in points by row index; rows not listed keep the default. */
  rowHeights: Record<number, number>;
  validations: ListValidation[];
  names: PlanName[];
  print: PrintSetup;
  /** Frozen panes: rows above / columns left of the split. */
  freeze: { rows: number; cols: number };
  /** Default font for the sheet (a CJK font). */
  defaultFont: { name: string; size: number };
}
