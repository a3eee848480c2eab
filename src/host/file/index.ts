/**
 * A workbook on disk as the command line checks it: read straight from the
 * package (PackageReader: only the sheets asked for cost anything), annotated
 * by patching the package (see src/xlsx/annotate), never loaded and saved whole.
 */
import { promises as fs } from 'fs';
import { valueAt } from '../../sheet/grid';
import type { Finding, Report } from '../../report/types';
import { annotatePackage } from '../../xlsx/annotate/annotate';
import { ruleMeta } from '../../rules/index';
import { RESULT_TITLE } from '../../xlsx/annotate/result-sheet';
import { RESULT_SHEET } from '../../report/sheets';
import { XlsxPackage } from '../../xlsx/package/package';
import { DEFAULT_READ_LIMITS, PackageReader, type ReadLimits } from './reader';

export { DEFAULT_READ_LIMITS, PackageReader, type ReadLimits } from './reader';

export class PackageWorkbook extends PackageReader {
  private flagged: { sheet: string; findings: Finding[] } | null = null;
  private result: { report: Report; source: string } | null = null;

  /** Opens the bytes of an .xlsx; checks that the package holds a workbook with its sheets. */
  static override open(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): PackageWorkbook {
    return PackageWorkbook.over(XlsxPackage.open(bytes, limits), limits);
  }

  /** A workbook over a package opened already (with the same limits), as PackageReader.over. */
  static override over(pkg: XlsxPackage, limits: ReadLimits = DEFAULT_READ_LIMITS): PackageWorkbook {
    const wb = new PackageWorkbook(pkg, limits);
    wb.pkg.sheets();
    return wb;
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
