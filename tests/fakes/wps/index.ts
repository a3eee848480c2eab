/**
 * A fake WPS 表格 `window.Application` backed by the MemoryWorkbook, faithful
 * to the ET JSAPI's semantics where the adapter depends on them, plus a
 * simulated user who edits the workbook the way a person would (raising
 * SheetChange). Browser-safe: the headless-Chromium tests bundle it.
 */
import { MemoryWorkbook, type MemorySheet } from '../memory/workbook';
import { parseAddress } from '../../../src/sheet/ref';
import type { PlanRange } from '../../../src/template/plan';
import { ApiEventFake, SheetsFake, TaskPaneFake, WorksheetFake } from './application';
import { api, FakeContext, pageView, type FakeEtOptions } from './context';
import { parseEntry } from './entry';
import { RangeFake } from './range';

export type { FakeEtOptions, TaskPaneView } from './context';
export { parseEntry } from './entry';

class ApplicationFake {
  DisplayAlerts = true;
  ScreenUpdating = true;
  EnableEvents = true;
  /** WPS builds disagree on whether Enum exists; the adapter must not need it. */
  readonly Enum = undefined;
  private nextPane = 1;

  constructor(
    private readonly ctx: FakeContext,
    readonly panes: Map<number, TaskPaneFake>,
  ) {}

  get Worksheets(): SheetsFake {
    if (this.ctx.options.noWorkbook) throw new Error('没有打开的工作簿');
    return api(this.ctx, new SheetsFake(this.ctx));
  }
  get Sheets(): SheetsFake {
    return this.Worksheets;
  }
  get ActiveSheet(): WorksheetFake | null {
    const s = this.ctx.activeSheet();
    return s ? (this.ctx.worksheet(s) as WorksheetFake) : null;
  }
  get ActiveWorkbook(): object | null {
    if (this.ctx.options.noWorkbook) return null;
    return api(this.ctx, { Name: '工作簿1.xlsx', Worksheets: this.Worksheets, ActiveSheet: this.ActiveSheet });
  }
  get ActiveWindow(): object {
    const ctx = this.ctx;
    const w = ctx.window;
    return api(ctx, {
      get SplitRow() {
        return w.SplitRow;
      },
      set SplitRow(v: number) {
        w.SplitRow = v;
      },
      get SplitColumn() {
        return w.SplitColumn;
      },
      set SplitColumn(v: number) {
        w.SplitColumn = v;
      },
      get FreezePanes() {
        return w.FreezePanes;
      },
      set FreezePanes(v: boolean) {
        w.FreezePanes = v;
        const s = ctx.activeSheet();
        if (s) s.freeze = v ? { rows: w.SplitRow, cols: w.SplitColumn } : { rows: 0, cols: 0 };
      },
    });
  }
  get Selection(): RangeFake | null {
    const sel = this.ctx.workbook.selection;
    const p = sel ? parseAddress(sel) : null;
    const s = p?.sheet ? this.ctx.workbook.sheet(p.sheet) : undefined;
    if (!p || !s) return null;
    return RangeFake.make(this.ctx, s, [
      { top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col },
    ]);
  }
  /** Goto("Sheet!A1") or Goto(range): activates the sheet and selects. */
  Goto(reference: string | RangeFake, _scroll?: boolean): void {
    const range = typeof reference === 'string' ? this.rangeOf(reference) : reference;
    (this.ctx.worksheet(range.sheet) as WorksheetFake).Activate();
    range.Select();
  }
  InchesToPoints(inches: number): number {
    return inches * 72;
  }
  get ApiEvent(): ApiEventFake {
    return api(this.ctx, new ApiEventFake(this.ctx));
  }
  get PluginStorage(): object {
    const store = this.ctx.storage;
    return api(this.ctx, {
      setItem: (k: string, v: unknown) => void store.set(k, v),
      getItem: (k: string) => store.get(k),
      removeItem: (k: string) => void store.delete(k),
      clear: () => store.clear(),
    });
  }
  CreateTaskPane(url: string, _title?: string): TaskPaneFake {
    const pane = api(this.ctx, new TaskPaneFake(this.ctx, this.nextPane++, url, this.panes));
    this.panes.set(pane.ID, pane);
    return pane;
  }
  GetTaskPane(id: number): TaskPaneFake | null {
    return this.panes.get(Number(id)) ?? null;
  }

  private rangeOf(reference: string): RangeFake {
    const p = parseAddress(reference.replace(/^=/, ''));
    const s = p?.sheet ? this.ctx.workbook.sheet(p.sheet) : this.ctx.activeSheet();
    if (!p || !s) throw new Error(`Goto: 无效的引用 ${reference}`);
    return RangeFake.make(this.ctx, s, [
      { top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col },
    ]);
  }
}

