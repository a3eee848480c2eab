/**
 * Shared state of the fake ET Application: the memory workbook underneath,
 * the bridge-call counter, and what the object model keeps beside cells
 * (sheet visibility, page setup, the window, event listeners).
 */
import type { MemoryCell, MemorySheet, MemoryWorkbook } from '../memory/workbook';
import type { PlanRange } from '../../../src/template/plan';

export interface FakeEtOptions {
  /** Order SheetChange hands its arguments over: one typing has them swapped. Default 'sheet-range'. */
  eventArgs?: 'sheet-range' | 'range-sheet';
  /** 'sync': raised inside the writing call; 'async': after the script yields. Default 'sync'. */
  eventDelivery?: 'sync' | 'async';
  /** Whether writes through the object model raise SheetChange (undocumented in WPS: assume they do). Default true. */
  echoApiWrites?: boolean;
  /** Where task panes are shown (the browser test renders the pane page in an iframe). */
  taskPaneView?: TaskPaneView;
  /** No workbook open: ActiveSheet and ActiveWorkbook are null. */
  noWorkbook?: boolean;
  /**
   * Members WPS refuses on this desktop: writing the property or calling the method throws ("PaperSize"
   * where no printer is installed); "read:Name" makes reading it throw too.
   */
  refuse?: string[];
  /** Range.Address as the typings have it (a method taking RowAbsolute, ColumnAbsolute) or as a property. Default 'method'. */
  address?: 'method' | 'property';
  /**
   * Comments: 'readable' (default, Text() reads); 'no-text' (Text() throws); 'placeholder' (Range.Comment hands
   * out an object for every cell, comment or not, and Text() throws on all of them).
   */
  comments?: 'readable' | 'no-text' | 'placeholder';
  /** An old WPS whose JSAPI has no Worksheet.Copy. */
  noSheetCopy?: boolean;
}

export interface TaskPaneView {
  show(id: number, url: string): void;
  hide(id: number): void;
  navigate(id: number, url: string): void;
  /** The pane is gone for good (Delete): its page is unloaded. */
  remove?(id: number): void;
}

export interface WindowState {
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
}

export type Listener = (...args: unknown[]) => void;

export class FakeContext {
  /** Every property read/write and method call on an object the fake handed out: one bridge crossing each. */
  calls = 0;
  /** The same calls by member name, for finding where they go. */
  readonly byMember = new Map<string, number>();
  readonly visibility = new Map<MemorySheet, number>();
  readonly pageSetup = new Map<MemorySheet, Record<string, unknown>>();
  /** Manual page breaks per sheet: 0-based rows that begin a page. */
  readonly pageBreaks = new Map<MemorySheet, number[]>();
  readonly edges = new WeakMap<MemoryCell, Set<number>>();
  readonly listeners = new Map<string, Listener[]>();
  readonly storage = new Map<string, unknown>();
  /** Sheets under Protect(): formats cannot change, locked cells cannot take values. */
  readonly protectedSheets = new Set<MemorySheet>();
  readonly window: WindowState = { SplitRow: 0, SplitColumn: 0, FreezePanes: false };
  displayAlerts = true;
  /** The page (JavaScript context) whose Application view made the current call; see pageView. */
  page = 'main';
  /** Bridge calls by page, then by member name: which page did what. */
  readonly byPage = new Map<string, Map<string, number>>();
  /** Set by the Application: raises SheetChange for (sheet, block). */
  raise: (sheet: MemorySheet, block: PlanRange) => void = () => undefined;
  /** Set by the Application: the Worksheet object of a memory sheet. */
  worksheet: (sheet: MemorySheet) => unknown = () => null;

  constructor(
    readonly workbook: MemoryWorkbook,
    readonly options: FakeEtOptions,
  ) {}

  /** Throws as WPS does when a protected sheet refuses a change. */
  refuse(sheet: MemorySheet, what: 'format' | 'value', cells: MemoryCell[] = []): void {
    if (!this.protectedSheets.has(sheet)) return;
    if (what === 'format' || cells.some((c) => !c.style.unlocked)) {
      throw new Error(`您试图更改的单元格或图表受保护（工作表“${sheet.name}”）`);
    }
  }

