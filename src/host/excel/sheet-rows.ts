/**
 * The sheet primitives in Excel (SheetStore): a named sheet's grid in one sync,
 * its rows replaced in two (is it there, how far do its values reach; then the
 * write). What the rows hold is decided by core code (src/report/explanations.ts).
 */
import { emptyGrid, type Grid } from '../../sheet/grid';
import { rangeA1 } from '../../sheet/ref';
import type { SheetLayout } from '../../sheet/store';
import type { ExcelEnv } from './env';
import { toGrid } from './read';

/** The used block of the named sheet, or null when there is no such sheet. */
export async function readNamedSheet(env: ExcelEnv, sheet: string): Promise<Grid | null> {
  return env.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load('name');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('values,numberFormat,formulas,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
    await context.sync();
    if (ws.isNullObject) return null;
    if (used.isNullObject) return emptyGrid(sheet);
    return toGrid(sheet, used, []);
  });
}

/**
 * Replaces the sheet's values by `rows` from A1, written as text; creates the
 * sheet (bold header, column widths) when missing. beforeWrite is told the
 * block (A1) about to be written, for telling our own change events apart.
 */
export async function replaceRows(
  env: ExcelEnv,
  sheet: string,
  rows: string[][],
  layout: SheetLayout,
  beforeWrite: (block: string) => void = () => undefined,
): Promise<void> {
  const current = await env.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    ws.load('name');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    await context.sync();
    if (ws.isNullObject) return { exists: false, used: null };
    if (used.isNullObject) return { exists: true, used: null };
    return {
      exists: true,
      used: rangeA1({
        top: used.rowIndex,
        left: used.columnIndex,
        bottom: used.rowIndex + used.rowCount - 1,
        right: used.columnIndex + used.columnCount - 1,
      }),
    };
  });
  const width = Math.max(1, ...rows.map((r) => r.length));
  await env.run(async (context) => {
    const ws = current.exists ? context.workbook.worksheets.getItem(sheet) : context.workbook.worksheets.add(sheet);
    if (current.used) ws.getRange(current.used).clear('Contents');
    if (!current.exists) {
      if (layout.boldFirstRow) ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      (layout.columnWidths ?? []).forEach((w, c) => {
        // Characters → points, as Excel converts a width typed in characters.
        ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round((w * 7 + 5) * 0.75);
      });
    }
    if (rows.length > 0) {
      const block = rangeA1({ top: 0, left: 0, bottom: rows.length - 1, right: width - 1 });
      const range = ws.getRange(block);
      // Text format first, so a rule id or an address is never read as a number or a date.
      range.numberFormat = rows.map(() => Array.from({ length: width }, () => '@'));
      range.values = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
      beforeWrite(block);
    }
    await context.sync();
  });
}
