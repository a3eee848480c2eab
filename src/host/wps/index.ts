/**
 * The WPS 表格 host: the Host interface over the ET JSAPI (`window.Application`
 * in a WPS add-in page). The object model is synchronous and VBA-shaped; every
 * property read or write crosses a process bridge, so whole blocks go through
 * Range.Value2 and everything else is batched where the model allows.
 *
 * Sheet handles (SheetKey): the ET object model documents no sheet id (nor
 * whether the same Worksheet object comes back for the same sheet), so a handle
 * is given per name, for this host's life: a sheet keeps its handle while it
 * keeps its name, and a renamed sheet is a new sheet to the session.
 */
import { a1, rangeA1 } from '../../sheet/ref';
import { bottomOf, rightOf, type CellRange } from '../../sheet/cell-range';
import { type Grid } from '../../sheet/grid';
import type { Finding } from '../../report/types';
import type { SheetPlan } from '../../template/plan';
import { flagsForSheet } from '../../report/flags';
import {
  UnsupportedError,
  type CellChange,
  type CellWrite,
  type Host,
  type KeyedSheet,
  type SheetKey,
  type UnplacedFlags,
} from '../types';
import { applyPlanToSheet, cellsBlock } from './apply-plan';
import { setValue2, valueForEt } from './cells';
import type { EtApplication, EtWorksheet } from './et';
import { ChangeFeed } from './events';
import { FlagStore, STATE_SHEET, type SavedLook } from './flag-store';
import { drawFlags, restoreLooks } from './flags';
import { readEtGrid, usedBlock } from './read';
import { addSheetAtEnd, allSheetNames, findSheet, freeSheetName, requireSheet, withActiveSheetKept } from './sheets';

export { bgrFromHex, hexFromBgr } from './color';
export { STATE_SHEET } from './flag-store';
export type { EtApplication } from './et';

export class WpsHost implements Host {
  readonly kind = 'wps' as const;
  private readonly store: FlagStore;
  private readonly feed: ChangeFeed;

  constructor(private readonly app: EtApplication) {
    this.store = new FlagStore(app);
    this.feed = new ChangeFeed(app, [STATE_SHEET]);
  }

  /** The handle given to each name seen (see the module's comment). */
  private readonly keys = new Map<string, SheetKey>();

  async sheetNames(): Promise<string[]> {
    return allSheetNames(this.app).filter((n) => n !== STATE_SHEET);
  }

  async sheetKeys(): Promise<KeyedSheet[]> {
    return (await this.sheetNames()).map((sheet) => ({ sheet, key: this.keyOf(sheet) }));
  }

  async sheetKey(sheet: string): Promise<SheetKey | null> {
    return sheet !== STATE_SHEET && findSheet(this.app, sheet) ? this.keyOf(sheet) : null;
  }

  private keyOf(sheet: string): SheetKey {
    let key = this.keys.get(sheet);
    if (!key) {
      key = `wps:${this.keys.size + 1}` as SheetKey;
      this.keys.set(sheet, key);
    }
    return key;
  }

  async activeSheet(): Promise<string> {
    const ws = this.app.ActiveSheet as EtWorksheet | null;
    return ws ? String(ws.Name) : '';
  }

  async readGrid(sheet: string): Promise<Grid> {
    return readEtGrid(requireSheet(this.app, sheet), sheet);
  }

  async createSheet(plan: SheetPlan): Promise<string> {
    const name = freeSheetName(allSheetNames(this.app), plan.sheetName);
    const block = cellsBlock(plan.cells);
    return this.feed.ownWrite(name, block ? [block] : [], () => {
      const ws = addSheetAtEnd(this.app, name);
      applyPlanToSheet(this.app, ws, name, plan);
      return name;
    });
  }

  async copySheet(sheet: string, preferredName: string): Promise<string> {
    const ws = requireSheet(this.app, sheet);
    if (typeof (ws as { Copy?: unknown }).Copy !== 'function') {
      throw new UnsupportedError(
        '这个版本的 WPS 表格不能由加载项复制工作表（缺少 Worksheet.Copy）：请升级 WPS Office，或右键工作表标签“移动或复制工作表”建立副本后再校验。',
      );
    }
    const before = new Set(allSheetNames(this.app));
    const name = freeSheetName([...before], preferredName);
    return this.feed.ownWrite(name, [], () => {
      // Copy(Before, After): the copy lands right after the source and becomes the active sheet.
      ws.Copy(null as unknown as undefined, ws);
      const sheets = this.app.Worksheets;
      let copy: EtWorksheet | null = null;
      for (let i = 1; i <= Number(sheets.Count); i++) {
        const s = sheets.Item(i) as EtWorksheet;
        if (!before.has(String(s.Name))) copy = s;
      }
      if (!copy) throw new Error(`复制工作表“${sheet}”后找不到副本`);
      copy.Name = name;
      return name;
    });
  }

