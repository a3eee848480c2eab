/**
 * Fake Excel workbook objects: Workbook, worksheets, Worksheet, notes,
 * threaded comments, names, page layout, freeze panes, events.
 */
import { holdsContent, type MemorySheet, type MemoryWorkbook } from '../memory/workbook';
import { a1, parseAddress } from '../../../src/sheet/ref';
import type { PlanRange } from '../../../src/template/plan';
import {
  FakeApiError,
  FakeCollection,
  FakeContext,
  FakeObject,
  type ChangeHandler,
  type FakeComment,
  type FakeReply,
  type FakeState,
} from './core';
import { FakeRange, FakeRangeAreas, MAX_COL, MAX_ROW, areaAddress, parseArea, type RangeTarget } from './range';

export class FakeRequestContext extends FakeContext {
  readonly workbook: FakeWorkbook;
  constructor(state: FakeState) {
    super(state);
    this.workbook = new FakeWorkbook(this);
  }
}

class FakeEventHandlers {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => MemorySheet | null,
    private readonly minor: number,
  ) {}
  add(fn: ChangeHandler): { remove(): void; context: FakeContext } {
    this.ctx.state.require(this.minor, 'onChanged');
    const entry = { sheet: null as MemorySheet | null, fn };
    this.ctx.enqueue(() => {
      entry.sheet = this.sheet();
      this.ctx.state.handlers.push(entry);
    });
    const ctx = this.ctx;
    return {
      context: ctx,
      remove() {
        ctx.enqueue(() => {
          const i = ctx.state.handlers.indexOf(entry);
          if (i >= 0) ctx.state.handlers.splice(i, 1);
        });
      },
    };
  }
}

export class FakeWorkbook extends FakeObject<MemoryWorkbook> {
  readonly worksheets: FakeWorksheetCollection;
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.state.wb, false, 'workbook');
    this.worksheets = new FakeWorksheetCollection(ctx);
  }
  protected read(_t: MemoryWorkbook, name: string): unknown {
    return this.unknown(name);
  }
  get comments(): FakeCommentCollection {
    this.state.require(10, 'Workbook.comments');
    return new FakeCommentCollection(this.ctx, null);
  }
  get names(): FakeNamedItemCollection {
    return new FakeNamedItemCollection(this.ctx, null);
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sel = this.state.wb.selection;
      const p = sel ? parseAddress(sel) : null;
      const sheet = p?.sheet ? this.state.wb.sheet(p.sheet) : undefined;
      if (!p || !sheet) return null;
      return { sheet, areas: [{ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col }] };
    });
  }
}

export class FakeWorksheetCollection extends FakeCollection<MemorySheet, FakeWorksheet> {
  constructor(ctx: FakeContext) {
    super(ctx, () => ctx.state.wb.sheets, false, 'worksheets');
  }
  protected wrap(item: MemorySheet): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => item);
  }
  getItem(nameOrId: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => this.state.sheetById(nameOrId) ?? null);
    this.ctx.enqueue(() => void ws.target());
    return ws;
  }
  getItemOrNullObject(nameOrId: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.state.sheetById(nameOrId) ?? null, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const wb = this.state.wb;
      return wb.sheet(wb.activeSheet ?? '') ?? wb.sheets[0] ?? null;
    });
  }
  add(name?: string): FakeWorksheet {
    const slot: { s?: MemorySheet } = {};
    this.ctx.enqueue(() => {
      const wb = this.state.wb;
      const n = name ?? wb.freeName('Sheet1');
      if (wb.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase())) {
        throw new FakeApiError('ItemAlreadyExists', `a sheet named '${n}' exists`);
      }
      if (/[:\\/?*[\]]/.test(n) || n.length > 31) throw new FakeApiError('InvalidArgument', `bad sheet name '${n}'`);
      this.state.write(null, 'worksheets.add');
      slot.s = wb.addSheet(n);
    });
    return new FakeWorksheet(this.ctx, () => slot.s ?? null);
  }
  get onChanged(): FakeEventHandlers {
    return new FakeEventHandlers(this.ctx, () => null, 9);
  }
}

