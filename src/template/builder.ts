/**
 * Accumulates a SheetPlan cell by cell. Sections write through it so that a
 * merged block always carries its style on every covered cell (hosts draw the
 * border of a merged area from the cells along its edge).
 */
import type { CellStyle, ListValidation, PlanCell, PlanName, PlanRange } from './plan';

export class PlanBuilder {
  private readonly cellMap = new Map<string, PlanCell>();
  readonly merges: PlanRange[] = [];
  readonly names: PlanName[] = [];
  readonly validations: ListValidation[] = [];
  readonly rowHeights: Record<number, number> = {};

  constructor(readonly styles: Record<string, CellStyle>) {}

  /** Writes a constant (or leaves the cell empty with `value` null) and a style. */
  put(row: number, col: number, value: string | number | null, style: string): void {
    this.cell(row, col, style).value = value;
  }

  putFormula(row: number, col: number, formula: string, style: string): void {
    const cell = this.cell(row, col, style);
    cell.formula = formula;
    delete cell.value;
  }

  /** Merges a block (a single cell is not merged) and styles every cell in it; the value goes top-left. */
  block(range: PlanRange, value: string | number | null, style: string): void {
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) this.cell(r, c, style);
    }
    this.put(range.top, range.left, value, style);
    if (range.bottom > range.top || range.right > range.left) this.merges.push({ ...range });
  }

  name(name: string, range: PlanRange): void {
    this.names.push({ name, range: { ...range } });
  }

  height(row: number, points: number): void {
    this.rowHeights[row] = points;
  }

  cells(): PlanCell[] {
    return [...this.cellMap.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }

  private cell(row: number, col: number, style: string): PlanCell {
    if (!(style in this.styles)) throw new Error(`template: unknown style ${style}`);
    const key = `${row},${col}`;
    let cell = this.cellMap.get(key);
    if (!cell) {
      cell = { row, col };
      this.cellMap.set(key, cell);
    }
    cell.style = style;
    return cell;
  }
}

/** A rectangle from 0-based corners. */
export function rect(top: number, left: number, bottom = top, right = left): PlanRange {
  return { top, left, bottom, right };
}
