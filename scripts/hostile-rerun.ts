/**
 * The re-run of issue 21's hostile round (`npx tsx scripts/hostile-rerun.ts`, after `npm run build:cli`): every
 * case the round found is built again from the bundled example and the REAL command line (`node bin/jixiao.js`,
 * launcher, relaunched process, workers and all) is run on it, as a user or a script would. For each run it records
 * the exit code or signal, stderr's first line, what became of the outputs (replaced, left alone, partial, temporary
 * files left) and the peak resident memory of the whole process tree, sampled from /proc by this script (not by the
 * program's own bench sampler): the sum over the tree's processes of each one's high-water mark (VmHWM), which
 * catches a spike between two samples, and the largest sum of VmRSS seen at one sample.
 *
 * It prints a table — case, what issue 21's "What must hold" expects, what was observed, held yes/no — and exits 1
 * when any case did not hold. It is not a test: it takes minutes, writes up to ~1 GB under its temporary folder
 * (removed at the end) and runs sequentially, one command line at a time. Options:
 *   --only id,id     run only the cases whose id starts with one of these
 *   --files N        the number of files of the --summary memory case (default 2000)
 *   --keep           keep the temporary folder
 * Independent checks use Python's zipfile and expat (a strict XML 1.0 parser), not the code under test.
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  chmodSync,
  writeFileSync,
  copyFileSync,
  truncateSync,
} from 'fs';
import * as os from 'os';
import * as path from 'path';
import { crc32 } from 'zlib';
import {
  bombZip,
  exampleParts,
  FORM_PART,
  rawEntries,
  rawZip,
  readDirectory,
  setText,
  sheetXml,
  text,
  unholdableTextParts,
  zipParts,
  appendToForm,
  type Parts,
  type RawEntry,
} from '../tests/helpers/xlsx-package';
import { addFormCopy } from '../tests/hostile/in-support';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'jixiao.js');
const EXAMPLE = path.join(ROOT, 'examples', '部门整体绩效目标申报表-示例.xlsx');
const BOUND_MB = 600;

// ---------------------------------------------------------------------------------------------------------------
// Options and the work folder

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ONLY = (opt('--only') ?? '').split(',').filter(Boolean);
const SUMMARY_FILES = Number(opt('--files') ?? 2000);
const KEEP = argv.includes('--keep');

const WORK = mkdtempSync(path.join(process.env.JIXIAO_RERUN_TMP ?? os.tmpdir(), 'jixiao-rerun-'));
chmodSync(WORK, 0o755);

// ---------------------------------------------------------------------------------------------------------------
// Running the command line with the process tree's memory sampled from /proc

interface Obs {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: number;
  stderr: string;
  /** Sum over the tree's processes of each one's last seen VmHWM, MB (catches spikes between samples). */
  hwmMB: number;
  /** Largest sum of VmRSS over the tree at one sample, MB. */
  rssMB: number;
  ms: number;
  timedOut: boolean;
}

function kb(status: string, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) : 0;
}

/** The pids of `root` and all its descendants, through /proc/PID/task/TID/children. */
function tree(root: number): number[] {
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const kids = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
        if (kids) for (const k of kids.split(/\s+/)) stack.push(Number(k));
      } catch {
        // the thread or process has gone
      }
    }
  }
  return out;
}

interface RunOpts {
  cwd?: string;
  timeoutMs?: number;
  /** 'pipe' (default) or a file descriptor to give the program as its stdout. */
  stdout?: 'pipe' | number;
  /** A command the node process is started through (setpriv). */
  wrap?: string[];
  /** Called once the program runs; may signal it. */
  during?: (child: ChildProcess, out: { stdout: () => string }) => Promise<void>;
  /** Keep at most this many characters of stdout (the byte count is always whole). */
  keepStdout?: number;
  /** More environment (TMPDIR, to see what the run leaves in its temporary folder). */
  env?: Record<string, string>;
}

async function run(cmd: string, args: string[], o: RunOpts = {}): Promise<Obs> {
  const started = Date.now();
  const child = spawn(cmd, args, {
    cwd: o.cwd ?? WORK,
    // A group of its own, so that a time limit (or a Ctrl+C) reaches every process of the run.
    detached: true,
    stdio: ['ignore', o.stdout ?? 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, JIXIAO_RELAUNCHED: undefined, ...o.env },
  });
  const keep = o.keepStdout ?? 8 * 1024 * 1024;
  let stdout = '';
  let stdoutBytes = 0;
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdoutBytes += d.length;
    if (stdout.length < keep) stdout += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 1024 * 1024) stderr += d.toString('utf8');
  });
  const hwm = new Map<number, number>();
  let rssMax = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    let sum = 0;
    for (const pid of tree(child.pid)) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        sum += kb(status, 'VmRSS');
        // A process is sampled to its end: its last high-water mark is its peak (before exec a child shows its
        // parent's mark, which the new image's own replaces at the next sample). A zombie has no Vm lines.
        const mark = kb(status, 'VmHWM');
        if (mark > 0) hwm.set(pid, mark);
      } catch {
        // ended between listing and reading
      }
    }
    if (sum > rssMax) rssMax = sum;
  };
  const timer = setInterval(sample, 15);
  let timedOut = false;
  const limit = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, o.timeoutMs ?? 300_000);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  if (o.during) await o.during(child, { stdout: () => stdout });
  const { code, signal } = await closed;
  clearInterval(timer);
  clearTimeout(limit);
  const sumHwm = [...hwm.values()].reduce((a, b) => a + b, 0);
  return {
    code,
    signal,
    stdout,
    stdoutBytes,
    stderr,
    hwmMB: Math.round(sumHwm / 1024),
    rssMB: Math.round(rssMax / 1024),
    ms: Date.now() - started,
    timedOut,
  };
}

const jixiao = (args: string[], o: RunOpts = {}) =>
  run(
    o.wrap ? o.wrap[0]! : process.execPath,
    [...(o.wrap ? [...o.wrap.slice(1), process.execPath] : []), BIN, ...args],
    o,
  );

// ---------------------------------------------------------------------------------------------------------------
// Independent checks of what was written (Python: zipfile, expat)

const PY = path.join(WORK, 'inspect.py');
writeFileSync(
  PY,
  String.raw`
import json, sys, zipfile, re
import xml.parsers.expat as expat
import xml.etree.ElementTree as ET
what, file = sys.argv[1], sys.argv[2]
out = {}
z = zipfile.ZipFile(file)
if what == 'xml':
    # With a reference package (the input of a copy), parts carried over byte for byte from it are not jixiao's
    # writing: they are counted as carried, not parsed.
    ref = zipfile.ZipFile(sys.argv[3]) if len(sys.argv) > 3 else None
    ref_names = set(ref.namelist()) if ref else set()
    out['error'] = None
    out['carried'] = []
    for info in z.infolist():
        if not re.search(r'\.(xml|rels|vml)$', info.filename, re.I):
            continue
        if info.filename in ref_names and ref.read(info.filename) == z.read(info):
            out['carried'].append(info.filename)
            continue
        p = expat.ParserCreate()
        try:
            p.Parse(z.read(info), True)
        except Exception as e:
            out['error'] = '%s: %s' % (info.filename, e)
            break
elif what == 'texts':
    # The longest text of a cell, shared string or comment, and every text, as a reader of the file sees them.
    longest, found, out['unparsed'] = 0, [], []
    for name in z.namelist():
        if not re.match(r'^xl/(worksheets/sheet\d+|sharedStrings|comments\d*)\.xml$', name):
            continue
        try:
            root = ET.fromstring(z.read(name))
        except ET.ParseError:
            out['unparsed'].append(name)
            continue
        for el in root.iter():
            tag = el.tag.split('}')[-1]
            if tag in ('si', 'is', 'comment'):
                t = ''.join(x.text or '' for x in el.iter() if x.tag.split('}')[-1] == 't')
                longest = max(longest, len(t))
                found.append(t[:200] + ('…' + t[-120:] if len(t) > 320 else t[200:]))
            elif tag == 'c' and el.get('t') == 'str':
                for v in el:
                    if v.tag.split('}')[-1] == 'v':
                        t = v.text or ''
                        longest = max(longest, len(t))
                        found.append(t[:200] + ('…' + t[-120:] if len(t) > 320 else t[200:]))
    out['longest'] = longest
    out['texts'] = found
elif what == 'zip':
    infos = z.infolist()
    out['count'] = len(infos)
    out['bad'] = z.testzip()
    out['names'] = [(i.filename.encode('utf-8') if i.flag_bits & 0x800 else i.filename.encode('cp437')).hex() for i in infos[-40:]]
    out['flags'] = [i.flag_bits & 0x800 for i in infos[-40:]]
elif what == 'sheets':
    wb = z.read('xl/workbook.xml').decode('utf-8')
    out['sheets'] = [[m.group(1), m.group(2) or 'visible'] for m in re.finditer(r'<sheet\b[^>]*?name="([^"]*)"(?:[^>]*?state="([^"]*)")?', wb)]
elif what == 'links':
    rels = z.read('xl/worksheets/_rels/sheet1.xml.rels').decode('utf-8')
    out['targets'] = [m.group(1) for m in re.finditer(r'Target="([^"]*)"', rels)]
elif what == 'part':
    out['text'] = z.read(sys.argv[3]).decode('utf-8')
elif what == 'rows':
    sheet = z.read('xl/worksheets/sheet1.xml').decode('utf-8')
    out['rows'] = len(re.findall(r'<row\b', sheet))
print(json.dumps(out, ensure_ascii=False))
`,
);

