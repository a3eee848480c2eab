/**
 * Flags in Excel. A flag is a conditional format (it never overwrites the
 * user's fill) plus the message at the finding's first visible cell: a note
 * (ExcelApi 1.18), else a threaded comment (1.10). What jixiao adds is
 * recorded by worksheet id (marks.ts), so the next show or a clear removes
 * exactly that, whatever the sheet is called by then. The sheet is addressed
 * by its id in every batch.
 *
 * Round trips: with a fresh hint from the read (the usual sheet with none of
 * the user's own notes or comments) showing costs one sync. Otherwise a lookup
 * comes first (one sync for notes, two for comments). If Excel rejects the
 * batch because our record went stale (the user deleted one of our notes, a
 * rule id is gone after a reopen), the state is rebuilt from the workbook
 * itself — our items carry a marker — and the batch is run again. Errors that
 * a rebuild cannot help (a protected sheet, a limit) are passed on at once.
 */
import { a1, parseAddress, rangeA1 } from '../../sheet/ref';
import { combinedNote, FLAG_FILL, FLAG_FONT, NOTE_MARK, type CellFlag } from '../../report/flags';
import { rectangles } from './areas';
import { isRepairable, messageKind, type ExcelEnv } from './env';
import type { MarkStore, SheetMarks } from './marks';
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
  /** Our comments found in the workbook (repair). */
  ourComments: { cell: string; id: string; parent?: string }[] | null;
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

export async function applyFlags(env: ExcelEnv, store: MarkStore, req: FlagRequest): Promise<void> {
  const old = store.get(req.sheetId);
  const attempt = (repair: boolean) =>
    env.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(req.sheetId);
      const know = await lookup(context, ws, env, old, req, repair);
      const finish = queueChanges(ws, env, old, req, know);
      await context.sync();
      return finish();
    });
  // Clearing a sheet we hold no record for (flags from before an upgrade, or a lost record): look for ours.
  const scan = req.flags.length === 0 && !store.has(req.sheetId);
  let marks: SheetMarks;
  try {
    marks = await attempt(scan);
  } catch (e) {
    if (scan || !isRepairable(e)) throw e;
    marks = await attempt(true);
  }
  store.set(req.sheetId, marks);
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
        repair ? 'items/id,items/content,items/replies/items/id,items/replies/items/content' : 'items/id,items/content',
      );
      first = true;
      afterFirst.push(() => {
        const locs = comments.items.map((c) => c.getLocation().load('address'));
        second = true;
        afterSecond.push(() => {
          know.comments = new Map();
          const ours: { cell: string; id: string; parent?: string }[] = [];
          comments.items.forEach((c, i) => {
            const cell = cellOf(locs[i]!.address);
            know.comments!.set(cell, { id: c.id, content: c.content });
            if (c.content.startsWith(NOTE_MARK)) ours.push({ cell, id: c.id });
            else if (repair) {
              for (const r of c.replies.items)
                if (r.content.startsWith(NOTE_MARK)) ours.push({ cell, id: r.id, parent: c.id });
            }
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

/** Queues every change; the returned function reads the new ids after the sync and gives the new record. */
function queueChanges(
  ws: Excel.Worksheet,
  env: ExcelEnv,
  old: SheetMarks,
  req: FlagRequest,
  know: Knowledge,
): () => SheetMarks {
  const kind = messageKind(env.features);
  // Only a finding's first visible cell carries its message; the rest are coloured.
  const textOf = new Map(req.flags.filter((f) => f.text !== '').map((f) => [a1(f.row, f.col), f.text]));
  const finishers: ((m: SheetMarks) => void)[] = [];

  // Conditional formats: remove ours, then one rule per rectangle of each severity.
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
      cf.load('id');
      finishers.push((m) => m.cf.push({ id: cf.id, area }));
    }
  }

  if (kind === 'note') queueNotes(ws, old, know, textOf, finishers);
  if (kind === 'comment') queueComments(ws, old, know, textOf, finishers);

  return () => {
    const m: SheetMarks = { cf: [], notes: [], comments: [] };
    for (const f of finishers) f(m);
    return m;
  };
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
    if (existing && !existing.content.startsWith(NOTE_MARK)) {
      // The user's comment stays untouched; ours goes under it as a reply.
      const reply = ws.comments.getItem(existing.id).replies.add(text);
      reply.load('id');
      finishers.push((m) => m.comments.push({ cell, id: reply.id, parent: existing.id }));
    } else {
      const comment = ws.comments.add(ws.getRange(cell), text);
      comment.load('id');
      finishers.push((m) => m.comments.push({ cell, id: comment.id }));
    }
  }
}
