/**
 * The record of what jixiao added to each sheet (conditional-format ids,
 * notes, comments), so clearing removes exactly that and nothing of the
 * user's. Keyed by the worksheet's id, which stays when the user renames the
 * sheet. Kept in memory (the shared runtime lives as long as the workbook is
 * open) and in the document's add-in settings, so flags from an earlier
 * session can still be cleared after the workbook was reopened; the settings
 * are saved only when the record changed (a save is an autosave and an undo
 * step for the user).
 */
import type { DocumentSettings } from './env';

export interface SheetMarks {
  /** Conditional formats jixiao added, with the area each covers (A1, no sheet). */
  cf: { id: string; area: string }[];
  /** Cells where jixiao wrote a note; combined: the user's own note was there and stays in front of ours. */
  notes: { cell: string; combined: boolean }[];
  /** Comments jixiao added: a top-level comment, or a reply (parent set) under the user's comment. */
  comments: { cell: string; id: string; parent?: string }[];
}

/** v2: keyed by worksheet id (v1 was keyed by the sheet's name and went stale on a rename). */
export const SETTINGS_KEY = 'jixiao.flags.v2';

export function emptyMarks(): SheetMarks {
  return { cf: [], notes: [], comments: [] };
}

export function isEmpty(m: SheetMarks): boolean {
  return !m.cf.length && !m.notes.length && !m.comments.length;
}

export class MarkStore {
  private readonly bySheet = new Map<string, SheetMarks>();

  constructor(private readonly settings: DocumentSettings | null) {
    const saved = settings?.get(SETTINGS_KEY);
    if (saved && typeof saved === 'object') {
      for (const [sheet, m] of Object.entries(saved as Record<string, unknown>)) {
        const marks = sanitize(m);
        if (marks) this.bySheet.set(sheet, marks);
      }
    }
  }

  get(sheetId: string): SheetMarks {
    return this.bySheet.get(sheetId) ?? emptyMarks();
  }

  /** Whether anything is recorded for the sheet. */
  has(sheetId: string): boolean {
    return this.bySheet.has(sheetId);
  }

  set(sheetId: string, marks: SheetMarks): void {
    const before = JSON.stringify(this.bySheet.get(sheetId) ?? emptyMarks());
    if (JSON.stringify(marks) === before) return;
    if (isEmpty(marks)) this.bySheet.delete(sheetId);
    else this.bySheet.set(sheetId, marks);
    this.persist();
  }

  private persist(): void {
    if (!this.settings) return;
    this.settings.set(SETTINGS_KEY, Object.fromEntries(this.bySheet));
    // Failing to persist only costs clearing flags after a reopen; the flags themselves are in place.
    this.settings.saveAsync(() => undefined);
  }
}

/** Settings are user-editable document data: accept only the shape we wrote. */
function sanitize(m: unknown): SheetMarks | null {
  if (typeof m !== 'object' || m === null) return null;
  const o = m as Partial<Record<keyof SheetMarks, unknown>>;
  const arr = (v: unknown) => (Array.isArray(v) ? v : []);
  const str = (v: unknown) => typeof v === 'string';
  return {
    cf: arr(o.cf).filter((x): x is { id: string; area: string } => str(x?.id) && str(x?.area)),
    notes: arr(o.notes)
      .filter((x) => str(x?.cell))
      .map((x: { cell: string; combined?: unknown }) => ({ cell: x.cell, combined: x.combined === true })),
    comments: arr(o.comments).filter(
      (x): x is { cell: string; id: string; parent?: string } =>
        str(x?.cell) && str(x?.id) && (x.parent === undefined || str(x.parent)),
    ),
  };
}