function py<T>(what: string, file: string, extra: string[] = []): T {
  const r = spawnSync('python3', [PY, what, file, ...extra], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) return { error: `python: ${r.stderr.trim().split('\n').pop()}` } as T;
  return JSON.parse(r.stdout) as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers for the cases

interface Row {
  id: string;
  point: string;
  expected: string;
  observed: string;
  held: boolean;
  peakMB?: number;
}
const rows: Row[] = [];

function record(row: Row): void {
  rows.push(row);
  const mem = row.peakMB !== undefined ? ` [${row.peakMB} MB]` : '';
  process.stderr.write(`${row.held ? 'held' : 'NOT HELD'}  ${row.id}${mem}: ${row.observed}\n`);
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Hashes of the inputs now; `unchanged()` says whether they still are. */
function guard(files: string[]): () => boolean {
  const before = files.map(sha);
  return () => files.every((f, i) => sha(f) === before[i]);
}

function dir(...names: string[]): string {
  const d = path.join(WORK, ...names);
  mkdirSync(d, { recursive: true });
  return d;
}

function put(name: string, bytes: Uint8Array | string): string {
  const file = path.join(WORK, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

/** `n` copies of the example in a new folder, named 表0001.xlsx… (or another prefix). */
function copies(name: string, n: number, prefix = '表'): string {
  const d = dir(name);
  const bytes = readFileSync(EXAMPLE);
  for (let i = 1; i <= n; i++) writeFileSync(path.join(d, `${prefix}${String(i).padStart(4, '0')}.xlsx`), bytes);
  return d;
}

const firstLine = (s: string) =>
  s
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';
const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
const chinese = (s: string) => /[\u4e00-\u9fff]/.test(s);
const ENGLISH =
  /\b(E[A-Z]{3,}|[A-Za-z]*Error|error|at \S+:\d+|malformed|entity|heap|undefined|null|node::|Cannot|Invalid)\b/;
/** Every stderr line is Chinese, none carries English parser or errno text, and there are at most `max` of them. */
const oneChinese = (stderr: string, max = 1) => {
  const l = lines(stderr);
  return l.length >= 1 && l.length <= max && l.every((x) => chinese(x) && !ENGLISH.test(x));
};
/** Temporary files and locks jixiao may leave behind. */
const leftovers = (d: string) =>
  existsSync(d) ? readdirSync(d).filter((n) => /\.tmp$|\.lock$|^\.jixiao-/.test(n)) : [];
const xlsxIn = (d: string) => (existsSync(d) ? readdirSync(d).filter((n) => n.endsWith('.xlsx')) : []);
const ex = (o: Obs) => (o.signal ? `signal ${o.signal}` : `exit ${o.code}`) + (o.timedOut ? ' (TIMED OUT)' : '');
const clip = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n)}…` : s);
const short = (o: Obs) => `${ex(o)}, ${(o.ms / 1000).toFixed(1)} s, stderr: ${clip(firstLine(o.stderr)) || '(none)'}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface JsonEntry {
  file: string;
  sheet: string | null;
  form: boolean;
  error?: string;
  annotated?: string;
  annotateError?: string;
  department?: string | null;
  notes?: string[];
  summary: { errors: number; warnings: number };
}
function json(o: Obs): { files: JsonEntry[]; summary: Record<string, number> } | null {
  try {
    return JSON.parse(o.stdout) as { files: JsonEntry[]; summary: Record<string, number> };
  } catch {
    return null;
  }
}

async function measured(id: string, fn: () => Promise<void>): Promise<void> {
  if (ONLY.length > 0 && !ONLY.some((p) => id.startsWith(p))) return;
  process.stderr.write(`-- ${id}\n`);
  try {
    await fn();
  } catch (err) {
    record({
      id,
      point: '?',
      expected: '(case could not be run)',
      observed: `re-run error: ${String(err)}`,
      held: false,
    });
  }
}

/** The example with its form sheet's B4 (部门) set to an inline string: a result tells which copy was read. */
function formWithDepartment(parts: Parts, department: string): string {
  return text(parts, FORM_PART).replace(
    '<c r="B4" s="4" t="s"><v>5</v></c>',
    `<c r="B4" s="4" t="inlineStr"><is><t>${department}</t></is></c>`,
  );
}

/** The example's form with its six errors corrected (the shares G11:G13, the bases H43:H45 = 计划标准, string 76). */
function correctedForm(parts: Parts, department: string): string {
  let xml = formWithDepartment(parts, department);
  for (const [cell, from, to] of [
    ['G11', '0.8399', '0.8412'],
    ['G12', '0.0712', '0.0706'],
    ['G13', '0.0889', '0.0882'],
  ] as const)
    xml = xml.replace(`<c r="${cell}" s="7"><v>${from}</v></c>`, `<c r="${cell}" s="7"><v>${to}</v></c>`);
  for (const cell of ['H43', 'H44', 'H45'])
    xml = xml.replace(`<c r="${cell}" s="4" t="s"><v>100</v></c>`, `<c r="${cell}" s="4" t="s"><v>76</v></c>`);
  return xml;
}

/** The example with `part` inflating to a comment of `mb` MB, before its root element or just inside it. */
function withComment(part: string, mb: number, where: 'prolog' | 'inside'): Uint8Array {
  const parts = exampleParts();
  const xml = text(parts, part);
  const at = where === 'prolog' ? xml.indexOf('?>') + 2 : xml.indexOf('>', xml.indexOf('?>') + 2) + 1;
  return bombZip(parts, part, `${xml.slice(0, at)}<!--`, 'jixiao ', mb * 1024 * 1024, `-->${xml.slice(at)}`);
}

/**
 * check (JSON), check --annotate and next on one file: each must refuse it with exit 2, one Chinese line matching
 * `cause` and nothing written; the input unchanged. Returns the observation text, whether it held, the peak.
 */
async function refusedByEveryCommand(
  file: string,
  cause: RegExp,
): Promise<{ observed: string; held: boolean; peakMB: number }> {
  const unchanged = guard([file]);
  const base = path.basename(file, '.xlsx');
  const out = path.join(WORK, `annotated-${base}`);
  const target = path.join(WORK, `${base}-next.xlsx`);
  const runs = {
    check: await jixiao(['check', file, '--format', 'json']),
    annotate: await jixiao(['check', file, '--annotate', out]),
    next: await jixiao(['next', file, target]),
  };
  let held = unchanged() && xlsxIn(out).length === 0 && !existsSync(target) && leftovers(out).length === 0;
  const said: string[] = [];
  for (const [name, o] of Object.entries(runs)) {
    const ok = o.code === 2 && oneChinese(o.stderr) && cause.test(o.stderr) && o.hwmMB < BOUND_MB;
    held &&= ok;
    said.push(`${name} ${ex(o)} ${o.hwmMB} MB${ok ? '' : ` ✗ «${clip(firstLine(o.stderr), 140)}»`}`);
  }
  const peakMB = Math.max(...Object.values(runs).map((o) => o.hwmMB));
  return {
    observed: `${said.join('; ')}; stderr: ${clip(firstLine(runs.check.stderr), 120)}; nothing written: ${
      xlsxIn(out).length === 0 && !existsSync(target)
    }; input unchanged: ${unchanged()}`,
    held,
    peakMB,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The cases, in the issue's order

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build:cli');
  process.stderr.write(`work folder ${WORK}\n`);

  // 1. --annotate into a folder holding an unrelated file of an input's name.
  await measured('01-annotate-overwrite', async () => {
    const input = dir('p1-in');
    copyFileSync(EXAMPLE, path.join(input, '信访局.xlsx'));
    copyFileSync(EXAMPLE, path.join(input, '财政局.xlsx'));
    const out = dir('p1-out');
    const theirs = path.join(out, '信访局.xlsx');
    writeFileSync(theirs, '别人的文件，不是 jixiao 的');
    const o = await jixiao(['check', input, '--annotate', out, '--format', 'json']);
    const kept = readFileSync(theirs, 'utf8') === '别人的文件，不是 jixiao 的';
    const others = xlsxIn(out).filter((n) => n !== '信访局.xlsx');
    const held =
      o.code === 2 &&
      kept &&
      others.length === 0 &&
      /信访局\.xlsx/.test(o.stderr) &&
      /--force/.test(o.stderr) &&
      oneChinese(o.stderr, 3);
    const forced = await jixiao(['check', input, '--annotate', out, '--force', '--format', 'json']);
    const replaced = py<{ error: string | null }>('xml', theirs).error === null;
    record({
      id: '01-annotate-overwrite',
      point: '1',
      expected: 'refused without --force (exit 2), names the file, the folder untouched; --force replaces',
      observed: `${short(o)}; their file kept: ${kept}; other copies written: ${others.length}; with --force: ${ex(forced)}, replaced by a well-formed copy: ${replaced}`,
      held: held && forced.code === 1 && replaced && leftovers(out).length === 0,
      peakMB: o.hwmMB,
    });
  });

  // 1, the other writers: template, next and --summary refuse an existing file without --force.
  await measured('01b-other-writers-overwrite', async () => {
    const d = dir('p1b');
    const mine = (n: string) => put(`p1b/${n}`, '我的文件');
    const t = await jixiao(['template', mine('t.xlsx')]);
    const n = await jixiao(['next', EXAMPLE, mine('n.xlsx')]);
    const c = await jixiao(['check', EXAMPLE, '--summary', mine('s.xlsx')]);
    const kept = ['t.xlsx', 'n.xlsx', 's.xlsx'].every((f) => readFileSync(path.join(d, f), 'utf8') === '我的文件');
    record({
      id: '01b-other-writers-overwrite',
      point: '1',
      expected: 'template, next and --summary refuse to overwrite an existing file without --force (exit 2)',
      observed: `template ${ex(t)}, next ${ex(n)}, --summary ${ex(c)}; files kept: ${kept}; «${clip(firstLine(n.stderr), 70)}»`,
      held:
        t.code === 2 &&
        n.code === 2 &&
        c.code === 2 &&
        kept &&
        [t, n].every((o) => oneChinese(o.stderr)) &&
        leftovers(d).length === 0,
    });
  });

  // 2. next with a filer's own 校验结果 sheet.
  await measured('02-next-own-result-sheet', async () => {
    const parts = exampleParts();
    addFormCopy(parts, '校验结果', {
      xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>本单位自查结果：已逐项核对</t></is></c></row>'),
    });
    const file = put('p2-own-result.xlsx', zipParts(parts));
    const unchanged = guard([file]);
    const target = path.join(WORK, 'p2-2027.xlsx');
    const o = await jixiao(['next', file, target]);
    const sheets = existsSync(target) ? py<{ sheets: string[][] }>('sheets', target).sheets.map((s) => s[0]) : [];
    record({
      id: '02-next-own-result-sheet',
      point: '2',
      expected: 'a filer’s own sheet named 校验结果 is carried into the new year’s file',
      observed: `${short(o)}; sheets of the new file: ${sheets.join('、') || '(no file)'}; input unchanged: ${unchanged()}`,
      held: o.code === 0 && sheets.includes('校验结果') && unchanged(),
      peakMB: o.hwmMB,
    });
  });

  // 3. Two concurrent runs writing one --summary: staggered, and started at the same moment.
  for (const mode of ['staggered', 'same-moment'] as const) {
    await measured(`03-concurrent-summary-${mode}`, async () => {
      const a = copies(`p3-${mode}-a`, 24);
      const b = copies(`p3-${mode}-b`, 11);
      const out = dir(`p3-${mode}-out`);
      const summary = path.join(out, '审核汇总.xlsx');
      let second: Promise<Obs> | undefined;
      const first = jixiao(['check', a, '--summary', summary, '--jobs', '1'], {
        during: async (_child, o) => {
          if (mode === 'staggered') for (let i = 0; i < 1200 && !/表0001/.test(o.stdout()); i++) await sleep(25);
          second = jixiao(['check', b, '--summary', summary, '--jobs', '1']);
        },
      });
      const ra = await first;
      const rb = await second!;
      const wrote = [ra, rb].filter((r) => /已写出审核汇总/.test(r.stdout));
      const refused = [ra, rb].filter((r) => !/已写出审核汇总/.test(r.stdout));
      const rowsIn = existsSync(summary) ? py<{ rows: number }>('rows', summary).rows : 0;
      const expectRows = wrote.length === 1 ? (wrote[0] === ra ? 24 : 11) + 2 : -1;
      record({
        id: `03-concurrent-summary-${mode}`,
        point: '3',
        expected:
          'one run writes, the other refuses with one Chinese line (exit 2); the summary holds the writer’s rows',
        observed: `A(24 files) ${ex(ra)}, B(11 files) ${ex(rb)}; wrote: ${wrote.length}; refused: ${clip(firstLine(refused[0]?.stderr ?? ''), 90)}; summary rows ${rowsIn} (writer’s run + 2 = ${expectRows}); leftovers ${leftovers(out).length}`,
        held:
          wrote.length === 1 &&
          refused.length === 1 &&
          refused[0]!.code === 2 &&
          oneChinese(refused[0]!.stderr) &&
          rowsIn === expectRows &&
          leftovers(out).length === 0,
        peakMB: Math.max(ra.hwmMB, rb.hwmMB),
      });
    });
  }
  await measured('03-concurrent-annotate', async () => {
    const a = copies('p3-ann-a', 24);
    // Other names than A's: B is refused by A's lock on the folder, not by finding A's copies there.
    const b = copies('p3-ann-b', 11, '乙');
    const out = path.join(WORK, 'p3-ann-out');
    let second: Promise<Obs> | undefined;
    const first = jixiao(['check', a, '--annotate', out, '--jobs', '1'], {
      during: async (_child, o) => {
        for (let i = 0; i < 1200 && !/表0001/.test(o.stdout()); i++) await sleep(25);
        second = jixiao(['check', b, '--annotate', out, '--jobs', '1']);
      },
    });
    const ra = await first;
    const rb = await second!;
    record({
      id: '03-concurrent-annotate',
      point: '3',
      expected:
        'two runs annotating into one folder (different file names): the second refuses (the folder is locked), exit 2',
      observed: `A ${ex(ra)}; B ${ex(rb)} «${clip(firstLine(rb.stderr), 100)}»; copies ${xlsxIn(out).length}; leftovers ${leftovers(out).length}`,
      held:
        ra.code === 1 &&
        rb.code === 2 &&
        oneChinese(rb.stderr) &&
        /另一个 jixiao/.test(rb.stderr) &&
        xlsxIn(out).length === 24 &&
        leftovers(out).length === 0,
      peakMB: Math.max(ra.hwmMB, rb.hwmMB),
    });
  });

  // Two next runs writing one new file at the same moment: one writes, the other says the file exists.
  await measured('03-concurrent-next', async () => {
    const d = dir('p3-next');
    const target = path.join(d, '2027.xlsx');
    let second: Promise<Obs> | undefined;
    const ra = await jixiao(['next', EXAMPLE, target], {
      during: async () => {
        second = jixiao(['next', EXAMPLE, target]);
      },
    });
    const rb = await second!;
    const wrote = [ra, rb].filter((r) => r.code === 0);
    const refused = [ra, rb].filter((r) => r.code !== 0);
    const whole = existsSync(target) && py<{ error: string | null }>('xml', target).error === null;
    record({
      id: '03-concurrent-next',
      point: '3',
      expected: 'two next runs on one target at once: one writes a whole file, the other refuses truthfully (exit 2)',
      observed: `${ex(ra)} / ${ex(rb)}; refused: «${clip(firstLine(refused[0]?.stderr ?? ''), 80)}»; file whole ${whole}; leftovers ${leftovers(d).length}`,
      held:
        wrote.length === 1 &&
        refused.length === 1 &&
        refused[0]!.code === 2 &&
        oneChinese(refused[0]!.stderr) &&
        whole &&
        leftovers(d).length === 0,
      peakMB: Math.max(ra.hwmMB, rb.hwmMB),
    });
  });

  // 4. next has check's limits.
  const withRows = (name: string, rowsXml: string) => {
    const parts = exampleParts();
    appendToForm(parts, rowsXml);
    return put(name, zipParts(parts));
  };
  await measured('04a-shared-formula', async () => {
    let rowsXml = `<row r="200"><c r="A200"><f t="shared" ref="A200:A40199" si="0">${'A1+'.repeat(20_000)}1</f></c></row>`;
    for (let r = 201; r < 40_200; r++) rowsXml += `<row r="${r}"><c r="A${r}"><f t="shared" si="0"/></c></row>`;
    const file = withRows('p4-shared-formula.xlsx', rowsXml);
    const size = statSync(file).size;
    const target = path.join(WORK, 'p4-shared-2027.xlsx');
    const unchanged = guard([file]);
    const next = await jixiao(['next', file, target]);
    const check = await jixiao(['check', file]);
    const ok = (o: Obs) => o.code === 2 && oneChinese(o.stderr) && /公式/.test(o.stderr) && o.hwmMB < BOUND_MB;
    record({
      id: '04a-shared-formula',
      point: '4',
      expected: `next refuses a ${Math.round(size / 1024)} KB file with a 60,000-char shared formula over 40,000 cells like check: exit 2, Chinese, < 600 MB`,
      observed: `next ${short(next)} [${next.hwmMB} MB]; check ${ex(check)} [${check.hwmMB} MB]; nothing written: ${!existsSync(target)}`,
      held: ok(next) && ok(check) && !existsSync(target) && unchanged(),
      peakMB: Math.max(next.hwmMB, check.hwmMB),
    });
  });
  for (const [id, make, cause] of [
    ['04b-dev-zero', () => '/dev/zero', /设备/],
    [
      '04c-fifo',
      () => {
        const f = path.join(WORK, 'p4-pipe.xlsx');
        execFileSync('mkfifo', [f]);
        return f;
      },
      /命名管道/,
    ],
    [
      '04d-sparse-1.9GB',
      () => {
        const f = put('p4-big.xlsx', '');
        truncateSync(f, 1900 * 1024 * 1024);
        return f;
      },
      /文件过大/,
    ],
  ] as const) {
    await measured(id, async () => {
      const file = make();
      const target = path.join(WORK, `${id}-2027.xlsx`);
      const next = await jixiao(['next', file, target], { timeoutMs: 60_000 });
      const check = await jixiao(['check', file], { timeoutMs: 60_000 });
      const ok = (o: Obs) =>
        !o.timedOut &&
        o.code === 2 &&
        oneChinese(o.stderr) &&
        cause.test(o.stderr) &&
        o.hwmMB < BOUND_MB &&
        o.ms < 20_000;
      record({
        id,
        point: '4',
        expected: 'next (and check) refuse at once, exit 2, one Chinese line, never read it, < 600 MB',
        observed: `next ${short(next)} [${next.hwmMB} MB]; check ${ex(check)} ${(check.ms / 1000).toFixed(1)} s [${check.hwmMB} MB]`,
        held: ok(next) && ok(check) && !existsSync(target),
        peakMB: Math.max(next.hwmMB, check.hwmMB),
      });
      if (file !== '/dev/zero') rmSync(file);
    });
  }
  // 30,000 deep is over the formula length too; 4,000 deep (8,001 characters) is within it, so only nesting refuses.
  for (const depth of [30_000, 4_000]) {
    await measured(`04e-nested-${depth}`, async () => {
      const file = withRows(
        `p4-nested-${depth}.xlsx`,
        `<row r="200"><c r="A200"><f>${'('.repeat(depth)}1${')'.repeat(depth)}</f></c></row>`,
      );
      const target = path.join(WORK, `p4-nested-${depth}-2027.xlsx`);
      const next = await jixiao(['next', file, target]);
      const check = await jixiao(['check', file]);
      const ok = (o: Obs) => o.code === 2 && oneChinese(o.stderr) && !/内部错误/.test(o.stderr) && o.hwmMB < BOUND_MB;
      record({
        id: `04e-nested-${depth}`,
        point: '4',
        expected: `${depth.toLocaleString('en')} nested parentheses: refused with a Chinese reason (not 程序内部错误), exit 2`,
        observed: `next ${short(next)}; check ${ex(check)}`,
        held: ok(next) && ok(check) && !existsSync(target),
        peakMB: Math.max(next.hwmMB, check.hwmMB),
      });
    });
  }

  // Nesting where no cell formula is: a defined name, a conditional format and a data validation (carried, not read).
  await measured('04e-nested-elsewhere', async () => {
    const deep = `${'('.repeat(30_000)}1${')'.repeat(30_000)}`;
    const parts = exampleParts();
    setText(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml').replace(
        '</definedNames>',
        `<definedName name="deep">${deep}</definedName></definedNames>`,
      ),
    );
    setText(
      parts,
      FORM_PART,
      text(parts, FORM_PART).replace(
        '</mergeCells>',
        `</mergeCells><conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>${deep}</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="custom" sqref="B2"><formula1>${deep}</formula1></dataValidation></dataValidations>`,
      ),
    );
    const file = put('p4-nested-elsewhere.xlsx', zipParts(parts));
    const out = path.join(WORK, 'p4-nested-elsewhere-out');
    const ann = await jixiao(['check', file, '--annotate', out]);
    const target = path.join(WORK, 'p4-nested-elsewhere-2027.xlsx');
    const next = await jixiao(['next', file, target]);
    const fine = (o: Obs, wrote: boolean) =>
      (wrote || (o.code === 2 && oneChinese(o.stderr))) && !/内部错误/.test(o.stderr);
    record({
      id: '04e-nested-elsewhere',
      point: '4',
      expected: '30,000-deep formulas in a defined name, a conditional format, a data validation: no internal error',
      observed: `annotate ${short(ann)}, copies ${xlsxIn(out).length}; next ${short(next)}`,
      held: fine(ann, ann.code === 1 && xlsxIn(out).length === 1) && fine(next, next.code === 0 && existsSync(target)),
      peakMB: Math.max(ann.hwmMB, next.hwmMB),
    });
  });

  // 5. 240 MB XML comments in styles.xml and workbook.xml.
  await measured('05-comment-240MB', async () => {
    const files = [
      put('p5/styles-inside.xlsx', withComment('xl/styles.xml', 240, 'inside')),
      put('p5/workbook-inside.xlsx', withComment('xl/workbook.xml', 240, 'inside')),
      put('p5/styles-prolog.xlsx', withComment('xl/styles.xml', 240, 'prolog')),
      put('p5/workbook-prolog.xlsx', withComment('xl/workbook.xml', 240, 'prolog')),
    ];
    const sizes = files.map((f) => Math.round(statSync(f).size / 1024));
    const unchanged = guard(files);
    for (const jobs of [1, 2, 4]) {
      const o = await jixiao(['check', ...files, '--format', 'json', '--jobs', String(jobs)]);
      const j = json(o);
      const allRead = j !== null && j.files.every((f) => f.form && f.summary.errors === 6 && f.error === undefined);
      record({
        id: `05-comment-240MB-jobs${jobs}`,
        point: '5',
        expected:
          'four files (styles/workbook, comment inside and before the root) checked like the example, peak < 600 MB',
        observed: `${short(o)}; files ${sizes.join('/')} KB; all four read as the example (6 errors): ${allRead}; peak ${o.hwmMB} MB (sampled ${o.rssMB} MB)`,
        held: o.code === 1 && allRead && o.stderr === '' && o.hwmMB < BOUND_MB,
        peakMB: o.hwmMB,
      });
    }
    for (const f of [files[0]!, files[1]!]) {
      const name = path.basename(f, '.xlsx');
      const target = path.join(WORK, `p5-${name}-2027.xlsx`);
      const next = await jixiao(['next', f, target]);
      const out = path.join(WORK, `p5-ann-${name}`);
      const ann = await jixiao(['check', f, '--annotate', out]);
      const ok = (o: Obs, wrote: boolean) => o.hwmMB < BOUND_MB && (wrote || (o.code === 2 && oneChinese(o.stderr)));
      record({
        id: `05-comment-240MB-${name}-next-annotate`,
        point: '5',
        expected: 'next and --annotate either write a faithful file or refuse in Chinese; peak < 600 MB',
        observed: `next ${short(next)} [${next.hwmMB} MB], written ${existsSync(target)}; annotate ${ex(ann)} [${ann.hwmMB} MB] «${clip(firstLine(ann.stderr), 90)}», copies ${xlsxIn(out).length}`,
        held: ok(next, next.code === 0 && existsSync(target)) && ok(ann, ann.code === 1 && xlsxIn(out).length === 1),
        peakMB: Math.max(next.hwmMB, ann.hwmMB),
      });
    }
    record({
      id: '05-comment-240MB-inputs',
      point: '5',
      expected: 'inputs never modified',
      observed: `unchanged: ${unchanged()}`,
      held: unchanged(),
    });
    rmSync(path.join(WORK, 'p5'), { recursive: true, force: true });
  });

  // 6. --summary memory with the number of files; --jobs 64; the glob.
  await measured('06a-summary-memory', async () => {
    const n = SUMMARY_FILES;
    const small = Math.max(50, Math.round(n / 4));
    const input = copies('p6-many', n);
    const plain = await jixiao(['check', input, '--format', 'json'], { keepStdout: 0, timeoutMs: 1_800_000 });
    const withSummary = await jixiao(
      ['check', input, '--format', 'json', '--summary', path.join(WORK, 'p6-summary.xlsx')],
      {
        keepStdout: 0,
        timeoutMs: 1_800_000,
      },
    );
    const fewer = copies('p6-fewer', small);
    const smaller = await jixiao(
      ['check', fewer, '--format', 'json', '--summary', path.join(WORK, 'p6-summary-small.xlsx')],
      {
        keepStdout: 0,
        timeoutMs: 1_800_000,
      },
    );
    const summaryRows = py<{ rows: number }>('rows', path.join(WORK, 'p6-summary.xlsx')).rows;
    record({
      id: `06a-summary-memory-${n}`,
      point: '6',
      expected: `--summary at ${n} files: peak < 600 MB and flat in the number of files (vs ${small} files, vs no summary)`,
      observed: `${n} files + summary: ${ex(withSummary)}, ${(withSummary.ms / 1000).toFixed(0)} s, ${withSummary.hwmMB} MB (sampled ${withSummary.rssMB}); without summary ${plain.hwmMB} MB; ${small} files + summary ${smaller.hwmMB} MB; summary rows ${summaryRows}`,
      held:
        withSummary.code === 1 &&
        withSummary.hwmMB < BOUND_MB &&
        summaryRows === n + 2 &&
        withSummary.hwmMB - smaller.hwmMB < 60 &&
        withSummary.hwmMB - plain.hwmMB < 100,
      peakMB: withSummary.hwmMB,
    });
    rmSync(input, { recursive: true, force: true });
    rmSync(fewer, { recursive: true, force: true });
  });
  await measured('06b-jobs-64', async () => {
    const input = copies('p6-fifty', 50);
    let threads = 0;
    const o = await jixiao(['check', input, '--jobs', '64', '--format', 'json'], {
      during: async (child) => {
        // The most threads the working process ever had (workers start on demand).
        while (child.exitCode === null && child.signalCode === null) {
          for (const pid of tree(child.pid!)) {
            try {
              threads = Math.max(threads, readdirSync(`/proc/${pid}/task`).length);
            } catch {
              // gone
            }
          }
          await sleep(20);
        }
      },
    });
    const j = json(o);
    record({
      id: '06b-jobs-64',
      point: '6',
      expected: '--jobs 64 on 50 files: every file checked, workers bounded by memory, peak < 600 MB',
      observed: `${short(o)}; files ${j?.summary.files}, unreadable ${j?.summary.unreadable}; most threads in one process ${threads}; peak ${o.hwmMB} MB (sampled ${o.rssMB})`,
      held: o.code === 1 && j?.summary.files === 50 && j.summary.unreadable === 0 && o.hwmMB < BOUND_MB,
      peakMB: o.hwmMB,
    });
  });
  await measured('06c-glob-long-name', async () => {
    const d = dir('p6-glob');
    copyFileSync(EXAMPLE, path.join(d, `${'a'.repeat(240)}.xlsx`));
    const results: string[] = [];
    let held = true;
    for (const stars of [16, 40]) {
      const o = await jixiao(['check', `${d}/${'*a'.repeat(stars)}*b.xlsx`], { timeoutMs: 60_000 });
      const ok = !o.timedOut && o.code === 2 && o.ms < 10_000 && oneChinese(o.stderr);
      held &&= ok;
      results.push(`${stars} stars: ${short(o)}`);
    }
    record({
      id: '06c-glob-long-name',
      point: '6',
      expected: 'a many-star glob against a 245-char name ends at once (no match, exit 2), never stalls',
      observed: results.join('; '),
      held,
    });
  });

  // 7. A veryHidden corrected copy "附件2 " before the visible 附件2 with 6 errors.
  await measured('07-hidden-form', async () => {
    // Control: the corrected copy, checked as the only (visible) form, has no errors.
    const control = exampleParts();
    setText(control, FORM_PART, correctedForm(control, '隐藏副本'));
    const controlFile = put('p7-control.xlsx', zipParts(control));
    const c = json(await jixiao(['check', controlFile, '--format', 'json']))?.files[0];
    const parts = exampleParts();
    const hiddenPart = addFormCopy(parts, '附件2 ', {
      state: 'veryHidden',
      before: true,
      xml: correctedForm(parts, '隐藏副本'),
    });
    const file = put('p7-hidden-first.xlsx', zipParts(parts));
    const unchanged = guard([file]);
    const o = await jixiao(['check', file, '--format', 'json']);
    const e = json(o)?.files[0];
    const textRun = await jixiao(['check', file]);
    const target = path.join(WORK, 'p7-2027.xlsx');
    const n = await jixiao(['next', file, target]);
    // Which sheet did next roll: the visible form's part changed, the hidden copy's part is byte for byte the input's.
    let rolled = '(no file)';
    if (existsSync(target)) {
      const visibleChanged = py<{ text: string }>('part', target, [FORM_PART]).text !== text(parts, FORM_PART);
      const hiddenSame = py<{ text: string }>('part', target, [hiddenPart]).text === text(parts, hiddenPart);
      rolled = `visible part changed ${visibleChanged}, hidden part unchanged ${hiddenSame}`;
    }
    const held =
      c?.summary.errors === 0 &&
      o.code === 1 &&
      e?.sheet === '附件2' &&
      e.department === '阳新县信访局' &&
      e.summary.errors === 6 &&
      /深度隐藏/.test(e.notes?.join('') ?? '') &&
      /注意：/.test(textRun.stdout) &&
      n.code === 0 &&
      /工作表“附件2”生成/.test(n.stdout) &&
      rolled === 'visible part changed true, hidden part unchanged true' &&
      unchanged();
    record({
      id: '07-hidden-form',
      point: '7',
      expected:
        'check checks the visible 附件2 (6 errors, exit 1) and names the veryHidden copy; next rolls the visible one',
      observed: `control (copy alone) ${c?.summary.errors} errors; check ${ex(o)} sheet «${e?.sheet}» dept ${e?.department} errors ${e?.summary.errors}, note: ${clip(e?.notes?.join(' ') ?? '(none)', 80)}; next ${ex(n)}: ${rolled}`,
      held,
      peakMB: Math.max(o.hwmMB, n.hwmMB),
    });
  });

  await measured('07b-two-visible-forms', async () => {
    const parts = exampleParts();
    addFormCopy(parts, '附件2（修改稿）', { xml: correctedForm(parts, '修改稿') });
    const file = put('p7-two.xlsx', zipParts(parts));
    const o = await jixiao(['check', file, '--format', 'json']);
    const e = json(o)?.files[0];
    record({
      id: '07b-two-visible-forms',
      point: '7',
      expected: 'two visible forms: the output says which one was checked, why, and names the other',
      observed: `${ex(o)}; sheet «${e?.sheet}»; notes: ${clip(e?.notes?.join(' ') ?? '(none)', 110)}`,
      held:
        o.code === 1 &&
        e?.sheet === '附件2' &&
        /附件2（修改稿）/.test(e.notes?.join('') ?? '') &&
        /第一张|顺序/.test(e.notes?.join('') ?? ''),
      peakMB: o.hwmMB,
    });
  });

  // 8. | head -1 on 200 copies with --annotate and --summary.
  await measured('08-head-1', async () => {
    const input = copies('p8-in', 200);
    const out = path.join(WORK, 'p8-out');
    const summary = path.join(WORK, 'p8-summary.xlsx');
    const rc = path.join(WORK, 'p8-rc');
    const spool = dir('p8-tmp');
    const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const o = await run('bash', [
      '-c',
      `TMPDIR=${q(spool)} ${q(process.execPath)} ${q(BIN)} check ${q(input)} --annotate ${q(out)} --summary ${q(summary)} | head -1 > /dev/null; echo "\${PIPESTATUS[0]}" > ${q(rc)}`,
    ]);
    const code = Number(readFileSync(rc, 'utf8').trim());
    const n = xlsxIn(out).length;
    let whole = true;
    for (const f of xlsxIn(out)) whole &&= py<{ error: string | null }>('xml', path.join(out, f)).error === null;
    record({
      id: '08-head-1',
      point: '8',
      expected:
        '`| head -1`: jixiao exits 2 with a Chinese line, stops writing (no summary), copies whole, no temporaries',
      observed: `jixiao exit ${code}; stderr: ${clip(firstLine(o.stderr), 100)}; copies ${n}/200, all whole ${whole}; summary written ${existsSync(summary)}; leftovers ${leftovers(out).length + leftovers(WORK).length}; left in TMPDIR ${readdirSync(spool).join(',') || 'nothing'}`,
      held:
        code === 2 &&
        oneChinese(o.stderr) &&
        n < 200 &&
        whole &&
        !existsSync(summary) &&
        leftovers(out).length === 0 &&
        leftovers(WORK).length === 0 &&
        readdirSync(spool).length === 0,
      peakMB: o.hwmMB,
    });
    rmSync(input, { recursive: true, force: true });
  });

  // 9. Signals during --annotate of 200 copies.
  for (const [signal, toGroup] of [
    ['SIGINT', true],
    ['SIGINT', false],
    ['SIGTERM', true],
    ['SIGTERM', false],
    ['SIGHUP', true],
  ] as const) {
    const id = `09-${signal}-${toGroup ? 'group' : 'launcher'}`;
    await measured(id, async () => {
      const input = copies(`p${id}-in`, 200);
      const out = path.join(WORK, `p${id}-out`);
      const summary = path.join(out, '审核汇总.xlsx');
      // The run's own temporary folder: the summary's spooled rows go there, and must go with the signal.
      const spool = dir(`p${id}-tmp`);
      const o = await jixiao(['check', input, '--annotate', out, '--summary', summary, '--format', 'json'], {
        env: { TMPDIR: spool },
        during: async (child) => {
          for (let i = 0; i < 2400; i++) {
            if (xlsxIn(out).length >= 3) break;
            await sleep(25);
          }
          // Ctrl+C reaches the whole group; `kill PID` only the process started (the launcher).
          if (toGroup) process.kill(-child.pid!, signal);
          else child.kill(signal);
        },
      });
      const finished = json(o) !== null;
      const n = xlsxIn(out).length;
      let whole = true;
      for (const f of xlsxIn(out)) whole &&= py<{ error: string | null }>('xml', path.join(out, f)).error === null;
      const status = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal];
      record({
        id,
        point: '9',
        expected: `${signal} ${toGroup ? 'to the process group (Ctrl+C)' : 'to the launcher (kill)'} mid-run (--annotate, --summary): no .tmp, lock or spooled rows left, no summary, copies whole, the cut JSON is said (stderr + signal status)`,
        observed: `${ex(o)}; stderr: ${clip(firstLine(o.stderr), 90)}; JSON complete ${finished}; copies ${n}/200 whole ${whole}; leftovers ${leftovers(out).join(',') || 'none'}; summary written ${existsSync(summary)}; left in TMPDIR ${readdirSync(spool).join(',') || 'nothing'}`,
        held:
          !finished &&
          (o.signal === signal || o.code === status) &&
          /运行被中断/.test(o.stderr) &&
          leftovers(out).length === 0 &&
          !existsSync(summary) &&
          readdirSync(spool).length === 0 &&
          whole &&
          n < 200,
        peakMB: o.hwmMB,
      });
      rmSync(input, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    });
  }

  // A signal while the summary itself is being written (every file checked, the workbook not yet whole).
  await measured('09-SIGINT-while-writing-summary', async () => {
    const input = copies('p9-late-in', 1500);
    const out = dir('p9-late-out');
    const summary = path.join(out, '审核汇总.xlsx');
    const spool = dir('p9-late-tmp');
    let at = '';
    const o = await jixiao(['check', input, '--summary', summary], {
      env: { TMPDIR: spool },
      keepStdout: 64 * 1024 * 1024,
      during: async (child, got) => {
        for (let i = 0; i < 24000 && !/共检查/.test(got.stdout()); i++) await sleep(5);
        // Then until the summary's temporary file is there: the workbook is being written into it.
        for (let i = 0; i < 600 && !readdirSync(out).some((n) => n.endsWith('.tmp')); i++) await sleep(5);
        at = readdirSync(out).join(',') || 'nothing yet';
        process.kill(-child.pid!, 'SIGINT');
      },
    });
    const written = /已写出审核汇总/.test(o.stdout);
    record({
      id: '09-SIGINT-while-writing-summary',
      point: '9',
      expected:
        'Ctrl+C after the last file, while the summary is written: no summary (or a whole one, said), nothing left behind',
      observed: `${ex(o)}; in the folder when signalled: ${clip(at, 60)}; stderr: ${clip(firstLine(o.stderr), 60)}; summary written ${existsSync(summary)} (said ${written}); leftovers ${leftovers(out).join(',') || 'none'}; left in TMPDIR ${readdirSync(spool).join(',') || 'nothing'}`,
      held:
        leftovers(out).length === 0 &&
        readdirSync(spool).length === 0 &&
        existsSync(summary) === written &&
        (!existsSync(summary) || py<{ error: string | null }>('xml', summary).error === null),
      peakMB: o.hwmMB,
    });
    rmSync(input, { recursive: true, force: true });
  });

  // 10 and 13. U+FFFE/U+FFFF in the department name; a 32,767-character text quoted by a finding; a 40,000-char cell.
  await measured('10-13-unholdable-text', async () => {
    const parts = unholdableTextParts();
    const file = put('p10/信访局.xlsx', zipParts(parts));
    const other = put('p10/财政局.xlsx', readFileSync(EXAMPLE));
    const unchanged = guard([file, other]);
    const out = path.join(WORK, 'p10-out');
    const summary = path.join(WORK, 'p10-summary.xlsx');
    const o = await jixiao(['check', file, other, '--annotate', out, '--summary', summary, '--format', 'json']);
    const sx = existsSync(summary) ? py<{ error: string | null }>('xml', summary).error : 'no summary';
    const st = existsSync(summary)
      ? py<{ longest: number; texts: string[] }>('texts', summary)
      : { longest: -1, texts: [] };
    // The copy: what jixiao wrote or changed parses; the filer's own sharedStrings.xml, which holds the raw U+FFFE
    // (the input is no better), is carried over byte for byte (a copy is the original plus the annotations).
    const copy = path.join(out, '信访局.xlsx');
    const cxr = existsSync(copy)
      ? py<{ error: string | null; carried: string[] }>('xml', copy, [file])
      : { error: 'no copy', carried: [] };
    const cx = cxr.error;
    // The longest text jixiao itself put in the copy: its notes (comments) and its 校验结果 sheet (a new part).
    const input = py<{ longest: number }>('texts', file).longest;
    const ct = existsSync(copy) ? py<{ longest: number; texts: string[] }>('texts', copy) : { longest: -1, texts: [] };
    const marker = st.texts.some((t) => /已截断/.test(t));
    const replaced = st.texts.some((t) => t.includes('阳新县\ufffd信访局\ufffd'));
    record({
      id: '10-fffe-department',
      point: '10',
      expected: 'the 审核汇总 and the copy parse with a strict XML parser (expat); U+FFFE/U+FFFF replaced, and said',
      observed: `${ex(o)}; summary expat: ${sx ?? 'ok'}; copy expat: ${cx ?? 'ok'} (carried unchanged: ${cxr.carried.includes('xl/sharedStrings.xml') ? 'sharedStrings.xml, ' : ''}${cxr.carried.length} parts); name written as 阳新县�信访局�: ${replaced}; stderr: ${clip(lines(o.stderr).find((l) => /字符/.test(l)) ?? '(nothing said)', 80)}`,
      held: o.code === 1 && sx === null && cx === null && replaced && /不能保存的字符/.test(o.stderr) && unchanged(),
      peakMB: o.hwmMB,
    });
    // The copy keeps the filer's own 32,767-character cell as it was (a value the user typed is never changed);
    // what jixiao itself writes (notes, 校验结果, the summary) stays within the limit.
    record({
      id: '13-over-32767-written',
      point: '13',
      expected:
        'no text over 32,767 characters written into the summary or the copy (truncated with a marker, and said)',
      observed: `input’s own cell ${input} chars; longest text jixiao wrote: summary ${st.longest}, copy (notes, 校验结果) ${ct.longest}; marker in summary ${marker}; stderr says 截断: ${/截断/.test(o.stderr)}`,
      held: st.longest <= 32767 && st.longest > 0 && ct.longest <= 32767 && marker && /截断/.test(o.stderr),
    });
    // Input cells past Excel's own limit: 40,000 characters are read (the copy keeps the filer's cell as it was,
    // jixiao's own texts are cut); 70,000 are past the reader's 65,536 and refused as damage.
    for (const length of [40_000, 70_000]) {
      const big = exampleParts();
      setText(
        big,
        FORM_PART,
        text(big, FORM_PART).replace(
          '<c r="G11" s="7"><v>0.8399</v></c>',
          `<c r="G11" s="7" t="inlineStr"><is><t>${'占'.repeat(length)}</t></is></c>`,
        ),
      );
      const bigFile = put(`p13-${length}.xlsx`, zipParts(big));
      const bigOut = path.join(WORK, `p13-${length}-out`);
      const bigSummary = path.join(WORK, `p13-${length}-summary.xlsx`);
      const bo = await jixiao(['check', bigFile, '--format', 'json', '--annotate', bigOut, '--summary', bigSummary]);
      const bs = existsSync(bigSummary) ? py<{ longest: number }>('texts', bigSummary).longest : -1;
      // What jixiao wrote into the copy: the comments and the 校验结果 sheet (the parts the input does not have).
      const copy = path.join(bigOut, `p13-${length}.xlsx`);
      let written = -1;
      if (existsSync(copy)) {
        const probe = put(
          `p13-${length}-added.xlsx`,
          zipParts(
            Object.fromEntries(
              Object.entries((await import('fflate')).unzipSync(readFileSync(copy))).filter(([k]) => !(k in big)),
            ),
          ),
        );
        written = py<{ longest: number }>('texts', probe).longest;
      }
      record({
        id: `13-input-cell-${length}`,
        point: '13',
        expected:
          length <= 65_536
            ? 'an input cell of 40,000 characters: read; nothing jixiao writes (summary, notes, 校验结果) over 32,767'
            : 'an input cell of 70,000 characters: refused as damage in one Chinese line, nothing written',
        observed: `${short(bo)}; summary longest text ${bs}; longest text jixiao added to the copy ${written}`,
        held:
          length <= 65_536
            ? bo.code === 1 && bs <= 32767 && bs > 0 && written <= 32767 && written > 0
            : bo.code === 2 &&
              oneChinese(bo.stderr, 2) &&
              /65,536|长度上限|字符/.test(bo.stderr) &&
              xlsxIn(bigOut).length === 0,
        peakMB: bo.hwmMB,
      });
    }
  });

  // 11. Unusual packages.
  await measured('11a-zip64', async () => {
    const extra: RawEntry[] = [];
    for (let i = 0; i < 70_000; i++)
      extra.push({ name: `customXml/blank${i}.bin`, data: new Uint8Array(0), stored: true });
    const input = rawZip([...extra, ...rawEntries(exampleParts())]);
    const file = put('p11-many.xlsx', input);
    const unchanged = guard([file]);
    const count = readDirectory(input).count;
    const out = path.join(WORK, 'p11-many-out');
    const ann = await jixiao(['check', file, '--annotate', out, '--format', 'json']);
    const target = path.join(WORK, 'p11-many-2027.xlsx');
    const next = await jixiao(['next', file, target]);
    const copy = path.join(out, 'p11-many.xlsx');
    const said: string[] = [];
    let held = ann.code === 1 && next.code === 0 && unchanged();
    for (const f of [copy, target]) {
      if (!existsSync(f)) {
        held = false;
        said.push(`${path.basename(f)} missing`);
        continue;
      }
      const z = py<{ count: number; bad: string | null; error?: string }>('zip', f);
      const again = json(await jixiao(['check', f, '--format', 'json']))?.files[0];
      const ok = z.count >= count && z.bad === null && again?.form === true;
      held &&= ok;
      said.push(
        `${path.basename(f)}: zipfile ${z.error ?? `${z.count} entries, CRCs ${z.bad === null ? 'ok' : z.bad}`}, jixiao reads it as a form ${again?.form}`,
      );
    }
    record({
      id: '11a-zip64',
      point: '11',
      expected: `${count} entries: copies (annotate, next) are zip64, read by Python’s zipfile and by jixiao`,
      observed: `annotate ${ex(ann)} [${ann.hwmMB} MB], next ${ex(next)} [${next.hwmMB} MB]; ${said.join('; ')}`,
      held,
      peakMB: Math.max(ann.hwmMB, next.hwmMB),
    });
  });
  await measured('11b-gbk-names', async () => {
    const gbk = Uint8Array.from([...Buffer.from('xl/media/'), 0xcd, 0xbc, 0xc6, 0xac, ...Buffer.from('1.png')]);
    const entries: RawEntry[] = rawEntries(exampleParts()).map((e) => ({ ...e, utf8: false }));
    entries.push({ name: gbk, data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), stored: true, utf8: false });
    const file = put('p11-gbk.xlsx', rawZip(entries));
    const out = path.join(WORK, 'p11-gbk-out');
    const ann = await jixiao(['check', file, '--annotate', out]);
    const target = path.join(WORK, 'p11-gbk-2027.xlsx');
    const next = await jixiao(['next', file, target]);
    const want = Buffer.from(gbk).toString('hex');
    const said: string[] = [];
    let held = ann.code === 1 && next.code === 0;
    for (const f of [path.join(out, 'p11-gbk.xlsx'), target]) {
      if (!existsSync(f)) {
        held = false;
        said.push(`${path.basename(f)} missing`);
        continue;
      }
      const dirOf = readDirectory(readFileSync(f));
      const e = dirOf.entries.find((x) => Buffer.from(x.name).toString('hex') === want);
      const ok = e !== undefined && Buffer.from(e.localName).toString('hex') === want && (e.flags & 0x800) === 0;
      held &&= ok;
      said.push(`${path.basename(f)}: GBK name byte-identical (central and local, no UTF-8 flag) ${ok}`);
    }
    record({
      id: '11b-gbk-names',
      point: '11',
      expected: 'GBK entry names come back byte for byte in both copies',
      observed: said.join('; '),
      held,
      peakMB: Math.max(ann.hwmMB, next.hwmMB),
    });
  });
  await measured('11c-duplicate-names', async () => {
    const parts = exampleParts();
    const entries = rawEntries(parts);
    entries.push({ name: FORM_PART, data: new TextEncoder().encode(correctedForm(parts, '第二份')) });
    const r = await refusedByEveryCommand(put('p11-duplicate.xlsx', rawZip(entries)), /同名/);
    record({
      id: '11c-duplicate-names',
      point: '11',
      expected: 'two entries of one name refused by check, --annotate, next',
      ...r,
    });
  });
  await measured('11d-bad-crc', async () => {
    const parts = exampleParts();
    const entries: RawEntry[] = rawEntries(parts).map((e) =>
      e.name === 'xl/sharedStrings.xml'
        ? {
            ...e,
            data: new TextEncoder().encode(text(parts, e.name as string).replace('阳新县', '阳新乡')),
            crc: crc32(e.data),
          }
        : e,
    );
    const r = await refusedByEveryCommand(put('p11-crc.xlsx', rawZip(entries)), /校验和|CRC/);
    record({
      id: '11d-bad-crc',
      point: '11',
      expected: 'a part whose bytes do not match its CRC is refused by every command',
      ...r,
    });
  });

  // 12. Summary links from crafted file names.
  await measured('12-summary-links', async () => {
    const input = dir('p12-in');
    const names = [
      'https:evil.example.xlsx',
      '\\\\evil\\share\\x.xlsx',
      'file:%2e%2e.xlsx',
      '#top.xlsx',
      '普通 表.xlsx',
    ];
    for (const n of names) copyFileSync(EXAMPLE, path.join(input, n));
    const out = path.join(WORK, 'p12-out');
    const summary = path.join(out, '审核汇总.xlsx');
    const o = await jixiao(['check', input, '--annotate', out, '--summary', summary]);
    const targets = existsSync(summary) ? py<{ targets: string[] }>('links', summary).targets : [];
    const bad = targets.filter(
      (t) =>
        /[:\\#]/.test(t) ||
        /^\/|^\.\./.test(t) ||
        !existsSync(path.join(out, decodeURIComponent(t.replace(/&amp;/g, '&')))),
    );
    record({
      id: '12-summary-links',
      point: '12',
      expected:
        'summary links are relative paths to the copies under the annotate folder, never a URL or a network path',
      observed: `${ex(o)}; ${targets.length} links: ${clip(targets.join(' | '), 120)}; bad ${bad.length}`,
      held: o.code === 1 && targets.length === names.length && bad.length === 0,
      peakMB: o.hwmMB,
    });
  });

  // 14. DOCTYPE in parts no rule reads.
  for (const part of ['[Content_Types].xml', 'docProps/core.xml', 'xl/theme/theme1.xml']) {
    const id = `14-doctype-${part.replace(/\W+/g, '-')}`;
    await measured(id, async () => {
      const parts = exampleParts();
      const xml = text(parts, part);
      const at = xml.indexOf('?>') + 2;
      setText(parts, part, `${xml.slice(0, at)}\n<!DOCTYPE x [<!ENTITY e "jixiao">]>${xml.slice(at)}`);
      const r = await refusedByEveryCommand(put(`p14-${part.replace(/\W+/g, '-')}.xlsx`, zipParts(parts)), /DOCTYPE/);
      record({
        id,
        point: '14',
        expected: `DOCTYPE in ${part}: refused by check, --annotate and next (nothing copied)`,
        ...r,
      });
    });
  }

  // 15. Messages.
  await measured('15a-char-references', async () => {
    const cell = exampleParts();
    setText(
      cell,
      'xl/sharedStrings.xml',
      text(cell, 'xl/sharedStrings.xml').replace('阳新县信访局', '阳新县&#x1;信访局'),
    );
    const r1 = await refusedByEveryCommand(put('p15-char-cell.xlsx', zipParts(cell)), /文件已损坏/);
    record({
      id: '15a-char-cell-&#x1;',
      point: '15',
      expected: '&#x1; in a cell: every command says the same Chinese line (no "malformed character entity")',
      ...r1,
    });
    const sheet = exampleParts();
    setText(sheet, 'xl/workbook.xml', text(sheet, 'xl/workbook.xml').replace('name="附件2"', 'name="附件&#x1B;2"'));
    const r2 = await refusedByEveryCommand(put('p15-char-sheet.xlsx', zipParts(sheet)), /文件已损坏/);
    record({
      id: '15a-char-sheet-&#x1B;',
      point: '15',
      expected: '&#x1B; in a sheet name: every command says the same Chinese line',
      ...r2,
    });
  });
  await measured('15b-dev-full', async () => {
    const fd = openSync('/dev/full', 'w');
    const o = await jixiao(['check', EXAMPLE, '--format', 'json'], { stdout: fd });
    closeSync(fd);
    const t = openSync('/dev/full', 'w');
    const tt = await jixiao(['check', EXAMPLE], { stdout: t });
    closeSync(t);
    record({
      id: '15b-dev-full',
      point: '15',
      expected: 'stdout to /dev/full: exit 2, one Chinese line, no ENOSPC text',
      observed: `json ${short(o)}; text ${short(tt)}`,
      held: o.code === 2 && oneChinese(o.stderr) && tt.code === 2 && oneChinese(tt.stderr),
    });
  });
  await measured('15c-250-byte-name', async () => {
    const long = `${'a'.repeat(245)}.xlsx`;
    const sum = `${'s'.repeat(245)}.xlsx`;
    const input = dir('p15-long-in');
    copyFileSync(EXAMPLE, path.join(input, long));
    const out = path.join(WORK, 'p15-long-out');
    const o = await jixiao(['check', input, '--annotate', out, '--summary', path.join(out, sum)]);
    const n = await jixiao(['next', path.join(input, long), path.join(WORK, `${'n'.repeat(245)}.xlsx`)]);
    const t = await jixiao(['template', path.join(WORK, `${'t'.repeat(245)}.xlsx`)]);
    const wrote = existsSync(path.join(out, long)) && existsSync(path.join(out, sum));
    record({
      id: '15c-250-byte-name',
      point: '15',
      expected: 'a legal 250-byte file name: copy, summary, next and template written (no 文件名或路径太长)',
      observed: `check ${ex(o)}, copy+summary written ${wrote}; next ${ex(n)}; template ${ex(t)}; stderr ${clip(firstLine(o.stderr + n.stderr + t.stderr), 60) || '(none)'}`,
      held:
        o.code === 1 &&
        wrote &&
        n.code === 0 &&
        t.code === 0 &&
        !/太长/.test(o.stderr + n.stderr + t.stderr) &&
        leftovers(out).length === 0,
    });
  });
  await measured('15d-xlsb', async () => {
    const enc = new TextEncoder();
    const file = put(
      'p15-binary.xlsx',
      zipParts({
        '[Content_Types].xml': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>',
        ),
        '_rels/.rels': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        ),
        'xl/workbook.bin': Uint8Array.from([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x99, 0x01, 0x0c, 0x00]),
        'xl/_rels/workbook.bin.rels': enc.encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>',
        ),
        'xl/worksheets/sheet1.bin': Uint8Array.from([0x81, 0x01, 0x00, 0x82, 0x01, 0x00]),
      }),
    );
    const r = await refusedByEveryCommand(file, /\.xlsb/);
    record({ id: '15d-xlsb', point: '15', expected: 'an .xlsb renamed .xlsx is named as such by every command', ...r });
  });
  await measured('15e-next-on-summary', async () => {
    const summary = path.join(WORK, 'p15-审核汇总.xlsx');
    await jixiao(['check', EXAMPLE, '--summary', summary]);
    const target = path.join(WORK, 'p15-summary-2027.xlsx');
    const o = await jixiao(['next', summary, target]);
    record({
      id: '15e-next-on-summary',
      point: '15',
      expected: 'next on a 审核汇总: refused as a review summary (not 问题明细’s 预算年度), exit 2, nothing written',
      observed: short(o),
      held:
        o.code === 2 &&
        oneChinese(o.stderr) &&
        /审核汇总/.test(o.stderr) &&
        !/预算年度/.test(o.stderr) &&
        !existsSync(target),
    });
  });
  await measured('15f-unreadable-folder', async () => {
    if (process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv')) {
      record({
        id: '15f-unreadable-folder',
        point: '15',
        expected: 'run as nobody',
        observed: 'skipped: needs root and setpriv',
        held: false,
      });
      return;
    }
    const wrap = ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const base = dir('p15-perm');
    chmodSync(base, 0o777);
    for (const d of ['batch/ok', 'batch/secret']) dir('p15-perm', d);
    for (const f of ['batch/ok/a.xlsx', 'batch/secret/b.xlsx']) copyFileSync(EXAMPLE, path.join(base, f));
    chmodSync(path.join(base, 'batch'), 0o755);
    chmodSync(path.join(base, 'batch/ok'), 0o755);
    chmodSync(path.join(base, 'batch/ok/a.xlsx'), 0o644);
    chmodSync(path.join(base, 'batch/secret'), 0o000);
    const folder = await jixiao(['check', 'batch', '--format', 'json'], { cwd: base, wrap });
    const named = await jixiao(['check', 'batch/secret/b.xlsx', 'batch/ok/a.xlsx'], { cwd: base, wrap });
    const glob = await jixiao(['check', 'batch/**/*.xlsx', '--format', 'json'], { cwd: base, wrap });
    const globEntry = json(glob)?.files.find((f) => f.file === 'batch/secret');
    chmodSync(path.join(base, 'batch/secret'), 0o755);
    const j = json(folder);
    const entry = j?.files.find((f) => f.file === 'batch/secret');
    record({
      id: '15f-unreadable-folder',
      point: '15',
      expected:
        'as nobody: an unreadable subfolder is a result (没有权限), not skipped; named explicitly, 没有权限 not 找不到',
      observed: `folder ${ex(folder)}: ${entry ? `entry «${entry.error}»` : 'no entry for batch/secret'}, files ${j?.summary.files}; named ${ex(named)}: ${clip(firstLine(named.stderr), 80)}; glob batch/**/*.xlsx ${ex(glob)}: ${globEntry ? `«${globEntry.error}»` : 'no entry for batch/secret'}`,
      held:
        folder.code === 2 &&
        /没有权限/.test(entry?.error ?? '') &&
        named.code === 2 &&
        /没有权限/.test(named.stderr) &&
        !/找不到/.test(named.stderr) &&
        oneChinese(named.stderr) &&
        glob.code === 2 &&
        /没有权限/.test(globEntry?.error ?? ''),
    });
  });
  await measured('15g-long-sheet-name', async () => {
    const parts = exampleParts();
    setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').split('附件2').join('x'.repeat(300_000)));
    const file = put('p15-long-sheet.xlsx', zipParts(parts));
    const size = statSync(file).size;
    const o = await jixiao(['check', file, '--format', 'json']);
    const r = await refusedByEveryCommand(file, /31/);
    record({
      id: '15g-long-sheet-name',
      point: '15',
      expected: `a 300,000-char sheet name (${Math.round(size / 1024)} KB file): short output (not megabytes), refused in Chinese`,
      observed: `JSON ${o.stdoutBytes} bytes, stderr ${Buffer.byteLength(o.stderr)} bytes; ${r.observed}`,
      held: r.held && o.stdoutBytes < 4096 && Buffer.byteLength(o.stderr) < 512,
      peakMB: r.peakMB,
    });
  });
}

