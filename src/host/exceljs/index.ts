/**
 * The Host over an .xlsx file (ExcelJS): the command line, tests and batch
 * review. A file has no user typing, so onChange never fires.
 */
import ExcelJS from 'exceljs';
import { a1, quotedSheet } from '../../sheet/ref';
import type { CellRange } from '../../sheet/cell-range';
import type { Finding } from '../../report/types';
import type { Grid } from '../../sheet/grid';
import type { SheetLayout } from '../../sheet/store';
import { canRecalculate, recalculate } from '../../sheet/formula';
import type { SheetPlan } from '../../template/plan';
import { type CellChange, type CellWrite, type Host, type KeyedSheet, type SheetKey } from '../types';
import { applyPlan } from './apply-plan';
import { FlagStore, type SavedLook } from './flags';
import { FLAG_STATE_SHEET } from '../../report/sheets';
import { worksheetToGrid } from './grid';
import { SheetNames } from './names';
import { freeSheetName } from '../../sheet/names';

/** Excel's limit on a sheet name. */

export class XlsxHost implements Host {
  readonly kind = 'xlsx' as const;
  readonly names: SheetNames;
  private readonly flags: FlagStore;

  private constructor(readonly workbook: ExcelJS.Workbook) {
    this.names = SheetNames.attach(workbook);
    this.flags = new FlagStore(workbook);
  }

  /** An empty workbook (no sheet yet). */
  static create(): XlsxHost {
    const host = new XlsxHost(new ExcelJS.Workbook());
    host.workbook.creator = '绩效申报助手';
    return host;
  }

  /** Opens a file or the bytes of one. Rejects with ExcelJS's error when it is no xlsx. */
  static async load(pathOrBuffer: string | Buffer | ArrayBuffer): Promise<XlsxHost> {
    const wb = new ExcelJS.Workbook();
    // Hooked before reading, so the sheet-scoped names of the file are kept.
    SheetNames.attach(wb);
    if (typeof pathOrBuffer === 'string') await wb.xlsx.readFile(pathOrBuffer);
    else await wb.xlsx.load(pathOrBuffer as ArrayBuffer);
    return new XlsxHost(wb);
  }

  async save(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }

  /** Worksheets the user has, in workbook order (jixiao's hidden bookkeeping sheet is not one). */
  private sheets(): ExcelJS.Worksheet[] {
    return this.workbook.worksheets.filter((ws) => ws.name !== FLAG_STATE_SHEET);
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets().map((ws) => ws.name);
  }

  /** A file is never renamed under the command line: a sheet's handle is its name. */
  async sheetKeys(): Promise<KeyedSheet[]> {
    return (await this.sheetNames()).map((sheet) => ({ sheet, key: sheet as SheetKey }));
  }

  async sheetKey(sheet: string): Promise<SheetKey | null> {
    return (await this.sheetNames()).includes(sheet) ? (sheet as SheetKey) : null;
  }

  async activeSheet(): Promise<string> {
    const all = this.workbook.worksheets;
    const tab = this.workbook.views?.[0]?.activeTab ?? 0;
    const ws = all[tab];
    if (ws && ws.state === 'visible' && ws.name !== FLAG_STATE_SHEET) return ws.name;
    return this.sheets().find((s) => s.state === 'visible')?.name ?? this.sheets()[0]?.name ?? '';
  }

  async readGrid(sheet: string) {
    return recalculate(worksheetToGrid(this.requireSheet(sheet)));
  }

  async createSheet(plan: SheetPlan): Promise<string> {
    const name = this.freeName(plan.sheetName);
    const ws = this.workbook.addWorksheet(name);
    applyPlan(ws, plan, this.names);
    // Excel recalculates every formula when the file is opened, whatever the results written beside them.
    this.workbook.calcProperties = { ...this.workbook.calcProperties, fullCalcOnLoad: true };
    this.activate(ws, null);
    return name;
  }

  async copySheet(sheet: string, preferredName: string): Promise<string> {
    const source = this.requireSheet(sheet);
    const name = this.freeName(preferredName);
    const ws = this.workbook.addWorksheet(name);
    // The whole worksheet model (cells with styles and formulas, merges, columns, views, page setup, validation).
    const model = JSON.parse(JSON.stringify(source.model)) as ExcelJS.WorksheetModel;
    ws.model = { ...model, id: ws.id, name };
    // The model setter reads merges under another key than the getter gives them: merged again here.
    const merges = (model as unknown as { merges?: string[] }).merges ?? [];
    for (const range of merges) {
      try {
        ws.mergeCells(range);
      } catch {
        // Already merged by the setter.
      }
    }
    // Right after the source: later sheets move one place on.
    const order = (w: ExcelJS.Worksheet) => (w as unknown as { orderNo: number }).orderNo;
    const at = order(source);
    for (const other of this.workbook.worksheets) {
      if (other !== ws && order(other) > at) (other as unknown as { orderNo: number }).orderNo = order(other) + 1;
    }
    (ws as unknown as { orderNo: number }).orderNo = at + 1;
    ws.state = 'visible';
    this.names.copy(sheet, name);
    // A copy is a new sheet: it is not selected along with the source.
    ws.views = (ws.views ?? []).map((v) => ({ ...v, tabSelected: false }) as unknown as ExcelJS.WorksheetView);
    return name;
  }