export class FakeWorksheet extends FakeObject<MemorySheet> {
  constructor(ctx: FakeContext, resolver: () => MemorySheet | null, nullable = false) {
    super(ctx, resolver, nullable, 'worksheet');
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.put((s) => (s.name = v));
  }
  get id(): string {
    return this.get('id');
  }
  get position(): number {
    return this.get('position');
  }
  protected override defaultLoad(): string[] {
    return ['name', 'id', 'position', 'visibility'];
  }
  protected read(s: MemorySheet, name: string): unknown {
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return this.state.extrasOf(s).id;
      case 'position':
        return this.state.wb.sheets.indexOf(s);
      case 'visibility':
        return 'Visible';
      default:
        return this.unknown(name);
    }
  }
  activate(): void {
    // Showing a sheet is no change to the workbook (not on the undo stack).
    this.context.enqueue(() => (this.state.wb.activeSheet = this.target().name));
  }
  /** ExcelApi 1.7. The copy is named like Excel names it ("名称 (2)") and is not activated. */
  copy(positionType: string = 'None', relativeTo?: FakeWorksheet): FakeWorksheet {
    this.state.require(7, 'Worksheet.copy');
    const slot: { s?: MemorySheet } = {};
    this.ctx.enqueue(() => {
      const source = this.target();
      this.ctx.notUndoable('Worksheet.copy');
      const wb = this.state.wb;
      const copy = wb.copySheet(source.name, wb.freeName(source.name));
      const list = wb.sheets;
      list.splice(list.indexOf(copy), 1);
      const anchor = relativeTo ? relativeTo.target() : source;
      const i = list.indexOf(anchor);
      const at =
        positionType === 'Before'
          ? i
          : positionType === 'Beginning'
            ? 0
            : positionType === 'End' || positionType === 'None'
              ? list.length
              : i + 1;
      list.splice(at, 0, copy);
      slot.s = copy;
    });
    return new FakeWorksheet(this.ctx, () => slot.s ?? null);
  }
  private rangeOf(areas: (s: MemorySheet) => PlanRange[]): () => RangeTarget | null {
    return () => {
      const s = this.targetOrNull();
      return s ? { sheet: s, areas: areas(s) } : null;
    };
  }
  getRange(address?: string): FakeRange {
    const r = new FakeRange(
      this.ctx,
      this.rangeOf((s) => (address ? [parseArea(address, s)] : [{ top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL }])),
    );
    this.ctx.enqueue(() => void r.target());
    return r;
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.state.require(7, 'getRangeByIndexes');
    return new FakeRange(
      this.ctx,
      this.rangeOf(() => [{ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }]),
    );
  }
  getRanges(address: string): FakeRangeAreas {
    this.state.require(9, 'getRanges');
    return new FakeRangeAreas(
      this.ctx,
      this.rangeOf((s) => {
        if (address.length > 8192) throw new FakeApiError('InvalidArgument', 'address too long');
        return address.split(',').map((a) => parseArea(a, s));
      }),
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const s = this.targetOrNull();
        if (!s) return null;
        const used = usedArea(s, valuesOnly);
        return used ? { sheet: s, areas: [used] } : null;
      },
      true,
    );
  }
  get freezePanes(): {
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(r: FakeRange | string): void;
    unfreeze(): void;
  } {
    this.state.require(7, 'freezePanes');
    const put = (f: (s: MemorySheet) => void) => this.put(f);
    return {
      freezeRows: (n) => put((s) => (s.freeze = { rows: n, cols: 0 })),
      freezeColumns: (n) => put((s) => (s.freeze = { rows: 0, cols: n })),
      freezeAt: (r) =>
        put((s) => {
          const a = typeof r === 'string' ? parseArea(r, s) : r.target().areas[0]!;
          s.freeze = { rows: a.bottom + 1, cols: a.right + 1 };
        }),
      unfreeze: () => put((s) => (s.freeze = { rows: 0, cols: 0 })),
    };
  }
  get names(): FakeNamedItemCollection {
    this.state.require(4, 'Worksheet.names');
    return new FakeNamedItemCollection(this.ctx, () => this.targetOrNull());
  }
  get notes(): FakeNoteCollection {
    this.state.require(18, 'notes');
    return new FakeNoteCollection(this.ctx, () => this.targetOrNull());
  }
  get comments(): FakeCommentCollection {
    this.state.require(10, 'Worksheet.comments');
    return new FakeCommentCollection(this.ctx, () => this.targetOrNull());
  }
  get pageLayout(): FakePageLayout {
    this.state.require(9, 'pageLayout');
    return new FakePageLayout(this.ctx, () => this.targetOrNull());
  }
  get horizontalPageBreaks(): FakePageBreaks {
    this.state.require(9, 'horizontalPageBreaks');
    return new FakePageBreaks(this.ctx, () => this.targetOrNull());
  }
  get onChanged(): FakeEventHandlers {
    return new FakeEventHandlers(this.ctx, () => this.targetOrNull(), 7);
  }
  get protection(): FakeWorksheetProtection {
    this.state.require(2, 'Worksheet.protection');
    return new FakeWorksheetProtection(this.ctx, () => this.targetOrNull());
  }
}

