/**
 * What a flagged cell looked like before jixiao flagged it, kept in a very
 * hidden sheet of the workbook. The ribbon page and the task pane are two
 * pages with two JS contexts, and the pane may be reloaded: the workbook is
 * the one place both can read, so clearing works whoever drew the flags.
 */
import type { CellValue } from '../../sheet/grid';
import { cellValueFromEt, toMatrix } from './cells';
import { rangeA1 } from '../../sheet/ref';
import { XL_SHEET_VERY_HIDDEN, type EtApplication, type EtWorksheet } from './et';
import { addSheetAtEnd, findSheet, withActiveSheetKept } from './sheets';
import { WPS_STATE_SHEET as STATE_SHEET } from '../../report/sheets';

/** The sheet holding saved looks (named in report/sheets); never listed, never checked. */
export { STATE_SHEET };

export interface SavedLook {
  row: number;
  col: number;
  /** Interior.ColorIndex before flagging; -4142 (xlNone) means no fill. */
  colorIndex: number;
  /** Interior.Color before flagging (BGR number). */
  color: number;
  /** Interior.Pattern before flagging. */
  pattern: number;
  /** The user's own comment text, or null when the cell had none. */
  comment: string | null;
}

const HEADER = ['jixiao', 'sheet', 'row', 'col', 'colorIndex', 'color', 'pattern', 'comment'];
// Text is stored with a marker so that a comment reading "=…" or "1.5" cannot turn into a formula or number.
const TEXT = 's:';

export class FlagStore {
  /** Used only when the workbook refuses a new sheet (protected structure): then clearing works until the page reloads. */
  private readonly fallback = new Map<string, SavedLook[]>();

  constructor(private readonly app: EtApplication) {}

  /** Saved looks of one sheet (empty when nothing is flagged there). */
  load(sheet: string): SavedLook[] {
    const fromWorkbook = this.readAll()
      .filter((r) => r.sheet === sheet)
      .map((r) => r.look);
    return [...fromWorkbook, ...(this.fallback.get(sheet) ?? [])];
  }

  /** Replaces the saved looks of one sheet; an empty list forgets the sheet. */
  save(sheet: string, looks: SavedLook[]): void {
    this.fallback.delete(sheet);
    const others = this.readAll().filter((r) => r.sheet !== sheet);
    const rows = [...others, ...looks.map((look) => ({ sheet, look }))];
    let ws = findSheet(this.app, STATE_SHEET);
    if (!ws) {
      if (rows.length === 0) return;
      try {
        ws = this.createStateSheet();
      } catch {
        if (looks.length > 0) this.fallback.set(sheet, looks);
        return;
      }
    }
    const used = ws.UsedRange;
    used.ClearContents();
    const matrix: (string | number)[][] = [HEADER];
    for (const r of rows) {
      const l = r.look;
      matrix.push([
        '',
        TEXT + r.sheet,
        l.row,
        l.col,
        l.colorIndex,
        l.color,
        l.pattern,
        l.comment === null ? '' : TEXT + l.comment,
      ]);
    }
    ws.Range(rangeA1({ top: 0, left: 0, bottom: matrix.length - 1, right: HEADER.length - 1 })).Value2 = matrix;
  }

  private readAll(): { sheet: string; look: SavedLook }[] {
    const ws = findSheet(this.app, STATE_SHEET);
    if (!ws) return [];
    const used = ws.UsedRange;
    const rows = Number(used.Rows.Count);
    const cols = Number(used.Columns.Count);
    if (Number(used.Row) !== 1 || Number(used.Column) !== 1 || cols < HEADER.length) return [];
    const m = toMatrix(used.Value2, rows, cols).map((r) => r.map(cellValueFromEt));
    const out: { sheet: string; look: SavedLook }[] = [];
    for (const r of m.slice(1)) {
      const sheet = text(r[1]);
      const row = r[2];
      const col = r[3];
      if (sheet === null || typeof row !== 'number' || typeof col !== 'number') continue;
      out.push({
        sheet,
        look: {
          row,
          col,
          colorIndex: typeof r[4] === 'number' ? r[4] : -4142,
          color: typeof r[5] === 'number' ? r[5] : 16777215,
          pattern: typeof r[6] === 'number' ? r[6] : -4142,
          comment: text(r[7]),
        },
      });
    }
    return out;
  }

  private createStateSheet(): EtWorksheet {
    return withActiveSheetKept(this.app, () => {
      const ws = addSheetAtEnd(this.app, STATE_SHEET);
      ws.Visible = XL_SHEET_VERY_HIDDEN;
      return ws;
    });
  }
}

function text(v: CellValue | undefined): string | null {
  return typeof v === 'string' && v.startsWith(TEXT) ? v.slice(TEXT.length) : null;
}
