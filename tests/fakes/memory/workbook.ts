/**
 * An in-memory workbook with the little a spreadsheet keeps per cell that the
 * product touches: value, formula, number format, fill, note, list validation.
 * It backs the memory host and the fakes of Office.js and the WPS ET object
 * model, so every fake shares one faithful store. Browser-safe (no Node APIs).
 */
import type { CellValue, MergeArea } from '../../../src/sheet/grid';
import type { CellStyle, PlanRange, PrintSetup } from '../../../src/template/plan';
import { freeSheetName } from '../../../src/sheet/names';

export interface MemoryValidation {
  list: string[];
  prompt?: string;
  error?: string;
  strict?: boolean;
}

export interface MemoryCell {
  value: CellValue;
  formula: string | null;
  numFmt: string;
  /** "#RRGGBB" or null. */
  fill: string | null;
  /** The fill's pattern (an XlPattern number) where it is not plain: the WPS fake's Interior.Pattern. */
  pattern?: number;
  /** Note / comment text shown at the cell, or null. */
  note: string | null;
  style: CellStyle;
  validation: MemoryValidation | null;
}

export function emptyCell(): MemoryCell {
  return { value: null, formula: null, numFmt: 'General', fill: null, note: null, style: {}, validation: null };
}

/** A cell with a value or a formula. */
export function holdsContent(c: MemoryCell): boolean {
  return c.value !== null || !!c.formula;
}

export class MemorySheet {
  readonly cells = new Map<string, MemoryCell>();
  merges: MergeArea[] = [];
  /** Sheet-scoped names. */
  readonly names = new Map<string, PlanRange>();
  columnWidths: number[] = [];
  rowHeights: Record<number, number> = {};
  freeze = { rows: 0, cols: 0 };
  print: PrintSetup | null = null;
  defaultFont: { name: string; size: number } | null = null;

  constructor(public name: string) {}

  private static key(row: number, col: number): string {
    return `${row},${col}`;
  }

  get(row: number, col: number): MemoryCell | undefined {
    return this.cells.get(MemorySheet.key(row, col));
  }

  /** The cell, created empty when absent. */
  cell(row: number, col: number): MemoryCell {
    const k = MemorySheet.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = emptyCell();
      this.cells.set(k, c);
    }
    return c;
  }

  /**
   * The block that holds every cell `counts` accepts (by default: a value or a
   * formula) and, with `withMerges`, every merged area; null when there is none.
   * The fakes of Excel and WPS pass their host's own idea of a used cell.
   */
  usedRange(counts: (c: MemoryCell) => boolean = holdsContent, withMerges = true): PlanRange | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (r: number, c: number) => {
      if (r < top) top = r;
      if (c < left) left = c;
      if (r > bottom) bottom = r;
      if (c > right) right = c;
    };
    for (const [k, c] of this.cells) {
      if (!counts(c)) continue;
      const [r, col] = k.split(',').map(Number) as [number, number];
      take(r, col);
    }
    if (withMerges) {
      for (const m of this.merges) {
        take(m.top, m.left);
        take(m.bottom, m.right);
      }
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }

  /** The values of a block, row by row (empty cells as null). */
  values(range: PlanRange): CellValue[][] {
    const out: CellValue[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = range.left; c <= range.right; c++) row.push(this.get(r, c)?.value ?? null);
      out.push(row);
    }
    return out;
  }

  hasContent(): boolean {
    return this.usedRange() !== null;
  }
}

export class MemoryWorkbook {
  readonly sheets: MemorySheet[] = [];
  activeSheet: string | null = null;
  /** Selected cell, sheet-qualified. */
  selection: string | null = null;

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addSheet(name: string): MemorySheet {
    if (this.sheet(name)) throw new Error(`sheet exists: ${name}`);
    const s = new MemorySheet(name);
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = name;
    return s;
  }

  /**
   * A deep copy of a sheet (cells, merges, names, layout, print setup) under a
   * new name, placed right after the original. The name must be free.
   */
  copySheet(source: string, name: string): MemorySheet {
    const from = this.sheet(source);
    if (!from) throw new Error(`no sheet: ${source}`);
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`sheet exists: ${name}`);
    const to = new MemorySheet(name);
    for (const [k, c] of from.cells) {
      to.cells.set(k, {
        ...c,
        style: { ...c.style },
        validation: c.validation ? { ...c.validation, list: [...c.validation.list] } : null,
      });
    }
    to.merges = from.merges.map((m) => ({ ...m }));
    for (const [n, r] of from.names) to.names.set(n, { ...r });
    to.columnWidths = [...from.columnWidths];
    to.rowHeights = { ...from.rowHeights };
    to.freeze = { ...from.freeze };
    to.print = from.print ? structuredCloneish(from.print) : null;
    to.defaultFont = from.defaultFont ? { ...from.defaultFont } : null;
    this.sheets.splice(this.sheets.indexOf(from) + 1, 0, to);
    return to;
  }

  /** "绩效申报表", then "绩效申报表 (2)", "绩效申报表 (3)"… — the first name no sheet has. */
  freeName(preferred: string): string {
    return freeSheetName(
      this.sheets.map((s) => s.name),
      preferred,
    );
  }
}

function structuredCloneish<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
