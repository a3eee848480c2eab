/**
 * (f) `jixiao check DIR --previous LASTDIR` over 200 departments (issue #16, point 5: pairing and comparing
 *     add at most 10 % to a 200-form batch). Last year's folder holds the example form 200 times, each with its
 *     own 部门（单位）名称; this year's holds each of them rolled forward by `jixiao next`, file names shuffled
 *     against last year's, so pairing is by the name read from the form. Four sides, as fresh processes like
 *     a user starts them, rounds rotating which goes first; the headline is the median of the paired ratios:
 *     - `check DIR` (this year's 200 forms alone);
 *     - `check DIR --previous LASTDIR` (the same, each compared with last year's form of its department);
 *     - `check DIR --previous LASTDIR --no-cache`: the first run against a folder of last year's forms, which
 *       reads every one of them;
 *     - `check DIR LASTDIR` (both folders checked, 400 forms, no comparing): the cost of reading last year's
 *       200 forms at all. Its ratio shows what pairing and comparing add beyond reading.
 *     `--previous` with the cache (src/cli/previous-cache.ts, warmed by the warm-up run) is every later run: a
 *     reviewer re-checks this year's folder as forms come back corrected, against the same last year's folder.
 *   The sides run in rounds (each round rotates which goes first), then the four sides of the two goals run more
 *   rounds: a ratio near the goal needs many pairs to be told from it on a machine whose speed wanders. Each goal's
 *   median is printed with the range it would take on another run 90 % of the time (a bootstrap of the rounds).
 *   A freshly rolled form says everything exactly as last year's did, and the comparison takes its short cuts on
 *   such cells. So two more sides check a third folder, each form rolled and then changed in CHANGED cells (targets
 *   raised and lowered, a history figure and a long-term value that differ from last year's), alone and with
 *   `--previous`: every changed cell is parsed and compared, and the changes are found.
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { PackageWorkbook } from '../src/host/file/index';
import { readDeclaration } from '../src/read';
import { patchPackage, type CellPatch } from '../src/xlsx/patch-cells';
import { withDepartment } from '../tests/helpers/department';
import { line, ms } from './stats';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', '部门整体绩效目标申报表-示例.xlsx');
const BIN = path.join(ROOT, 'bin', 'jixiao.js');
const FORMS = 200;
/** Rounds of all six sides; the four sides of the two goals then run HEADLINE_ROUNDS more (their medians wander
 * most: a ratio near the goal needs many pairs to be told from it). */
const ROUNDS = 9;
const HEADLINE_ROUNDS = 21;

/** Cells changed in each form of the changed folder (see the module's comment). */
const CHANGED = 8;

/**
 * `bytes` (a rolled form) with CHANGED cells changed, differently for each department `i`: three annual targets
 * raised or lowered, three of its 近两年 上年 figures, two long-term values.
 */
