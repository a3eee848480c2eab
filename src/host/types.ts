/**
 * The Host interface: everything the product needs from a spreadsheet, kept
 * small and batch-shaped so each adapter makes few round trips. Adapters:
 * exceljs (ExcelJS, command line templates), excel (Office.js), wps (ET JSAPI), and the
 * memory host of the tests (tests/fakes/memory). One contract suite (tests/host/contract.ts)
 * runs against all of them. Cells cross this interface typed (CellRange, 0-based); A1 text is
 * made only where a person reads it. Sheets are addressed by name, as the user sees them; a session knows each
 * sheet by its handle (SheetKey), which the host owns and which survives a rename.
 */
import type { Grid } from '../sheet/grid';
import type { SheetStore } from '../sheet/store';
import type { Finding } from '../report/types';
import type { SheetPlan } from '../template/plan';
import type { CellRange } from '../sheet/cell-range';

/**
 * A sheet's identity for one session: a handle the host gives the sheet and maps back to the real sheet. It stays
 * with the sheet when the user renames it, and two sheets that exist together never share one, so the session
 * knows a sheet by it (what it checked, flagged, is waiting to check) and never by its name. It is never persisted
 * and means nothing to another host or to the next session: Excel's Worksheet.id, which it is there, is documented
 * stable within a session only and changes when the workbook is reopened (office-js-docs #297, office-js #1390);
 * jixiao finds its own marks in a reopened workbook by what they are. WPS documents no sheet id: there a handle
 * follows the name (a renamed sheet is a new sheet). A file on disk is never renamed under the command line: the
 * ExcelJS host's handle is the name.
 */
export type SheetKey = string & { readonly __sheetKey: 'SheetKey' };

/** A sheet as it is now: its name and its handle. */
export interface KeyedSheet {
  sheet: string;
  key: SheetKey;
}

/**
 * The user changed cells of a sheet (which cells does not matter: the session checks the whole sheet). Named by the
 * sheet's handle and by its name now: a rename the host noticed shows as a known handle with a new name.
 */
export interface CellChange {
  sheet: string;
  key: SheetKey;
}

export interface CellWrite {
  /** The cell to write (of a range, its top-left cell). */
  cell: CellRange;
  value?: number | string | null;
  /** en-US formula with a leading "="; wins over value. */
  formula?: string;
}

/** The sheet refused the write (a protected sheet); the message (Chinese) says what to do. */
export class AccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

/** The host cannot do what was asked at its API level; the message (Chinese) says what is needed. */
export class UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

/** The sheet primitives (SheetStore: read a sheet's grid, replace a sheet's rows) are what core code keeps its 校验说明 table with. */
export interface Host extends SheetStore {
  readonly kind: 'memory' | 'xlsx' | 'excel' | 'wps';

  /** Names of the worksheets in workbook order. */
  sheetNames(): Promise<string[]>;
  /** The worksheets in workbook order, each with its handle (one round trip at most, as sheetNames). */
  sheetKeys(): Promise<KeyedSheet[]>;
  /**
   * The handle of the sheet called `sheet` now; null when there is none. Right after readGrid of that sheet it
   * costs no round trip.
   */
  sheetKey(sheet: string): Promise<SheetKey | null>;
  /** The sheet the user is looking at. */
  activeSheet(): Promise<string>;
  /** The used block of one sheet (values, text, formats, formulas, merges) in one read. */
  readGrid(sheet: string): Promise<Grid>;

  /**
   * Adds a new sheet built from the plan and returns its name. Never writes into
   * an existing sheet: when plan.sheetName is taken, a free name is chosen.
   */
  createSheet(plan: SheetPlan): Promise<string>;

  /**
   * Adds a copy of `sheet` right after it — values, formulas, formats, merges,
   * sheet-scoped names, page setup — named `preferredName` or, when that is
   * taken, a free variant of it ("2027年度 (2)"), and returns the new name.
   * Never replaces or writes into an existing sheet. Rejects with an
   * UnsupportedError saying what is needed when the host cannot copy a sheet.
   */
  copySheet(sheet: string, preferredName: string): Promise<string>;

  /**
   * Flags the findings in place (errors and warnings look different; the
   * message is readable at the cell). Replaces jixiao's earlier flags on that
   * sheet. Never changes a value, never loses the user's formatting or notes.
   */
  showFindings(sheet: string, findings: Finding[]): Promise<UnplacedFlags | void>;
  /**
   * Removes exactly what showFindings added; the user's own formats, notes and validation come back
   * as they were. Resolves to a notice when something of jixiao's had to stay (another author's comment).
   */
  clearFindings(sheet: string): Promise<UnplacedFlags | void>;

  /** Writes values or formulas (a fix the user asked for). */
  write(writes: CellWrite[]): Promise<void>;
  /** Selects (and scrolls to) a cell or range. */
  select(cell: CellRange): Promise<void>;

  /**
   * Calls the handler when the user changes cells. Changes made by the add-in
   * itself are not reported. Returns a function that stops listening.
   */
  onChange(handler: (change: CellChange) => void): () => void;
}

/** Flags showFindings could not put on their cells (the cell refused), and why, in Chinese for the user. */
export interface UnplacedFlags {
  /** A1 addresses of the cells left unflagged. */
  cells: string[];
  reason: string;
  /** A whole sentence (Chinese) about flags that are placed, but not as usual, or marks that had to stay. */
  notice?: string;
}

/** A host that can open the pane by itself when the workbook is opened (Excel). */
export interface AutoOpenHost extends Host {
  /** Whether the pane opens with this workbook. */
  autoOpen(): Promise<boolean>;
  /** Turns opening the pane with this workbook on or off (stored in the workbook). */
  setAutoOpen(on: boolean): Promise<void>;
}

export function canAutoOpen(host: Host): host is AutoOpenHost {
  const h = host as Partial<AutoOpenHost>;
  return typeof h.autoOpen === 'function' && typeof h.setAutoOpen === 'function';
}

/**
 * Whether every write of the add-in empties the user's undo stack on this host (Excel below
 * ExcelApi 1.20: the host says so with a `writesClearUndo` property). The session then writes
 * flags only when the user asks for them, never while the user types.
 */
export function writesClearUndo(host: Host): boolean {
  return (host as Partial<{ writesClearUndo: unknown }>).writesClearUndo === true;
}