/** Worksheet.protection (ExcelApi 1.2): only whether the sheet is protected is read. */
export class FakeWorksheetProtection extends FakeObject<MemorySheet> {
  constructor(ctx: FakeContext, resolver: () => MemorySheet | null) {
    super(ctx, resolver, false, 'worksheet protection');
  }
  get protected(): boolean {
    return this.get('protected');
  }
  protected read(s: MemorySheet, name: string): unknown {
    if (name === 'protected') return this.state.extrasOf(s).protected;
    return this.unknown(name);
  }
}

/** Excel's used range: every cell with a value, a format, a note or validation, and merges. */
export function usedArea(s: MemorySheet, valuesOnly: boolean): PlanRange | null {
  if (valuesOnly) return s.usedRange(holdsContent, false);
  return s.usedRange(
    (c) =>
      holdsContent(c) ||
      c.numFmt !== 'General' ||
      c.fill !== null ||
      c.note !== null ||
      c.validation !== null ||
      Object.keys(c.style).length > 0,
  );
}

// ---- notes (ExcelApi 1.18) ------------------------------------------------

interface CellTarget {
  sheet: MemorySheet;
  row: number;
  col: number;
}

export class FakeNoteCollection extends FakeCollection<CellTarget, FakeNote> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => MemorySheet | null,
  ) {
    super(
      ctx,
      () => {
        const s = sheet();
        if (!s) return null;
        const out: CellTarget[] = [];
        for (const [k, c] of s.cells) {
          if (c.note === null) continue;
          const [row, col] = k.split(',').map(Number) as [number, number];
          out.push({ sheet: s, row, col });
        }
        return out.sort((a, b) => a.row - b.row || a.col - b.col);
      },
      false,
      'notes',
    );
  }
  protected wrap(item: CellTarget): FakeNote {
    return new FakeNote(this.ctx, () => item);
  }
  private at(address: string): CellTarget | null {
    const s = this.sheet();
    if (!s) return null;
    const a = parseArea(address, s);
    return s.get(a.top, a.left)?.note != null ? { sheet: s, row: a.top, col: a.left } : null;
  }
  add(cellAddress: FakeRange | string, content: string): FakeNote {
    const slot: { t?: CellTarget } = {};
    this.ctx.enqueue(() => {
      const s = this.sheet();
      if (!s) throw new FakeApiError('ItemNotFound', 'sheet');
      const a = typeof cellAddress === 'string' ? parseArea(cellAddress, s) : cellAddress.target().areas[0]!;
      const where = `${s.name}!${a1(a.top, a.left)}`;
      if (a.top !== a.bottom || a.left !== a.right) throw new FakeApiError('InvalidCellAddress', where);
      this.state.write(s, 'notes.add');
      const cell = s.cell(a.top, a.left);
      if (cell.note !== null) throw new FakeApiError('InvalidArgument', `${where} already has a note`);
      cell.note = content;
      slot.t = { sheet: s, row: a.top, col: a.left };
    });
    return new FakeNote(this.ctx, () => slot.t ?? null);
  }
  getItem(cellAddress: string): FakeNote {
    const n = new FakeNote(this.ctx, () => this.at(cellAddress));
    this.ctx.enqueue(() => void n.target());
    return n;
  }
  getItemOrNullObject(cellAddress: string): FakeNote {
    return new FakeNote(this.ctx, () => this.at(cellAddress), true);
  }
}

