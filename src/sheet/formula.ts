/**
 * Fills in the results of formula cells that have none. ExcelJS writes
 * formulas without cached results and the memory host has no calculator, so
 * a grid read from them would show an empty 合计. Cells are computed in
 * dependency order (an explicit stack, so long chains cannot overflow the
 * call stack); a cell on a reference cycle becomes #REF!.
 */
import { displayText } from './number-format';
import { isCellError, numFmtAt, type CellValue, type Grid } from './grid';
import { SUPPORTED_FUNCTIONS, evaluate } from './formula-eval';
import { parseFormula, references, type FormulaNode } from './formula-parse';

interface Target {
  key: string;
  row: number;
  col: number;
  node: FormulaNode | null;
}

const REF_ERROR: CellValue = { error: '#REF!' };
const NAME_ERROR: CellValue = { error: '#NAME?' };

/** A new grid whose formula cells without a value hold their computed result. Never throws. */
export function recalculate(grid: Grid): Grid {
  try {
    return recalc(grid);
  } catch {
    // Nothing above is expected to throw; an unreadable grid is better returned as it came than lost.
    return grid;
  }
}

/**
 * True when recalculate() computes this formula the way the spreadsheet would:
 * it parses, uses only supported functions, no defined names and no other sheet.
 */
export function canRecalculate(formula: string, sheet: string): boolean {
  const node = parseFormula(formula);
  return node !== null && supported(node, sheet.toLowerCase());
}

function supported(node: FormulaNode, sheet: string): boolean {
  switch (node.k) {
    case 'name':
      return false;
    case 'ref':
    case 'range':
      return node.sheet === null || node.sheet.toLowerCase() === sheet;
    case 'unary':
    case 'pct':
      return supported(node.arg, sheet);
    case 'bin':
      return supported(node.l, sheet) && supported(node.r, sheet);
    case 'call':
      return SUPPORTED_FUNCTIONS.includes(node.name) && node.args.every((a) => a === null || supported(a, sheet));
    default:
      return true;
  }
}

const keyOf = (row: number, col: number) => `${row},${col}`;

function cellValue(grid: Grid, row: number, col: number): CellValue {
  const v = grid.values[row - grid.top]?.[col - grid.left];
  return v === undefined ? null : v;
}

function recalc(grid: Grid): Grid {
  const targets = findTargets(grid, false);
  if (targets.size === 0 || !affordable(grid, targets)) return grid;
  return withValues(grid, targets, compute(grid, targets));
}

/**
 * Cells every formula reads, summed, above which recalculate and
 * refreshFormulas leave the sheet as it came (results saved, or none): a real form reads a few thousand; 5 million stays well
 * under a second.
 */
export const MAX_EVALUATION_READS = 5_000_000;

/** True when computing `targets` reads at most MAX_EVALUATION_READS cells (ranges clipped to the sheet's extent). */
function affordable(grid: Grid, targets: Map<string, Target>): boolean {
  const { bottom, right } = extent(grid);
  let reads = 0;
  for (const t of targets.values()) {
    if (!t.node) continue;
    for (const ref of references(t.node)) {
      if (ref.k === 'range') {
        const rows = Math.min(ref.bottom, bottom) - ref.top + 1;
        const cols = Math.min(ref.right, right) - ref.left + 1;
        if (rows > 0 && cols > 0) reads += rows * cols;
      } else reads++;
      if (reads > MAX_EVALUATION_READS) return false;
    }
  }
  return true;
}

/** A formula cell whose saved result differs from what its formula computes. */
export interface StaleFormula {
  row: number;
  col: number;
  /** The result saved in the file. */
  cached: CellValue;
  /** What the formula gives over the sheet's values. */
  computed: CellValue;
}

/**
 * Computes every formula recalculate() can compute, results saved in the file
 * or not, and returns a grid holding the computed results where the saved
 * ones are missing or differ, with the list of those that differ. A program
 * that writes cells without recalculating (a script, a converter run
 * headless) leaves results that no longer follow the values; Excel and WPS
 * would show the computed ones. Formulas it cannot compute (other sheets,
 * names, functions it does not know) keep their saved results. Never throws.
 */