  async showFindings(sheet: string, findings: Finding[]): Promise<void> {
    this.flags.show(this.requireSheet(sheet), findings);
  }

  async clearFindings(sheet: string): Promise<void> {
    this.flags.clear(this.requireSheet(sheet));
  }

  /** The user's own fill and note of a cell jixiao has flagged (for inspection), undefined when it is not flagged. */
  savedLook(sheet: string, address: string): SavedLook | undefined {
    return this.flags.savedLook(sheet, address);
  }

  async write(writes: CellWrite[]): Promise<void> {
    const touched = new Set<ExcelJS.Worksheet>();
    for (const w of writes) {
      const ws = this.requireSheet(w.cell.sheet);
      const at = ws.getCell(w.cell.row + 1, w.cell.col + 1);
      const cell = at.isMerged ? at.master : at;
      if (w.formula) cell.value = { formula: w.formula.replace(/^=/, '') };
      else cell.value = w.value ?? null;
      touched.add(ws);
    }
    for (const ws of touched) dropStaleResults(ws);
    this.workbook.calcProperties = { ...this.workbook.calcProperties, fullCalcOnLoad: true };
  }

  async select(cell: CellRange): Promise<void> {
    this.activate(this.requireSheet(cell.sheet), a1(cell.row, cell.col));
  }

  /** The selected cell of the active sheet, sheet-qualified ("'表'!B1"), or null when none is recorded. */
  async selection(): Promise<string | null> {
    const ws = this.workbook.getWorksheet(await this.activeSheet());
    const active = ws?.views?.[0]?.activeCell;
    return ws && active ? `${quotedSheet(ws.name)}!${active}` : null;
  }

  async readSheet(sheet: string): Promise<Grid | null> {
    const ws = this.workbook.getWorksheet(sheet);
    return ws ? worksheetToGrid(ws) : null;
  }

  async replaceSheetRows(sheet: string, rows: string[][], layout: SheetLayout = {}): Promise<void> {
    let ws = this.workbook.getWorksheet(sheet);
    if (ws) {
      ws.eachRow((row) => row.eachCell((c) => (c.value = null)));
    } else {
      ws = this.workbook.addWorksheet(sheet);
      for (const [i, w] of (layout.columnWidths ?? []).entries()) ws.getColumn(i + 1).width = w;
    }
    rows.forEach((values, r) => {
      const row = ws.getRow(r + 1);
      values.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        cell.value = v;
        cell.alignment = { vertical: 'top', wrapText: true };
        if (r === 0 && layout.boldFirstRow) cell.font = { bold: true };
      });
    });
  }

  /** An xlsx file on disk has no user typing to report: the handler is never called. */
  onChange(_handler: (change: CellChange) => void): () => void {
    return () => undefined;
  }

  private requireSheet(name: string): ExcelJS.Worksheet {
    const ws = name === FLAG_STATE_SHEET ? undefined : this.workbook.getWorksheet(name);
    if (!ws) throw new Error(`工作表“${name}”不存在`);
    return ws;
  }

  /** "绩效目标申报表", then "绩效目标申报表 (2)"…, within Excel's 31 characters. */
  private freeName(preferred: string): string {
    return freeSheetName(
      this.workbook.worksheets.map((ws) => ws.name),
      preferred,
    );
  }

  /** Makes `ws` the open tab (the only selected one, or Excel would group the sheets) and optionally selects a cell. */
  private activate(ws: ExcelJS.Worksheet, cell: string | null): void {
    const index = this.workbook.worksheets.indexOf(ws);
    const defaults: ExcelJS.WorkbookView = {
      x: 0,
      y: 0,
      width: 12000,
      height: 20000,
      firstSheet: 0,
      activeTab: 0,
      visibility: 'visible',
    };
    this.workbook.views = [{ ...defaults, ...this.workbook.views?.[0], activeTab: index }];
    for (const other of this.workbook.worksheets) {
      const views = (other.views?.length ? other.views : [{ state: 'normal' }]) as SheetView[];
      const first = { ...views[0]!, tabSelected: other === ws };
      if (other === ws && cell) first.activeCell = cell;
      other.views = [first, ...views.slice(1)] as ExcelJS.WorksheetView[];
    }
  }
}

type SheetView = Partial<ExcelJS.WorksheetView> & { tabSelected?: boolean; activeCell?: string };

/**
 * After a write, the results cached beside the formulas of that sheet may be
 * stale. Those recalculate() can compute again are dropped (readGrid fills
 * them in); others keep theirs, as the cached value is better than none.
 */
function dropStaleResults(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      // ExcelJS leaves a result of 0 out of cell.value, so the cell's own result is what tells.
      if (cell.type !== ExcelJS.ValueType.Formula || cell.result === undefined) return;
      const formula = cell.formula;
      if (!formula || !canRecalculate(`=${formula}`, ws.name)) return;
      const { result: _stale, ...rest } = cell.value as ExcelJS.CellFormulaValue;
      cell.value = rest;
    }),
  );
}
