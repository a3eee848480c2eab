/**
 * Findings flagged in an xlsx file: a light red or yellow fill and a note
 * marked as jixiao's. The cell's own fill and note are recorded first, in a
 * very hidden sheet of the workbook, so that clearing gives them back exactly
 * — also after the file was saved and opened again.
 */
import type ExcelJS from 'exceljs';
import { FLAG_FILL, NOTE_MARK, combinedNote, flagsForSheet } from '../../report/flags';
import type { Finding, Severity } from '../../report/types';
import { fillColour, noteText, removeNote, solidFill } from './style';
// FLAG_STATE_SHEET keeps the looks jixiao replaced; never shown to the user (state "veryHidden").
import { FLAG_STATE_SHEET } from '../../report/sheets';

type Note = string | ExcelJS.Comment;

export interface SavedLook {
  fill: ExcelJS.Fill | null;
  note: Note | null;
}

interface CellFlag {
  cell: ExcelJS.Cell;
  severity: Severity;
  lines: string[];
}

export class FlagStore {
  private saved: Map<string, Map<string, SavedLook>> | null = null;

  constructor(private readonly wb: ExcelJS.Workbook) {}

  /** The user's own look of a flagged cell, or undefined when jixiao has not flagged it. */
  savedLook(sheet: string, address: string): SavedLook | undefined {
    return this.state().get(sheet)?.get(address);
  }

  show(ws: ExcelJS.Worksheet, findings: Finding[]): void {
    this.clear(ws);
    const byCell = new Map<string, CellFlag>();
    for (const f of flagsForSheet(ws.name, findings)) {
      const at = ws.getCell(f.row + 1, f.col + 1);
      // A merged area is flagged on its top-left cell: that is the cell Excel shows.
      const cell = at.isMerged ? at.master : at;
      let flag = byCell.get(cell.address);
      if (!flag) {
        flag = { cell, severity: f.severity, lines: [] };
        byCell.set(cell.address, flag);
      }
      if (f.severity === 'error') flag.severity = 'error';
      for (const line of f.lines) if (!flag.lines.includes(line)) flag.lines.push(line);
    }
    const saved = new Map<string, SavedLook>();
    for (const [address, flag] of byCell) {
      const look = currentLook(flag.cell);
      saved.set(address, look);
      flag.cell.style = { ...flag.cell.style, fill: solidFill(FLAG_FILL[flag.severity]) };
      flag.cell.note = combinedNote(noteText(look.note), `${NOTE_MARK}\n${flag.lines.join('\n')}`);
    }
    if (saved.size) this.state().set(ws.name, saved);
    this.persist();
  }

  clear(ws: ExcelJS.Worksheet): void {
    const state = this.state();
    for (const [address, look] of state.get(ws.name) ?? []) restore(ws.getCell(address), look);
    state.delete(ws.name);
    // Flags whose record was lost (the hidden sheet deleted by hand) are recognised by their mark.
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const text = noteText(cell.note);
        if (text?.includes(NOTE_MARK)) restore(cell, strippedLook(cell, text));
      }),
    );
    this.persist();
  }

  private state(): Map<string, Map<string, SavedLook>> {
    if (!this.saved) this.saved = readState(this.wb.getWorksheet(FLAG_STATE_SHEET));
    return this.saved;
  }

  private persist(): void {
    const old = this.wb.getWorksheet(FLAG_STATE_SHEET);
    if (old) this.wb.removeWorksheet(old.id);
    const entries = [...this.state()].flatMap(([sheet, looks]) => [...looks].map(([a, l]) => ({ sheet, a, l })));
    if (!entries.length) return;
    const ws = this.wb.addWorksheet(FLAG_STATE_SHEET, { state: 'veryHidden' });
    ws.addRow(['sheet', 'cell', 'fill', 'note']);
    for (const e of entries) ws.addRow([e.sheet, e.a, JSON.stringify(e.l.fill), JSON.stringify(e.l.note)]);
  }
}

function currentLook(cell: ExcelJS.Cell): SavedLook {
  const note = cell.note as Note | undefined;
  return { fill: cell.style.fill ? clone(cell.style.fill) : null, note: note === undefined ? null : clone(note) };
}

/** The look of a flagged cell without jixiao's part, for flags that have no record. */
function strippedLook(cell: ExcelJS.Cell, text: string): SavedLook {
  const at = text.indexOf(`\n\n${NOTE_MARK}`);
  const userNote = text.startsWith(NOTE_MARK) ? null : at >= 0 ? text.slice(0, at) : text;
  const colour = fillColour(cell.style.fill);
  const ours = colour !== null && Object.values(FLAG_FILL).includes(colour);
  return { fill: ours || !cell.style.fill ? null : cell.style.fill, note: userNote };
}

function restore(cell: ExcelJS.Cell, look: SavedLook): void {
  // A fresh style object: ExcelJS shares one style object between cells read with the same style.
  const style = { ...cell.style };
  if (look.fill) style.fill = look.fill;
  else delete style.fill;
  cell.style = style;
  if (look.note !== null) cell.note = look.note;
  else removeNote(cell);
}

function readState(ws: ExcelJS.Worksheet | undefined): Map<string, Map<string, SavedLook>> {
  const state = new Map<string, Map<string, SavedLook>>();
  if (!ws) return state;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const [sheet, address, fill, note] = [1, 2, 3, 4].map((c) => row.getCell(c).value);
    if (typeof sheet !== 'string' || typeof address !== 'string') return;
    try {
      const look: SavedLook = {
        fill: typeof fill === 'string' ? (JSON.parse(fill) as ExcelJS.Fill | null) : null,
        note: typeof note === 'string' ? (JSON.parse(note) as Note | null) : null,
      };
      let looks = state.get(sheet);
      if (!looks) state.set(sheet, (looks = new Map()));
      looks.set(address, look);
    } catch {
      // A damaged row is skipped; the mark on the cell still lets clear() remove the flag.
    }
  });
  return state;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
