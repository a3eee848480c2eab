/**
 * Issue 21, points 5, 11, 14 and 15: the package layer under hostile input, through the real command line.
 * Memory is bounded by what is kept (comments skipped in stream, parts read whole only up to a cap), DOCTYPE is
 * refused in every part, duplicate entry names and wrong CRCs are refused, copies keep entry names byte for byte
 * and write zip64's end records when they need them, characters XML cannot hold are refused in Chinese, and an
 * .xlsb or an absurd sheet name is named for what it is. Every refusal is one Chinese line naming the file and the
 * part, with exit code 2, and the input is never changed.
 */
import { createHash } from 'crypto';
import { promises as fs, readFileSync } from 'fs';
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
  text,
  zipParts,
  type Parts,
  type RawEntry,
} from '../helpers/xlsx-package';
import { buildCli } from '../cli/run-cli';
import { expectChineseOnly, jixiaoMeasured, PEAK_RSS_BOUND, tempDir, type Run } from './in-support';

let tmp: string;

beforeAll(async () => {
  buildCli();
  tmp = await tempDir();
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

interface Entry {
  file: string;
  sheet: string | null;
  form: boolean;
  error?: string;
  annotated?: string;
  annotateError?: string;
  department?: string | null;
  summary: { errors: number; warnings: number };
}

async function put(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(tmp, name);
  await fs.writeFile(file, bytes);
  return file;
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Runs jixiao; every input given must come out byte for byte as it was. */
function run(args: string[], inputs: string[], timeout?: number): Run {
  const before = inputs.map(digest);
  const r = jixiaoMeasured(args, tmp, timeout);
  expect(inputs.map(digest)).toEqual(before);
  return r;
}

function checkJson(files: string[], extra: string[] = []): { r: Run; entries: Entry[] } {
  const r = run(['check', ...files, '--format', 'json', ...extra], files);
  let entries: Entry[];
  try {
    entries = (JSON.parse(r.stdout) as { files: Entry[] }).files;
  } catch {
    throw new Error(`no JSON (exit ${r.code}, signal ${r.signal}):\n${r.stdout.slice(0, 2000)}\n${r.stderr}`);
  }
  return { r, entries };
}

/** What the unchanged example gives, to compare a hostile copy's result with. */
let example: Entry;

beforeAll(async () => {
  const file = await put('example.xlsx', zipParts(exampleParts()));
  example = checkJson([file]).entries[0]!;
  expect(example.form).toBe(true);
});

/** A refusal: exit 2, one Chinese line on stderr naming the file and the cause, no output written. */
function expectRefused(r: Run, file: string, cause: RegExp): void {
  expect(r.signal).toBeNull();
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path.basename(file));
  expect(lines[0]).toMatch(cause);
  expectChineseOnly(r.stderr);
  expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
}

/** check, check --annotate and next all refuse the file with the same cause; no copy and no new form is written. */
async function expectRefusedByEveryCommand(file: string, cause: RegExp): Promise<void> {
  const check = checkJson([file]);
  expectRefused(check.r, file, cause);
  expect(check.entries[0]!.error).toMatch(cause);
  const out = path.join(tmp, `annotated-${path.basename(file, '.xlsx')}`);
  const annotate = run(['check', file, '--annotate', out], [file]);
  expectRefused(annotate, file, cause);
  expect(await fs.readdir(out).catch(() => [])).toEqual([]);
  const target = path.join(tmp, `${path.basename(file, '.xlsx')}-2027.xlsx`);
  const next = run(['next', file, target], [file]);
  expectRefused(next, file, cause);
  await expect(fs.access(target)).rejects.toThrow();
}

/** The example with `part` inflating to a comment of `mb` MB, before its root element or just inside it. */
function withComment(part: string, mb: number, where: 'prolog' | 'inside'): Uint8Array {
  const parts = exampleParts();
  const xml = text(parts, part);
  const at = where === 'prolog' ? xml.indexOf('?>') + 2 : xml.indexOf('>', xml.indexOf('?>') + 2) + 1;
  return bombZip(parts, part, `${xml.slice(0, at)}<!--`, 'jixiao ', mb * 1024 * 1024, `-->${xml.slice(at)}`);
}

describe('memory is bounded by what is kept, not by what passes through (point 5)', () => {
  it('240 MB comments in styles.xml and workbook.xml are skipped in stream: four such files with --jobs 4 stay under 600 MB', async () => {
    const files = [
      await put('styles-inside.xlsx', withComment('xl/styles.xml', 240, 'inside')),
      await put('styles-prolog.xlsx', withComment('xl/styles.xml', 240, 'prolog')),
      await put('workbook-inside.xlsx', withComment('xl/workbook.xml', 240, 'inside')),
      await put('workbook-prolog.xlsx', withComment('xl/workbook.xml', 240, 'prolog')),
    ];
    // Small on disk, 240 MB each when inflated: under the 256 MB decompression limit, so they must be read.
    for (const f of files) expect((await fs.stat(f)).size).toBeLessThan(1024 * 1024);
    const { r, entries } = checkJson(files, ['--jobs', '4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    // Read as the example is: same sheet, same findings. A comment before the root is inflated once by the DOCTYPE
    // scan and once by the reader; it is charged to the decompression limit only once.
    for (const e of entries) {
      expect(e.error).toBeUndefined();
      expect([e.sheet, e.form, e.summary]).toEqual([example.sheet, true, example.summary]);
    }
    expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
  }, 300_000);

  it('a part too large to hold whole is refused for the copy, in Chinese, within the memory bound; the check stands', async () => {
    // --annotate appends to styles.xml, so it reads it whole: 240 MB of text is past the 64 MB a part may have.
    const file = await put('styles-copy.xlsx', withComment('xl/styles.xml', 240, 'inside'));
    const out = path.join(tmp, 'annotated-styles');
    const { r, entries } = checkJson([file], ['--annotate', out]);
    expect(r.code).toBe(2);
    expect(entries[0]!.summary).toEqual(example.summary);
    expect(entries[0]!.annotateError).toMatch(/xl\/styles\.xml 解压后有 240 MB，超过整体读取一个部件的 64 MB 上限/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('styles-copy.xlsx');
    expectChineseOnly(r.stderr);
    expect(await fs.readdir(out)).toEqual([]);
    expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
  }, 300_000);
});

describe('DOCTYPE is refused in every part (point 14)', () => {
  it.each(['[Content_Types].xml', 'docProps/core.xml', 'xl/theme/theme1.xml'])(
    'a DOCTYPE in %s refuses the file for check, --annotate and next',
    async (part) => {
      const parts = exampleParts();
      const xml = text(parts, part);
      const at = xml.indexOf('?>') + 2;
      setText(parts, part, `${xml.slice(0, at)}\n<!DOCTYPE x [<!ENTITY e "jixiao">]>${xml.slice(at)}`);
      const file = await put(`doctype-${part.replace(/\W+/g, '-')}.xlsx`, zipParts(parts));
      const escaped = part.replace(/[[\].]/g, (c) => `\\${c}`);
      await expectRefusedByEveryCommand(
        file,
        new RegExp(`文件中的 ${escaped} 含有 DOCTYPE（XML 实体声明），出于安全原因不予读取`),
      );
    },
    120_000,
  );
});

/** The form's XML with another department name in B4, so a result shows which copy was read. */
function formWithDepartment(parts: Parts, department: string): string {
  return text(parts, FORM_PART).replace(
    '<c r="B4" s="4" t="s"><v>5</v></c>',
    `<c r="B4" s="4" t="inlineStr"><is><t>${department}</t></is></c>`,
  );
}

describe('the zip is taken for what it says, or refused (point 11)', () => {
  it('two entries of one name are refused, whichever would have been read', async () => {
    const parts = exampleParts();
    const entries = rawEntries(parts);
    entries.push({ name: FORM_PART, data: new TextEncoder().encode(formWithDepartment(parts, '第二份')) });
    const file = await put('duplicate.xlsx', rawZip(entries));
    await expectRefusedByEveryCommand(
      file,
      /文件已损坏.*zip 中有两个同名的条目 xl\/worksheets\/sheet1\.xml，无法确定读取哪一个/,
    );
  }, 120_000);

  it.each([
    ['stored', FORM_PART, true],
    ['deflated', 'xl/sharedStrings.xml', false],
  ])(
    'a %s part whose bytes do not match its CRC is refused (%s)',
    async (_kind, part, stored) => {
      const parts = exampleParts();
      const entries: RawEntry[] = rawEntries(parts).map((e) => {
        if (e.name !== part) return e;
        const original = e.data;
        // One cell changed after the CRC was taken, as a bad disk or transfer would: still well-formed XML.
        const changed = new TextEncoder().encode(
          part === FORM_PART ? formWithDepartment(parts, '被改动') : text(parts, part).replace('阳新县', '阳新乡'),
        );
        expect(changed).not.toEqual(original);
        return { ...e, data: changed, stored, crc: crc32(original) };
      });
      const file = await put(`crc-${_kind}.xlsx`, rawZip(entries));
      const escaped = part.replace(/\./g, '\\.');
      await expectRefusedByEveryCommand(file, new RegExp(`文件已损坏.*条目 ${escaped} 的校验和（CRC）与内容不符`));
    },
    120_000,
  );
});

/** GBK's bytes for 图片 (what Windows' built-in zip writes for a Chinese name, without the UTF-8 flag). */
const GBK_NAME = Uint8Array.from([...Buffer.from('xl/media/'), 0xcd, 0xbc, 0xc6, 0xac, ...Buffer.from('1.png')]);

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Annotates and rolls `file`; returns the two packages jixiao wrote. */
async function copiesOf(file: string, tag: string): Promise<Uint8Array[]> {
  const out = path.join(tmp, `annotated-${tag}`);
  const annotate = checkJson([file], ['--annotate', out]);
  expect(annotate.r.stderr).toBe('');
  expect(annotate.r.code).toBe(1);
  expect(annotate.entries[0]!.annotated).toBeDefined();
  const target = path.join(tmp, `${tag}-2027.xlsx`);
  const next = run(['next', file, target], [file]);
  expect(next.stderr).toBe('');
  expect(next.code).toBe(0);
  return [readFileSync(annotate.entries[0]!.annotated!), readFileSync(target)];
}

describe('copies are faithful to unusual packages (point 11)', () => {
  it('entry names come back byte for byte with their encoding flag: GBK names, and names stored without the flag', async () => {
    // Every name stored without the UTF-8 flag, as many Windows tools do, plus one name in GBK.
    const entries: RawEntry[] = rawEntries(exampleParts()).map((e) => ({ ...e, utf8: false }));
    entries.push({ name: GBK_NAME, data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), stored: true, utf8: false });
    const input = rawZip(entries);
    const file = await put('gbk-names.xlsx', input);
    const original = readDirectory(input).entries;
    for (const copy of await copiesOf(file, 'gbk')) {
      const dir = readDirectory(copy).entries;
      for (const o of original) {
        const c = dir.find((d) => sameBytes(d.name, o.name));
        expect(c && Buffer.from(c.name).toString('latin1')).toBe(Buffer.from(o.name).toString('latin1'));
        expect(sameBytes(c!.localName, o.name)).toBe(true);
        expect(c!.flags & 0x0800).toBe(0);
      }
    }
  }, 120_000);

  it('a package of more than 65,535 entries is copied with zip64 end records, and jixiao reads its own copies', async () => {
    const extra: RawEntry[] = [];
    for (let i = 0; i < 70_000; i++)
      extra.push({ name: `customXml/blank${i}.bin`, data: new Uint8Array(0), stored: true });
    const input = rawZip([...extra, ...rawEntries(exampleParts())]);
    const file = await put('many-entries.xlsx', input);
    const inputCount = readDirectory(input).count;
    expect(inputCount).toBe(70_000 + Object.keys(exampleParts()).length);
    const [annotated, rolled] = await copiesOf(file, 'many');
    for (const copy of [annotated!, rolled!]) {
      const dir = readDirectory(copy);
      expect(dir.zip64).toBe(true);
      expect(dir.count).toBeGreaterThanOrEqual(inputCount);
      expect(dir.entries).toHaveLength(dir.count);
    }
    const copies = [await put('many-annotated.xlsx', annotated!), await put('many-rolled.xlsx', rolled!)];
    const again = checkJson(copies);
    expect(again.r.stderr).toBe('');
    for (const e of again.entries) expect([e.error, e.form, e.sheet]).toEqual([undefined, true, example.sheet]);
  }, 180_000);
});

describe('characters XML cannot hold are refused in Chinese, by every command alike (point 15)', () => {
  it('a cell holding &#x1; is refused by check, --annotate and next with the part named', async () => {
    const parts = exampleParts();
    const strings = text(parts, 'xl/sharedStrings.xml');
    expect(strings).toContain('阳新县信访局');
    setText(parts, 'xl/sharedStrings.xml', strings.replace('阳新县信访局', '阳新县&#x1;信访局'));
    const file = await put('char-cell.xlsx', zipParts(parts));
    await expectRefusedByEveryCommand(file, /文件已损坏：xl\/sharedStrings\.xml 不是合格的 XML（.*&#x1;.*XML 不允许/);
  }, 120_000);

  it('a sheet name holding &#x1B; is refused by check, --annotate and next with the part named', async () => {
    const parts = exampleParts();
    const wb = text(parts, 'xl/workbook.xml');
    expect(wb).toContain('name="附件2"');
    setText(parts, 'xl/workbook.xml', wb.replace('name="附件2"', 'name="附件&#x1B;2"'));
    const file = await put('char-sheet.xlsx', zipParts(parts));
    await expectRefusedByEveryCommand(
      file,
      /文件已损坏：xl\/workbook\.xml 不是合格的 XML（.*无效的字符引用.*XML 不允许这个字符/,
    );
  }, 120_000);

  it('a comment holding &#x1; (read only to copy it): the copy is refused with where, never with English parser text', async () => {
    const parts = exampleParts();
    setText(
      parts,
      'xl/comments1.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>审核人</author></authors><commentList><comment ref="B4" authorId="0"><text><t>请核对&#x1;名称</t></text></comment></commentList></comments>',
    );
    setText(
      parts,
      'xl/worksheets/_rels/sheet1.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>',
    );
    setText(
      parts,
      '[Content_Types].xml',
      text(parts, '[Content_Types].xml').replace(
        '</Types>',
        '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
      ),
    );
    const file = await put('char-comment.xlsx', zipParts(parts));
    const out = path.join(tmp, 'annotated-char-comment');
    const { r, entries } = checkJson([file], ['--annotate', out]);
    expect(r.code).toBe(2);
    expect(entries[0]!.summary).toEqual(example.summary);
    expect(entries[0]!.annotateError).toMatch(
      /文件已损坏：xl\/comments1\.xml 不是合格的 XML（第 \d+ 行第 \d+ 列附近：无效的字符引用，XML 不允许这个字符）/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('char-comment.xlsx');
    expectChineseOnly(r.stderr);
    expect(await fs.readdir(out)).toEqual([]);
  }, 120_000);
});

describe('files are named for what they are (point 15)', () => {
  it('a 300,000-character name of the form sheet is refused in one short line, not repeated into megabytes of output', async () => {
    const parts = exampleParts();
    const wb = text(parts, 'xl/workbook.xml');
    expect(wb).toContain('name="附件2"');
    setText(parts, 'xl/workbook.xml', wb.split('附件2').join('x'.repeat(300_000)));
    const file = await put('long-name.xlsx', zipParts(parts));
    expect((await fs.stat(file)).size).toBeLessThan(64 * 1024);
    const check = checkJson([file]);
    expect(check.r.stdout.length).toBeLessThan(4096);
    expect(check.r.stderr.length).toBeLessThan(512);
    await expectRefusedByEveryCommand(
      file,
      /文件已损坏：工作表“x{10}…”的名称长 300,000 个字符，超过 Excel 的 31 个字符上限/,
    );
  }, 120_000);

  it('an .xlsb renamed .xlsx is called an Excel binary workbook', async () => {
    const file = await put(
      'binary.xlsx',
      zipParts({
        '[Content_Types].xml': new TextEncoder().encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
        ),
        '_rels/.rels': new TextEncoder().encode(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        ),
        'xl/workbook.bin': Uint8Array.from([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x99, 0x01, 0x0c, 0x00]),
      }),
    );
    await expectRefusedByEveryCommand(file, /这是 Excel 二进制工作簿（\.xlsb），不是 \.xlsx/);
  }, 120_000);
});