function table(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = ['| case | point | expected | observed | peak MB | held |', '|---|---|---|---|---|---|'];
  for (const r of rows)
    out.push(
      `| ${r.id} | ${r.point} | ${esc(r.expected)} | ${esc(r.observed)} | ${r.peakMB ?? ''} | ${r.held ? 'yes' : 'NO'} |`,
    );
  return out.join('\n');
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`re-run failed: ${String(err)}\n`);
    process.exitCode = 2;
  })
  .finally(() => {
    process.stdout.write(`${table()}\n\n`);
    const failed = rows.filter((r) => !r.held);
    process.stdout.write(
      failed.length === 0
        ? `All ${rows.length} cases held.\n`
        : `${failed.length} of ${rows.length} cases did NOT hold: ${failed.map((r) => r.id).join(', ')}\n`,
    );
    if (failed.length > 0 && process.exitCode === undefined) process.exitCode = 1;
    if (KEEP) process.stderr.write(`kept ${WORK}\n`);
    else {
      try {
        // The permission case's folder is opened again before removal (it may have been left at 000).
        const secret = path.join(WORK, 'p15-perm', 'batch', 'secret');
        if (existsSync(secret)) chmodSync(secret, 0o755);
      } catch {
        // nothing to open
      }
      rmSync(WORK, { recursive: true, force: true });
    }
  });