async function withChanges(bytes: Uint8Array, i: number): Promise<Uint8Array> {
  const wb = PackageWorkbook.open(bytes);
  const r = readDeclaration(await wb.readGrid((await wb.sheetNames())[0]!));
  if (!r.form) throw new Error(r.reason);
  const annual = r.declaration.annualIndicators!.rows;
  const longTerm = r.declaration.longTermIndicators!.rows;
  const at = (f: { ref: { row: number; col: number } }, value: string): CellPatch => ({
    row: f.ref.row,
    col: f.ref.col,
    kind: 'value',
    value,
  });
  const cells: CellPatch[] = [
    at(annual[i % 5]!.value, `≥${90 + (i % 7)}%`),
    at(annual[5 + (i % 5)]!.value, `≤${i % 3}%`),
    at(annual[12]!.value, `${1000 + i}件`),
    at(annual[i % 4]!.history!.lastYear, `${80 + (i % 9)}%`),
    at(annual[6]!.history!.lastYear, `${1500 + i}件`),
    at(annual[9]!.history!.lastYear, '新增'),
    at(longTerm[i % 6]!.value, `≥${85 + (i % 11)}%`),
    at(longTerm[10]!.value, `${2000 + i}件`),
  ];
  if (cells.length !== CHANGED) throw new Error('CHANGED is out of date');
  return (await patchPackage(bytes, { sheet: r.declaration.sheet, cells })).bytes;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The median of `xs` and the range its median would take 90 % of the time on another run of as many rounds: the
 * 5th and 95th percentiles of the medians of 2,000 resamples (a bootstrap; its random numbers are seeded, so a run
 * prints the same interval for the same figures).
 */
export function medianInterval(xs: number[]): { median: number; low: number; high: number } {
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const medians: number[] = [];
  for (let k = 0; k < 2000; k++) medians.push(median(Array.from(xs, () => xs[Math.floor(random() * xs.length)]!)));
  medians.sort((a, b) => a - b);
  return {
    median: median(xs),
    low: medians[Math.floor(0.05 * medians.length)]!,
    high: medians[Math.floor(0.95 * medians.length)]!,
  };
}

/** The lines of one goal of issue #16 (at most 10 % added): the median of the rounds' ratios, its interval, their spread. */
function goal(label: string, ratios: number[]): void {
  const at = medianInterval(ratios);
  line(label, at.median.toFixed(3), '≤ 1.10 (issue #16)', at.median <= 1.1);
  line(
    '  its median on another run, 90 % of the time (bootstrap)',
    `${at.low.toFixed(3)}–${at.high.toFixed(3)}`,
    '≤ 1.10',
    at.high <= 1.1,
  );
  line("  the rounds' ratios: lowest / quartile / quartile / highest", spread(ratios));
}

function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
  return [s[0]!, at(0.25), at(0.75), s[s.length - 1]!].map((x) => x.toFixed(3)).join(' / ');
}

/** The cache of last year's forms lives in the bench's own folder, never the user's. */
let ENV: NodeJS.ProcessEnv = process.env;

/**
 * `jixiao check DIR --previous LASTDIR` once (exit 1: the example's own errors are still there): how many forms were
 * paired, how many cross-year findings there were, and each file's set of rules found.
 */
function compared(dir: string, lastDir: string): { paired: number; cross: number; rules: Set<string>[] } {
  const run = spawnSync(process.execPath, [BIN, 'check', dir, '--previous', lastDir, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: ENV,
  });
  const { files } = JSON.parse(run.stdout) as { files: { previous?: string | null; findings: { rule: string }[] }[] };
  return {
    paired: files.filter((f) => typeof f.previous === 'string').length,
    cross: files.reduce((n, f) => n + f.findings.filter((x) => x.rule.startsWith('previous-')).length, 0),
    rules: files.map((f) => new Set(f.findings.map((x) => x.rule))),
  };
}