export class FakeNote extends FakeObject<CellTarget> {
  constructor(ctx: FakeContext, resolver: () => CellTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'note');
  }
  protected override sheetOf(t: CellTarget): MemorySheet {
    return t.sheet;
  }
  get content(): string {
    return this.get('content');
  }
  set content(v: string) {
    this.put((t) => (t.sheet.cell(t.row, t.col).note = v));
  }
  protected read(t: CellTarget, name: string): unknown {
    if (name === 'content') return t.sheet.get(t.row, t.col)?.note ?? '';
    if (name === 'authorName') return '张三';
    return this.unknown(name);
  }
  delete(): void {
    this.put((t) => (t.sheet.cell(t.row, t.col).note = null));
  }
  getLocation(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.targetOrNull();
      return t ? { sheet: t.sheet, areas: [{ top: t.row, left: t.col, bottom: t.row, right: t.col }] } : null;
    });
  }
}

// ---- threaded comments (ExcelApi 1.10) -------------------------------------

interface CommentTarget {
  sheet: MemorySheet;
  comment: FakeComment;
}

export class FakeCommentCollection extends FakeCollection<CommentTarget, FakeCommentProxy> {
  /** sheet null: the workbook's collection (addresses must name the sheet). */
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => MemorySheet | null) | null,
  ) {
    super(
      ctx,
      () => {
        const sheets = sheet ? [sheet()].filter((s): s is MemorySheet => !!s) : ctx.state.wb.sheets;
        return sheets.flatMap((s) => ctx.state.extrasOf(s).comments.map((comment) => ({ sheet: s, comment })));
      },
      false,
      'comments',
    );
  }
  protected wrap(item: CommentTarget): FakeCommentProxy {
    return new FakeCommentProxy(this.ctx, () => item);
  }
  private locate(address: string): { s: MemorySheet; row: number; col: number } {
    let s: MemorySheet | null | undefined = this.sheet ? this.sheet() : null;
    if (!this.sheet) {
      const p = parseAddress(address);
      s = p?.sheet ? this.state.wb.sheet(p.sheet) : undefined;
    }
    if (!s) throw new FakeApiError('InvalidArgument', `no sheet for '${address}'`);
    const a = parseArea(address, s);
    return { s, row: a.top, col: a.left };
  }
  private find(pred: (t: CommentTarget) => boolean): CommentTarget | null {
    const list = this.targetOrNull() ?? [];
    return list.find(pred) ?? null;
  }
  add(cellAddress: FakeRange | string, content: string): FakeCommentProxy {
    const slot: { t?: CommentTarget } = {};
    this.ctx.enqueue(() => {
      const { s, row, col } =
        typeof cellAddress === 'string'
          ? this.locate(cellAddress)
          : (() => {
              const t = cellAddress.target();
              return { s: t.sheet, row: t.areas[0]!.top, col: t.areas[0]!.left };
            })();
      this.state.write(s, 'comments.add');
      const ex = this.state.extrasOf(s);
      if (ex.comments.some((c) => c.row === row && c.col === col)) {
        throw new FakeApiError('InvalidArgument', `${cellAddress} already has a comment`);
      }
      const comment: FakeComment = {
        id: this.state.newId('comment'),
        row,
        col,
        content,
        author: this.state.userName,
        replies: [],
      };
      ex.comments.push(comment);
      slot.t = { sheet: s, comment };
    });
    return new FakeCommentProxy(this.ctx, () => slot.t ?? null);
  }
  getItem(id: string): FakeCommentProxy {
    const c = new FakeCommentProxy(this.ctx, () => this.find((t) => t.comment.id === id));
    this.ctx.enqueue(() => void c.target());
    return c;
  }
  getItemOrNullObject(id: string): FakeCommentProxy {
    this.state.require(14, 'CommentCollection.getItemOrNullObject');
    return new FakeCommentProxy(this.ctx, () => this.find((t) => t.comment.id === id), true);
  }
  getItemByCell(cellAddress: string): FakeCommentProxy {
    const c = new FakeCommentProxy(this.ctx, () => {
      const { s, row, col } = this.locate(cellAddress);
      return this.find((t) => t.sheet === s && t.comment.row === row && t.comment.col === col);
    });
    this.ctx.enqueue(() => void c.target());
    return c;
  }
}

