/**
 * One sheet → Grid through as few bridge calls as the object model allows:
 * Value2 and Formula of the whole used block (one call each); number formats
 * per block, then per column, then per numeric cell only where they differ;
 * merged areas by halving the block until each part is all-merged or unmerged.
 */
import { displayText } from '../../read/display';
import { parseAddress, type CellValue, type Grid, type MergeArea } from '../../read/grid';
import type { PlanRange } from '../../template/plan';
import { cellValueFromEt, rangeA1, toMatrix } from './cells';
import type { EtRange, EtWorksheet } from './et';

export function emptyGrid(sheet: string): Grid {
  return { sheet, top: 0, left: 0, values: [], text: [], numFmt: [], formulas: [], merges: [] };
}

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
 * false when none does, null when mixed: halve mixed blocks down to cells,
 * and ask a merged cell for its MergeArea. Parts already covered are skipped.
 */
export function findMerges(ws: EtWorksheet, block: PlanRange): MergeArea[] {
  const found: MergeArea[] = [];
  const covered = (r: PlanRange) =>
    found.some((m) => m.top <= r.top && m.left <= r.left && m.bottom >= r.bottom && m.right >= r.right);
  const visit = (r: PlanRange): void => {
    if (covered(r)) return;
    const merged = ws.Range(rangeA1(r)).MergeCells;
    if (merged === false) return;
    if (r.top === r.bottom && r.left === r.right) {
      if (merged !== true) return;
      const area = ws.Range(rangeA1(r)).MergeArea.Address(false, false);
      const p = parseAddress(area);
      if (p) found.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
      return;
    }
    if (r.bottom - r.top >= r.right - r.left) {
      const mid = Math.floor((r.top + r.bottom) / 2);
      visit({ ...r, bottom: mid });
      visit({ ...r, top: mid + 1 });
    } else {
      const mid = Math.floor((r.left + r.right) / 2);
      visit({ ...r, right: mid });
      visit({ ...r, left: mid + 1 });
    }
  };
  visit(block);
  return found;
}
