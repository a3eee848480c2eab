/**
 * The memory host: the Host interface over a MemoryWorkbook. Test-only (it ships in no bundle):
 * the reference the other adapters are held to.
 */
import { displayText } from '../../../src/sheet/number-format';
import { parseAddress, type ParsedAddress } from '../../../src/sheet/ref';
import { emptyGrid, type Grid, type CellValue } from '../../../src/sheet/grid';
import type { Finding } from '../../../src/report/types';
import { recalculate } from '../../../src/sheet/formula';
import { refA1, type CellRange } from '../../../src/sheet/cell-range';
import type { SheetPlan } from '../../../src/template/plan';
import { combinedNote, FLAG_FILL, flagsForSheet } from '../../../src/report/flags';
import { type CellChange, type CellWrite, type Host, type KeyedSheet, type SheetKey } from '../../../src/host/types';
import { MemorySheet, MemoryWorkbook } from './workbook';

interface SavedLook {
  fill: string | null;
  note: string | null;
}

export class MemoryHost implements Host {
  readonly kind = 'memory' as const;
  /** Per sheet (by handle: flags follow a renamed sheet): the look of each flagged cell before jixiao flagged it. */
  private readonly saved = new Map<SheetKey, Map<string, SavedLook>>();
  private readonly listeners = new Set<(c: CellChange) => void>();
  private readonly keys = new WeakMap<MemorySheet, SheetKey>();
  private issued = 0;

  constructor(readonly workbook: MemoryWorkbook = new MemoryWorkbook()) {}

  async sheetNames(): Promise<string[]> {
    return this.workbook.sheets.map((s) => s.name);
  }

  async sheetKeys(): Promise<KeyedSheet[]> {
    return this.workbook.sheets.map((s) => ({ sheet: s.name, key: this.keyOf(s) }));
  }

  async sheetKey(sheet: string): Promise<SheetKey | null> {
    const s = this.workbook.sheet(sheet);
    return s ? this.keyOf(s) : null;
  }

  /** A sheet's handle: given to the sheet itself (it follows a rename), for this host's life. */
  private keyOf(s: MemorySheet): SheetKey {
    let key = this.keys.get(s);
    if (!key) {
      key = `memory:${++this.issued}` as SheetKey;
      this.keys.set(s, key);
    }
    return key;
  }

  async activeSheet(): Promise<string> {
    return this.workbook.activeSheet ?? this.workbook.sheets[0]?.name ?? '';
  }

  async readGrid(sheet: string): Promise<Grid> {
    return readMemoryGrid(this.requireSheet(sheet));
  }

  async createSheet(plan: SheetPlan): Promise<string> {
    const name = this.workbook.freeName(plan.sheetName);
    applyPlan(this.workbook.addSheet(name), plan);
    this.workbook.activeSheet = name;
    return name;
  }

  async copySheet(sheet: string, preferredName: string): Promise<string> {
    this.requireSheet(sheet);
    const name = this.workbook.freeName(preferredName);
    this.workbook.copySheet(sheet, name);
    return name;
  }

  async showFindings(sheet: string, findings: Finding[]): Promise<void> {
    await this.clearFindings(sheet);
    const s = this.requireSheet(sheet);
    const saved = new Map<string, SavedLook>();
    for (const flag of flagsForSheet(sheet, findings)) {
      const cell = s.cell(flag.row, flag.col);
      saved.set(`${flag.row},${flag.col}`, { fill: cell.fill, note: cell.note });
      cell.fill = FLAG_FILL[flag.severity];
      cell.note = combinedNote(cell.note, flag.text);
    }
    this.saved.set(this.keyOf(s), saved);
  }

  async clearFindings(sheet: string): Promise<void> {
    const s = this.workbook.sheet(sheet);
    const saved = s && this.saved.get(this.keyOf(s));
    if (!saved || !s) return;
    for (const [key, look] of saved) {
      const [r, c] = key.split(',').map(Number) as [number, number];
      const cell = s.cell(r, c);
      cell.fill = look.fill;
      cell.note = look.note;
    }
    this.saved.delete(this.keyOf(s));
  }

  /** The look a flagged cell had before jixiao flagged it (for inspectors), or undefined when not flagged. */
  savedLook(sheet: string, row: number, col: number): SavedLook | undefined {
    const s = this.workbook.sheet(sheet);
    return s && this.saved.get(this.keyOf(s))?.get(`${row},${col}`);
  }

  async write(writes: CellWrite[]): Promise<void> {
    for (const w of writes) {
      const cell = this.requireSheet(w.cell.sheet).cell(w.cell.row, w.cell.col);
      if (w.formula) {
        cell.formula = w.formula;
        cell.value = null;
      } else {
        cell.formula = null;
        cell.value = w.value ?? null;
      }
    }
  }

