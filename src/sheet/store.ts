/**
 * The two sheet-level primitives core code needs to keep a small table of its
 * own in a workbook (the 校验说明 sheet): read a sheet's grid, and replace a
 * sheet's rows. Every host implements them; what is kept in the table, and
 * how it is laid out, is decided by the core code above them.
 */
import type { Grid } from './grid';

/** How the rows look: a host applies what it can (widths only to a sheet it creates). */
export interface SheetLayout {
  /** The first row is a header: shown in bold. */
  boldFirstRow?: boolean;
  /** Column widths from column A, in characters, for a sheet the store creates. */
  columnWidths?: number[];
}

export interface SheetStore {
  /** The used block of the named sheet, or null when the workbook has no sheet by that name. */
  readSheet(sheet: string): Promise<Grid | null>;
  /**
   * Replaces every value of the named sheet by `rows`, from A1, each cell
   * written as text (a rule id or an address never turns into a number, a
   * date or a formula). Creates the sheet after the last one, without changing
   * the active sheet, when there is none. Only for sheets the add-in owns: it
   * never refuses to overwrite what is there.
   */
  replaceSheetRows(sheet: string, rows: string[][], layout?: SheetLayout): Promise<void>;
}
