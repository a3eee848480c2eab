/**
 * The machinery of the fake Office.js: a request context that queues
 * operations and runs them only at sync(), proxies whose properties cannot be
 * read before they were loaded and synced, and the state behind them (a
 * MemoryWorkbook plus what Excel keeps outside the cells: conditional formats,
 * threaded comments, event handlers, document settings).
 *
 * Faithful where the adapter could go wrong: nothing is readable before sync,
 * every property must be named in load(), a failing operation fails the whole
 * sync after the operations before it were applied (Excel does not roll back),
 * events arrive after the batch, and syncs are counted.
 */
import type { MemorySheet, MemoryWorkbook } from '../memory/workbook';
import type { PlanRange } from '../../../src/template/plan';

export class FakeApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export interface FakeCF {
  id: string;
  areas: PlanRange[];
  type: string;
  formula: string;
  fill: string | null;
  fontColor: string | null;
  /** Border line style per edge (ConditionalRangeBorderIndex → ConditionalRangeBorderLineStyle), when set. */
  borders?: Partial<Record<string, string>>;
}

export interface FakeReply {
  id: string;
  content: string;
  /** The display name of the user who wrote it: only that user may edit or delete it. */
  author: string;
}

export interface FakeComment {
  id: string;
  row: number;
  col: number;
  content: string;
  /** The display name of the user who wrote it: only that user may edit or delete it. */
  author: string;
  replies: FakeReply[];
}

/** What Excel keeps per sheet beyond the cells of the MemoryWorkbook. */
export interface SheetExtras {
  id: string;
  cfs: FakeCF[];
  comments: FakeComment[];
  /** Data-validation prompt titles by "row,col" (the message lives in MemoryCell.validation.prompt). */
  promptTitles: Map<string, string>;
  /** Column widths as Excel stores them (points). */
  columnWidthPoints: number[];
  /** Worksheet protection is on: Excel refuses formats, notes, comments, conditional formats and locked cells. */
  protected: boolean;
}

export interface ChangeEvent {
  sheet: MemorySheet;
  address: string;
  triggerSource: 'ThisLocalAddin' | 'Unknown';
  /** A co-author's edit (Excel on the web, co-authoring) arrives as Remote. */
  source?: 'Local' | 'Remote';
}

export type ChangeHandler = (args: Record<string, unknown>) => unknown;

export interface FakeOptions {
  /** Highest ExcelApi minor version the fake Excel supports: 18 means 1.18. */
  apiMinor?: number;
  /** Whether the host supports SharedRuntime 1.1. */
  sharedRuntime?: boolean;
  /** Bytes one sync may return (Excel on the web: 5 MB); more fails the batch with ResponsePayloadSizeLimitExceeded. */
  payloadLimit?: number;
  /**
   * The display name of the person using Excel (default 张三). Threaded comments and replies carry
   * their author, and Excel lets only the author edit or delete one: anyone else gets AccessDenied.
   */
  user?: string;
}

