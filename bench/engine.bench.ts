/**
 * (e) Choosing the reading engine: ExcelJS (load the whole workbook, as
 *     `jixiao check` did), ExcelJS's streaming reader, and jixiao's own
 *     package reader (fflate + saxes, only the sheets needed). Per file on
 *     the example, in one process; then each engine on hostile files in a
 *     process of its own, with its peak RSS and time (capped at a 2 GB heap
 *     and 60 s: what does not finish is reported as such).
 */
import { spawnSync } from 'child_process';
import { promises as fs, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { appendToForm, exampleParts, EXAMPLE, zipParts } from '../tests/helpers/xlsx-package';
import { readWith } from './engine-child';
import { line, mb, ms, summarize } from './stats';

const ROOT = path.resolve(__dirname, '..');
const ENGINES = ['exceljs', 'exceljs-stream', 'package'];
const RUNS = 200;

async function perFile(): Promise<void> {
  const bytes = readFileSync(EXAMPLE);
  console.log(
    `  the example (${(bytes.length / 1024).toFixed(0)} KB), ${RUNS} reads each after 30 unmeasured, in one process:`,
  );
  for (const engine of ENGINES) {
    for (let i = 0; i < 30; i++) await readWith(engine, bytes);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await readWith(engine, bytes);
      samples.push(performance.now() - t0);
    }
    const t = summarize(samples);
    line(`  ${engine}: median / p95`, `${ms(t.median)} / ${ms(t.p95)}`);
  }
}

function hostileFiles(): { name: string; bytes: Uint8Array }[] {
  const far = exampleParts();
  appendToForm(far, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>');
  const merge = exampleParts();
  appendToForm(merge, '', '<mergeCell ref="M1:XFD1048576"/>');
  const formatted = exampleParts();
  const rows: string[] = [];
  for (let r = 200; r < 200 + 20_000; r++) {
    const cells: string[] = [];
    for (let c = 0; c < 20; c++) cells.push(`<c r="${String.fromCharCode(65 + c)}${r}" s="1"/>`);
    rows.push(`<row r="${r}">${cells.join('')}</row>`);
  }
  appendToForm(formatted, rows.join(''));
  return [
    { name: 'value at XFD1048576 on the form sheet', bytes: zipParts(far) },
    { name: 'merge M1:XFD1048576 on the form sheet', bytes: zipParts(merge) },
    { name: '400,000 cells with only a style', bytes: zipParts(formatted) },
  ];
}

function child(engine: string, file: string, memFile: string): string {
  rmSync(memFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=2048',
      '-r',
      path.join(__dirname, 'peak-memory.cjs'),
      '-r',
      'tsx/cjs',
      path.join(__dirname, 'engine-child.ts'),
      engine,
      file,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, JIXIAO_BENCH_MEM: memFile } },
  );
  const wall = performance.now() - t0;
  let rss = '';
  try {
    rss = mb((JSON.parse(readFileSync(memFile, 'utf8')) as { maxRSS: number }).maxRSS);
  } catch {
    rss = 'peak RSS not recorded';
  }
  if (r.signal === 'SIGTERM') return `killed after 60 s`;
  try {
    const out = JSON.parse(r.stdout) as { ms: number; cells?: number; error?: string };
    return out.error ? `${ms(out.ms)}, ${rss}, refused: ${out.error}` : `${ms(out.ms)}, ${rss}`;
  } catch {
    const why = /heap out of memory/i.test(r.stderr) ? 'heap out of memory' : `exit ${r.status}`;
    return `crashed (${why}) after ${ms(wall)}`;
  }
}

export async function run(): Promise<void> {
  await perFile();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-engine-'));
  try {
    console.log('  hostile files, one process per engine and file: time, peak RSS');
    for (const h of hostileFiles()) {
      const file = path.join(tmp, 'h.xlsx');
      await fs.writeFile(file, h.bytes);
      console.log(`  ${h.name} (${(h.bytes.length / 1024).toFixed(0)} KB)`);
      for (const engine of ENGINES) line(`    ${engine}`, child(engine, file, path.join(tmp, 'mem.json')));
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
