/**
 * The hostile suite's way of running jixiao: the real command line (`node bin/jixiao.js`, relaunch, workers and
 * all) in a child process, as a user or a script does. JIXIAO_HOSTILE_BIN points the suite at another build (an
 * older checkout's bin/jixiao.js), which is how each test was seen to fail on the code before the fix.
 */
import { spawn, spawnSync, type SpawnOptions } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { xmlUnescape } from '../../src/xlsx/patch-cells';
import { SaxesParser } from 'saxes';
import { unzipSync, strFromU8 } from 'fflate';
import { BIN as OWN_BIN, ROOT } from '../cli/run-cli';

export const BIN = process.env.JIXIAO_HOSTILE_BIN || OWN_BIN;
export const SAMPLER = path.join(ROOT, 'bench', 'peak-memory.cjs');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };

export function jixiao(args: string[], cwd: string, timeout = 120_000): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: ENV,
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The run with its peak memory, from bench/peak-memory.cjs: `maxRSS` of every process of the run, `peakHeap` of
 * the main thread of the process that did the work (where the run's outputs are assembled; workers have their own).
 */
export function measured(args: string[], cwd: string, memFile: string): Run & { maxRSS: number; peakHeap: number } {
  const r = spawnSync(process.execPath, ['-r', SAMPLER, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...ENV, JIXIAO_BENCH_MEM: memFile },
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const { maxRSS, peakHeap } = JSON.parse(readFileSync(memFile, 'utf8')) as { maxRSS: number; peakHeap: number };
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, maxRSS, peakHeap };
}

/**
 * Starts a run without waiting; `done` resolves when it has ended. With `group`, the run is the leader of a process
 * group of its own, as a command started from a terminal is: `process.kill(-child.pid, signal)` then reaches every
 * process of the run at once, as Ctrl+C does.
 */
export function start(
  args: string[],
  cwd: string,
  stdio: SpawnOptions['stdio'] = ['ignore', 'pipe', 'pipe'],
  group = false,
): { child: ReturnType<typeof spawn>; done: Promise<Run>; stderr: () => string; stdout: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio, detached: group });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr, stdout: () => stdout };
}

/** Every XML part of a package, parsed by a conforming XML 1.0 parser: the first well-formedness error, or null. */
export function xmlError(bytes: Uint8Array): string | null {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    const parser = new SaxesParser({ xmlns: false });
    let error: string | null = null;
    parser.on('error', (e) => {
      error ??= `${name}: ${e.message}`;
    });
    parser.write(strFromU8(data)).close();
    if (error) return error;
  }
  return null;
}

/** The text of every cell and comment of a package's sheets and shared strings (decoded), for length checks. */
export function texts(bytes: Uint8Array): string[] {
  const parts = unzipSync(bytes);
  const out: string[] = [];
  for (const [name, data] of Object.entries(parts)) {
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings|comments\d*)\.xml$/.test(name)) continue;
    const xml = strFromU8(data);
    // One <si>, one inline string or one comment is one text, however many runs it has.
    for (const m of xml.matchAll(/<(si|is|comment)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
      let t = '';
      for (const r of m[2]!.matchAll(/<t\b[^>]*>([^<]*)<\/t>/g)) t += r[1]!;
      out.push(xmlUnescape(t));
    }
    for (const m of xml.matchAll(/<c\b[^>]*t="str"[^>]*>[\s\S]*?<v>([^<]*)<\/v>/g)) out.push(xmlUnescape(m[1]!));
  }
  return out;
}
