/** Cells → few rectangles, so one conditional format or one format call covers a block. */
import { rangeA1 } from '../../sheet/ref';
import type { PlanRange } from '../../template/plan';

export function rectangles(cells: { row: number; col: number }[]): PlanRange[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) {
    const rows = byCol.get(c.col) ?? [];
    rows.push(c.row);
    byCol.set(c.col, rows);
  }
  // Vertical runs per column, then runs with the same rows in adjacent columns become one rectangle.
  const open = new Map<string, PlanRange>();
  const out: PlanRange[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byCol.get(col))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const r of rows) {
      const last = runs[runs.length - 1];
      if (last && r === last[1] + 1) last[1] = r;
      else runs.push([r, r]);
    }
    const next = new Map<string, PlanRange>();
    for (const [top, bottom] of runs) {
      const key = `${top}:${bottom}`;
      const prev = open.get(key);
      if (prev && prev.right === col - 1) {
        prev.right = col;
        next.set(key, prev);
      } else {
        const rect = { top, left: col, bottom, right: col };
        out.push(rect);
        next.set(key, rect);
      }
    }
    open.clear();
    for (const [k, v] of next) open.set(k, v);
  }
  return out;
}

/**
 * Areas joined for getRanges(), in chunks short enough for Excel's address
 * limit (8192 characters; we keep well below).
 */
export function addressChunks(areas: PlanRange[], maxLength = 2000): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of areas) {
    const s = rangeA1(a);
    if (cur && cur.length + 1 + s.length > maxLength) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${s}` : s;
  }
  if (cur) out.push(cur);
  return out;
}