/** Excel on the web's cap on one request's response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeState {
  readonly apiMinor: number;
  readonly sharedRuntime: boolean;
  readonly payloadLimit: number;
  /** Who is using Excel: the author of what the add-in and the user add now. */
  readonly userName: string;
  syncs = 0;
  /** Operations that changed the workbook (each a write Excel has to apply). */
  writes = 0;
  /**
   * The user's undo stack: how many steps Ctrl+Z can take back. The user's own edits push one
   * each. Below ExcelApi 1.20 (Office 2021/2024, older Microsoft 365) an add-in's write and
   * settings.saveAsync() CLEAR it (office-js #2802, #3788, #3141); from 1.20 each sync that wrote
   * is one step, or one step for the whole Excel.run with { mergeUndoGroup: true }.
   * Worksheet.copy is never undoable: it clears the stack, and inside a merged undo group Excel
   * refuses it with UndoNotSupported.
   */
  undoDepth = 0;
  /** How many times an add-in action emptied the user's undo stack. */
  undoClears = 0;
  /** Largest response a sync returned (bytes of JSON; a sync refused as too large returns nothing). */
  largestResponse = 0;
  /** Options of every Excel.run call, in order. */
  readonly runs: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }[] = [];
  readonly settings = new Map<string, unknown>();
  /** The settings as last saved with saveAsync: what a reopened workbook has. */
  savedSettings = new Map<string, unknown>();
  settingsSaves = 0;
  /** Registered onChanged handlers: sheet-level (sheet set) or collection-level. */
  readonly handlers: { sheet: MemorySheet | null; fn: ChangeHandler }[] = [];
  private readonly extras = new WeakMap<MemorySheet, SheetExtras>();
  private pending: ChangeEvent[] = [];
  /** The next number newId hands out (carried over by a reopen, so no id is given twice). */
  nextId = 1;
  /** Raised events not yet delivered (timers), so tests can wait for them. */
  private inFlight = 0;

  constructor(
    readonly wb: MemoryWorkbook,
    options: FakeOptions = {},
  ) {
    this.apiMinor = options.apiMinor ?? 18;
    this.sharedRuntime = options.sharedRuntime ?? true;
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.userName = options.user ?? '张三';
  }

  /** Excel lets only a comment's (or reply's) author change or delete it (after the write itself was allowed). */
  authorOnly(item: { author: string }, what: string): void {
    if (item.author !== this.userName) {
      throw new FakeApiError('AccessDenied', `${what}: only its author (${item.author}) can edit or delete it`);
    }
  }

  /**
   * Every change to the workbook goes through here: counted (the undo stack), and refused with
   * AccessDenied on a protected sheet unless `allowed` (values in unlocked cells).
   */
  write(sheet: MemorySheet | null, what: string, allowed = false): void {
    if (sheet && this.extrasOf(sheet).protected && !allowed) {
      throw new FakeApiError('AccessDenied', `${what}: the sheet '${sheet.name}' is protected`);
    }
    this.writes++;
  }

  /** The user's undo stack is emptied (an add-in's write below 1.20, a settings save, a sheet copy). */
  clearUndo(): void {
    if (this.undoDepth > 0 || this.undoClears === 0) this.undoClears++;
    this.undoDepth = 0;
  }

  supports(minor: number): boolean {
    return this.apiMinor >= minor;
  }

  /** Throws like Excel does when an API the host lacks is called. */
  require(minor: number, what: string): void {
    if (!this.supports(minor)) throw new FakeApiError('ApiNotFound', `${what} needs ExcelApi 1.${minor}`);
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(4, '0')}}`;
  }

  /** Carries a sheet's extras into a reopened workbook: same content, a NEW worksheet id. */
  adopt(sheet: MemorySheet, from: SheetExtras, carried: FakeState): void {
    this.nextId = Math.max(this.nextId, carried.nextId);
    this.extras.set(sheet, {
      ...from,
      id: this.newId('sheet'),
      cfs: from.cfs.map((c) => ({ ...c, areas: c.areas.map((a) => ({ ...a })) })),
      comments: from.comments.map((c) => ({ ...c, replies: c.replies.map((r) => ({ ...r })) })),
      promptTitles: new Map(from.promptTitles),
      columnWidthPoints: [...from.columnWidthPoints],
    });
  }

  extrasOf(sheet: MemorySheet): SheetExtras {
    let e = this.extras.get(sheet);
    if (!e) {
      e = {
        id: this.newId('sheet'),
        cfs: [],
        comments: [],
        promptTitles: new Map(),
        columnWidthPoints: [],
        protected: false,
      };
      this.extras.set(sheet, e);
    }
    return e;
  }

  sheetById(idOrName: string): MemorySheet | undefined {
    return (
      this.wb.sheet(idOrName) ??
      this.wb.sheets.find((s) => s.name.toLowerCase() === idOrName.toLowerCase()) ??
      this.wb.sheets.find((s) => this.extrasOf(s).id === idOrName)
    );
  }

  /** Queues a change event; it is delivered after the current batch (or user edit) finished. */
  raise(event: ChangeEvent): void {
    this.pending.push(event);
  }

  flushEvents(): void {
    const events = this.pending;
    this.pending = [];
    for (const e of events) {
      this.inFlight++;
      setTimeout(() => {
        this.inFlight--;
        this.deliver(e);
      }, 0);
    }
  }

  private deliver(e: ChangeEvent): void {
    const args: Record<string, unknown> = {
      type: 'WorksheetChanged',
      worksheetId: this.extrasOf(e.sheet).id,
      address: e.address,
      changeType: 'RangeEdited',
      source: e.source ?? 'Local',
    };
    if (this.supports(14)) args.triggerSource = e.triggerSource;
    for (const h of [...this.handlers]) {
      if (h.sheet !== null && h.sheet !== e.sheet) continue;
      void h.fn(args);
    }
  }

  /** Resolves when every raised event was delivered. */
  async settle(): Promise<void> {
    for (let i = 0; i < 50 && this.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 0));
  }
}

/** A queued operation. */
type Op = () => void;

export class FakeContext {
  private queue: Op[] = [];
  /** Bytes of JSON the loads of the running sync return. */
  responseBytes = 0;
  /** Excel.run({ mergeUndoGroup: true }) on ExcelApi 1.20+: the run's writes are one undo step. */
  mergeUndo = false;
  /** The merged group's one step is on the stack already. */
  private grouped = false;
  /** A non-undoable operation ran in this sync (Worksheet.copy). */
  private breaksUndo = false;

  constructor(readonly state: FakeState) {}

  /** An operation Excel cannot undo: refused inside a merged undo group, else it empties the stack. */
  notUndoable(what: string): void {
    if (this.mergeUndo) throw new FakeApiError('UndoNotSupported', `${what} cannot be part of an undo group`);
    this.breaksUndo = true;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    this.state.syncs++;
    const ops = this.queue;
    this.queue = [];
    // A real sync is a round trip: nothing it does is visible before it resolves.
    await Promise.resolve();
    this.responseBytes = 0;
    const writesBefore = this.state.writes;
    this.breaksUndo = false;
    try {
      for (const op of ops) op();
      if (this.responseBytes > this.state.payloadLimit) {
        throw new FakeApiError(
          'ResponsePayloadSizeLimitExceeded',
          `the response is ${this.responseBytes} bytes, over the limit of ${this.state.payloadLimit}`,
        );
      }
      this.state.largestResponse = Math.max(this.state.largestResponse, this.responseBytes);
    } finally {
      // Writes applied before a failing operation stay applied, and touch the undo stack all the same.
      this.undoAfter(this.state.writes > writesBefore);
      this.state.flushEvents();
    }
  }

  private undoAfter(wrote: boolean): void {
    const state = this.state;
    if (this.breaksUndo || (wrote && !state.supports(20))) {
      state.clearUndo();
      return;
    }
    if (!wrote) return;
    if (!this.mergeUndo) state.undoDepth++;
    else if (!this.grouped) {
      state.undoDepth++;
      this.grouped = true;
    }
  }
}

export function notLoaded(name: string): FakeApiError {
  return new FakeApiError(
    'PropertyNotLoaded',
    `The property '${name}' is not available. Load it and call context.sync() first.`,
  );
}

/** Splits a load spec ("a, b", ["a","b"], {select:"a,b"}) into property paths. */
export function loadPaths(spec: unknown): string[] | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === 'string')
    return spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s) ?? []);
  if (typeof spec === 'object') {
    const o = spec as { select?: unknown; $all?: boolean };
    if (o.select !== undefined) return loadPaths(o.select);
    // { values: true, format: { fill: { color: true } } }
    const out: string[] = [];
    const walk = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (k.startsWith('$')) continue;
        if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}/`);
        else if (v) out.push(`${prefix}${k}`);
      }
    };
    walk(o, '');
    return out;
  }
  return null;
}

