/** SheetPlan styles and jixiao's colours in ExcelJS terms. */
import type ExcelJS from 'exceljs';
import type { CellStyle } from '../../template/plan';

/** "#RRGGBB" → ExcelJS "FFRRGGBB". */
export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

export function solidFill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

/** The colour of a solid fill as "#RRGGBB", or null for no fill (theme and indexed colours are not resolved). */
export function fillColour(fill: ExcelJS.Fill | undefined): string | null {
  if (!fill || fill.type !== 'pattern' || fill.pattern === 'none') return null;
  const c = fill.fgColor?.argb;
  return c && c.length >= 6 ? `#${c.slice(-6).toUpperCase()}` : null;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };

/** A fresh ExcelJS style object for one cell (never shared: ExcelJS mutates styles in place). */
export function cellStyle(s: CellStyle, font: { name: string; size: number }): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {
    font: { name: s.fontName ?? font.name, size: s.fontSize ?? font.size, ...(s.bold ? { bold: true } : {}) },
    alignment: {
      ...(s.hAlign ? { horizontal: s.hAlign } : {}),
      ...(s.vAlign ? { vertical: s.vAlign } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
    },
    protection: { locked: !s.unlocked },
  };
  if (s.border) out.border = { top: { ...THIN }, left: { ...THIN }, bottom: { ...THIN }, right: { ...THIN } };
  if (s.fill) out.fill = solidFill(s.fill);
  if (s.numFmt) out.numFmt = s.numFmt;
  return out;
}

/** A note as plain text (a note read from a file may be rich text). */
export function noteText(note: string | ExcelJS.Comment | undefined | null): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/**
 * Removes a cell's note. ExcelJS has no API for it: the note lives in the
 * cell's private _comment, and a note read from a file is also copied into
 * the private model of its value, which is what gets written (host boundary).
 */
export function removeNote(cell: ExcelJS.Cell): void {
  const c = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  c._comment = undefined;
  if (c._value?.model) delete c._value.model.comment;
}
