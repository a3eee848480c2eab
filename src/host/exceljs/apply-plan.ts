/** Applies a SheetPlan to a new, empty ExcelJS worksheet. */
import type ExcelJS from 'exceljs';
import { a1 } from '../../sheet/ref';
import { type CellValue } from '../../sheet/grid';
import { recalculate } from '../../sheet/formula';
import { MAX_LIST_CHARS } from '../../template';
import type { ListValidation, SheetPlan } from '../../template/plan';
import type { SheetNames } from './names';
import { cellStyle } from './style';

const PAPER_A4 = 9;

export function applyPlan(ws: ExcelJS.Worksheet, plan: SheetPlan, names: SheetNames): void {
  const font = plan.defaultFont;
  const width = Math.max(plan.columnWidths.length, ...plan.cells.map((c) => c.col + 1));
  // Column styles carry the default font to cells the user adds later; a new sheet cannot change the workbook's default font without changing the other sheets.
  for (let c = 0; c < width; c++) {
    const col = ws.getColumn(c + 1);
    col.font = { name: font.name, size: font.size };
    const w = plan.columnWidths[c];
    if (w !== undefined) col.width = w;
  }
  // Merged first: ExcelJS gives the slaves the master's style when merging; each cell then gets its own below.
  for (const m of plan.merges) ws.mergeCellsWithoutStyle(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  const results = formulaResults(plan);
  for (const pc of plan.cells) {
    const cell = ws.getCell(pc.row + 1, pc.col + 1);
    const style = pc.style ? plan.styles[pc.style] : undefined;
    cell.style = cellStyle(style ?? {}, font);
    if (pc.formula) {
      const result = results.get(`${pc.row},${pc.col}`);
      cell.value = {
        formula: pc.formula.replace(/^=/, ''),
        ...(result === undefined ? {} : { result }),
      } as ExcelJS.CellValue;
    } else if (pc.value !== undefined && pc.value !== null) {
      // Plans put a merged block's value in its top-left cell only (tests/template/plan.test.ts).
      cell.value = pc.value;
    }
  }
  for (const [row, h] of Object.entries(plan.rowHeights)) ws.getRow(Number(row) + 1).height = h;
  for (const v of plan.validations) addValidation(ws, v);
  for (const n of plan.names) names.add(ws.name, n.name, n.range);

  const bottom = plan.cells.reduce((m, c) => Math.max(m, c.row), 0);
  const p = plan.print;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: PAPER_A4,
    orientation: p.orientation,
    fitToPage: p.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: p.centerHorizontally,
    margins: { ...p.margins },
    printArea: `A1:${a1(bottom, width - 1)}`,
    ...(p.titleRows ? { printTitlesRow: `${p.titleRows.first + 1}:${p.titleRows.last + 1}` } : {}),
  };
  // A break "below" a 1-based row starts the next page at the 0-based row of the same number.
  for (const r of p.rowBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
  if (p.footer) ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${p.footer}` };
  const { rows, cols } = plan.freeze;
  ws.views =
    rows || cols
      ? [{ state: 'frozen', xSplit: cols, ySplit: rows, topLeftCell: a1(rows, cols), activeCell: a1(rows, cols) }]
      : [{ state: 'normal' }];
}

/** Results written beside the formulas, so a viewer that does not recalculate (or a reader of cached values) sees them. */
function formulaResults(plan: SheetPlan): Map<string, CellValue> {
  let rows = 0;
  let cols = 0;
  for (const c of plan.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  const values: CellValue[][] = Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(cols).fill(null));
  for (const c of plan.cells) {
    if (c.formula) formulas[c.row]![c.col] = c.formula;
    else values[c.row]![c.col] = c.value ?? null;
  }
  const g = recalculate({ sheet: plan.sheetName, top: 0, left: 0, values, formulas, merges: [] });
  const out = new Map<string, CellValue>();
  for (const c of plan.cells) if (c.formula) out.set(`${c.row},${c.col}`, g.values[c.row]?.[c.col] ?? null);
  return out;
}

function addValidation(ws: ExcelJS.Worksheet, v: ListValidation): void {
  const list = v.list.map((x) => x.replace(/[",]/g, '')).join(',');
  // Longer lists cannot be typed into a validation; validateTemplateParams refuses them before.
  if (list.length > MAX_LIST_CHARS) return;
  const dv: ExcelJS.DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${list}"`],
    showErrorMessage: true,
    errorStyle: v.strict ? 'stop' : 'warning',
    errorTitle: '输入值不在列表中',
    ...(v.error ? { error: v.error } : {}),
    ...(v.prompt ? { showInputMessage: true, promptTitle: '填写提示', prompt: v.prompt } : {}),
  };
  for (let r = v.range.top; r <= v.range.bottom; r++) {
    for (let c = v.range.left; c <= v.range.right; c++) ws.getCell(r + 1, c + 1).dataValidation = { ...dv };
  }
}