  async select(cell: CellRange): Promise<void> {
    const sheet = this.requireSheet(cell.sheet);
    this.workbook.activeSheet = sheet.name;
    this.workbook.selection = `${sheet.name}!${refA1(cell)}`;
  }

  async readSheet(sheet: string): Promise<Grid | null> {
    const s = this.workbook.sheet(sheet);
    return s ? readMemoryGrid(s) : null;
  }

  async replaceSheetRows(sheet: string, rows: string[][]): Promise<void> {
    const s = this.workbook.sheet(sheet) ?? this.workbook.addSheet(sheet);
    s.cells.clear();
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        s.cell(r, c).value = v;
      }),
    );
  }

  onChange(handler: (change: CellChange) => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  /** A person typing into a cell: changes the value and raises a change event. */
  userSetValue(cell: string, value: CellValue, formula: string | null = null): void {
    const { sheet, p } = this.locate(cell);
    const c = sheet.cell(p.row, p.col);
    c.value = formula ? null : value;
    c.formula = formula;
    for (const l of [...this.listeners]) l({ sheet: sheet.name, key: this.keyOf(sheet) });
  }

  /** A person renaming a sheet's tab: no change event (as in Excel, where a rename raises no onChanged). */
  userRename(from: string, to: string): void {
    const s = this.requireSheet(from);
    if (this.workbook.sheet(to)) throw new Error(`工作表“${to}”已存在`);
    s.name = to;
    if (this.workbook.activeSheet === from) this.workbook.activeSheet = to;
  }

  private requireSheet(name: string): MemorySheet {
    const s = this.workbook.sheet(name);
    if (!s) throw new Error(`工作表“${name}”不存在`);
    return s;
  }

  private locate(cell: string): { sheet: MemorySheet; p: ParsedAddress } {
    const p = parseAddress(cell);
    if (!p) throw new Error(`无法识别的单元格地址“${cell}”`);
    const sheet = this.requireSheet(p.sheet ?? this.workbook.activeSheet ?? '');
    return { sheet, p };
  }
}

/** The used block of a memory sheet as a Grid, formulas recalculated. */
export function readMemoryGrid(s: MemorySheet): Grid {
  const used = s.usedRange();
  if (!used) return emptyGrid(s.name);
  const values: CellValue[][] = [];
  const numFmt: string[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = used.top; r <= used.bottom; r++) {
    const vr: CellValue[] = [];
    const fr: string[] = [];
    const xr: (string | null)[] = [];
    for (let c = used.left; c <= used.right; c++) {
      const cell = s.get(r, c);
      vr.push(cell ? cell.value : null);
      fr.push(cell ? cell.numFmt : 'General');
      xr.push(cell ? cell.formula : null);
    }
    values.push(vr);
    numFmt.push(fr);
    formulas.push(xr);
  }
  const grid = recalculate({
    sheet: s.name,
    top: used.top,
    left: used.left,
    values,
    numFmt,
    formulas,
    merges: s.merges.map((m) => ({ ...m })),
  });
  grid.text = grid.values.map((row, r) => row.map((v, c) => displayText(v, numFmt[r]?.[c] ?? 'General')));
  return grid;
}

/** Applies a SheetPlan to an empty memory sheet. */
export function applyPlan(s: MemorySheet, plan: SheetPlan): void {
  for (const pc of plan.cells) {
    const cell = s.cell(pc.row, pc.col);
    const style = pc.style ? (plan.styles[pc.style] ?? {}) : {};
    cell.style = { ...style };
    if (style.numFmt) cell.numFmt = style.numFmt;
    if (style.fill) cell.fill = style.fill;
    if (pc.formula) {
      cell.formula = pc.formula;
      cell.value = null;
    } else {
      cell.value = pc.value ?? null;
    }
  }
  s.merges = plan.merges.map((m) => ({ ...m }));
  s.columnWidths = [...plan.columnWidths];
  s.rowHeights = { ...plan.rowHeights };
  for (const v of plan.validations) {
    for (let r = v.range.top; r <= v.range.bottom; r++)
      for (let c = v.range.left; c <= v.range.right; c++)
        s.cell(r, c).validation = { list: [...v.list], prompt: v.prompt, error: v.error, strict: v.strict };
  }
  for (const n of plan.names) s.names.set(n.name, { ...n.range });
  s.print = { ...plan.print };
  s.freeze = { ...plan.freeze };
  s.defaultFont = { ...plan.defaultFont };
}