async function timed(args: string[]): Promise<{ ms: number; code: number | null }> {
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: ENV });
    p.on('error', reject);
    p.on('exit', (c) => resolve(c));
  });
  return { ms: performance.now() - t0, code };
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-bench-previous-'));
  ENV = { ...process.env, JIXIAO_CACHE_DIR: path.join(tmp, 'cache') };
  try {
    const lastDir = path.join(tmp, '2026年');
    const thisDir = path.join(tmp, '2027年');
    const changedDir = path.join(tmp, '2027年-改动');
    await fs.mkdir(lastDir);
    await fs.mkdir(thisDir);
    await fs.mkdir(changedDir);
    const rolled = path.join(tmp, 'rolled.xlsx');
    execFileSync(process.execPath, [BIN, 'next', EXAMPLE, rolled], { cwd: ROOT, stdio: 'ignore' });
    const lastBytes = await fs.readFile(EXAMPLE);
    const thisBytes = await fs.readFile(rolled);
    for (let i = 1; i <= FORMS; i++) {
      const name = `阳新县第${String(i).padStart(3, '0')}单位`;
      await fs.writeFile(
        path.join(lastDir, `上年-${String(i).padStart(3, '0')}.xlsx`),
        await withDepartment(lastBytes, name),
      );
      // This year's files in another order than last year's: pairing cannot lean on names or positions.
      const j = ((i * 37) % FORMS) + 1;
      const mine = await withDepartment(thisBytes, name);
      await fs.writeFile(path.join(thisDir, `本年-${String(j).padStart(3, '0')}.xlsx`), mine);
      await fs.writeFile(path.join(changedDir, `本年-${String(j).padStart(3, '0')}.xlsx`), await withChanges(mine, i));
    }

    // The comparison really runs: every form is paired and nothing is found (a freshly rolled form).
    const rolledRun = compared(thisDir, lastDir);
    console.log(`(f) ${FORMS} departments, this year's forms against last year's, ${ROUNDS} rounds after a warm-up`);
    line(
      'forms paired / cross-year findings',
      `${rolledRun.paired} / ${rolledRun.cross}`,
      `${FORMS} / 0`,
      rolledRun.paired === FORMS && rolledRun.cross === 0,
    );
    // The changed folder: every form paired, and in every form both a changed history figure and the changed
    // long-term values found.
    const changedRun = compared(changedDir, lastDir);
    const found = changedRun.rules.filter((r) => r.has('previous-history') && r.has('previous-long-term')).length;
    line(
      `changed forms (${CHANGED} cells each) paired / with their changes found (cross-year findings)`,
      `${changedRun.paired} / ${found} (${changedRun.cross})`,
      `${FORMS} / ${FORMS}`,
      changedRun.paired === FORMS && found === FORMS,
    );

    const sides = [
      { name: `check ${FORMS} forms`, args: [BIN, 'check', thisDir, '--format', 'json'] },
      {
        name: `check ${FORMS} forms --previous (last year's from the cache)`,
        args: [BIN, 'check', thisDir, '--previous', lastDir, '--format', 'json'],
      },
      { name: `check both folders (${2 * FORMS} forms)`, args: [BIN, 'check', thisDir, lastDir, '--format', 'json'] },
      {
        name: `check ${FORMS} forms --previous --no-cache (${FORMS} more read)`,
        args: [BIN, 'check', thisDir, '--previous', lastDir, '--no-cache', '--format', 'json'],
      },
      { name: `check ${FORMS} changed forms`, args: [BIN, 'check', changedDir, '--format', 'json'] },
      {
        name: `check ${FORMS} changed forms --previous (from the cache)`,
        args: [BIN, 'check', changedDir, '--previous', lastDir, '--format', 'json'],
      },
    ];
    for (const s of sides) await timed(s.args);
    const times: number[][] = sides.map(() => []);
    // Rounds rotate which side goes first; the extra rounds run only the sides of the two goals (0, 1, 4, 5).
    const headline = [0, 1, 4, 5];
    for (let r = 0; r < ROUNDS + HEADLINE_ROUNDS; r++) {
      const order = r < ROUNDS ? sides.map((_, j) => j) : headline;
      for (let k = 0; k < order.length; k++) {
        const j = order[(r + k) % order.length]!;
        const t = await timed(sides[j]!.args);
        if (t.code !== 1 && t.code !== 0) throw new Error(`${sides[j]!.name} exited ${t.code}`);
        times[j]!.push(t.ms);
      }
    }
    const [alone, withPrevious, both, uncached, changedAlone, changedPrevious] = times;
    if (!alone || !withPrevious || !both || !uncached || !changedAlone || !changedPrevious) throw new Error('sides');
    sides.forEach((s, j) => line(`${s.name}, median`, ms(median(times[j]!))));
    const added = withPrevious.map((t, i) => t / alone[i]!);
    const firstRun = uncached.map((t, i) => t / alone[i]!);
    const beyondReading = uncached.map((t, i) => t / both[i]!);
    goal(`--previous / without, paired (${added.length} rounds)`, added);
    line('--previous --no-cache (a first run) / without, paired', median(firstRun).toFixed(3), '(reported)');
    line("  the rounds' ratios: lowest / quartile / quartile / highest", spread(firstRun));
    line('--previous --no-cache / both folders checked, paired', median(beyondReading).toFixed(3), '(reported)');
    line("  the rounds' ratios: lowest / quartile / quartile / highest", spread(beyondReading));
    const changedAdded = changedPrevious.map((t, i) => t / changedAlone[i]!);
    goal(
      `--previous / without, the changed forms (${CHANGED} cells each), paired (${changedAdded.length} rounds)`,
      changedAdded,
    );
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
