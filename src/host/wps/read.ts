/**
 * One sheet → Grid through as few bridge calls as the object model allows:
 * Value2 and Formula of the whole used block (one call each); number formats
 * per block, then per column, then per numeric cell only where they differ;
 * merged areas by halving the block until each part is all-merged or unmerged.
 */
import { displayText } from '../../sheet/number-format';
import { parseAddress, rangeA1 } from '../../sheet/ref';
import { emptyGrid, type CellValue, type Grid, type MergeArea } from '../../sheet/grid';
import type { PlanRange } from '../../template/plan';
import { addressOf, cellValueFromEt, toMatrix } from './cells';
import type { EtRange, EtWorksheet } from './et';

/** The used block of a sheet, 0-based, or null when the sheet is empty. */
export function usedBlock(ws: EtWorksheet): PlanRange | null {
  const used = ws.UsedRange;
  const top = Number(used.Row) - 1;
  const left = Number(used.Column) - 1;
  const rows = Number(used.Rows.Count);
  const cols = Number(used.Columns.Count);
  if (rows === 1 && cols === 1) {
    const v = used.Value2;
    if ((v === undefined || v === null || v === '') && !used.MergeCells) return null;
  }
  return { top, left, bottom: top + rows - 1, right: left + cols - 1 };
}

export function readEtGrid(ws: EtWorksheet, sheet: string): Grid {
  const block = usedBlock(ws);
  if (!block) return emptyGrid(sheet);
  const rows = block.bottom - block.top + 1;
  const cols = block.right - block.left + 1;
  const range = ws.Range(rangeA1(block));
  const values: CellValue[][] = toMatrix(range.Value2, rows, cols).map((r) => r.map(cellValueFromEt));
  const formulas = toMatrix(range.Formula, rows, cols).map((r) =>
    r.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)),
  );
  const numFmt = readNumberFormats(ws, range, block, values);
  const merges = findMerges(ws, block);
  const text = values.map((r, i) => r.map((v, j) => displayText(v, numFmt[i]?.[j] ?? 'General')));
  return { sheet, top: block.top, left: block.left, values, text, numFmt, formulas, merges };
}

/** NumberFormat of a block is one string when all cells agree, else null. */
function readNumberFormats(ws: EtWorksheet, range: EtRange, block: PlanRange, values: CellValue[][]): string[][] {
  const rows = block.bottom - block.top + 1;
  const cols = block.right - block.left + 1;
  const whole = range.NumberFormat;
  if (typeof whole === 'string') return Array.from({ length: rows }, () => Array<string>(cols).fill(whole));
  const out = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  for (let c = 0; c < cols; c++) {
    const col = block.left + c;
    const colFmt = ws.Range(rangeA1({ top: block.top, left: col, bottom: block.bottom, right: col })).NumberFormat;
    for (let r = 0; r < rows; r++) {
      if (typeof colFmt === 'string') {
        out[r]![c] = colFmt;
      } else if (typeof values[r]?.[c] === 'number') {
        // Only numbers (amounts, shares, dates) display differently by format.
        const f = ws.Range(rangeA1({ top: block.top + r, left: col, bottom: block.top + r, right: col })).NumberFormat;
        out[r]![c] = typeof f === 'string' && f ? f : 'General';
      }
    }
  }
  return out;
}

/**
 * MergeCells of a block is true when every cell belongs to a merged area,
 * false when none does, null when mixed. An all-merged block gives its areas
 * one by one (MergeArea of its first cell not yet covered); a mixed block is
 * cut into column strips first (forms merge label columns downwards), then
 * halved. Parts already covered cost no call.
 */
export function findMerges(ws: EtWorksheet, block: PlanRange): MergeArea[] {
  const found: MergeArea[] = [];
  const isCovered = (r: number, c: number) =>
    found.some((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right);
  const firstUncovered = (b: PlanRange): [number, number] | null => {
    for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) if (!isCovered(r, c)) return [r, c];
    return null;
  };
  const areaAt = ([r, c]: [number, number]): boolean => {
    const p = parseAddress(addressOf(ws.Range(rangeA1({ top: r, left: c, bottom: r, right: c })).MergeArea));
    if (!p) return false;
    found.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
    return true;
  };
  const visit = (b: PlanRange): void => {
    if (!firstUncovered(b)) return;
    const merged = ws.Range(rangeA1(b)).MergeCells;
    if (merged === false) return;
    if (merged === true) {
      // Every cell of the block is in some merged area: collect them without asking again.
      for (let cell = firstUncovered(b); cell; cell = firstUncovered(b)) if (!areaAt(cell)) return;
      return;
    }
    if (b.right > b.left) {
      const mid = Math.floor((b.left + b.right) / 2);
      visit({ ...b, right: mid });
      visit({ ...b, left: mid + 1 });
    } else if (b.bottom > b.top) {
      const mid = Math.floor((b.top + b.bottom) / 2);
      visit({ ...b, bottom: mid });
      visit({ ...b, top: mid + 1 });
    }
  };
  visit(block);
  return found;
}