export class FakeCommentProxy extends FakeObject<CommentTarget> {
  constructor(ctx: FakeContext, resolver: () => CommentTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'comment');
  }
  protected override sheetOf(t: CommentTarget): MemorySheet {
    return t.sheet;
  }
  get id(): string {
    return this.get('id');
  }
  get content(): string {
    return this.get('content');
  }
  get authorName(): string {
    return this.get('authorName');
  }
  set content(v: string) {
    this.put((t) => {
      this.state.authorOnly(t.comment, 'Comment.content');
      t.comment.content = v;
    });
  }
  protected read(t: CommentTarget, name: string): unknown {
    if (name === 'id') return t.comment.id;
    if (name === 'content') return t.comment.content;
    if (name === 'authorName') return t.comment.author;
    return this.unknown(name);
  }
  delete(): void {
    this.put((t) => {
      this.state.authorOnly(t.comment, 'Comment.delete');
      const ex = this.state.extrasOf(t.sheet);
      ex.comments = ex.comments.filter((c) => c !== t.comment);
    });
  }
  getLocation(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.targetOrNull();
      return t
        ? {
            sheet: t.sheet,
            areas: [{ top: t.comment.row, left: t.comment.col, bottom: t.comment.row, right: t.comment.col }],
          }
        : null;
    });
  }
  private repliesProxy: FakeReplyCollection | undefined;
  get replies(): FakeReplyCollection {
    this.repliesProxy ??= new FakeReplyCollection(this.ctx, () => this.targetOrNull());
    return this.repliesProxy;
  }
  protected override child(name: string): FakeObject<unknown> | null {
    return name === 'replies' ? this.replies : null;
  }
}

interface ReplyTarget {
  sheet: MemorySheet;
  comment: FakeComment;
  reply: FakeReply;
}

export class FakeReplyCollection extends FakeCollection<ReplyTarget, FakeReplyProxy> {
  constructor(
    ctx: FakeContext,
    private readonly comment: () => CommentTarget | null,
  ) {
    super(
      ctx,
      () => {
        const c = comment();
        return c ? c.comment.replies.map((reply) => ({ sheet: c.sheet, comment: c.comment, reply })) : null;
      },
      false,
      'replies',
    );
  }
  protected wrap(item: ReplyTarget): FakeReplyProxy {
    return new FakeReplyProxy(this.ctx, () => item);
  }
  add(content: string): FakeReplyProxy {
    const slot: { t?: ReplyTarget } = {};
    this.ctx.enqueue(() => {
      const c = this.comment();
      if (!c) throw new FakeApiError('ItemNotFound', 'comment');
      this.state.write(c.sheet, 'replies.add');
      const reply = { id: this.state.newId('reply'), content, author: this.state.userName };
      c.comment.replies.push(reply);
      slot.t = { sheet: c.sheet, comment: c.comment, reply };
    });
    return new FakeReplyProxy(this.ctx, () => slot.t ?? null);
  }
  private find(id: string): ReplyTarget | null {
    const c = this.comment();
    const reply = c?.comment.replies.find((r) => r.id === id);
    return c && reply ? { sheet: c.sheet, comment: c.comment, reply } : null;
  }
  getItem(id: string): FakeReplyProxy {
    const r = new FakeReplyProxy(this.ctx, () => this.find(id));
    this.ctx.enqueue(() => void r.target());
    return r;
  }
  getItemOrNullObject(id: string): FakeReplyProxy {
    this.state.require(14, 'CommentReplyCollection.getItemOrNullObject');
    return new FakeReplyProxy(this.ctx, () => this.find(id), true);
  }
}

