/** Test helper: a SheetPlan laid out as the Grid a host would read back (before recalculation). */
import { displayText } from '../../src/sheet/number-format';
import { parseAddress } from '../../src/sheet/ref';
import { type CellValue, type Grid } from '../../src/sheet/grid';
import type { SheetPlan } from '../../src/template/plan';

/** `typed` overrides cells by A1 address, as a user typing over the template (a value replaces a formula). */
export function planToGrid(plan: SheetPlan, typed: Record<string, CellValue> = {}, sheet = plan.sheetName): Grid {
  let rows = 0;
  let cols = plan.columnWidths.length;
  for (const c of plan.cells) {
    rows = Math.max(rows, c.row + 1);
    cols = Math.max(cols, c.col + 1);
  }
  const values: CellValue[][] = Array.from({ length: rows }, () => Array<CellValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(cols).fill(null));
  const numFmt: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  for (const c of plan.cells) {
    values[c.row]![c.col] = c.formula ? null : (c.value ?? null);
    formulas[c.row]![c.col] = c.formula ?? null;
    numFmt[c.row]![c.col] = (c.style && plan.styles[c.style]?.numFmt) || 'General';
  }
  for (const [address, value] of Object.entries(typed)) {
    const p = parseAddress(address);
    if (!p) throw new Error(`bad address ${address}`);
    values[p.row]![p.col] = value;
    formulas[p.row]![p.col] = null;
  }
  const text = values.map((r, i) => r.map((v, j) => displayText(v, numFmt[i]![j])));
  return { sheet, top: 0, left: 0, values, text, numFmt, formulas, merges: plan.merges.map((m) => ({ ...m })) };
}

/** The plan cell at an A1 address. */
export function planCell(plan: SheetPlan, address: string) {
  const p = parseAddress(address);
  return plan.cells.find((c) => p && c.row === p.row && c.col === p.col);
}

/** The first plan cell whose value is `value` (an A1 address), or null. */
export function findLabel(plan: SheetPlan, value: string): { row: number; col: number } | null {
  const c = plan.cells.find((x) => x.value === value);
  return c ? { row: c.row, col: c.col } : null;
}
