/**
 * The session's record of what jixiao added to each sheet (conditional-format
 * ids, notes, comments), so the next show or a clear removes exactly that and
 * nothing of the user's. Keyed by the worksheet's id, which stays when the
 * user renames the sheet but is documented stable WITHIN A SESSION ONLY
 * (office-js-docs #297; seen to change between Excel versions, office-js
 * #1390). So the record lives in memory only: the workbook itself is the
 * source of truth, and the first show or clear of a sheet in a session finds
 * jixiao's marks by what they are (marking.ts: the conditional formats'
 * `jixiao:` formula, the notes and comments that carry NOTE_MARK). Nothing is
 * saved in the document's settings: below ExcelApi 1.20 a settings save
 * empties the user's undo stack.
 */

export interface SheetMarks {
  /** Conditional formats jixiao added, with the area each covers (A1, no sheet). */
  cf: { id: string; area: string }[];
  /** Cells where jixiao wrote a note; combined: the user's own note was there and stays in front of ours. */
  notes: { cell: string; combined: boolean }[];
  /** Comments jixiao added: a top-level comment, or a reply (parent set) under the user's comment. */
  comments: { cell: string; id: string; parent?: string }[];
  /**
   * Some of jixiao's comments on the sheet were written by another user, and Excel would not let
   * them be changed: the sheet's flags are then always written the careful way (marking.ts).
   */
  othersComments?: true;
}

export function emptyMarks(): SheetMarks {
  return { cf: [], notes: [], comments: [] };
}

export class MarkStore {
  private readonly bySheet = new Map<string, SheetMarks>();

  get(sheetId: string): SheetMarks {
    return this.bySheet.get(sheetId) ?? emptyMarks();
  }

  /** Whether the sheet was flagged or cleared in this session (its record came from the workbook itself). */
  has(sheetId: string): boolean {
    return this.bySheet.has(sheetId);
  }

  set(sheetId: string, marks: SheetMarks): void {
    this.bySheet.set(sheetId, marks);
  }
}
