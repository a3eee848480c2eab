/**
 * The Excel host: the Host interface over Office.js. Round trips per call —
 * readGrid 2 (the merged areas apart: 1.13+; a sheet beyond A1:AD1000: one
 * more per band of rows; over 512 merged areas: one more per band of them);
 * showFindings 0 when the flags would come out as they are (nothing written,
 * nothing on the user's undo stack), else 1 right after a read of the same
 * sheet when the sheet has none of the user's own notes or comments (else a
 * lookup first: +1 for notes, +2 for comments), +1 without a read just before
 * (the sheet's id is looked up), +2 the first time a sheet is flagged or
 * cleared in a session (jixiao's marks are looked for in the workbook);
 * clearFindings 1 to find the sheet's id, then 3 (look for ours, remove);
 * createSheet 2 whatever the form's size; write, select, sheetNames,
 * activeSheet, readSheet 1; replaceSheetRows 2.
 *
 * A sheet's handle (SheetKey) is its worksheet id: flags are recorded for the
 * session by it, so they follow a renamed sheet, and so does the session;
 * across sessions (ids change on reopen) the workbook itself says which marks
 * are jixiao's. sheetKeys 1; sheetKey 0 right after readGrid of that sheet,
 * else 1.
 * Every batch is one undo step where Excel can undo an add-in's writes
 * (ExcelApi 1.20); below that a write empties the user's undo stack, which the
 * session knows from `writesClearUndo` and writes flags only when asked.
 */
import { flagsForSheet, type CellFlag } from '../../report/flags';
import type { Finding } from '../../report/types';
import type { SheetLayout } from '../../sheet/store';
import type { SheetPlan } from '../../template/plan';
import { a1 } from '../../sheet/ref';
import { refText, type CellRange } from '../../sheet/cell-range';
import type { Grid, MergeArea } from '../../sheet/grid';
import {
  AccessDeniedError,
  type AutoOpenHost,
  type CellChange,
  type CellWrite,
  type KeyedSheet,
  type SheetKey,
  type UnplacedFlags,
} from '../types';
import { errorText, messageKind, officeEnv, officeErrorCode, type ExcelEnv } from './env';
import { ChangeFeed } from './events';
import { readNamedSheet, replaceRows } from './sheet-rows';
import { MarkStore } from './marks';
import { applyFlags } from './marking';
import { readSheet, type AnnotationHint } from './read';
import { AUTO_SHOW, createFromPlan } from './template';
import { freeSheetName } from '../../sheet/names';

export { makeEnv, officeEnv, type ExcelEnv, type ExcelLike, type OfficeLike, type Features } from './env';

/** What the last read of a sheet learnt, used by the next showFindings of that sheet. */
interface ReadHint {
  id: string;
  hint: AnnotationHint;
}

export class ExcelHost implements AutoOpenHost {
  readonly kind = 'excel' as const;
  private readonly marks: MarkStore;
  private readonly feed: ChangeFeed;
  /** What the last read of each sheet (by name) learnt; used once. */
  private readonly hints = new Map<string, ReadHint>();
  /** Merged areas of each sheet (by id) at its last read: notes go on a merged area's shown cell. */
  private readonly merges = new Map<string, MergeArea[]>();
  /** The flags as last applied to each sheet (by id), to write nothing when a check changes nothing. */
  private readonly applied = new Map<string, string>();
  /** The sheet the last readGrid read, by the name it had then: sheetKey of it needs no round trip. */
  private lastRead: { name: string; id: string } | null = null;

  constructor(
    private readonly env: ExcelEnv = officeEnv(),
    now?: () => number,
  ) {
    this.marks = new MarkStore();
    this.feed = new ChangeFeed(env, now);
  }

  get features() {
    return this.env.features;
  }

  /** Below ExcelApi 1.20 every write of the add-in empties the user's undo stack (office-js #2802, #3788). */
  get writesClearUndo(): boolean {
    return !this.env.features.undo;
  }

  async sheetNames(): Promise<string[]> {
    return (await this.sheetKeys()).map((s) => s.sheet);
  }

