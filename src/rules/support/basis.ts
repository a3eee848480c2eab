/** The closest 指标值确定依据 to what the filer wrote, when there is exactly one. */
import { BASES } from '../../form/catalogue';

/** Levenshtein distance over code points (Chinese characters count as one each). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * A basis that contains what was written (`预算支出` → 预算支出标准) or is
 * contained in it, else the single nearest one within two edits
 * (`计划标注` → 计划标准). null when it is ambiguous (`标准`) or nothing is near.
 */
export function suggestBasis(written: string): string | null {
  const w = written.trim();
  if (w === '') return null;
  const containing = BASES.filter((b) => b.includes(w) || w.includes(b));
  if (containing.length === 1) return containing[0]!;
  if (containing.length > 1) return null;
  const scored = BASES.map((b) => ({ b, d: editDistance(w, b) })).sort((p, q) => p.d - q.d);
  const best = scored[0]!;
  if (best.d > 2 || scored[1]!.d === best.d) return null;
  return best.b;
}
