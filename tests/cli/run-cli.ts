/** Runs the built command line as a user does: `node bin/jixiao.js …`, in a child process. */
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'jixiao.js');
export const EXAMPLE = path.join(ROOT, 'examples', '部门整体绩效目标申报表-示例.xlsx');

/** Bundles src/cli into dist/cli.js (what `npm ci` does through `prepare`). */
/** Builds dist/ unless tests/global-setup.js already did for this run (one build, never under a running test). */
export function buildCli(): void {
  if (process.env.JIXIAO_CLI_BUILT === '1') return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function jixiao(args: string[], cwd: string = ROOT): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    // A pipe, not a terminal: output must come without colour codes.
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonOutput {
  files: {
    file: string;
    sheet: string | null;
    form: boolean;
    findings: {
      rule: string;
      severity: string;
      message: string;
      cells: string[];
      expected: string | null;
      explained: boolean;
      blank: boolean;
      explanation?: string;
      section: string;
      table?: string;
      row?: number;
      fix?: { cell: string; value?: number | string; formula?: string };
    }[];
    summary: { errors: number; warnings: number; explained: number };
    reason?: string;
    error?: string;
    annotated?: string;
  }[];
  summary: { files: number; withErrors: number; unreadable: number; notForms: number };
}

export function parseJson(run: CliRun): JsonOutput {
  try {
    return JSON.parse(run.stdout) as JsonOutput;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\n--- stderr:\n${run.stderr}`);
  }
}
