/**
 * Flags in Excel. A flag is a conditional format (it never overwrites the
 * user's fill) plus the message at the finding's first visible cell: a note
 * (ExcelApi 1.18), else a threaded comment (1.10). What jixiao adds is
 * recorded for the session by worksheet id (marks.ts), so the next show or a
 * clear removes exactly that, whatever the sheet is called by then. The sheet
 * is addressed by its id in every batch.
 *
 * The workbook is the source of truth: the first show or clear of a sheet in
 * a session (a reopened workbook, where every id may be new) finds jixiao's
 * marks by what they are — conditional formats whose formula names jixiao,
 * notes and comments that carry NOTE_MARK — and removes or reuses them.
 *
 * Round trips: the first time per sheet, two syncs of lookup. After that, with
 * a fresh hint from the read (the usual sheet with none of the user's own
 * notes or comments) showing costs one sync. Otherwise a lookup comes first
 * (one sync for notes, two for comments). If Excel rejects the
 * batch because our record went stale (the user deleted one of our notes, a
 * rule id is gone after a reopen), the state is rebuilt from the workbook
 * itself — our items carry a marker — and the batch is run again. Errors that
 * a rebuild cannot help (a protected sheet, a limit) are passed on at once.
 */
import { a1, parseAddress, rangeA1 } from '../../sheet/ref';
import { combinedNote, FLAG_BORDER, FLAG_FILL, FLAG_FONT, NOTE_MARK, type CellFlag } from '../../report/flags';
import { rectangles } from './areas';
import { isRepairable, messageKind, officeErrorCode, type ExcelEnv } from './env';
import { emptyMarks, type MarkStore, type SheetMarks } from './marks';
import type { AnnotationHint } from './read';

/** Our conditional formats are always true; the string names them as ours and their severity. */
export const CF_FORMULA = { error: '=ISTEXT("jixiao:error")', warning: '=ISTEXT("jixiao:warning")' } as const;
const OUR_FORMULA = /jixiao:(error|warning)/;

interface Knowledge {
  /** Current note text of looked-up cells (null: no note). */
  notes: Map<string, string | null>;
  /** True when `notes` holds every note of the sheet (a cell missing from it has none). */
  notesComplete: boolean;
  /** Top-level comments by cell, when the sheet's comments were read. */
  comments: Map<string, { id: string; content: string }> | null;
  /** Our comments found in the workbook (repair), with who wrote each. */
  ourComments: { cell: string; id: string; parent?: string; author: string }[] | null;
  /** Conditional formats to delete when found by a scan (repair). */
  cfIds: string[] | null;
}

export interface FlagRequest {
  /** The worksheet's id: stable when the user renames the sheet. */
  sheetId: string;
  flags: CellFlag[];
  /** From a read of this sheet just before, if any. */
  hint: AnnotationHint | null;
}

/**
 * Writes the flags. Returns null, or a sentence for the user (Chinese) about threaded comments of
 * another author that jixiao could not rewrite or remove (see applyCarefully).
 */
export async function applyFlags(env: ExcelEnv, store: MarkStore, req: FlagRequest): Promise<string | null> {
  const old = store.get(req.sheetId);
  const attempt = (repair: boolean) =>
    env.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(req.sheetId);
      const know = await lookup(context, ws, env, old, req, repair);
      const finish = queueChanges(ws, env, old, req, know);
      await context.sync();
      return finish();
    });
  // The first show or clear of this sheet in the session: ours are found in the workbook, not in a
  // record — unless the read just now saw that the sheet holds nothing that could be ours.
  const scan = !store.has(req.sheetId) && !holdsNoneOfOurs(env, req.hint);
  const usual = async (): Promise<SheetMarks> => {
    try {
      return await attempt(scan);
    } catch (e) {
      if (scan || !isRepairable(e)) throw e;
      return await attempt(true);
    }
  };
  if (old.othersComments) return settle(store, req.sheetId, await applyCarefully(env, req, null));
  try {
    store.set(req.sheetId, await usual());
    return null;
  } catch (e) {
    // Threaded comments can be changed by their author only: another user's flag comment refuses.
    if (messageKind(env.features) !== 'comment' || officeErrorCode(e) !== 'AccessDenied') throw e;
    return settle(store, req.sheetId, await applyCarefully(env, req, e));
  }
}

function settle(store: MarkStore, sheetId: string, done: { marks: SheetMarks; notice: string | null }): string | null {
  store.set(sheetId, done.marks);
  return done.notice;
}

