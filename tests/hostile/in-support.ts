/**
 * Support for the hostile-input suite (tests/hostile/in-*.test.ts): hostile
 * workbooks are built here in code from the bundled example, and the real
 * command line (`node bin/jixiao.js`, workers and all) is run on them in a
 * child process with its peak memory recorded by bench/peak-memory.cjs.
 */
import { spawnSync } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FORM_PART, setText, text, type Parts } from '../helpers/xlsx-package';
import { ROOT } from '../cli/run-cli';
import { BIN } from './run';

export const SAMPLER = path.join(ROOT, 'bench', 'peak-memory.cjs');

/** Peak RSS allowed for any run of the suite (issue 21: under 600 MB for any single input and any --jobs). */
export const PEAK_RSS_BOUND = 600 * 1024 * 1024;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak RSS of the run (the relaunched process and its launcher together), bytes. */
  maxRSS: number;
}

export async function tempDir(): Promise<string> {
  await fs.mkdir(path.join(os.tmpdir(), 'jixiao-hostile-in'), { recursive: true });
  return fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-hostile-in', 'run-'));
}

/** `node -r peak-memory.cjs bin/jixiao.js ARGS` in `cwd`, with a time bound. */
export function jixiaoMeasured(args: string[], cwd: string, timeoutMs = 150_000): Run {
  const mem = path.join(cwd, `.mem-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', SAMPLER, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JIXIAO_BENCH_MEM: mem, NO_COLOR: '1', FORCE_COLOR: undefined },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  let maxRSS = Number.NaN;
  try {
    maxRSS = (JSON.parse(readFileSync(mem, 'utf8')) as { maxRSS: number }).maxRSS;
  } catch {
    // killed before it could write its figures: NaN fails every bound
  }
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', maxRSS };
}

/** What every failure line must be: Chinese, one line, no English parser text, errno code or stack. */
export function expectChineseOnly(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  for (const line of lines) {
    expect(line).toMatch(/[\u4e00-\u9fff]/);
    expect(line).not.toMatch(/\b(E[A-Z]{3,}|Error|error|at .+:\d+|malformed|entity|heap|undefined|null)\b/);
  }
}

/** Adds a copy of the form's sheet as a new worksheet part, listed before or after the form, with a visibility. */
export function addFormCopy(
  parts: Parts,
  name: string,
  opts: { state?: 'hidden' | 'veryHidden'; before?: boolean; xml?: string } = {},
): string {
  const n = Object.keys(parts).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).length + 1;
  const part = `xl/worksheets/sheet${n}.xml`;
  setText(parts, part, opts.xml ?? text(parts, FORM_PART));
  const relId = `rIdIn${n}`;
  setText(
    parts,
    'xl/_rels/workbook.xml.rels',
    text(parts, 'xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      `<Relationship Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    ),
  );
  setText(
    parts,
    '[Content_Types].xml',
    text(parts, '[Content_Types].xml').replace(
      '</Types>',
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
  );
  const state = opts.state ? ` state="${opts.state}"` : '';
  const element = `<sheet sheetId="${n + 20}" name="${name}"${state} r:id="${relId}"/>`;
  const wb = text(parts, 'xl/workbook.xml');
  setText(
    parts,
    'xl/workbook.xml',
    opts.before ? wb.replace('<sheets>', `<sheets>${element}`) : wb.replace('</sheets>', `${element}</sheets>`),
  );
  // A print area scoped to the first sheet would now point at the copy: leave names out of it.
  setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace(/<definedNames>.*<\/definedNames>/, ''));
  return part;
}
