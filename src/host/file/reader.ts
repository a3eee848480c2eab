/**
 * A workbook read straight from its .xlsx package (only the sheets asked for cost anything), within the reader's
 * limits. Runs in node (the command line's PackageWorkbook builds on it) and in the panes' browsers (last year's
 * workbook an officer picks: src/app/previous-file.ts).
 */
import type { Grid } from '../../sheet/grid';
import { recalculate } from '../../sheet/formula';
import { FLAG_STATE_SHEET } from '../../report/sheets';
import { DEFAULT_PACKAGE_LIMITS, XlsxPackage, type PackageLimits } from '../../xlsx/package/package';
import { readWorkbookParts, type WorkbookParts } from '../../xlsx/reader/parts';
import { CellBudget, DEFAULT_SHEET_LIMITS, readSheet, type SheetLimits } from '../../xlsx/reader/sheet';

export type ReadLimits = PackageLimits & SheetLimits;

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_PACKAGE_LIMITS, ...DEFAULT_SHEET_LIMITS };

export class PackageReader {
  private parts: WorkbookParts | null = null;
  private readonly cells: CellBudget;
  private readonly grids = new Map<string, Grid>();

  protected constructor(
    readonly pkg: XlsxPackage,
    private readonly limits: ReadLimits,
  ) {
    this.cells = new CellBudget(limits.maxValueCells);
  }

  /** Opens the bytes of an .xlsx; checks that the package holds a workbook with its sheets. */
  static open(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): PackageReader {
    return PackageReader.over(XlsxPackage.open(bytes, limits), limits);
  }

  /** A reader over a package opened already (with the same limits); checks that it holds a workbook with its sheets. */
  static over(pkg: XlsxPackage, limits: ReadLimits = DEFAULT_READ_LIMITS): PackageReader {
    const wb = new PackageReader(pkg, limits);
    wb.pkg.sheets();
    return wb;
  }

  private workbookParts(): WorkbookParts {
    return (this.parts ??= readWorkbookParts(this.pkg));
  }

  async sheetNames(): Promise<string[]> {
    return this.pkg
      .sheets()
      .filter((s) => s.name !== FLAG_STATE_SHEET)
      .map((s) => s.name);
  }

  /** The sheets with their visibility (hidden, very hidden), in tab order. */
  async sheetStates(): Promise<{ name: string; state: 'visible' | 'hidden' | 'veryHidden' }[]> {
    return this.pkg
      .sheets()
      .filter((s) => s.name !== FLAG_STATE_SHEET)
      .map((s) => ({ name: s.name, state: s.state }));
  }

  /** The sheet as a Grid, with formulas that have no cached result computed (as every host does). */
  async readGrid(sheet: string): Promise<Grid> {
    return recalculate(this.rawGrid(sheet));
  }

  protected rawGrid(sheet: string): Grid {
    const cached = this.grids.get(sheet);
    if (cached) return cached;
    const entry = this.pkg.sheet(sheet);
    if (!entry || sheet === FLAG_STATE_SHEET) throw new Error(`工作表“${sheet}”不存在`);
    const grid = readSheet(this.pkg, sheet, entry.part, this.workbookParts(), this.limits, this.cells);
    this.grids.set(sheet, grid);
    return grid;
  }

  /** SheetStore's read primitive: the 校验说明 sheet is read over it by core code (src/report/explanations.ts). */
  async readSheet(sheet: string): Promise<Grid | null> {
    return this.pkg.sheet(sheet) && sheet !== FLAG_STATE_SHEET ? this.rawGrid(sheet) : null;
  }
}
