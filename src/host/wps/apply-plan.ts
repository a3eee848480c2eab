/**
 * SheetPlan → a new ET worksheet. Cells sharing a style are gathered into
 * rectangles and styled through multi-area ranges ("A1:C1,A3:C9"), so the
 * number of bridge calls grows with the number of styles, not of cells.
 */
import { quoteSheet, rangeA1 } from '../../sheet/ref';
import type { CellStyle, PlanCell, PlanRange, SheetPlan } from '../../template/plan';
import { bgrFromHex } from './color';
import { valueForEt } from './cells';
import {
  POINTS_PER_INCH,
  XL_BETWEEN,
  XL_CONTINUOUS,
  XL_EDGE_BOTTOM,
  XL_EDGE_LEFT,
  XL_EDGE_RIGHT,
  XL_EDGE_TOP,
  XL_H_CENTER,
  XL_H_LEFT,
  XL_H_RIGHT,
  XL_INSIDE_HORIZONTAL,
  XL_INSIDE_VERTICAL,
  XL_LANDSCAPE,
  XL_PAPER_A4,
  XL_PORTRAIT,
  XL_V_BOTTOM,
  XL_V_CENTER,
  XL_V_TOP,
  XL_VALID_ALERT_STOP,
  XL_VALID_ALERT_WARNING,
  XL_VALIDATE_LIST,
  type EtApplication,
  type EtRange,
  type EtWorksheet,
} from './et';

/** Longest address string a Range() call takes (the object model's 255-character limit). */
const MAX_ADDRESS = 255;

const H_ALIGN = { left: XL_H_LEFT, center: XL_H_CENTER, right: XL_H_RIGHT } as const;
const V_ALIGN = { top: XL_V_TOP, middle: XL_V_CENTER, bottom: XL_V_BOTTOM } as const;

/** The block the cells span (what a plan writes, for the change guard), or null when there are none. */
export function cellsBlock(cells: { row: number; col: number }[]): PlanRange | null {
  if (cells.length === 0) return null;
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const c of cells) {
    top = Math.min(top, c.row);
    left = Math.min(left, c.col);
    bottom = Math.max(bottom, c.row);
    right = Math.max(right, c.col);
  }
  return { top, left, bottom, right };
}

/**
 * Runs one cosmetic step (default font, a column width, a row height, a page setup property, the
 * frozen panes). WPS refuses some of them on some desktops (PageSetup.PaperSize throws where no
 * printer is installed, the window is not there while WPS starts up): such a step is skipped and
 * the form is built without it.
 */
function cosmetic(step: () => void): void {
  try {
    step();
  } catch {
    // Skipped: the form's content does not depend on it.
  }
}

export function applyPlanToSheet(app: EtApplication, ws: EtWorksheet, sheetName: string, plan: SheetPlan): void {
  cosmetic(() => {
    const font = ws.Cells.Font;
    cosmetic(() => (font.Name = plan.defaultFont.name));
    cosmetic(() => (font.Size = plan.defaultFont.size));
  });
  // Columns (rows) of equal width (height) are set at once through a multi-area range.
  const widths = new Map<number, { row: number; col: number }[]>();
  plan.columnWidths.forEach((w, col) => {
    if (w > 0) widths.set(w, [...(widths.get(w) ?? []), { row: 0, col }]);
  });
  for (const [w, cells] of widths)
    for (const a of unionAddresses(rectangles(cells))) cosmetic(() => (ws.Range(a).ColumnWidth = w));
  const heights = new Map<number, { row: number; col: number }[]>();
  for (const [row, h] of Object.entries(plan.rowHeights))
    heights.set(h, [...(heights.get(h) ?? []), { row: Number(row), col: 0 }]);
  for (const [h, cells] of heights)
    for (const a of unionAddresses(rectangles(cells))) cosmetic(() => (ws.Range(a).RowHeight = h));
  applyStyles(ws, plan);
  writeCells(ws, plan.cells);
  withAlertsOff(app, () => {
    for (const m of plan.merges) ws.Range(rangeA1(m)).Merge();
  });
  for (const v of plan.validations) {
    const validation = ws.Range(rangeA1(v.range)).Validation;
    validation.Delete();
    validation.Add(
      XL_VALIDATE_LIST,
      v.strict ? XL_VALID_ALERT_STOP : XL_VALID_ALERT_WARNING,
      XL_BETWEEN,
      v.list.join(','),
    );
    validation.IgnoreBlank = true;
    validation.InCellDropdown = true;
    if (v.prompt) {
      validation.InputMessage = v.prompt;
      validation.ShowInput = true;
    }
    if (v.error) {
      validation.ErrorMessage = v.error;
      validation.ShowError = true;
    }
  }
  const names = plan.names.length > 0 ? ws.Names : null;
  for (const n of plan.names) names?.Add(n.name, `=${quoteSheet(sheetName)}!${rangeA1(n.range, true)}`);
  applyPrint(ws, plan);
  applyFreeze(app, ws, plan.freeze);
}

function writeCells(ws: EtWorksheet, cells: PlanCell[]): void {
  const block = cellsBlock(cells);
  if (!block) return;
  const matrix: (string | number | boolean | null)[][] = [];
  for (let r = block.top; r <= block.bottom; r++) matrix.push(Array(block.right - block.left + 1).fill(null));
  const formulas: PlanCell[] = [];
  for (const c of cells) {
    if (c.formula) formulas.push(c);
    else matrix[c.row - block.top]![c.col - block.left] = valueForEt(c.value ?? null);
  }
  ws.Range(rangeA1(block)).Value2 = matrix;
  for (const c of formulas)
    ws.Range(rangeA1({ top: c.row, left: c.col, bottom: c.row, right: c.col })).Formula = c.formula!;
}

