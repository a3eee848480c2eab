/**
 * Flags in place on WPS: the cell's fill (Interior.Color) and a comment
 * (AddComment). AddComment throws when the cell already has a comment, so an
 * existing one is read, deleted and re-added; the user's own text is kept,
 * first, and given back exactly on clear.
 */
import { a1 } from '../../sheet/ref';
import { combinedNote, FLAG_FILL, NOTE_MARK, type CellFlag } from '../../report/flags';
import { bgrFromHex } from './color';
import type { Severity } from '../../report/types';
import { XL_NONE, XL_PATTERN_GRAY8, XL_SOLID, type EtRange, type EtWorksheet } from './et';
import type { SavedLook } from './flag-store';

const FLAG_COLORS = new Set(Object.values(FLAG_FILL).map(bgrFromHex));

/**
 * The fill's pattern by severity, so error and 提示 differ on paper printed in black and white (their two pale
 * colours become the same grey): an error's fill is dotted, a 提示's plain. WPS has no conditional format the add-in
 * could use here, and the cell's own borders are the user's; the pattern is part of the fill the flag replaces and
 * restores anyway.
 */
const FLAG_PATTERN: Record<Severity, number> = { error: XL_PATTERN_GRAY8, warning: XL_SOLID };

function paint(interior: EtRange['Interior'], severity: Severity): void {
  interior.Color = bgrFromHex(FLAG_FILL[severity]);
  interior.Pattern = FLAG_PATTERN[severity];
}

/** A flag that could not be put on its cell, and why (Chinese). */
export interface Unplaced {
  row: number;
  col: number;
  reason: string;
}

const REASON_PROTECTED = '工作表受保护，WPS 不允许修改这些单元格的填充色和批注（撤销工作表保护后再校验即可标上）';
const REASON_COMMENT = '这些单元格原有批注，而当前版本的 WPS 不让加载项读取批注内容，为了不丢掉原有批注，没有加上标记';
const refused = (e: unknown) => `WPS 拒绝修改这些单元格（${e instanceof Error ? e.message : String(e)}）`;

/**
 * Draws the flags and returns what each cell looked like before, and the
 * flags that could not be drawn. A cell that refuses (a locked cell on a
 * protected sheet, say) is skipped, not fatal; its look is recorded before
 * anything is changed, so a half-drawn flag is still cleared.
 */
export function drawFlags(ws: EtWorksheet, flags: CellFlag[]): { looks: SavedLook[]; unplaced: Unplaced[] } {
  const looks: SavedLook[] = [];
  const unplaced: Unplaced[] = [];
  for (const flag of flags) {
    let look: SavedLook | null = null;
    try {
      const cell = ws.Range(a1(flag.row, flag.col));
      const interior = cell.Interior;
      look = {
        row: flag.row,
        col: flag.col,
        colorIndex: Number(interior.ColorIndex),
        color: Number(interior.Color),
        pattern: Number(interior.Pattern),
        comment: null,
      };
      const existing = readComment(cell);
      if (existing.kind === 'unreadable') {
        // A build whose comments cannot be read: AddComment tells whether one is there (it throws then).
        // A comment of the user's that cannot be read is never deleted; the cell stays unflagged.
        looks.push(look);
        try {
          cell.AddComment(combinedNote(null, flag.text));
        } catch {
          looks.pop();
          unplaced.push({ row: flag.row, col: flag.col, reason: isProtected(ws) ? REASON_PROTECTED : REASON_COMMENT });
          continue;
        }
        paint(interior, flag.severity);
        continue;
      }
      if (existing.kind === 'text') {
        const user = userPart(existing.text);
        look.comment = user;
        // A comment of ours without a saved record means the record was lost: its fill is ours too.
        if (user !== existing.text && FLAG_COLORS.has(look.color)) {
          look.colorIndex = XL_NONE;
          look.pattern = XL_NONE;
        }
      }
      looks.push(look);
      if (existing.kind === 'text') cell.Comment.Delete();
      paint(interior, flag.severity);
      cell.AddComment(combinedNote(look.comment, flag.text));
    } catch (e) {
      // The pane still lists the finding and says that its mark at the cell is missing.
      unplaced.push({ row: flag.row, col: flag.col, reason: isProtected(ws) ? REASON_PROTECTED : refused(e) });
    }
  }
  return { looks, unplaced };
}