  async showFindings(sheet: string, findings: Finding[]): Promise<UnplacedFlags | void> {
    const ws = requireSheet(this.app, sheet);
    return this.feed.ownWrite(null, [], () => {
      // Cells whose flag could not be removed keep their record; new looks never overwrite an older original.
      const kept = this.restore(ws, sheet);
      const keys = new Set(kept.map((l) => `${l.row},${l.col}`));
      const flags = flagsForSheet(sheet, findings).filter((f) => !keys.has(`${f.row},${f.col}`));
      const drawn = drawFlags(ws, flags);
      this.store.save(sheet, [...kept, ...drawn.looks]);
      if (drawn.unplaced.length === 0) return undefined;
      const reasons = [...new Set(drawn.unplaced.map((u) => u.reason))];
      return { cells: drawn.unplaced.map((u) => a1(u.row, u.col)), reason: reasons.join('；') };
    });
  }

  async clearFindings(sheet: string): Promise<void> {
    const ws = findSheet(this.app, sheet);
    if (!ws) return;
    this.feed.ownWrite(null, [], () => void this.restore(ws, sheet));
  }

  /** The look a flagged cell had before jixiao flagged it, or undefined when it is not flagged (for inspectors and tests). */
  savedLook(sheet: string, row: number, col: number): SavedLook | undefined {
    return this.store.load(sheet).find((l) => l.row === row && l.col === col);
  }

  async write(writes: CellWrite[]): Promise<void> {
    for (const w of writes) {
      const sheet = w.cell.sheet;
      const ws = requireSheet(this.app, sheet);
      const block = { top: w.cell.row, left: w.cell.col, bottom: w.cell.row, right: w.cell.col };
      this.feed.ownWrite(sheet, [block], () => {
        const cell = ws.Range(rangeA1(block));
        if (w.formula) cell.Formula = w.formula;
        else setValue2(cell, valueForEt(w.value ?? null));
      });
    }
  }

  async select(cell: CellRange): Promise<void> {
    const ws = requireSheet(this.app, cell.sheet);
    ws.Activate();
    ws.Range(rangeA1({ top: cell.row, left: cell.col, bottom: bottomOf(cell), right: rightOf(cell) })).Select();
  }

  async readSheet(sheet: string): Promise<Grid | null> {
    const ws = findSheet(this.app, sheet);
    return ws ? readEtGrid(ws, sheet) : null;
  }

  /** Values go through valueForEt, so text that looks like a number, date or formula stays text. */
  async replaceSheetRows(sheet: string, rows: string[][]): Promise<void> {
    const width = Math.max(1, ...rows.map((r) => r.length));
    const block = { top: 0, left: 0, bottom: Math.max(0, rows.length - 1), right: width - 1 };
    this.feed.ownWrite(sheet, [block], () => {
      const ws = findSheet(this.app, sheet) ?? withActiveSheetKept(this.app, () => addSheetAtEnd(this.app, sheet));
      const old = usedBlock(ws);
      if (old) {
        this.feed.ownWrite(sheet, [old], () => ws.Range(rangeA1(old)).ClearContents());
      }
      if (rows.length === 0) return;
      const matrix = rows.map((r) => Array.from({ length: width }, (_, c) => valueForEt(r[c] ?? null)));
      ws.Range(rangeA1(block)).Value2 = matrix;
    });
  }

  onChange(handler: (change: CellChange) => void): () => void {
    return this.feed.subscribe((sheet) => handler({ sheet, key: this.keyOf(sheet) }));
  }

  /** Restores the sheet's flagged cells; returns (and keeps recorded) those that refused. */
  private restore(ws: EtWorksheet, sheet: string): SavedLook[] {
    const looks = this.store.load(sheet);
    if (looks.length === 0) return [];
    const failed = restoreLooks(ws, looks);
    this.store.save(sheet, failed);
    return failed;
  }
}
