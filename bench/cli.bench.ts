/**
 * (c) `jixiao check` over 200 copies of the example (a form in the official
 *     paper layout) vs ExcelJS alone loading the same 200 files (goal: the
 *     whole check takes at most 0.6 × that load), with the default --jobs
 *     (one worker per core) and with --jobs 1 (the single-core figure);
 * (d) peak RSS of the runs, and of a run over 50 files, to show that memory
 *     does not grow with the number of files.
 * All sides run as plain child processes started the same way (same folder,
 * files read the same way), so node start-up and module loading are in every
 * figure. One unmeasured round warms the page cache; then the rounds rotate
 * which side goes first, so a change in machine load falls on all, and each
 * round gives paired ratios whose median is the headline figure.
 */
import { execFileSync, spawn } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { check } from '../src/check';
import { readExplanations } from '../src/report/explanations';
import { PackageWorkbook } from '../src/host/file/index';
import { JsonStream } from '../src/cli/output/format-json';
import { readDeclaration } from '../src/read';
import { line, mb, ms } from './stats';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', '部门整体绩效目标申报表-示例.xlsx');
const FILES = 200;
/** Paired rounds: on a shared two-core machine one round's ratio varies by ±0.05, so the median wants many. */
const ROUNDS = 15;

interface TimedRun {
  ms: number;
  code: number | null;
}

interface MemoryRun {
  maxRSS: number;
  peakHeap: number;
  /** Heap in use after a full GC at exit. */
  retained: number;
}

async function spawnNode(nodeArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<TimedRun> {
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const p = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env });
    p.on('error', reject);
    p.on('exit', (c) => resolve(c));
  });
  return { ms: performance.now() - t0, code };
}

/** A plain run, timed from spawn to exit. */
function timed(args: string[]): Promise<TimedRun> {
  return spawnNode(args);
}

/** A run with the memory sampler preloaded (not timed). */
async function measured(args: string[], memFile: string): Promise<MemoryRun> {
  const sampler = ['--expose-gc', '-r', path.join(__dirname, 'peak-memory.cjs')];
  await spawnNode([...sampler, ...args], { ...process.env, JIXIAO_BENCH_MEM: memFile });
  return JSON.parse(await fs.readFile(memFile, 'utf8')) as MemoryRun;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Lowest, lower quartile, upper quartile and highest of a sample. */
function spread(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
  return [s[0]!, at(0.25), at(0.75), s[s.length - 1]!].map((x) => x.toFixed(2)).join(' / ');
}

async function copies(dir: string, n: number): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (let i = 1; i <= n; i++) await fs.copyFile(EXAMPLE, path.join(dir, `单位${String(i).padStart(3, '0')}.xlsx`));
}

/**
 * Where the time goes inside one worker, step by step as `jixiao check` takes
 * them: open the package; read the form sheet (and 校验说明); find the
 * declaration; check; the JSON entry. This process has run nothing of jixiao
 * before, so the first files also pay for warming up the JIT: shown apart.
 */
async function breakdown(dir: string): Promise<void> {
  const files = (await fs.readdir(dir)).sort();
  const steps = ['open package', 'read sheet + explanations', 'find declaration', 'check', 'JSON entry'];
  const cold = steps.map(() => 0);
  const warm = steps.map(() => 0);
  const COLD = 50;
  const json = new JsonStream();
  for (const [i, f] of files.entries()) {
    const acc = i < COLD ? cold : warm;
    let t = performance.now();
    const lap = (k: number) => {
      const now = performance.now();
      acc[k] = (acc[k] ?? 0) + now - t;
      t = now;
    };
    const wb = PackageWorkbook.open(readFileSync(path.join(dir, f)));
    lap(0);
    const [sheet] = await wb.sheetNames();
    const grid = await wb.readGrid(sheet!);
    const explanations = await readExplanations(wb);
    lap(1);
    const read = readDeclaration(grid);
    lap(2);
    if (!read.form) throw new Error(`${f} is not read as a form`);
    const report = check(read.declaration, { explanations });
    lap(3);
    json.entry({ kind: 'form', file: f, sheet: read.declaration.sheet, report });
    lap(4);
  }
  const nWarm = files.length - COLD;
  console.log(`  in one process, per file: mean of the first ${COLD} files (JIT warming up) / of the other ${nWarm}`);
  steps.forEach((s, k) => line(`  ${s}`, `${ms(cold[k]! / COLD)} / ${ms(warm[k]! / nWarm)}`));
}

/**
 * The control for the default --jobs: what this machine gains from running two loads at once. ExcelJS loads the
 * 200 files in one process, then in two processes of 100 files each started together (and one process of 100 alone,
 * for scale). On a machine with two free cores the pair takes about as long as one process of 100; where the
 * pair takes as long as the 200 in one process, a second worker cannot speed up a batch either.
 */
