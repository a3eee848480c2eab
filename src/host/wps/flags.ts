/**
 * Flags in place on WPS: the cell's fill (Interior.Color) and a comment
 * (AddComment). AddComment throws when the cell already has a comment, so an
 * existing one is read, deleted and re-added; the user's own text is kept,
 * first, and given back exactly on clear.
 */
import { a1 } from '../../read/grid';
import { combinedNote, FLAG_FILL, NOTE_MARK, type CellFlag } from '../flags';
import { bgrFromHex } from './color';
import { XL_NONE, XL_SOLID, type EtRange, type EtWorksheet } from './et';
import type { SavedLook } from './flag-store';

const FLAG_COLORS = new Set(Object.values(FLAG_FILL).map(bgrFromHex));

/**
 * Draws the flags and returns what each cell looked like before. A cell that
 * refuses (a locked cell on a protected sheet, say) is skipped, not fatal; its
 * look is recorded before anything is changed, so a half-drawn flag is still
 * cleared.
 */
export function drawFlags(ws: EtWorksheet, flags: CellFlag[]): SavedLook[] {
  const looks: SavedLook[] = [];
  for (const flag of flags) {
    try {
      const cell = ws.Range(a1(flag.row, flag.col));
      const interior = cell.Interior;
      const look: SavedLook = {
        row: flag.row,
        col: flag.col,
        colorIndex: Number(interior.ColorIndex),
        color: Number(interior.Color),
        pattern: Number(interior.Pattern),
        comment: null,
      };
      const existing = commentText(cell);
      if (existing !== null) {
        const user = userPart(existing);
        look.comment = user;
        // A comment of ours without a saved record means the record was lost: its fill is ours too.
        if (user !== existing && FLAG_COLORS.has(look.color)) {
          look.colorIndex = XL_NONE;
          look.pattern = XL_NONE;
        }
      }
      looks.push(look);
      if (existing !== null) cell.Comment.Delete();
      interior.Color = bgrFromHex(FLAG_FILL[flag.severity]);
      cell.AddComment(combinedNote(look.comment, flag.text));
    } catch {
      // The pane still lists the finding; only its mark at the cell is missing.
    }
  }
  return looks;
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
  const current = commentText(cell);
  if (current === null) {
    if (look.comment !== null) cell.AddComment(look.comment);
  } else if (current.includes(NOTE_MARK)) {
    const user = userPart(current);
    cell.Comment.Delete();
    if (user !== null) cell.AddComment(user);
  }
  const interior = cell.Interior;
  const stillFlagged = Number(interior.ColorIndex) !== XL_NONE && FLAG_COLORS.has(Number(interior.Color));
  if (!stillFlagged) return;
  if (look.colorIndex === XL_NONE || look.pattern === XL_NONE) {
    interior.ColorIndex = XL_NONE;
  } else {
    interior.Color = look.color;
    if (look.pattern !== XL_SOLID) interior.Pattern = look.pattern;
  }
}

/** The comment's text, or null when the cell has none (Comment is null/undefined then). */
export function commentText(cell: EtRange): string | null {
  const c = cell.Comment as EtRange['Comment'] | null | undefined;
  if (!c) return null;
  return String(c.Text() ?? '');
}

/** The user's part of a comment that may carry jixiao's text (see combinedNote), null when it is all ours. */
export function userPart(comment: string): string | null {
  if (comment.startsWith(NOTE_MARK)) return null;
  const at = comment.indexOf(`\n\n${NOTE_MARK}`);
  return at >= 0 ? comment.slice(0, at) : comment;
}
