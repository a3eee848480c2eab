/**
 * Applying a SheetPlan in Excel in a fixed number of round trips, whatever
 * the form's size: one sync to learn the sheet names (to pick a free one), one
 * to add the sheet and queue everything — all values and formulas as one 2-D
 * block, number formats as another, then styles on a few RangeAreas each,
 * merges, widths, heights, dropdowns, names, print setup and frozen rows.
 */
import type { CellStyle, PlanRange, SheetPlan } from '../../template/plan';
import { addressChunks, rectangles } from './areas';
import { rangeA1 } from '../../sheet/ref';
import type { ExcelEnv } from './env';
import { freeSheetName } from '../../sheet/names';

/**
 * The document setting that, with <TaskpaneId>Office.AutoShowTaskpaneWithDocument</TaskpaneId> in the
 * manifest, makes Office open the pane whenever this workbook is opened. Set only when the user turns
 * it on in the pane (ExcelHost.setAutoOpen), never by generating a form.
 */
export const AUTO_SHOW = 'Office.AutoShowTaskpaneWithDocument';

/** Plan widths are in characters (Calibri 11: 7 px each plus 5 px padding); Excel wants points. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export interface CreatedSheet {
  name: string;
  /** The block of values written (A1, no sheet), for telling our own change events apart. */
  block: string;
}

/** beforeWrite is told the sheet and block just before the batch that writes them is sent. */
export async function createFromPlan(
  env: ExcelEnv,
  plan: SheetPlan,
  beforeWrite: (made: CreatedSheet) => void = () => undefined,
): Promise<CreatedSheet> {
  return env.run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    const name = freeSheetName(
      sheets.items.map((s) => s.name),
      plan.sheetName,
    );
    const ws = context.workbook.worksheets.add(name);
    const block = queuePlan(ws, plan);
    ws.activate();
    beforeWrite({ name, block });
    await context.sync();
    return { name, block };
  });
}

function queuePlan(ws: Excel.Worksheet, plan: SheetPlan): string {
  ws.getRange().format.font.name = plan.defaultFont.name;
  ws.getRange().format.font.size = plan.defaultFont.size;

  let rows = 1;
  let cols = 1;
  for (const c of plan.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  for (const m of plan.merges) {
    rows = Math.max(rows, m.bottom + 1);
    cols = Math.max(cols, m.right + 1);
  }
  const formulas: (string | number)[][] = Array.from({ length: rows }, () => Array<string | number>(cols).fill(''));
  const formats: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  const byStyle = new Map<string, { row: number; col: number }[]>();
  for (const c of plan.cells) {
    const row = formulas[c.row]!;
    if (c.formula) row[c.col] = c.formula;
    // A text that starts with "=" would become a formula: the apostrophe keeps it text.
    else if (typeof c.value === 'string') row[c.col] = c.value.startsWith('=') ? `'${c.value}` : c.value;
    else row[c.col] = c.value ?? '';
    const style = c.style ? plan.styles[c.style] : undefined;
    if (style?.numFmt) formats[c.row]![c.col] = style.numFmt;
    if (c.style && style) byStyle.set(c.style, [...(byStyle.get(c.style) ?? []), { row: c.row, col: c.col }]);
  }
  const all = ws.getRangeByIndexes(0, 0, rows, cols);
  all.numberFormat = formats;
  all.formulas = formulas;

  for (const [key, cells] of byStyle) {
    const style = plan.styles[key]!;
    const rects = rectangles(cells);
    for (const target of addressChunks(rects).map((a) => ws.getRanges(a))) applyStyle(target, style);
    if (style.border) for (const r of rects) applyBorders(rangeOf(ws, r), r);
  }

  for (const m of plan.merges) rangeOf(ws, m).merge(false);
  plan.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = charsToPoints(w);
  });
  for (const [r, h] of Object.entries(plan.rowHeights)) ws.getRangeByIndexes(Number(r), 0, 1, 1).format.rowHeight = h;

  for (const v of plan.validations) {
    const dv = rangeOf(ws, v.range).dataValidation;
    dv.rule = { list: { inCellDropDown: true, source: v.list.join(',') } };
    if (v.prompt) dv.prompt = { showPrompt: true, title: '', message: v.prompt.slice(0, 255) };
    dv.errorAlert = {
      showAlert: true,
      style: v.strict ? 'Stop' : 'Warning',
      title: '输入值不在列表中',
      message: (v.error ?? `请从下拉列表中选择：${v.list.join('、')}`).slice(0, 225),
    };
  }
  for (const n of plan.names) ws.names.add(n.name, rangeOf(ws, n.range));

  queuePrint(ws, plan);
  const { rows: fr, cols: fc } = plan.freeze;
  if (fr > 0 && fc > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, fr, fc));
  else if (fr > 0) ws.freezePanes.freezeRows(fr);
  else if (fc > 0) ws.freezePanes.freezeColumns(fc);
  return rangeA1({ top: 0, left: 0, bottom: rows - 1, right: cols - 1 });
}

function rangeOf(ws: Excel.Worksheet, r: PlanRange): Excel.Range {
  return ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

function applyStyle(target: Excel.Range | Excel.RangeAreas, s: CellStyle): void {
  const f = target.format;
  if (s.fontName) f.font.name = s.fontName;
  if (s.fontSize) f.font.size = s.fontSize;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.hAlign) f.horizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign) f.verticalAlignment = V_ALIGN[s.vAlign];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.fill) f.fill.color = s.fill;
  if (s.unlocked) f.protection.locked = false;
}

/** Thin borders round every cell of the rectangle; inside edges only where the rectangle has an inside. */
function applyBorders(range: Excel.Range, r: PlanRange): void {
  const edges: string[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (r.right > r.left) edges.push('InsideVertical');
  if (r.bottom > r.top) edges.push('InsideHorizontal');
  for (const edge of edges) {
    const b = range.format.borders.getItem(edge as Excel.BorderIndex);
    b.style = 'Continuous';
    b.weight = 'Thin';
  }
}

function queuePrint(ws: Excel.Worksheet, plan: SheetPlan): void {
  const p = plan.print;
  const layout = ws.pageLayout;
  layout.paperSize = 'A4';
  layout.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  layout.centerHorizontally = p.centerHorizontally;
  layout.leftMargin = p.margins.left * 72;
  layout.rightMargin = p.margins.right * 72;
  layout.topMargin = p.margins.top * 72;
  layout.bottomMargin = p.margins.bottom * 72;
  layout.headerMargin = p.margins.header * 72;
  layout.footerMargin = p.margins.footer * 72;
  if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows.first + 1}:$${p.titleRows.last + 1}`);
  if (p.footer) layout.headersFooters.defaultForAllPages.centerFooter = p.footer;
  // A new sheet has no manual breaks, so adding one cannot collide with an existing break.
  for (const r of p.rowBreaks ?? []) if (r > 0) ws.horizontalPageBreaks.add(`A${r + 1}`);
}