  async sheetKeys(): Promise<KeyedSheet[]> {
    return this.guard('读取工作表列表', () =>
      this.env.run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name,items/id');
        await context.sync();
        for (const s of sheets.items) this.feed.learn(s.id, s.name);
        return sheets.items.map((s) => ({ sheet: s.name, key: s.id as SheetKey }));
      }),
    );
  }

  async sheetKey(sheet: string): Promise<SheetKey | null> {
    if (this.lastRead?.name === sheet) return this.lastRead.id as SheetKey;
    return (await this.sheetKeys()).find((s) => s.sheet === sheet)?.key ?? null;
  }

  async activeSheet(): Promise<string> {
    return this.guard('读取当前工作表', () =>
      this.env.run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet().load('name,id');
        await context.sync();
        this.feed.learn(ws.id, ws.name);
        return ws.name;
      }),
    );
  }

  async readGrid(sheet: string): Promise<Grid> {
    this.lastRead = null;
    const read = await this.guard(`读取工作表“${sheet}”`, () => readSheet(this.env, sheet));
    this.feed.learn(read.sheetId, read.grid.sheet);
    this.lastRead = { name: read.grid.sheet, id: read.sheetId };
    this.hints.set(sheet, { id: read.sheetId, hint: read.hint });
    this.merges.set(read.sheetId, read.grid.merges);
    return read.grid;
  }

  async createSheet(plan: SheetPlan): Promise<string> {
    const created = await this.guard('生成申报表', () =>
      createFromPlan(this.env, plan, (made) => this.feed.expectEcho(made.name, made.block)),
    );
    return created.name;
  }

  /**
   * Worksheet.copy is ExcelApi 1.7, below the manifest's floor: every Excel that loads the add-in
   * has it. Excel can never undo it, so it runs outside a merged undo group (inside one, Excel
   * refuses it with UndoNotSupported).
   */
  async copySheet(sheet: string, preferredName: string): Promise<string> {
    const name = await this.guard(`复制工作表“${sheet}”`, () =>
      this.env.run(
        async (ctx) => {
          const sheets = ctx.workbook.worksheets.load('items/name');
          const source = ctx.workbook.worksheets.getItem(sheet);
          await ctx.sync();
          const free = freeSheetName(
            sheets.items.map((s) => s.name),
            preferredName,
          );
          const copy = source.copy('After', source);
          copy.name = free;
          await ctx.sync();
          return free;
        },
        { undoGroup: false },
      ),
    );
    return name;
  }

  async showFindings(sheet: string, findings: Finding[]): Promise<UnplacedFlags | void> {
    const read = this.hints.get(sheet) ?? null;
    this.hints.delete(sheet);
    const what = `在“${sheet}”上标记问题`;
    const id = read?.id ?? this.knownId(sheet) ?? (await this.guard(what, () => this.sheetId(sheet)));
    const flags = flagsForSheet(sheet, findings, { notesOnFirstCell: true, merges: this.merges.get(id) ?? [] });
    const print = fingerprint(flags);
    // The same flags as last time, and the read just now saw ours still in place: write nothing.
    if (read && this.applied.get(id) === print && this.intact(id, read.hint)) return;
    this.applied.delete(id);
    const notice = await this.guard(what, () =>
      applyFlags(this.env, this.marks, { sheetId: id, flags, hint: read?.hint ?? null }),
    );
    this.applied.set(id, print);
    if (notice) return { cells: [], reason: '', notice };
  }

  async clearFindings(sheet: string): Promise<UnplacedFlags | void> {
    const read = this.hints.get(sheet) ?? null;
    this.hints.delete(sheet);
    const what = `清除“${sheet}”上的标记`;
    const known = read?.id ?? this.knownId(sheet);
    const id = known ?? (await this.guard(what, () => this.sheetId(sheet)));
    this.applied.delete(id);
    const clear = (sheetId: string) => applyFlags(this.env, this.marks, { sheetId, flags: [], hint: null });
    const notice = await this.guard(what, async () => {
      try {
        return await clear(id);
      } catch (e) {
        // The id we knew the name by is gone (the sheet was deleted and another took its name): look it up.
        if (known === undefined || officeErrorCode(e) !== 'ItemNotFound') throw e;
        return await clear(await this.sheetId(sheet));
      }
    });
    if (notice) return { cells: [], reason: '', notice };
  }

  async autoOpen(): Promise<boolean> {
    return this.env.settings?.get(AUTO_SHOW) === true;
  }

  async setAutoOpen(on: boolean): Promise<void> {
    const settings = this.env.settings;
    if (!settings) throw new Error('这个 Excel 不能在工作簿中保存加载项设置');
    if (on) settings.set(AUTO_SHOW, true);
    else settings.remove(AUTO_SHOW);
    await new Promise<void>((resolve, reject) =>
      settings.saveAsync((r) =>
        r.status === 'failed' ? reject(new Error('保存工作簿设置失败，请再试一次')) : resolve(),
      ),
    );
  }

  /**
   * The id of the sheet called `sheet`, or of the sheet that was called so when the user has renamed
   * it since (its id is the same): flags shown before a rename are then still found and cleared.
   */
  private async sheetId(sheet: string): Promise<string> {
    return this.env.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name,items/id');
      await context.sync();
      const known = new Map(this.feed.sheetNames);
      for (const s of sheets.items) this.feed.learn(s.id, s.name);
      const byName = sheets.items.find((s) => s.name === sheet);
      if (byName) return byName.id;
      const renamed = sheets.items.find((s) => known.get(s.id) === sheet);
      if (renamed) return renamed.id;
      throw new Error(`找不到工作表“${sheet}”（可能已被删除）`);
    });
  }

  /** The id last seen with this name (no round trip), if any. */
  private knownId(sheet: string): string | undefined {
    let found: string | undefined;
    for (const [id, name] of this.feed.sheetNames) if (name === sheet) found = id;
    return found;
  }

  /** Whether the read just now counted as many of our notes / comments as the record holds. */
  private intact(id: string, hint: AnnotationHint): boolean {
    const m = this.marks.get(id);
    if (messageKind(this.env.features) === 'note') return hint.ourNotes === m.notes.length;
    return hint.ourComments === m.comments.filter((c) => !c.parent).length && !m.comments.some((c) => c.parent);
  }

  async write(writes: CellWrite[]): Promise<void> {
    const parsed = writes.map((w) => ({ w, sheet: w.cell.sheet, address: a1(w.cell.row, w.cell.col) }));
    for (const { sheet, address } of parsed) this.feed.expectEcho(sheet, address);
    await this.guard('写入修正值', () =>
      this.env.run(async (context) => {
        for (const { w, sheet, address } of parsed) {
          const range = context.workbook.worksheets.getItem(sheet).getRange(address);
          if (w.formula) range.formulas = [[w.formula]];
          else range.values = [[w.value ?? '']];
        }
        await context.sync();
      }),
    );
  }

  async select(cell: CellRange): Promise<void> {
    const p = cell;
    const sheet = cell.sheet;
    await this.guard(`选中 ${refText(cell)}`, () =>
      this.env.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        const bottom = p.bottom ?? p.row;
        const right = p.right ?? p.col;
        ws.getRangeByIndexes(p.row, p.col, bottom - p.row + 1, right - p.col + 1).select();
        await context.sync();
      }),
    );
  }

  async readSheet(sheet: string): Promise<Grid | null> {
    return this.guard(`读取工作表“${sheet}”`, () => readNamedSheet(this.env, sheet));
  }

  async replaceSheetRows(sheet: string, rows: string[][], layout: SheetLayout = {}): Promise<void> {
    await this.guard(`写入工作表“${sheet}”`, () =>
      replaceRows(this.env, sheet, rows, layout, (block) => this.feed.expectEcho(sheet, block)),
    );
  }

  onChange(handler: (change: CellChange) => void): () => void {
    return this.feed.subscribe(handler);
  }

  /** Resolves when change events are being listened to. */
  listening(): Promise<void> {
    return this.feed.ready();
  }

  /** Office's English errors become a Chinese sentence saying what was being done and what went wrong. */
  private async guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const text = `${what}失败：${errorText(e)}`;
      throw officeErrorCode(e) === 'AccessDenied' ? new AccessDeniedError(text) : new Error(text);
    }
  }
}

/** The flags as they would be written (cell, severity, text): equal prints write the same. */
function fingerprint(flags: CellFlag[]): string {
  return JSON.stringify(flags.map((f) => [f.row, f.col, f.severity, f.text]));
}