/**
 * The careful way, for a sheet where some of jixiao's comments were written by another user (an
 * officer's flags met by a reviewer, or the other way round): Excel lets only a threaded comment's
 * author edit or delete it. The marks are found afresh in the workbook; the colours and every new
 * comment go in one sync (a protected sheet refuses there, and is reported as protected); each
 * existing comment of jixiao's is then changed in a sync of its own, and one that is refused stays:
 * a new message goes under it as a reply, which anyone may add. The sentence returned names the
 * cells and the authors.
 */
async function applyCarefully(
  env: ExcelEnv,
  req: FlagRequest,
  cause: unknown,
): Promise<{ marks: SheetMarks; notice: string | null }> {
  return env.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(req.sheetId);
    const protection = ws.protection.load('protected');
    const know = await lookup(context, ws, env, emptyMarks(), req, true);
    if (protection.protected && cause !== null) throw cause;
    const textOf = textsOf(req.flags);
    const marks: SheetMarks = { ...emptyMarks(), othersComments: true };

    const cf: ((m: SheetMarks) => void)[] = [];
    queueConditionalFormats(ws, emptyMarks(), req, know, cf);
    await context.sync();
    for (const f of cf) f(marks);

    const refused = async (change: () => void): Promise<boolean> => {
      change();
      try {
        await context.sync();
        return false;
      } catch (e) {
        if (officeErrorCode(e) !== 'AccessDenied' || protection.protected) throw e;
        return true;
      }
    };
    const rewritten = new Set<string>();
    const underneath = new Set<string>();
    const gone = new Set<string>();
    let stuck: { cell: string; author: string; updated: boolean; parent?: string }[] = [];
    for (const c of know.ourComments ?? []) {
      const text = textOf.get(c.cell);
      if (c.parent) {
        if (await refused(() => ws.comments.getItem(c.parent!).replies.getItem(c.id).delete())) {
          stuck.push({ cell: c.cell, author: c.author, updated: text !== undefined, parent: c.parent });
        }
      } else if (text !== undefined && !rewritten.has(c.cell)) {
        if (await refused(() => (ws.comments.getItem(c.id).content = text))) {
          stuck.push({ cell: c.cell, author: c.author, updated: true });
          underneath.add(c.cell);
        } else {
          rewritten.add(c.cell);
          marks.comments.push({ cell: c.cell, id: c.id });
        }
      } else if (await refused(() => ws.comments.getItem(c.id).delete())) {
        stuck.push({ cell: c.cell, author: c.author, updated: false });
      } else {
        gone.add(c.cell);
        // A deleted comment takes its replies with it, another user's among them.
        stuck = stuck.filter((x) => x.parent !== c.id);
      }
    }

    const added: ((m: SheetMarks) => void)[] = [];
    for (const [cell, text] of textOf) {
      if (rewritten.has(cell)) continue;
      const existing = gone.has(cell) ? undefined : know.comments?.get(cell);
      const under = existing && (underneath.has(cell) || !existing.content.startsWith(NOTE_MARK)) ? existing : null;
      added.push(queueMessage(ws, cell, text, under));
    }
    await context.sync();
    for (const f of added) f(marks);
    return { marks, notice: othersNotice(stuck) };
  });
}

/** What could not be changed, in the user's words: which cells, whose comments, and what to do. */
function othersNotice(stuck: { cell: string; author: string; updated: boolean }[]): string | null {
  if (stuck.length === 0) return null;
  const cells = (list: typeof stuck) => {
    const names = [...new Set(list.map((s) => s.cell))];
    return names.slice(0, 5).join('、') + (names.length > 5 ? ` 等 ${names.length} 个单元格` : '');
  };
  const authors = [...new Set(stuck.map((s) => s.author || '其他用户'))].join('、');
  const parts: string[] = [];
  const updated = stuck.filter((s) => s.updated);
  const old = stuck.filter((s) => !s.updated);
  if (updated.length) parts.push(`${cells(updated)} 上原有的说明不能改写，新的说明已作为回复加在其下`);
  if (old.length) parts.push(`${cells(old)} 上的旧说明已不再适用，但删不掉`);
  return (
    `${parts.join('；')}。这些批注是 ${authors} 用本助手添加的，Excel 只允许批注的作者修改或删除：` +
    `请 ${authors} 打开本工作簿后点“清除标记”，或手动删除这些批注。`
  );
}

/** The read saw no conditional format at all and no note or comment of jixiao's (none of ours can hide there). */
function holdsNoneOfOurs(env: ExcelEnv, hint: AnnotationHint | null): boolean {
  if (!hint || hint.conditionalFormats !== 0) return false;
  // Our replies hide under the user's comments, which the read does not open.
  if (messageKind(env.features) === 'note') return hint.ourNotes === 0;
  return hint.ourComments === 0 && hint.userComments === 0;
}

function stripOurs(note: string): string | null {
  const i = note.indexOf(NOTE_MARK);
  if (i < 0) return note;
  const own = note.slice(0, i).replace(/\s+$/, '');
  return own === '' ? null : own;
}