export function refreshFormulas(grid: Grid): { grid: Grid; stale: StaleFormula[] } {
  try {
    const targets = findTargets(grid, true);
    if (targets.size === 0) return { grid, stale: [] };
    // A sheet built to make evaluation explode (a million SUMs over a million cells) keeps its saved results.
    if (!affordable(grid, targets)) return { grid, stale: [] };
    const computed = compute(grid, targets, true);
    const stale: StaleFormula[] = [];
    const changed = new Map<string, Target>();
    for (const t of targets.values()) {
      const cached = cellValue(grid, t.row, t.col);
      const v = computed.get(t.key) ?? null;
      if (cached === null) changed.set(t.key, t);
      else if (!sameResult(cached, v)) {
        changed.set(t.key, t);
        stale.push({ row: t.row, col: t.col, cached, computed: v });
      }
    }
    stale.sort((a, b) => a.row - b.row || a.col - b.col);
    return { grid: changed.size > 0 ? withValues(grid, changed, computed) : grid, stale };
  } catch {
    return { grid, stale: [] };
  }
}

/**
 * Saved and computed results agree. Numbers within a relative 1e-9: the file
 * keeps 17 significant digits of the spreadsheet's binary result, and the
 * evaluator reproduces that arithmetic, so only a stale result differs more.
 */
function sameResult(cached: CellValue, computed: CellValue): boolean {
  if (typeof cached === 'number' && typeof computed === 'number') {
    return Math.abs(cached - computed) <= 1e-9 * Math.max(1, Math.abs(cached), Math.abs(computed));
  }
  if (isCellError(cached) || isCellError(computed)) {
    return isCellError(cached) && isCellError(computed) && cached.error === computed.error;
  }
  return cached === computed;
}

/**
 * Every target's result, in dependency order; a cell on a cycle is #REF!.
 * With `keepSavedOverError`, a formula this evaluator makes an error of
 * (an array formula, an implicit intersection it does not model) while the
 * file saved a proper result keeps the saved result, and its dependents are
 * computed from that: an evaluator's gap is never reported as a stale result.
 */
function compute(grid: Grid, targets: Map<string, Target>, keepSavedOverError = false): Map<string, CellValue> {
  const order = dependencyOrder(grid, targets);
  const computed = new Map<string, CellValue>();
  const read = (row: number, col: number): CellValue => {
    const k = keyOf(row, col);
    const got = computed.get(k);
    if (got !== undefined) return got;
    // A target not yet computed is only reachable through a cycle.
    return targets.has(k) ? REF_ERROR : cellValue(grid, row, col);
  };
  const bounds = extent(grid);
  for (const { target, cyclic } of order) {
    let v: CellValue;
    if (cyclic) v = REF_ERROR;
    else if (!target.node) v = NAME_ERROR;
    else v = evaluate(target.node, { sheet: grid.sheet, read, bounds });
    if (keepSavedOverError && isCellError(v)) {
      const saved = cellValue(grid, target.row, target.col);
      if (saved !== null && !isCellError(saved)) v = saved;
    }
    computed.set(target.key, v);
  }
  return computed;
}

/** Last row and column (absolute) that hold a value or a formula. */
function extent(grid: Grid): { bottom: number; right: number } {
  let width = 0;
  for (const r of grid.values) if (r && r.length > width) width = r.length;
  for (const r of grid.formulas ?? []) if (r && r.length > width) width = r.length;
  const height = Math.max(grid.values.length, grid.formulas?.length ?? 0);
  return { bottom: grid.top + height - 1, right: grid.left + width - 1 };
}

/**
 * The formula cells to compute: those without a saved result, and with
 * `all` also those with one whose formula can be computed here.
 */