/**
 * Base of every proxy. `resolve` finds the live object at sync time; null
 * means the object does not exist (a null object for *OrNullObject, an
 * ItemNotFound error otherwise).
 */
export abstract class FakeObject<T> {
  private readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => T | null,
    private readonly nullable = false,
    private readonly what = 'object',
  ) {}

  get context(): FakeContext {
    return this.ctx;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  protected get state(): FakeState {
    return this.ctx.state;
  }

  /** The live object; only valid while a sync runs. */
  target(): T {
    const t = this.resolver();
    if (t === null) {
      throw new FakeApiError(
        this.nullable ? 'InvalidOperation' : 'ItemNotFound',
        this.nullable ? `the ${this.what} is a null object` : `the ${this.what} does not exist`,
      );
    }
    return t;
  }

  /** The live object or null (for *OrNullObject chains). */
  targetOrNull(): T | null {
    return this.resolver();
  }

  load(spec?: unknown): this {
    const paths = loadPaths(spec) ?? this.defaultLoad();
    this.ctx.enqueue(() => this.loadNow(paths));
    return this;
  }

  /** Runs a load inside a sync. */
  loadNow(paths: string[]): void {
    const t = this.resolver();
    this.nullState = t === null;
    if (t === null) {
      if (!this.nullable) throw new FakeApiError('ItemNotFound', `the ${this.what} does not exist`);
      return;
    }
    // Nested paths are grouped by their first step so a child collection loads all its properties at once.
    const nested = new Map<string, string[]>();
    for (const path of paths) {
      const slash = path.indexOf('/');
      if (slash > 0) {
        const head = path.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), path.slice(slash + 1)]);
      } else {
        const value = this.read(t, path);
        this.ctx.responseBytes += JSON.stringify(value ?? null).length;
        this.loaded.set(path, value);
      }
    }
    for (const [head, rest] of nested) {
      const child = this.child(head);
      if (!child) throw new FakeApiError('InvalidArgument', `cannot load '${head}/…' on ${this.what}`);
      child.loadNow(rest);
    }
  }

  /** Scalar properties loaded by load() without arguments. */
  protected defaultLoad(): string[] {
    return [];
  }

  /** Reads one scalar property of the live object; throws for unknown names. */
  protected abstract read(t: T, name: string): unknown;

  /** A navigation property, for load paths like "format/fill/color". */
  protected child(_name: string): FakeObject<unknown> | null {
    return null;
  }

  /** Records a loaded value (for proxies that load nested paths themselves). */
  protected store(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  protected get<V>(name: string): V {
    if (!this.loaded.has(name)) throw notLoaded(name);
    return this.loaded.get(name) as V;
  }

  /** The sheet an object lives on (for protection), null for workbook-level objects. */
  protected sheetOf(_t: T): MemorySheet | null {
    return null;
  }

  /** Queues a write: counted, and refused on a protected sheet. */
  protected put(apply: (t: T) => void, what = this.what): void {
    this.ctx.enqueue(() => {
      const t = this.target();
      this.state.write(this.sheetOf(t), what);
      apply(t);
    });
  }

  protected unknown(name: string): never {
    throw new FakeApiError('InvalidArgument', `unknown property '${name}' of ${this.what}`);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** A collection proxy: load('items/name') loads each item. */
export abstract class FakeCollection<T, P extends FakeObject<T>> extends FakeObject<T[]> {
  private loadedItems: P[] | undefined;

  get items(): P[] {
    if (!this.loadedItems) throw notLoaded('items');
    return this.loadedItems;
  }

  protected abstract wrap(item: T): P;

  override loadNow(paths: string[]): void {
    const list = this.target();
    const itemPaths = paths.map((p) => (p.startsWith('items/') ? p.slice(6) : p)).filter((p) => p !== 'items');
    this.loadedItems = list.map((item) => {
      const proxy = this.wrap(item);
      proxy.loadNow(itemPaths);
      return proxy;
    });
  }

  protected read(_t: T[], name: string): unknown {
    return this.unknown(name);
  }

  getCount(): { value: number } {
    const result = { value: -1 };
    let done = false;
    this.ctx.enqueue(() => {
      result.value = this.target().length;
      done = true;
    });
    return {
      get value() {
        if (!done) throw notLoaded('value');
        return result.value;
      },
    };
  }
}