async function lookup(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  env: ExcelEnv,
  old: SheetMarks,
  req: FlagRequest,
  repair: boolean,
): Promise<Knowledge> {
  const kind = messageKind(env.features);
  const know: Knowledge = {
    notes: new Map(),
    notesComplete: repair && kind === 'note',
    comments: null,
    ourComments: null,
    cfIds: null,
  };
  const newCells = req.flags.filter((f) => f.text !== '').map((f) => a1(f.row, f.col));
  const afterFirst: (() => void)[] = [];
  const afterSecond: (() => void)[] = [];
  let first = false;
  let second = false;

  if (repair) {
    const cfs = ws.getRange().conditionalFormats.load('items/id,items/type');
    first = true;
    afterFirst.push(() => {
      const custom = cfs.items.filter((c) => c.type === 'Custom');
      const rules = custom.map((c) => c.custom.rule.load('formula'));
      second = true;
      afterSecond.push(() => {
        const recorded = new Set(old.cf.map((c) => c.id));
        know.cfIds = cfs.items
          .filter((c) => recorded.has(c.id) || OUR_FORMULA.test(rules[custom.indexOf(c)]?.formula ?? ''))
          .map((c) => c.id);
      });
    });
  }

  if (kind === 'note') {
    if (repair) {
      // Every note on the sheet with its cell: ours are recognised by the mark, whatever the record says.
      const notes = ws.notes.load('items/content');
      afterFirst.push(() => {
        const locs = notes.items.map((n) => n.getLocation().load('address'));
        second = true;
        afterSecond.push(() => notes.items.forEach((n, i) => know.notes.set(cellOf(locs[i]!.address), n.content)));
      });
      first = true;
    } else if (req.hint?.userNotes !== 0) {
      // Our earlier notes are looked at too: the user may have typed their own text over one of them.
      const scope = new Set([...newCells, ...old.notes.map((n) => n.cell)]);
      const items = [...scope].map((cell) => ({ cell, note: ws.notes.getItemOrNullObject(cell).load('content') }));
      if (items.length) first = true;
      afterFirst.push(() =>
        items.forEach(({ cell, note }) => know.notes.set(cell, note.isNullObject ? null : note.content)),
      );
    }
  }

  if (kind === 'comment') {
    if (repair || (req.hint?.userComments !== 0 && (newCells.length > 0 || old.comments.length > 0))) {
      const comments = ws.comments.load(
        repair
          ? 'items/id,items/content,items/authorName,items/replies/items/id,items/replies/items/content,items/replies/items/authorName'
          : 'items/id,items/content',
      );
      first = true;
      afterFirst.push(() => {
        const locs = comments.items.map((c) => c.getLocation().load('address'));
        second = true;
        afterSecond.push(() => {
          know.comments = new Map();
          const ours: NonNullable<Knowledge['ourComments']> = [];
          comments.items.forEach((c, i) => {
            const cell = cellOf(locs[i]!.address);
            know.comments!.set(cell, { id: c.id, content: c.content });
            if (!repair) return;
            // Replies of ours sit under the user's comments, and under another user's flag comment;
            // they come first, so that they are gone before the comment above them is deleted.
            for (const r of c.replies.items)
              if (r.content.startsWith(NOTE_MARK)) ours.push({ cell, id: r.id, parent: c.id, author: r.authorName });
            if (c.content.startsWith(NOTE_MARK)) ours.push({ cell, id: c.id, author: c.authorName });
          });
          if (repair) know.ourComments = ours;
        });
      });
    }
  }

  if (first) await context.sync();
  for (const f of afterFirst) f();
  if (second) await context.sync();
  for (const f of afterSecond) f();
  return know;
}

/** "Sheet1!B3" → "B3". */
function cellOf(address: string): string {
  const p = parseAddress(address);
  return p ? a1(p.row, p.col) : address;
}

/** Only a finding's first visible cell carries its message; the rest are coloured. */
function textsOf(flags: CellFlag[]): Map<string, string> {
  return new Map(flags.filter((f) => f.text !== '').map((f) => [a1(f.row, f.col), f.text]));
}

/** Queues every change; the returned function reads the new ids after the sync and gives the new record. */
function queueChanges(
  ws: Excel.Worksheet,
  env: ExcelEnv,
  old: SheetMarks,
  req: FlagRequest,
  know: Knowledge,
): () => SheetMarks {
  const kind = messageKind(env.features);
  const textOf = textsOf(req.flags);
  const finishers: ((m: SheetMarks) => void)[] = [];
  queueConditionalFormats(ws, old, req, know, finishers);
  if (kind === 'note') queueNotes(ws, old, know, textOf, finishers);
  if (kind === 'comment') queueComments(ws, old, know, textOf, finishers);

  return () => {
    const m: SheetMarks = emptyMarks();
    for (const f of finishers) f(m);
    return m;
  };
}

