/**
 * Shared state of the fake ET Application: the memory workbook underneath,
 * the bridge-call counter, and what the object model keeps beside cells
 * (sheet visibility, page setup, the window, event listeners).
 */
import type { MemoryCell, MemorySheet, MemoryWorkbook } from '../../../src/host/memory/workbook';
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
  /** An old WPS whose JSAPI has no Worksheet.Copy. */
  noSheetCopy?: boolean;
}

export interface TaskPaneView {
  show(id: number, url: string): void;
  hide(id: number): void;
  navigate(id: number, url: string): void;
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
  readonly edges = new WeakMap<MemoryCell, Set<number>>();
  readonly listeners = new Map<string, Listener[]>();
  readonly storage = new Map<string, unknown>();
  /** Sheets under Protect(): formats cannot change, locked cells cannot take values. */
  readonly protectedSheets = new Set<MemorySheet>();
  readonly window: WindowState = { SplitRow: 0, SplitColumn: 0, FreezePanes: false };
  displayAlerts = true;
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
        if (typeof v === 'function') return (v as (...a: unknown[]) => unknown).bind(t);
      }
      return v;
    },
    set(t, prop, value) {
      if (typeof prop === 'string' && /^[A-Z]/.test(prop)) {
        ctx.calls++;
        ctx.byMember.set(`=${prop}`, (ctx.byMember.get(`=${prop}`) ?? 0) + 1);
        if (!(prop in t)) throw new TypeError(`fake ET object has no property ${prop}`);
        if (typeof Reflect.get(t, prop, t) === 'function') throw new TypeError(`${prop} is a method, not a property`);
      }
      return Reflect.set(t, prop, value, t);
    },
  });
}