export class FakeReplyProxy extends FakeObject<ReplyTarget> {
  constructor(ctx: FakeContext, resolver: () => ReplyTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'reply');
  }
  get id(): string {
    return this.get('id');
  }
  get content(): string {
    return this.get('content');
  }
  get authorName(): string {
    return this.get('authorName');
  }
  protected read(t: ReplyTarget, name: string): unknown {
    if (name === 'id') return t.reply.id;
    if (name === 'content') return t.reply.content;
    if (name === 'authorName') return t.reply.author;
    return this.unknown(name);
  }
  delete(): void {
    this.put((t) => {
      this.state.authorOnly(t.reply, 'CommentReply.delete');
      t.comment.replies = t.comment.replies.filter((r) => r !== t.reply);
    });
  }
  protected override sheetOf(t: ReplyTarget): MemorySheet {
    return t.sheet;
  }
}

// ---- names, page layout ----------------------------------------------------

interface NameTarget {
  name: string;
  sheet: MemorySheet;
  range: PlanRange;
}

export class FakeNamedItemCollection extends FakeCollection<NameTarget, FakeNamedItem> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => MemorySheet | null) | null,
  ) {
    super(
      ctx,
      () => {
        const sheets = sheet ? [sheet()].filter((s): s is MemorySheet => !!s) : ctx.state.wb.sheets;
        return sheets.flatMap((s) => [...s.names].map(([name, range]) => ({ name, sheet: s, range })));
      },
      false,
      'names',
    );
  }
  protected wrap(item: NameTarget): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => item);
  }
  add(name: string, reference: FakeRange | string): FakeNamedItem {
    const slot: { t?: NameTarget } = {};
    this.ctx.enqueue(() => {
      if (!/^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) {
        throw new FakeApiError('InvalidArgument', `bad name '${name}'`);
      }
      let target: RangeTarget;
      if (typeof reference === 'string') {
        const p = parseAddress(reference.replace(/^=/, ''));
        const s = p?.sheet ? this.state.wb.sheet(p.sheet) : this.sheet?.();
        if (!p || !s) throw new FakeApiError('InvalidArgument', `bad reference '${reference}'`);
        target = { sheet: s, areas: [parseArea(reference.replace(/^=/, ''), s)] };
      } else {
        target = reference.target();
      }
      const owner = this.sheet ? this.sheet() : target.sheet;
      if (!owner) throw new FakeApiError('ItemNotFound', 'sheet');
      if (owner.names.has(name)) throw new FakeApiError('ItemAlreadyExists', name);
      this.state.write(null, 'names.add');
      owner.names.set(name, { ...target.areas[0]! });
      slot.t = { name, sheet: owner, range: target.areas[0]! };
    });
    return new FakeNamedItem(this.ctx, () => slot.t ?? null);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => (this.targetOrNull() ?? []).find((t) => t.name === name) ?? null, true);
  }
}