function isProtected(ws: EtWorksheet): boolean {
  try {
    return Boolean(ws.ProtectContents);
  } catch {
    return false;
  }
}

/**
 * Puts each cell's saved fill and comment back and returns the looks it could
 * not restore (kept for the next attempt). What the user changed on a flagged
 * cell meanwhile wins: an edited own part of the comment is kept, a comment
 * that no longer carries jixiao's text is theirs, and a fill other than a flag
 * colour was chosen by them.
 */
export function restoreLooks(ws: EtWorksheet, looks: SavedLook[]): SavedLook[] {
  const failed: SavedLook[] = [];
  for (const look of looks) {
    try {
      restoreOne(ws, look);
    } catch {
      failed.push(look);
    }
  }
  return failed;
}

function restoreOne(ws: EtWorksheet, look: SavedLook): void {
  const cell = ws.Range(a1(look.row, look.col));
  const current = readComment(cell);
  if (current.kind === 'none') {
    if (look.comment !== null) cell.AddComment(look.comment);
  } else if (current.kind === 'text') {
    if (current.text.includes(NOTE_MARK)) {
      const user = userPart(current.text);
      cell.Comment.Delete();
      if (user !== null) cell.AddComment(user);
    }
  } else {
    // Unreadable: the comment there is the one jixiao added (flags never go over an unreadable comment).
    try {
      cell.Comment.Delete();
    } catch {
      // Already gone (the user deleted it), or a placeholder object that stands for "no comment".
    }
    if (look.comment !== null) cell.AddComment(look.comment);
  }
  const interior = cell.Interior;
  const stillFlagged = Number(interior.ColorIndex) !== XL_NONE && FLAG_COLORS.has(Number(interior.Color));
  if (!stillFlagged) return;
  if (look.colorIndex === XL_NONE || look.pattern === XL_NONE) {
    interior.ColorIndex = XL_NONE;
  } else {
    interior.Color = look.color;
    // The flag may have changed the pattern (an error's dots): the user's, solid or not, goes back.
    interior.Pattern = look.pattern;
  }
}

export type CommentRead = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'unreadable' };

/**
 * The cell's comment. Comment is null/undefined when there is none. Its text comes from Text() (the
 * typings), else a Text property, else the comment's shape; a build where none of these answers gives
 * "unreadable" (some hand out an object for every cell, comment or not, whose Text() throws).
 */
export function readComment(cell: EtRange): CommentRead {
  let c: unknown;
  try {
    c = cell.Comment;
  } catch {
    return { kind: 'unreadable' };
  }
  if (!c) return { kind: 'none' };
  const comment = c as { Text?: unknown; Shape?: { TextFrame?: { Characters?: () => { Text?: unknown } } } };
  try {
    const text = comment.Text;
    if (typeof text === 'function') {
      const t: unknown = (text as () => unknown).call(comment);
      return { kind: 'text', text: t === undefined || t === null ? '' : String(t) };
    }
    if (typeof text === 'string') return { kind: 'text', text };
  } catch {
    // Try the shape below.
  }
  try {
    const t = comment.Shape?.TextFrame?.Characters?.().Text;
    if (typeof t === 'string') return { kind: 'text', text: t };
  } catch {
    // Unreadable.
  }
  return { kind: 'unreadable' };
}

/** The comment's text, or null when the cell has none or it cannot be read. */
export function commentText(cell: EtRange): string | null {
  const c = readComment(cell);
  return c.kind === 'text' ? c.text : null;
}

/** The user's part of a comment that may carry jixiao's text (see combinedNote), null when it is all ours. */
export function userPart(comment: string): string | null {
  if (comment.startsWith(NOTE_MARK)) return null;
  const at = comment.indexOf(`\n\n${NOTE_MARK}`);
  return at >= 0 ? comment.slice(0, at) : comment;
}
