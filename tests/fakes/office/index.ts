/**
 * A fake Office.js for Excel over a MemoryWorkbook: `Office` (onReady,
 * requirements, document settings, actions, addin) and `Excel.run`, plus a
 * simulated user who edits the workbook the way a person does (raising change
 * events) and an inspector that reads what the user would see. Browser-safe:
 * the headless pane test bundles it into the page in place of office.js.
 */
import { FLAG_FILL, NOTE_MARK } from '../../../src/report/flags';
import { MemoryWorkbook } from '../memory/workbook';
import { parseAddress } from '../../../src/sheet/ref';
import { type CellValue, type Grid, type MergeArea } from '../../../src/sheet/grid';
import { FakeApiError, FakeState, type FakeOptions } from './core';
import { parseArea, overlaps } from './range';
import { FakeRequestContext, usedArea } from './workbook';

export { FakeApiError, FakeState, FakeRequestContext };
export type { FakeOptions };

type Batch<T> = (ctx: FakeRequestContext) => Promise<T>;

export interface FakeFlag {
  severity: 'error' | 'warning';
  text: string;
}

/** Office's theme colours (Office.context.officeTheme) for the light and the dark (black) Office theme. */
export const OFFICE_THEMES = {
  light: { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' },
  dark: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' },
} as const;

type CreateOptions = FakeOptions & { workbook?: MemoryWorkbook; theme?: keyof typeof OFFICE_THEMES };

export function createFakeOffice(options: CreateOptions = {}, carried?: FakeState) {
  const wb = options.workbook ?? new MemoryWorkbook();
  const state = new FakeState(wb, options);
  if (carried) {
    // A reopened workbook: what was saved comes back, each sheet with a new worksheet id.
    for (const s of wb.sheets) state.adopt(s, carried.extrasOf(s), carried);
    state.savedSettings = new Map(carried.savedSettings);
    for (const [k, v] of carried.savedSettings) state.settings.set(k, v);
  }
  const associated = new Map<string, (event: { completed(): void }) => unknown>();
  const shown = { taskpane: 0 };
  let visibilityHandler: ((args: { visibilityMode: string }) => void) | null = null;

  const at = (cell: string) => {
    const p = parseAddress(cell);
    const s = p?.sheet ? wb.sheet(p.sheet) : undefined;
    if (!p || !s) throw new Error(`fake: bad cell ${cell}`);
    return { s, row: p.row, col: p.col };
  };

  async function run<T>(
    a: Batch<T> | { delayForCellEdit?: boolean; mergeUndoGroup?: boolean },
    b?: Batch<T>,
  ): Promise<T> {
    const opts = typeof a === 'function' ? {} : a;
    const batch = typeof a === 'function' ? a : b!;
    state.runs.push(opts);
    const ctx = new FakeRequestContext(state);
    // Below ExcelApi 1.20 the option is unknown and changes nothing.
    ctx.mergeUndo = opts.mergeUndoGroup === true && state.supports(20);
    const result = await batch(ctx);
    // Queued work that was never synced is lost in Excel: treat it as the bug it is.
    const left = (ctx as unknown as { queue: unknown[] }).queue.length;
    if (left > 0) throw new Error(`fake Excel.run: ${left} queued operation(s) were never synced`);
    return result;
  }

  const Excel = { run };

  const settings = {
    get: (name: string) => (state.settings.has(name) ? state.settings.get(name) : null),
    set: (name: string, value: unknown) => void state.settings.set(name, JSON.parse(JSON.stringify(value))),
    remove: (name: string) => void state.settings.delete(name),
    saveAsync: (cb?: (r: { status: string }) => void) => {
      state.settingsSaves++;
      state.savedSettings = new Map(state.settings);
      // Below ExcelApi 1.20 saving the document's settings empties the user's undo stack.
      if (!state.supports(20)) state.clearUndo();
      setTimeout(() => cb?.({ status: 'succeeded' }), 0);
    },
  };

  const Office = {
    HostType: { Excel: 'Excel' },
    VisibilityMode: { taskpane: 'Taskpane', hidden: 'Hidden' },
    onReady: (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: 'PC' };
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        isSetSupported(name: string, version?: string): boolean {
          const [major, minor] = String(version ?? '1.1')
            .split('.')
            .map(Number) as [number, number];
          if (name === 'ExcelApi') return major === 1 && state.supports(minor ?? 0);
          if (name === 'SharedRuntime') return state.sharedRuntime && major === 1 && (minor ?? 0) <= 1;
          return false;
        },
      },
      document: { settings },
      displayLanguage: 'zh-CN',
      officeTheme: { ...OFFICE_THEMES[options.theme ?? 'light'] },
    },
    actions: {
      associate(name: string, fn: (event: { completed(): void }) => unknown) {
        associated.set(name, fn);
      },
    },
    addin: {
      showAsTaskpane: () => {
        shown.taskpane++;
        visibilityHandler?.({ visibilityMode: 'Taskpane' });
        return Promise.resolve();
      },
      hide: () => {
        visibilityHandler?.({ visibilityMode: 'Hidden' });
        return Promise.resolve();
      },
      /** Like Office while the pane opens: the handler hears at once that the pane is visible. */
      onVisibilityModeChanged: (h: (args: { visibilityMode: string }) => void) => {
        visibilityHandler = h;
        setTimeout(() => h({ visibilityMode: 'Taskpane' }), 0);
        return Promise.resolve(() => Promise.resolve());
      },
    },
  };

  /** A person editing the workbook. Edits raise change events (not marked as the add-in's). */
  const user = {
    addSheet(name: string, rows: (string | number | null)[][]) {
      const s = wb.addSheet(name);
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null) s.cell(r, c).value = v;
        }),
      );
      wb.activeSheet = name;
    },
    /** A whole sheet from a Grid (values, number formats, formulas, merges), made active: a workbook the user opened. */
    addGrid(grid: Grid) {
      const s = wb.addSheet(grid.sheet);
      grid.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const formula = grid.formulas?.[r]?.[c] ?? null;
          const numFmt = grid.numFmt?.[r]?.[c] ?? 'General';
          if (v === null && !formula && numFmt === 'General') return;
          const cell = s.cell(grid.top + r, grid.left + c);
          cell.value = formula ? null : v;
          cell.formula = formula;
          cell.numFmt = numFmt;
        }),
      );
      s.merges = grid.merges.map((m) => ({ ...m }));
      wb.activeSheet = grid.sheet;
    },
    setValue(cell: string, value: CellValue, formula: string | null = null) {
      const { s, row, col } = at(cell);
      const c = s.cell(row, col);
      c.value = formula ? null : value;
      c.formula = formula;
      state.undoDepth++;
      state.raise({
        sheet: s,
        address: cell.slice(cell.lastIndexOf('!') + 1).replace(/\$/g, ''),
        triggerSource: 'Unknown',
      });
      state.flushEvents();
    },
    /** A paste or fill-down: many cells, one event for the block (as Excel raises it). */
    setBlock(topLeft: string, rows: CellValue[][]) {
      const { s, row, col } = at(topLeft);
      rows.forEach((r, i) => r.forEach((v, j) => (s.cell(row + i, col + j).value = v)));
      state.undoDepth++;
      const width = Math.max(...rows.map((r) => r.length));
      const area = parseArea(topLeft.slice(topLeft.lastIndexOf('!') + 1), s);
      const bottomRight = `${String.fromCharCode(65 + area.left + width - 1)}${area.top + rows.length}`;
      state.raise({
        sheet: s,
        address: `${topLeft.slice(topLeft.lastIndexOf('!') + 1)}:${bottomRight}`,
        triggerSource: 'Unknown',
      });
      state.flushEvents();
    },
    setFill(cell: string, color: string | null) {
      const { s, row, col } = at(cell);
      s.cell(row, col).fill = color ? color.toUpperCase() : null;
    },
    /** The user's own note: a note where Excel has notes (1.18), a threaded comment with 1.10–1.17, a legacy note before. */
    setNote(cell: string, text: string | null) {
      const { s, row, col } = at(cell);
      if (state.supports(18) || !state.supports(10)) {
        s.cell(row, col).note = text;
        return;
      }
      const ex = state.extrasOf(s);
      ex.comments = ex.comments.filter((c) => !(c.row === row && c.col === col));
      if (text !== null) {
        ex.comments.push({ id: state.newId('comment'), row, col, content: text, author: state.userName, replies: [] });
      }
    },
    setValidation(cell: string, list: string[], prompt?: string) {
      const { s, row, col } = at(cell);
      s.cell(row, col).validation = { list, prompt, strict: true };
    },
    addConditionalFormat(range: string, fill: string) {
      const p = parseAddress(range);
      const s = p?.sheet ? wb.sheet(p.sheet) : undefined;
      if (!p || !s) throw new Error(`fake: bad range ${range}`);
      state.extrasOf(s).cfs.push({
        id: state.newId('cf'),
        areas: [parseArea(range.slice(range.lastIndexOf('!') + 1), s)],
        type: 'Custom',
        formula: '=A1>0',
        fill: fill.toUpperCase(),
        fontColor: null,
      });
    },
    merge(range: string) {
      const p = parseAddress(range);
      const s = p?.sheet ? wb.sheet(p.sheet) : undefined;
      if (!p || !s) throw new Error(`fake: bad range ${range}`);
      s.merges.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
    },
    setNumberFormat(cell: string, format: string) {
      const { s, row, col } = at(cell);
      s.cell(row, col).numFmt = format;
    },
    activate(sheet: string) {
      wb.activeSheet = sheet;
    },
    /** Renames a sheet: its id stays, its name changes (Excel raises no onChanged for it). */
    renameSheet(from: string, to: string) {
      const s = wb.sheet(from);
      if (!s) throw new Error(`fake: no sheet ${from}`);
      s.name = to;
      if (wb.activeSheet === from) wb.activeSheet = to;
    },
    /** Review → Protect Sheet (the form's input cells are the unlocked ones). */
    protect(sheet: string, on = true) {
      const s = wb.sheet(sheet);
      if (!s) throw new Error(`fake: no sheet ${sheet}`);
      state.extrasOf(s).protected = on;
    },
    /** The column's width in characters, as the user dragged it. */
    setColumnWidth(sheet: string, col: number, chars: number) {
      const s = wb.sheet(sheet);
      if (!s) throw new Error(`fake: no sheet ${sheet}`);
      s.columnWidths[col] = chars;
    },
    /** A co-author's edit in Excel on the web: it arrives here as a Remote change. */
    remoteSetValue(cell: string, value: CellValue) {
      const { s, row, col } = at(cell);
      s.cell(row, col).value = value;
      s.cell(row, col).formula = null;
      state.raise({
        sheet: s,
        address: cell.slice(cell.lastIndexOf('!') + 1).replace(/\$/g, ''),
        triggerSource: 'Unknown',
        source: 'Remote',
      });
      state.flushEvents();
    },
  };

  /** What the user sees. */
  const inspect = {
    value(cell: string): CellValue {
      const { s, row, col } = at(cell);
      return s.get(row, col)?.value ?? null;
    },
    formula(cell: string): string | null {
      const { s, row, col } = at(cell);
      return s.get(row, col)?.formula ?? null;
    },
    fill(cell: string): string | null {
      const { s, row, col } = at(cell);
      return s.get(row, col)?.fill ?? null;
    },
    /** The fill Excel paints: the last matching conditional format wins over the cell's own fill. */
    shownFill(cell: string): string | null {
      const { s, row, col } = at(cell);
      const cf = [...state.extrasOf(s).cfs]
        .reverse()
        .find((c) => c.fill && c.areas.some((a) => overlaps(a, { top: row, left: col, bottom: row, right: col })));
      return cf?.fill ?? s.get(row, col)?.fill ?? null;
    },
    /** The user's own note / comment, jixiao's text not counted. */
    userNote(cell: string): string | null {
      const { s, row, col } = at(cell);
      if (!state.supports(18) && state.supports(10)) {
        const c = state.extrasOf(s).comments.find((x) => x.row === row && x.col === col);
        return c && !c.content.startsWith(NOTE_MARK) ? c.content : null;
      }
      const note = s.get(row, col)?.note ?? null;
      if (note === null) return null;
      const i = note.indexOf(NOTE_MARK);
      if (i < 0) return note;
      const own = note.slice(0, i).replace(/\n+$/, '');
      return own === '' ? null : own;
    },
    /** jixiao's flag: a conditional format in a flag colour, and the message readable at the cell. */
    flag(cell: string): FakeFlag | null {
      const { s, row, col } = at(cell);
      const ex = state.extrasOf(s);
      const here = { top: row, left: col, bottom: row, right: col };
      const cf = ex.cfs.find(
        (c) => (c.fill === FLAG_FILL.error || c.fill === FLAG_FILL.warning) && c.areas.some((a) => overlaps(a, here)),
      );
      let text = '';
      const note = s.get(row, col)?.note;
      if (state.supports(18) && note?.includes(NOTE_MARK)) text = note.slice(note.indexOf(NOTE_MARK));
      const comment = ex.comments.find((c) => c.row === row && c.col === col);
      if (comment) {
        const ours = [comment.content, ...comment.replies.map((r) => r.content)].filter((t) => t.startsWith(NOTE_MARK));
        if (ours.length) text = ours.join('\n');
      }
      const title = ex.promptTitles.get(`${row},${col}`);
      const prompt = s.get(row, col)?.validation?.prompt;
      if (title && title.startsWith(NOTE_MARK.replace(/[【】]/g, '')) && prompt) text = `${title}\n${prompt}`;
      if (!cf && text === '') return null;
      return { severity: cf?.fill === FLAG_FILL.error ? 'error' : 'warning', text };
    },
    /** Cells that carry jixiao's note (or comment / reply), A1 without the sheet. */
    flagNotes(sheet: string): string[] {
      const s = wb.sheet(sheet);
      if (!s) return [];
      const out: string[] = [];
      for (const [k, c] of s.cells) {
        if (!c.note?.includes(NOTE_MARK)) continue;
        const [r, col] = k.split(',').map(Number) as [number, number];
        out.push(`${String.fromCharCode(65 + col)}${r + 1}`);
      }
      for (const c of state.extrasOf(s).comments) {
        const ours = [c.content, ...c.replies.map((r) => r.content)].filter((t) => t.startsWith(NOTE_MARK));
        for (let i = 0; i < ours.length; i++) out.push(`${String.fromCharCode(65 + c.col)}${c.row + 1}`);
      }
      return out.sort();
    },
    conditionalFormats(sheet: string) {
      const s = wb.sheet(sheet);
      return s ? state.extrasOf(s).cfs : [];
    },
    comments(sheet: string) {
      const s = wb.sheet(sheet);
      return s ? state.extrasOf(s).comments : [];
    },
    selected(): string | null {
      return wb.selection;
    },
    merges(sheet: string): MergeArea[] {
      return wb.sheet(sheet)?.merges ?? [];
    },
    hasName(sheet: string, name: string): boolean {
      return wb.sheet(sheet)?.names.has(name) ?? false;
    },
    sheetValues(sheet: string): CellValue[][] | null {
      const s = wb.sheet(sheet);
      if (!s) return null;
      const used = usedArea(s, true);
      return used ? s.values(used) : [];
    },
  };

  /**
   * The user saves, closes and opens the workbook again: cells, formats, notes, comments and the
   * SAVED settings come back; the add-in starts afresh; every worksheet gets a new id (Worksheet.id
   * is documented stable within a session only, office-js-docs #297). `as` opens it as someone
   * else (a reviewer re-checking an officer's workbook): the comments keep their authors.
   */
  const reopen = (as: Pick<FakeOptions, 'user'> = {}): FakeOffice =>
    createFakeOffice({ ...options, ...as, workbook: wb }, state);

  return { wb, state, Excel, Office, user, inspect, associated, shown, reopen, settle: () => state.settle() };
}

// An interface rather than a type alias: reopen() returns a FakeOffice, which a type alias could not name.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FakeOffice extends ReturnType<typeof createFakeOffice> {}

export { usedArea };
