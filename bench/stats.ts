/** Timing helpers for the benchmarks: repeated runs, median and p95, printing with the goal. */
import { performance } from 'perf_hooks';

export interface Timing {
  runs: number;
  median: number;
  p95: number;
  min: number;
  mean: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length);
  return {
    runs: samples.length,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    mean,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; milliseconds per run. */
export function time(fn: () => unknown, runs: number, warmup = Math.ceil(runs / 10)): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export const ms = (x: number): string => `${x < 10 ? x.toFixed(3) : x.toFixed(1)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One printed figure: label, value, goal and whether it is met (reported, never asserted). */
export function line(label: string, value: string, goal?: string, met?: boolean): void {
  const verdict = met === undefined ? '' : met ? '  ✓ goal met' : '  ✗ goal missed';
  console.log(`  ${label.padEnd(44)} ${value.padStart(14)}${goal ? `   goal ${goal}` : ''}${verdict}`);
}