async function parallelControl(tmp: string, loadOnly: string): Promise<void> {
  const halves = [path.join(tmp, 'half-a'), path.join(tmp, 'half-b')];
  await Promise.all(halves.map((d) => copies(d, FILES / 2)));
  const one200: number[] = [];
  const one100: number[] = [];
  const two100: number[] = [];
  for (let i = 0; i < 5; i++) {
    one200.push((await timed([loadOnly, path.join(tmp, String(FILES))])).ms);
    one100.push((await timed([loadOnly, halves[0]!])).ms);
    const t0 = performance.now();
    await Promise.all(halves.map((d) => timed([loadOnly, d])));
    two100.push(performance.now() - t0);
  }
  console.log('(e) parallel control: ExcelJS loading the files in one process, or split over two processes at once');
  line(
    `one process, ${FILES} files / one process, ${FILES / 2} files, median`,
    `${ms(median(one200))} / ${ms(median(one100))}`,
  );
  line(`two processes of ${FILES / 2} files at once, median`, ms(median(two100)));
  line('speed-up of the pair over one process', (median(one200) / median(two100)).toFixed(2));
}

export async function run(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-bench-'));
  try {
    const big = path.join(tmp, String(FILES));
    const small = path.join(tmp, '50');
    await copies(big, FILES);
    await copies(small, 50);
    const memFile = path.join(tmp, 'mem.json');
    const bin = path.join(ROOT, 'bin', 'jixiao.js');
    const loadOnly = path.join(__dirname, 'load-only.cjs');

    console.log(`(c) ${FILES} copies of the example, one process each side, ${ROUNDS} rounds after a warm-up round`);
    const sides: { name: string; args: string[]; code: number }[] = [
      { name: 'ExcelJS load only', args: [loadOnly, big], code: 0 },
      {
        name: `jixiao check --format json (--jobs ${os.cpus().length}, the default)`,
        args: [bin, 'check', big, '--format', 'json'],
        code: 1,
      },
      {
        name: 'jixiao check --format json --jobs 1',
        args: [bin, 'check', big, '--format', 'json', '--jobs', '1'],
        code: 1,
      },
    ];
    for (const side of sides) await timed(side.args);
    const times: number[][] = sides.map(() => []);
    for (let i = 0; i < ROUNDS; i++) {
      // Rotates the order: every side is first, second and third in turn.
      for (let k = 0; k < sides.length; k++) {
        const j = (i + k) % sides.length;
        const r = await timed(sides[j]!.args);
        if (r.code !== sides[j]!.code)
          throw new Error(`${sides[j]!.name} exited ${r.code} (expected ${sides[j]!.code})`);
        times[j]!.push(r.ms);
      }
    }
    const [bare, par, single] = times as [number[], number[], number[]];
    sides.forEach((side, j) => line(`${side.name}, median`, ms(median(times[j]!))));
    line(
      'per file: load only / check (default) / check --jobs 1',
      `${ms(median(bare) / FILES)} / ${ms(median(par) / FILES)} / ${ms(median(single) / FILES)}`,
    );
    // Each round's runs were next to each other in time: their ratio carries the least of the machine's drift.
    const pairs = par.map((t, i) => t / bare[i]!);
    const ratio = median(pairs);
    line('check (default --jobs) / load only, paired', ratio.toFixed(3), '≤ 0.6', ratio <= 0.6);
    line("  the rounds' ratios: lowest / quartile / quartile / highest", spread(pairs));
    const pairs1 = single.map((t, i) => t / bare[i]!);
    const ratio1 = median(pairs1);
    line('check --jobs 1 / load only, paired (single core)', ratio1.toFixed(3));
    line("  the rounds' ratios: lowest / quartile / quartile / highest", spread(pairs1));
    const fastest = Math.min(...par) / Math.min(...bare);
    line('check (default) / load only, fastest runs', fastest.toFixed(2), '≤ 0.6', fastest <= 0.6);
    await breakdown(big);
    await parallelControl(tmp, loadOnly);

    console.log(
      '(d) memory: peak RSS of the whole process (kernel; the worker threads included) / peak heap of the main thread',
    );
    const fig = (r: MemoryRun) => `${mb(r.maxRSS)} / ${mb(r.peakHeap)}`;
    line(`ExcelJS load only, ${FILES} files`, fig(await measured(sides[0]!.args, memFile)));
    const all = await measured(sides[1]!.args, memFile);
    const fifty = await measured([bin, 'check', small, '--format', 'json'], memFile);
    line(`jixiao check, ${FILES} files`, fig(all));
    line('jixiao check, 50 files', fig(fifty));
    line(`jixiao check --jobs 1, ${FILES} files`, fig(await measured(sides[2]!.args, memFile)));
    // Peak RSS grows a little with the run because V8 grows the workers' heaps lazily (up to their cap);
    // what the main thread keeps between files is what must not grow: results are written and dropped.
    const growth = all.retained - fifty.retained;
    line(
      `main thread's retained heap, ${FILES} files minus 50`,
      mb(growth),
      'bounded (≈ 0 MB)',
      growth < 5 * 1024 * 1024,
    );
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
