/**
 * (c) `jixiao check` over 200 copies of the example vs ExcelJS alone loading
 *     the same 200 files (goal: checking adds ≤ 20 % to the bare load);
 * (d) peak RSS and heap of both runs, and of a run over 50 files, to show
 *     that memory does not grow with the number of files.
 * Both sides run as plain child processes started the same way (same folder,
 * files read the same way), so node start-up and module loading are on both
 * sides of the ratio. One unmeasured pair warms the page cache; then the rounds
 * alternate which side goes first (A/B, B/A, …), so a change in machine load
 * falls on both, and each round gives a paired ratio whose median is the
 * headline figure. Memory is measured in separate runs: the sampler and the
 * full GC at exit cost more on the side with the larger heap, so they stay out
 * of the timed runs.
 */
import { execFileSync, spawn } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { check } from '../src/check';
import { readExplanations } from '../src/explanations';
import { XlsxHost } from '../src/host/xlsx';
import { JsonStream } from '../src/cli/format-json';
import { findDeclaration } from '../src/read';
import type { Grid } from '../src/sheet/grid';
import { line, mb, ms } from './stats';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', '部门整体绩效目标申报表-示例.xlsx');
const FILES = 200;
const ROUNDS = 7;

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

async function copies(dir: string, n: number): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (let i = 1; i <= n; i++) await fs.copyFile(EXAMPLE, path.join(dir, `单位${String(i).padStart(3, '0')}.xlsx`));
}

/**
 * Where the time goes inside one process, step by step as `jixiao check` takes
 * them: ExcelJS load; every sheet → Grid and the explanations; find the
 * declaration; check; the JSON entry. This process has run nothing of jixiao
 * before, so the first files also pay for warming up the JIT: shown apart.
 */
async function breakdown(dir: string): Promise<void> {
  const files = (await fs.readdir(dir)).sort();
  const steps = ['ExcelJS load', 'sheets → Grid + explanations', 'find declaration', 'check', 'JSON entry'];
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
    const host = await XlsxHost.load(readFileSync(path.join(dir, f)));
    lap(0);
    const all: Grid[] = [];
    for (const name of await host.sheetNames()) all.push(await host.readGrid(name));
    const explanations = await readExplanations(host);
    lap(1);
    const read = findDeclaration(all);
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
  const ours = (acc: number[]) => acc.slice(1).reduce((a, b) => a + b, 0);
  line(
    '  jixiao work / load',
    `${((ours(cold) / cold[0]!) * 100).toFixed(1)} % / ${((ours(warm) / warm[0]!) * 100).toFixed(1)} %`,
  );
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

    console.log(`(c) ${FILES} copies of the example, one process each side, ${ROUNDS} rounds after a warm-up pair`);
    const bareArgs = [loadOnly, big];
    const cliArgs = [bin, 'check', big, '--format', 'json'];
    await timed(bareArgs);
    await timed(cliArgs);
    const bare: TimedRun[] = [];
    const cli: TimedRun[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2 === 0) {
        bare.push(await timed(bareArgs));
        cli.push(await timed(cliArgs));
      } else {
        cli.push(await timed(cliArgs));
        bare.push(await timed(bareArgs));
      }
    }
    if (cli.some((r) => r.code !== 1))
      throw new Error(`jixiao check exited ${cli.map((r) => r.code).join(',')} (expected 1)`);
    if (bare.some((r) => r.code !== 0)) throw new Error(`load-only exited ${bare.map((r) => r.code).join(',')}`);
    const tBare = median(bare.map((r) => r.ms));
    const tCli = median(cli.map((r) => r.ms));
    line('ExcelJS load only, median', `${ms(tBare)}`);
    line('jixiao check --format json, median', `${ms(tCli)}`);
    line('per file: load only / jixiao check', `${ms(tBare / FILES)} / ${ms(tCli / FILES)}`);
    // Each round's two runs were next to each other in time: their ratio carries the least of the machine's drift.
    const paired = median(cli.map((r, i) => r.ms / bare[i]!.ms)) - 1;
    line('checking adds (median of paired rounds)', `${(paired * 100).toFixed(1)} %`, '≤ 20 %', paired <= 0.2);
    const overhead = tCli / tBare - 1;
    line('checking adds (ratio of medians)', `${(overhead * 100).toFixed(1)} %`, '≤ 20 %', overhead <= 0.2);
    // The fastest run of each side carries the least of the other processes on this shared machine.
    const fastest = Math.min(...cli.map((r) => r.ms)) / Math.min(...bare.map((r) => r.ms)) - 1;
    line('checking adds (fastest runs)', `${(fastest * 100).toFixed(1)} %`, '≤ 20 %', fastest <= 0.2);
    await breakdown(big);

    console.log(
      '(d) memory: peak RSS (kernel) / peak heap (sampled every 5 ms) / heap retained after a full GC at exit',
    );
    const bareMem = await measured(bareArgs, memFile);
    const cliMem = await measured(cliArgs, memFile);
    const cli50 = await measured([bin, 'check', small, '--format', 'json'], memFile);
    const fig = (r: MemoryRun) => `${mb(r.maxRSS)} / ${mb(r.peakHeap)} / ${mb(r.retained)}`;
    line(`ExcelJS load only, ${FILES} files`, fig(bareMem));
    line(`jixiao check, ${FILES} files`, fig(cliMem));
    line('jixiao check, 50 files', fig(cli50));
    // Peak RSS and heap grow a little with the run because V8 collects lazily; what is kept is what matters.
    const growth = cliMem.retained - cli50.retained;
    line(`retained heap, ${FILES} files minus 50 files`, mb(growth), 'bounded (≈ 0 MB)', growth < 5 * 1024 * 1024);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