function findTargets(grid: Grid, all: boolean): Map<string, Target> {
  const targets = new Map<string, Target>();
  const parsed = new Map<string, FormulaNode | null>();
  const sheet = typeof grid.sheet === 'string' ? grid.sheet.toLowerCase() : '';
  const formulas = grid.formulas ?? [];
  for (let i = 0; i < formulas.length; i++) {
    const row = formulas[i];
    if (!row) continue;
    for (let j = 0; j < row.length; j++) {
      const f = row[j];
      if (!f) continue;
      const r = grid.top + i;
      const c = grid.left + j;
      const saved = cellValue(grid, r, c) !== null;
      if (saved && !all) continue;
      // Only a real formula is recomputed over a saved value (a host may pass a constant's text here).
      if (saved && !f.trimStart().startsWith('=')) continue;
      let node = parsed.get(f);
      if (node === undefined) {
        node = parseFormula(f);
        parsed.set(f, node);
      }
      if (saved && (node === null || !supported(node, sheet))) continue;
      targets.set(keyOf(r, c), { key: keyOf(r, c), row: r, col: c, node });
    }
  }
  return targets;
}

function dependencies(grid: Grid, t: Target, targets: Map<string, Target>): Target[] {
  if (!t.node) return [];
  const out: Target[] = [];
  for (const ref of references(t.node)) {
    if (ref.k === 'ref') {
      if (ref.sheet !== null && ref.sheet.toLowerCase() !== grid.sheet.toLowerCase()) continue;
      const d = targets.get(keyOf(ref.row, ref.col));
      if (d) out.push(d);
    } else if (ref.k === 'range') {
      if (ref.sheet !== null && ref.sheet.toLowerCase() !== grid.sheet.toLowerCase()) continue;
      const area = (ref.bottom - ref.top + 1) * (ref.right - ref.left + 1);
      if (area <= targets.size) {
        for (let r = ref.top; r <= ref.bottom; r++) {
          for (let c = ref.left; c <= ref.right; c++) {
            const d = targets.get(keyOf(r, c));
            if (d) out.push(d);
          }
        }
      } else {
        for (const d of targets.values()) {
          if (d.row >= ref.top && d.row <= ref.bottom && d.col >= ref.left && d.col <= ref.right) out.push(d);
        }
      }
    }
  }
  return out;
}

/** Post-order of an iterative depth-first walk; every cell found on a back edge's path is cyclic. */
function dependencyOrder(grid: Grid, targets: Map<string, Target>): { target: Target; cyclic: boolean }[] {
  const state = new Map<string, 1 | 2>();
  const cyclic = new Set<string>();
  const order: Target[] = [];
  for (const start of targets.values()) {
    if (state.has(start.key)) continue;
    const stack = [{ t: start, deps: dependencies(grid, start, targets), i: 0 }];
    state.set(start.key, 1);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      if (frame.i < frame.deps.length) {
        const d = frame.deps[frame.i++]!;
        const s = state.get(d.key);
        if (s === undefined) {
          state.set(d.key, 1);
          stack.push({ t: d, deps: dependencies(grid, d, targets), i: 0 });
        } else if (s === 1) {
          for (let k = stack.length - 1; k >= 0; k--) {
            cyclic.add(stack[k]!.t.key);
            if (stack[k]!.t.key === d.key) break;
          }
        }
        continue;
      }
      state.set(frame.t.key, 2);
      order.push(frame.t);
      stack.pop();
    }
  }
  return order.map((target) => ({ target, cyclic: cyclic.has(target.key) }));
}

function withValues(grid: Grid, targets: Map<string, Target>, computed: Map<string, CellValue>): Grid {
  const values = grid.values.slice();
  const text = grid.text ? grid.text.slice() : undefined;
  const copied = new Set<number>();
  for (const t of targets.values()) {
    const v = computed.get(t.key) ?? null;
    const i = t.row - grid.top;
    const j = t.col - grid.left;
    if (!copied.has(i)) {
      copied.add(i);
      values[i] = (values[i] ?? []).slice();
      if (text) text[i] = (text[i] ?? []).slice();
    }
    const row = values[i]!;
    while (row.length < j) row.push(null);
    row[j] = v;
    if (text) {
      const trow = text[i]!;
      while (trow.length < j) trow.push('');
      trow[j] = isCellError(v) ? v.error : displayText(v, numFmtAt(grid, t.row, t.col));
    }
  }
  // Rows between the grid's rows and a formula row far below stay defined for consumers that index them.
  for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
  if (text) for (let i = 0; i < text.length; i++) if (!text[i]) text[i] = [];
  return { ...grid, values, ...(text ? { text } : {}) };
}
