/**
 * A workbook on disk as the command line checks it: read straight from the
 * package (only the sheets asked for cost anything), annotated by patching
 * the package (see src/xlsx/annotate), never loaded and saved whole.
 */
import { promises as fs } from 'fs';
import { valueAt, type Grid } from '../../sheet/grid';
import type { Finding, Report } from '../../report/types';
import { recalculate } from '../../sheet/formula';
import { annotatePackage } from '../../xlsx/annotate/annotate';
import { ruleMeta } from '../../rules/index';
import { RESULT_TITLE } from '../../xlsx/annotate/result-sheet';
import { FLAG_STATE_SHEET, RESULT_SHEET } from '../../report/sheets';
import { DEFAULT_PACKAGE_LIMITS, XlsxPackage, type PackageLimits } from '../../xlsx/package/package';
import { readWorkbookParts, type WorkbookParts } from '../../xlsx/reader/parts';
import { CellBudget, DEFAULT_SHEET_LIMITS, readSheet, type SheetLimits } from '../../xlsx/reader/sheet';

export type ReadLimits = PackageLimits & SheetLimits;

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_PACKAGE_LIMITS, ...DEFAULT_SHEET_LIMITS };

export class PackageWorkbook {
  private parts: WorkbookParts | null = null;
  private readonly cells: CellBudget;
  private readonly grids = new Map<string, Grid>();
  private flagged: { sheet: string; findings: Finding[] } | null = null;
  private result: { report: Report; source: string } | null = null;

  private constructor(
    readonly pkg: XlsxPackage,
    private readonly limits: ReadLimits,
  ) {
    this.cells = new CellBudget(limits.maxValueCells);
  }

  /** Opens the bytes of an .xlsx; checks that the package holds a workbook with its sheets. */
  static open(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): PackageWorkbook {
    const wb = new PackageWorkbook(XlsxPackage.open(bytes, limits), limits);
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

  private rawGrid(sheet: string): Grid {
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

  async showFindings(sheet: string, findings: Finding[]): Promise<void> {
    this.flagged = { sheet, findings };
  }

  async writeResultSheet(report: Report, source: string): Promise<string> {
    this.result = { report, source };
    return RESULT_SHEET;
  }

  /** The original package with the flags and the result sheet added. */
  annotatedBytes(): Uint8Array {
    annotatePackage(this.pkg, {
      sheet: this.flagged?.sheet ?? null,
      findings: this.flagged?.findings ?? [],
      result: this.result && { ...this.result, ruleTitle: (id) => ruleMeta(id)?.title ?? '' },
      isOwnResultSheet: (name) => {
        try {
          return valueAt(this.rawGrid(name), 0, 0) === RESULT_TITLE;
        } catch {
          return false;
        }
      },
    });
    return this.pkg.toBytes();
  }

  async save(path: string): Promise<void> {
    await fs.writeFile(path, this.annotatedBytes());
  }
}