function applyStyles(ws: EtWorksheet, plan: SheetPlan): void {
  const byStyle = new Map<string, PlanCell[]>();
  for (const c of plan.cells) {
    if (!c.style || !plan.styles[c.style]) continue;
    const list = byStyle.get(c.style) ?? [];
    list.push(c);
    byStyle.set(c.style, list);
  }
  for (const [key, cells] of byStyle) {
    const style = plan.styles[key]!;
    for (const address of unionAddresses(rectangles(cells))) styleRange(ws.Range(address), style);
  }
}

function styleRange(range: EtRange, style: CellStyle): void {
  if (style.fontName || style.fontSize || style.bold !== undefined) {
    const font = range.Font;
    if (style.fontName) font.Name = style.fontName;
    if (style.fontSize) font.Size = style.fontSize;
    if (style.bold !== undefined) font.Bold = style.bold;
  }
  if (style.hAlign) range.HorizontalAlignment = H_ALIGN[style.hAlign];
  if (style.vAlign) range.VerticalAlignment = V_ALIGN[style.vAlign];
  if (style.wrap !== undefined) range.WrapText = style.wrap;
  if (style.numFmt) range.NumberFormat = style.numFmt;
  if (style.fill) range.Interior.Color = bgrFromHex(style.fill);
  if (style.unlocked) range.Locked = false;
  if (style.border) {
    const borders = range.Borders;
    for (const i of [
      XL_EDGE_LEFT,
      XL_EDGE_TOP,
      XL_EDGE_BOTTOM,
      XL_EDGE_RIGHT,
      XL_INSIDE_VERTICAL,
      XL_INSIDE_HORIZONTAL,
    ]) {
      // xlThin is the default weight of a continuous line.
      borders.Item(i).LineStyle = XL_CONTINUOUS;
    }
  }
}

/** Cells → few rectangles: runs along each row, stacked where consecutive rows have the same run. */
export function rectangles(cells: { row: number; col: number }[]): PlanRange[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: PlanRange[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.top === c.row && last.right === c.col - 1) last.right = c.col;
    else if (!(last && last.top === c.row && last.right >= c.col))
      runs.push({ top: c.row, left: c.col, bottom: c.row, right: c.col });
  }
  const open = new Map<string, PlanRange>();
  const out: PlanRange[] = [];
  for (const run of runs) {
    const key = `${run.left}:${run.right}`;
    const prev = open.get(key);
    if (prev && prev.bottom === run.top - 1) {
      prev.bottom = run.top;
    } else {
      const rect = { ...run };
      open.set(key, rect);
      out.push(rect);
    }
  }
  return out;
}

/** Rectangles → "A1:C1,A3:C9" strings, each within the address length limit. */
export function unionAddresses(rects: PlanRange[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const r of rects) {
    const a = rangeA1(r);
    if (cur && cur.length + 1 + a.length > MAX_ADDRESS) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}

function applyPrint(ws: EtWorksheet, plan: SheetPlan): void {
  const p = plan.print;
  let ps: EtWorksheet['PageSetup'];
  try {
    ps = ws.PageSetup;
  } catch {
    return;
  }
  // Each property on its own: a refused paper size must not cost the margins or the title rows.
  cosmetic(() => (ps.PaperSize = XL_PAPER_A4));
  cosmetic(() => (ps.Orientation = p.orientation === 'landscape' ? XL_LANDSCAPE : XL_PORTRAIT));
  if (p.fitToWidth) {
    cosmetic(() => {
      ps.Zoom = false;
      ps.FitToPagesWide = 1;
      ps.FitToPagesTall = false;
    });
  }
  const titleRows = p.titleRows;
  if (titleRows) cosmetic(() => (ps.PrintTitleRows = `$${titleRows.first + 1}:$${titleRows.last + 1}`));
  cosmetic(() => (ps.LeftMargin = p.margins.left * POINTS_PER_INCH));
  cosmetic(() => (ps.RightMargin = p.margins.right * POINTS_PER_INCH));
  cosmetic(() => (ps.TopMargin = p.margins.top * POINTS_PER_INCH));
  cosmetic(() => (ps.BottomMargin = p.margins.bottom * POINTS_PER_INCH));
  cosmetic(() => (ps.HeaderMargin = p.margins.header * POINTS_PER_INCH));
  cosmetic(() => (ps.FooterMargin = p.margins.footer * POINTS_PER_INCH));
  cosmetic(() => (ps.CenterHorizontally = p.centerHorizontally));
  const footer = p.footer;
  if (footer) cosmetic(() => (ps.CenterFooter = footer));
  for (const r of p.rowBreaks ?? []) if (r > 0) cosmetic(() => ws.HPageBreaks.Add(ws.Range(`A${r + 1}`)));
}

/** Freezing works on the window, so the new sheet is activated first (it is the one the user wants to see). */
function applyFreeze(app: EtApplication, ws: EtWorksheet, freeze: { rows: number; cols: number }): void {
  cosmetic(() => ws.Activate());
  if (freeze.rows <= 0 && freeze.cols <= 0) return;
  cosmetic(() => {
    const win = app.ActiveWindow;
    win.FreezePanes = false;
    win.SplitColumn = freeze.cols;
    win.SplitRow = freeze.rows;
    win.FreezePanes = true;
  });
}

/** Merging asks "keep only the top-left value?" in some builds; the plan has values only there. */
function withAlertsOff(app: EtApplication, fn: () => void): void {
  let previous: boolean | null = null;
  try {
    previous = app.DisplayAlerts;
    app.DisplayAlerts = false;
  } catch {
    previous = null;
  }
  try {
    fn();
  } finally {
    if (previous !== null) app.DisplayAlerts = previous;
  }
}
