/**
 * (a) read + check of the example form, from a Grid (goal: < 2 ms);
 * (b) a stress form of 2,000 indicator rows and 500 projects (goal: < 100 ms),
 *     and how the time grows with the number of rows.
 */
import * as path from 'path';
import { check } from '../src/check';
import { XlsxHost } from '../src/host/exceljs';
import { readDeclaration } from '../src/read';
import type { Grid } from '../src/sheet/grid';
import type { DeclarationForm } from '../src/form/types';
import { line, ms, time } from './stats';
import { stressGrid } from './stress-form';

const EXAMPLE = path.resolve(__dirname, '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');

function mustRead(grid: Grid): DeclarationForm {
  const r = readDeclaration(grid);
  if (!r.form) throw new Error(`benchmark input is not read as a form: ${r.reason}`);
  return r.declaration;
}

function readAndCheck(grid: Grid): void {
  check(mustRead(grid));
}

async function exampleForm(): Promise<void> {
  const host = await XlsxHost.load(EXAMPLE);
  const [sheet] = await host.sheetNames();
  const grid = await host.readGrid(sheet!);
  const form = mustRead(grid);
  console.log(`(a) example form (${grid.values.length} rows, ${check(form).findings.length} findings)`);
  const both = time(() => readAndCheck(grid), 1000, 200);
  const readOnly = time(() => mustRead(grid), 1000, 200);
  const checkOnly = time(() => check(form), 1000, 200);
  line('read + check, median', ms(both.median), '< 2 ms', both.median < 2);
  line('read + check, p95', ms(both.p95), '< 2 ms', both.p95 < 2);
  line('read alone, median / p95', `${ms(readOnly.median)} / ${ms(readOnly.p95)}`);
  line('check alone, median', ms(checkOnly.median), '< 2 ms', checkOnly.median < 2);
  line('check alone, p95', ms(checkOnly.p95));
}

function stressForm(): void {
  const projects = 500;
  console.log(`(b) stress form: indicator rows (half per table) + ${projects} projects, read + check`);
  const sizes = [1000, 2000, 4000];
  // The slope is fitted on the fastest run of each size: on a shared machine the
  // median carries other processes' load and GC pauses, the minimum much less.
  const fastest: number[] = [];
  for (const rows of sizes) {
    const grid = stressGrid(rows, projects);
    const form = mustRead(grid);
    const found = (form.longTermIndicators?.rows.length ?? 0) + (form.annualIndicators?.rows.length ?? 0);
    if (found !== rows || form.projects?.rows.length !== projects) {
      throw new Error(`stress form misread: ${found} indicator rows, ${form.projects?.rows.length} projects`);
    }
    const runs = rows >= 4000 ? 25 : 40;
    const t = time(() => readAndCheck(grid), runs, 5);
    fastest.push(t.min);
    const goal = rows === 2000 ? '< 100 ms' : undefined;
    line(
      `${rows} rows: median (min ${ms(t.min)}, p95 ${ms(t.p95)})`,
      ms(t.median),
      goal,
      goal ? t.median < 100 : undefined,
    );
  }
  // Least-squares slope through the three sizes, per 1,000 rows.
  const xs = sizes.map((s) => s / 1000);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = fastest.reduce((a, b) => a + b, 0) / fastest.length;
  const slope =
    xs.reduce((a, x, i) => a + (x - mx) * (fastest[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  line('slope per 1,000 rows (fastest runs)', ms(slope));
  // For linear growth the 2k→4k step costs twice the 1k→2k step: a ratio near 1.
  const step1 = fastest[1]! - fastest[0]!;
  const step2 = fastest[2]! - fastest[1]!;
  const ratio = step2 / (2 * step1);
  const verdict =
    ratio < 0.67
      ? 'no worse than linear (the 2k→4k step was cheaper than linear; fixed costs or noise)'
      : ratio < 1.5
        ? 'linear'
        : ratio < 3
          ? 'somewhat worse than linear'
          : 'superlinear';
  line('(2k→4k step) / (2 × 1k→2k step)', ratio.toFixed(2), '≈ 1 (linear)', ratio < 1.5);
  console.log(`  growth: ${verdict}`);
}

export async function run(): Promise<void> {
  await exampleForm();
  stressForm();
}