  activeSheet(): MemorySheet | null {
    if (this.options.noWorkbook) return null;
    const name = this.workbook.activeSheet;
    return (name && this.workbook.sheet(name)) || null;
  }
}

/**
 * Wraps an object so that each PascalCase member access (the ET API surface)
 * counts as one bridge call. Members run against the target itself, so the
 * fake's own internal calls are not counted.
 */
export function api<T extends object>(ctx: FakeContext, target: T): T {
  return new Proxy(target, {
    get(t, prop) {
      const v = Reflect.get(t, prop, t) as unknown;
      if (typeof prop === 'string' && /^[A-Z]/.test(prop)) {
        ctx.calls++;
        ctx.byMember.set(prop, (ctx.byMember.get(prop) ?? 0) + 1);
        countByPage(ctx, prop);
        const refused = ctx.options.refuse ?? [];
        if (refused.includes(`read:${prop}`)) throw new Error(`${prop}: 操作被拒绝`);
        if (prop === 'Address' && ctx.options.address === 'property' && typeof v === 'function') {
          return (v as () => unknown).call(t);
        }
        if (typeof v === 'function') {
          if (refused.includes(prop))
            return () => {
              throw new Error(`${prop}: 操作被拒绝`);
            };
          return (v as (...a: unknown[]) => unknown).bind(t);
        }
      }
      return v;
    },
    set(t, prop, value) {
      if (typeof prop === 'string' && /^[A-Z]/.test(prop)) {
        ctx.calls++;
        ctx.byMember.set(`=${prop}`, (ctx.byMember.get(`=${prop}`) ?? 0) + 1);
        countByPage(ctx, `=${prop}`);
        if (!(prop in t)) throw new TypeError(`fake ET object has no property ${prop}`);
        if (typeof Reflect.get(t, prop, t) === 'function') throw new TypeError(`${prop} is a method, not a property`);
        if (ctx.options.refuse?.includes(prop)) throw new Error(`${prop}: 操作被拒绝（例如没有安装打印机）`);
      }
      return Reflect.set(t, prop, value, t);
    },
  });
}

function countByPage(ctx: FakeContext, member: string): void {
  let m = ctx.byPage.get(ctx.page);
  if (!m) ctx.byPage.set(ctx.page, (m = new Map()));
  m.set(member, (m.get(member) ?? 0) + 1);
}

/**
 * What one page (one JavaScript context: the main page, a task pane) sees as window.Application. In
 * WPS every page gets its own Application object bridged to the same process; here each page gets its
 * own view of the one fake, and every object reached through it (and every object handed to the
 * page's event listeners) is that page's view too, so each bridge call is counted for the page that
 * made it (ctx.byPage). Plain values (numbers, text, Value2 matrices) pass unchanged.
 */
export function pageView(ctx: FakeContext, app: object, page: string): unknown {
  const views = new WeakMap<object, object>();
  const targets = new WeakMap<object, object>();
  const callbacks = new WeakMap<object, unknown>();
  const unwrap = (v: unknown): unknown => {
    if (typeof v === 'function') {
      const fn = v as (...a: unknown[]) => unknown;
      // A page's callback (an event listener) gets the page's views of what the fake hands it; the same
      // function always maps to the same callback, so RemoveApiEventListener finds it.
      let cb = callbacks.get(fn);
      if (!cb) {
        cb = function (this: unknown, ...args: unknown[]) {
          return fn.apply(this, args.map(wrap));
        };
        callbacks.set(fn, cb);
      }
      return cb;
    }
    return (v && typeof v === 'object' && targets.get(v)) || v;
  };
  const wrap = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const known = views.get(v);
    if (known) return known;
    const view = new Proxy(v, {
      get(t, prop) {
        if (typeof prop !== 'string' || !/^[A-Z]/.test(prop)) return Reflect.get(t, prop) as unknown;
        ctx.page = page;
        const r = Reflect.get(t, prop) as unknown;
        if (typeof r !== 'function') return wrap(r);
        return (...args: unknown[]) => {
          ctx.page = page;
          return wrap((r as (...a: unknown[]) => unknown).apply(t, args.map(unwrap)));
        };
      },
      set(t, prop, value) {
        ctx.page = page;
        return Reflect.set(t, prop, unwrap(value));
      },
    });
    views.set(v, view);
    targets.set(view, v);
    return view;
  };
  return wrap(app);
}
