/**
 * Hostile workbooks, each built here part by part and run through the real
 * command line in a child process (bin/jixiao.js, workers and all), with the
 * process's peak memory (maxRSS, main thread and workers together) asserted
 * below a bound. None may crash the run, hang it or take memory with the
 * sheet's extent; stdout is one complete JSON document naming every file.
 */
import { spawnSync } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import {
  addSheet,
  appendToForm,
  bombZip,
  exampleParts,
  FORM_PART,
  setText,
  sheetXml,
  text,
  zipParts,
} from '../helpers/xlsx-package';
import { BIN, buildCli, ROOT, type JsonOutput } from './run-cli';

/** Peak RSS allowed for one run over one hostile file ("a few hundred MB" at most). */
const MEMORY_BOUND = 300 * 1024 * 1024;
const SAMPLER = path.join(ROOT, 'bench', 'peak-memory.cjs');

let tmp: string;

beforeAll(async () => {
  buildCli();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-hostile-'));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

interface MeasuredRun {
  code: number | null;
  json: JsonOutput;
  stderr: string;
  maxRSS: number;
}

function checkMeasured(files: string[], extra: string[] = []): MeasuredRun {
  const mem = path.join(tmp, `mem-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, ['-r', SAMPLER, BIN, 'check', ...files, '--format', 'json', ...extra], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, JIXIAO_BENCH_MEM: mem },
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const { maxRSS } = JSON.parse(readFileSync(mem, 'utf8')) as { maxRSS: number };
  let json: JsonOutput;
  try {
    json = JSON.parse(r.stdout) as JsonOutput;
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${r.status}, signal ${r.signal}):\n${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 2000)}`,
    );
  }
  return { code: r.status, json, stderr: r.stderr, maxRSS };
}

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(tmp, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** The findings of the untouched example, to compare a hostile variant of it with. */
let plain: JsonOutput['files'][number];

beforeAll(async () => {
  const run = checkMeasured([await write('plain.xlsx', zipParts(exampleParts()))]);
  plain = run.json.files[0]!;
  expect(plain.form).toBe(true);
});

const rules = (f: JsonOutput['files'][number]) => f.findings.map((x) => `${x.rule} ${x.cells.join(',')}`);

describe('hostile workbooks through the real command line', () => {
  it('values at A1 and XFD1048576 on a second sheet: the form is checked as usual, memory stays small', async () => {
    const parts = exampleParts();
    addSheet(
      parts,
      'Sheet2',
      sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
    );
    const run = checkMeasured([await write('far-second-sheet.xlsx', zipParts(parts))]);
    expect(run.code).toBe(1);
    expect(rules(run.json.files[0]!)).toEqual(rules(plain));
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('the same far sheet placed before the form (so it is read): the form is still found, memory stays small', async () => {
    const parts = exampleParts();
    addSheet(
      parts,
      'Sheet0',
      sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
    );
    // The new sheet first in the tab order.
    const wb = text(parts, 'xl/workbook.xml').replace(
      /<sheets>(.*?)(<sheet [^>]*name="Sheet0"[^>]*\/>)<\/sheets>/,
      '<sheets>$2$1</sheets>',
    );
    setText(parts, 'xl/workbook.xml', wb.replace('localSheetId="0"', 'localSheetId="1"'));
    const run = checkMeasured([await write('far-first-sheet.xlsx', zipParts(parts))]);
    expect(run.json.files[0]!.sheet).toBe('附件2');
    expect(rules(run.json.files[0]!)).toEqual(rules(plain));
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('one value at XFD1048576 on the form sheet itself: still the same findings, memory stays small', async () => {
    const parts = exampleParts();
    appendToForm(parts, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>');
    const run = checkMeasured([await write('far-form.xlsx', zipParts(parts))]);
    expect(run.json.files[0]!.form).toBe(true);
    expect(rules(run.json.files[0]!)).toEqual(rules(plain));
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('a stray value at Z1048576 in the 校验说明 sheet: explanations still read, memory stays small', async () => {
    const parts = exampleParts();
    const header =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>规则</t></is></c><c r="B1" t="inlineStr"><is><t>单元格</t></is></c><c r="C1" t="inlineStr"><is><t>说明</t></is></c></row>';
    addSheet(parts, '校验说明', sheetXml(`${header}<row r="1048576"><c r="Z1048576"><v>7</v></c></row>`));
    const run = checkMeasured([await write('far-explanations.xlsx', zipParts(parts))]);
    expect(run.json.files[0]!.form).toBe(true);
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('merges M1:XFD1048576 and A111:I1048576 on the form sheet: same findings, memory stays small', async () => {
    const parts = exampleParts();
    appendToForm(parts, '', '<mergeCell ref="M1:XFD1048576"/><mergeCell ref="A111:I1048576"/>');
    const run = checkMeasured([await write('huge-merge.xlsx', zipParts(parts))]);
    expect(rules(run.json.files[0]!)).toEqual(rules(plain));
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('a value at I1048576 under a merge over a million rows: read, memory stays small', async () => {
    const parts = exampleParts();
    appendToForm(parts, '<row r="1048576"><c r="I1048576"><v>1</v></c></row>', '<mergeCell ref="A120:H1048576"/>');
    const run = checkMeasured([await write('merge-and-far-value.xlsx', zipParts(parts))]);
    expect(run.json.files[0]!.form).toBe(true);
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('400,000 cells that only carry formatting cost next to nothing: same findings, memory stays small', async () => {
    const parts = exampleParts();
    const rows: string[] = [];
    for (let r = 200; r < 200 + 20_000; r++) {
      const cells: string[] = [];
      for (let c = 0; c < 20; c++) cells.push(`<c r="${String.fromCharCode(65 + c)}${r}" s="1"/>`);
      rows.push(`<row r="${r}">${cells.join('')}</row>`);
    }
    appendToForm(parts, rows.join(''));
    const run = checkMeasured([await write('formatted-only.xlsx', zipParts(parts))]);
    expect(rules(run.json.files[0]!)).toEqual(rules(plain));
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('a row number past Excel’s limit: unreadable with a Chinese reason, exit 2', async () => {
    const parts = exampleParts();
    appendToForm(parts, '<row r="2000000"><c r="A2000000"><v>1</v></c></row>');
    const run = checkMeasured([await write('row-past-limit.xlsx', zipParts(parts))]);
    expect(run.code).toBe(2);
    expect(run.json.files[0]!.error).toMatch(/行号 2000000 超出 Excel 的范围/);
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('a decompression bomb (a 300 MB sheet in a small zip): unreadable as 文件过大, exit 2', async () => {
    const parts = exampleParts();
    const xml = text(parts, FORM_PART);
    const at = xml.indexOf('<sheetData>') + '<sheetData>'.length;
    const bytes = bombZip(parts, FORM_PART, xml.slice(0, at), '        ', 300 * 1024 * 1024, xml.slice(at));
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const run = checkMeasured([await write('bomb.xlsx', bytes)]);
    expect(run.code).toBe(2);
    expect(run.json.files[0]!.error).toMatch(/^文件过大/);
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('a zip without a workbook: unreadable (not "not a form"), exit 2', async () => {
    const file = await write('no-workbook.xlsx', zipSync({ 'readme.txt': strToU8('hello') }));
    const run = checkMeasured([file]);
    expect(run.code).toBe(2);
    expect(run.json.files[0]!.form).toBe(false);
    expect(run.json.files[0]!.error).toMatch(/没有 Excel 工作簿/);
    expect(run.json.files[0]!.reason).toBeUndefined();
  });

  it('XML entities (billion laughs in the shared strings): refused, nothing expanded, exit 2', async () => {
    const parts = exampleParts();
    const laughs =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
      '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">' +
      '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">' +
      '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">' +
      '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">' +
      '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">' +
      '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';
    const ss = text(parts, 'xl/sharedStrings.xml')
      .replace('?>', `?>${laughs}`)
      .replace(/<t>([^<]*)<\/t>/, '<t>$1&lol9;</t>');
    setText(parts, 'xl/sharedStrings.xml', ss);
    const run = checkMeasured([await write('entities.xlsx', zipParts(parts))]);
    expect(run.code).toBe(2);
    expect(run.json.files[0]!.error).toMatch(/DOCTYPE/);
    expect(run.maxRSS).toBeLessThan(MEMORY_BOUND);
  });

  it('an undeclared entity in a sheet (an external-entity attempt without DOCTYPE) is damage, not a crash', async () => {
    const parts = exampleParts();
    appendToForm(parts, '<row r="300"><c r="A300" t="inlineStr"><is><t>&xxe;</t></is></c></row>');
    const run = checkMeasured([await write('undeclared-entity.xlsx', zipParts(parts))]);
    expect(run.code).toBe(2);
    expect(run.json.files[0]!.error).toMatch(/^文件已损坏/);
  });

  it('all of them in one run with --jobs 2: one complete JSON document naming every file, in input order', async () => {
    const names = (await fs.readdir(tmp)).filter((f) => f.endsWith('.xlsx')).sort();
    const files = names.map((n) => path.join(tmp, n));
    const run = checkMeasured(files, ['--jobs', '2']);
    expect(run.json.files.map((f) => f.file)).toEqual(files);
    expect(run.json.summary.files).toBe(files.length);
    expect(run.code).toBe(2);
    // No English library text reaches the user.
    for (const f of run.json.files)
      if (f.error) expect(f.error).not.toMatch(/Invalid string length|Cannot read|ENOENT|heap/i);
  });
});