export interface FakeEt {
  /** What a WPS page sees as window.Application (the main page's view). */
  app: unknown;
  /** The Application another page (a task pane) sees: the same workbook, its calls counted for that page. */
  appFor(page: string): unknown;
  workbook: MemoryWorkbook;
  ctx: FakeContext;
  panes: Map<number, TaskPaneFake>;
  /** A person editing the workbook: changes raise SheetChange. */
  user: FakeUser;
}

export interface FakeUser {
  addSheet(name: string, rows: (string | number | null)[][]): void;
  /** Types into one cell ("Sheet1!B2"), as entered text or a number. */
  type(cell: string, value: string | number | null): void;
  /** Pastes a block at its top-left cell: one SheetChange for the whole block. */
  paste(topLeft: string, rows: (string | number | null)[][]): void;
  setFill(cell: string, color: string | null): void;
  setNote(cell: string, text: string | null): void;
  merge(range: string): void;
  setNumberFormat(cell: string, format: string): void;
  activate(sheet: string): void;
}

export function createFakeEt(options: FakeEtOptions = {}, workbook = new MemoryWorkbook()): FakeEt {
  const ctx = new FakeContext(workbook, options);
  const sheetObjects = new Map<MemorySheet, WorksheetFake>();
  ctx.worksheet = (s) => {
    let w = sheetObjects.get(s);
    if (!w) {
      w = api(ctx, new WorksheetFake(ctx, s));
      sheetObjects.set(s, w);
    }
    return w;
  };
  const deliver = (sheet: MemorySheet, block: PlanRange) => {
    const ws = ctx.worksheet(sheet);
    const range = RangeFake.make(ctx, sheet, [{ ...block }]);
    const args = options.eventArgs === 'range-sheet' ? [range, ws] : [ws, range];
    const fire = () => {
      for (const l of [...(ctx.listeners.get('SheetChange') ?? [])]) l(...args);
    };
    if (options.eventDelivery === 'async') setTimeout(fire, 0);
    else fire();
  };
  ctx.raise = (sheet, block) => {
    if (options.echoApiWrites !== false) deliver(sheet, block);
  };
  const panes = new Map<number, TaskPaneFake>();
  const root = api(ctx, new ApplicationFake(ctx, panes));
  const views = new Map<string, unknown>();
  const appFor = (page: string): unknown => {
    let view = views.get(page);
    if (!view) views.set(page, (view = pageView(ctx, root, page)));
    return view;
  };
  const app = appFor('main');

  const at = (cell: string) => {
    const p = parseAddress(cell);
    const s = p?.sheet ? workbook.sheet(p.sheet) : undefined;
    if (!p || !s) throw new Error(`fake user: bad cell ${cell}`);
    return { s, p };
  };
  const store = (s: MemorySheet, r: number, c: number, v: string | number | null) => {
    const e = parseEntry(v);
    const cell = s.cell(r, c);
    cell.value = e.value;
    cell.formula = e.formula;
    if (e.numFmt && cell.numFmt === 'General') cell.numFmt = e.numFmt;
  };
  const user: FakeUser = {
    addSheet(name, rows) {
      const s = workbook.addSheet(name);
      rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null) s.cell(r, c).value = v;
        }),
      );
      workbook.activeSheet = name;
    },
    type(cell, value) {
      const { s, p } = at(cell);
      store(s, p.row, p.col, value);
      deliver(s, { top: p.row, left: p.col, bottom: p.row, right: p.col });
    },
    paste(topLeft, rows) {
      const { s, p } = at(topLeft);
      rows.forEach((row, r) => row.forEach((v, c) => store(s, p.row + r, p.col + c, v)));
      const width = Math.max(1, ...rows.map((r) => r.length));
      deliver(s, { top: p.row, left: p.col, bottom: p.row + rows.length - 1, right: p.col + width - 1 });
    },
    setFill(cell, color) {
      const { s, p } = at(cell);
      s.cell(p.row, p.col).fill = color ? color.toUpperCase() : null;
    },
    setNote(cell, text) {
      const { s, p } = at(cell);
      s.cell(p.row, p.col).note = text;
    },
    merge(range) {
      const { s, p } = at(range);
      s.merges.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
    },
    setNumberFormat(cell, format) {
      const { s, p } = at(cell);
      s.cell(p.row, p.col).numFmt = format;
    },
    activate(sheet) {
      workbook.activeSheet = sheet;
    },
  };
  return { app, appFor, workbook, ctx, panes, user };
}

/**
 * The `wps` global of a WPS that hands pages their application only that way (Kingsoft's 2020-era templates call
 * `wps.EtApplication()`; such a page has no `window.Application`). `EtApplication()` gives the page's view.
 */
export function wpsGlobal(app: unknown): { EtApplication(): unknown } {
  return {
    EtApplication() {
      return app;
    },
  };
}