export class FakeNamedItem extends FakeObject<NameTarget> {
  constructor(ctx: FakeContext, resolver: () => NameTarget | null, nullable = false) {
    super(ctx, resolver, nullable, 'named item');
  }
  get name(): string {
    return this.get('name');
  }
  protected read(t: NameTarget, name: string): unknown {
    if (name === 'name') return t.name;
    if (name === 'formula') return `=${areaAddress(t.sheet.name, t.range).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
    return this.unknown(name);
  }
}

function printOf(s: MemorySheet) {
  s.print ??= {
    paperSize: 'A4',
    orientation: 'portrait',
    fitToWidth: false,
    titleRows: null,
    margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    centerHorizontally: false,
  };
  return s.print;
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): add() breaks before the range's top row; a second break there is refused. */
export class FakePageBreaks extends FakeObject<MemorySheet> {
  constructor(ctx: FakeContext, resolver: () => MemorySheet | null) {
    super(ctx, resolver, false, 'page breaks');
  }
  protected read(_s: MemorySheet, name: string): unknown {
    return this.unknown(name);
  }
  add(address: string): void {
    this.put((s) => {
      const area = parseArea(address, s);
      if (area.top === 0) throw new FakeApiError('InvalidArgument', `page break at '${address}'`);
      const breaks = (printOf(s).rowBreaks ??= []);
      if (breaks.includes(area.top)) throw new FakeApiError('InvalidArgument', `page break exists at '${address}'`);
      breaks.push(area.top);
    });
  }
}

/** PageLayout.headersFooters.defaultForAllPages: only the centre footer is modelled. */
class FakeHeaderFooter {
  constructor(private readonly layout: FakePageLayout) {}
  set centerFooter(v: string) {
    this.layout.setFooter(v);
  }
}

export class FakePageLayout extends FakeObject<MemorySheet> {
  constructor(ctx: FakeContext, resolver: () => MemorySheet | null) {
    super(ctx, resolver, false, 'page layout');
  }
  private print(s: MemorySheet) {
    s.print ??= {
      paperSize: 'A4',
      orientation: 'portrait',
      fitToWidth: false,
      titleRows: null,
      margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      centerHorizontally: false,
    };
    return s.print;
  }
  protected read(s: MemorySheet, name: string): unknown {
    const p = this.print(s);
    if (name === 'orientation') return p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    if (name === 'paperSize') return p.paperSize;
    return this.unknown(name);
  }
  set orientation(v: string) {
    this.put((s) => (this.print(s).orientation = v === 'Landscape' ? 'landscape' : 'portrait'));
  }
  set paperSize(v: string) {
    this.put((s) => {
      if (v !== 'A4') throw new FakeApiError('InvalidArgument', `paper ${v}`);
      this.print(s).paperSize = 'A4';
    });
  }
  set centerHorizontally(v: boolean) {
    this.put((s) => (this.print(s).centerHorizontally = v));
  }
  private margin(key: 'left' | 'right' | 'top' | 'bottom' | 'header' | 'footer', points: number): void {
    this.put((s) => (this.print(s).margins[key] = points / 72));
  }
  set leftMargin(v: number) {
    this.margin('left', v);
  }
  set rightMargin(v: number) {
    this.margin('right', v);
  }
  set topMargin(v: number) {
    this.margin('top', v);
  }
  set bottomMargin(v: number) {
    this.margin('bottom', v);
  }
  set headerMargin(v: number) {
    this.margin('header', v);
  }
  set footerMargin(v: number) {
    this.margin('footer', v);
  }
  set zoom(z: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number }) {
    this.put((s) => (this.print(s).fitToWidth = z.horizontalFitToPages === 1));
  }
  get headersFooters(): { defaultForAllPages: FakeHeaderFooter } {
    return { defaultForAllPages: new FakeHeaderFooter(this) };
  }
  /** (Through headersFooters.defaultForAllPages.centerFooter.) */
  setFooter(v: string): void {
    this.put((s) => (this.print(s).footer = v));
  }
  setPrintTitleRows(rows: string): void {
    this.put((s) => {
      const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
      if (!m) throw new FakeApiError('InvalidArgument', `print title rows '${rows}'`);
      this.print(s).titleRows = { first: Number(m[1]) - 1, last: Number(m[2]) - 1 };
    });
  }
}

export { a1 };