/** Conditional formats: remove ours, then one rule per rectangle of each severity. */
function queueConditionalFormats(
  ws: Excel.Worksheet,
  old: SheetMarks,
  req: FlagRequest,
  know: Knowledge,
  finishers: ((m: SheetMarks) => void)[],
): void {
  if (know.cfIds) {
    const all = ws.getRange().conditionalFormats;
    for (const id of know.cfIds) all.getItem(id).delete();
  } else {
    for (const c of old.cf) ws.getRange(c.area).conditionalFormats.getItem(c.id).delete();
  }
  for (const severity of ['warning', 'error'] as const) {
    const cells = req.flags.filter((f) => f.severity === severity);
    for (const rect of rectangles(cells)) {
      const area = rangeA1(rect);
      const cf = ws.getRange(area).conditionalFormats.add('Custom');
      cf.custom.rule.formula = CF_FORMULA[severity];
      cf.custom.format.fill.color = FLAG_FILL[severity];
      cf.custom.format.font.color = FLAG_FONT[severity];
      for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const)
        cf.custom.format.borders.getItem(edge).style = FLAG_BORDER[severity];
      cf.load('id');
      finishers.push((m) => m.cf.push({ id: cf.id, area }));
    }
  }
}

const OURS_ONLY = Symbol('ours');

function queueNotes(
  ws: Excel.Worksheet,
  old: SheetMarks,
  know: Knowledge,
  textOf: Map<string, string>,
  finishers: ((m: SheetMarks) => void)[],
): void {
  const oldCells = new Set(old.notes.map((n) => n.cell));
  const scanned = [...know.notes].filter(([, c]) => c?.includes(NOTE_MARK)).map(([cell]) => cell);
  const cells = new Set([...oldCells, ...textOf.keys(), ...scanned]);
  for (const cell of cells) {
    const current = know.notes.has(cell)
      ? know.notes.get(cell)!
      : !know.notesComplete && oldCells.has(cell)
        ? OURS_ONLY
        : null;
    const userPart = current === null || current === OURS_ONLY ? null : stripOurs(current);
    const text = textOf.get(cell);
    const desired = text !== undefined ? combinedNote(userPart, text) : userPart;
    if (current === null) {
      if (desired !== null) ws.notes.add(ws.getRange(cell), desired);
    } else if (desired === null) {
      ws.notes.getItem(cell).delete();
    } else if (desired !== current) {
      ws.notes.getItem(cell).content = desired;
    }
    if (text !== undefined) finishers.push((m) => m.notes.push({ cell, combined: userPart !== null }));
  }
}

function queueComments(
  ws: Excel.Worksheet,
  old: SheetMarks,
  know: Knowledge,
  textOf: Map<string, string>,
  finishers: ((m: SheetMarks) => void)[],
): void {
  const ours = know.ourComments ?? old.comments;
  const kept = new Set<string>();
  for (const c of ours) {
    const text = textOf.get(c.cell);
    const now = know.comments?.get(c.cell);
    // Our comment that the user has rewritten is theirs now: it stays, and a new message goes under it.
    if (!c.parent && now && now.id === c.id && !now.content.startsWith(NOTE_MARK)) continue;
    if (c.parent) {
      ws.comments.getItem(c.parent).replies.getItem(c.id).delete();
    } else if (text !== undefined) {
      // Our own comment stays and gets the new text.
      ws.comments.getItem(c.id).content = text;
      kept.add(c.cell);
      finishers.push((m) => m.comments.push({ cell: c.cell, id: c.id }));
    } else {
      ws.comments.getItem(c.id).delete();
    }
  }
  for (const [cell, text] of textOf) {
    if (kept.has(cell)) continue;
    const existing = know.comments?.get(cell);
    // The user's comment stays untouched; ours goes under it as a reply.
    const under = existing && !existing.content.startsWith(NOTE_MARK) ? existing : null;
    finishers.push(queueMessage(ws, cell, text, under));
  }
}

/** Queues jixiao's message at a cell: a new comment, or a reply under `under`; the finisher records its id. */
function queueMessage(
  ws: Excel.Worksheet,
  cell: string,
  text: string,
  under: { id: string } | null,
): (m: SheetMarks) => void {
  if (under) {
    const reply = ws.comments.getItem(under.id).replies.add(text);
    reply.load('id');
    return (m) => m.comments.push({ cell, id: reply.id, parent: under.id });
  }
  const comment = ws.comments.add(ws.getRange(cell), text);
  comment.load('id');
  return (m) => m.comments.push({ cell, id: comment.id });
}
