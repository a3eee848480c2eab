/**
 * `jixiao next` opens LAST's bytes as a package once (issue 20): the look for jixiao's own marks, the reader's view
 * of the form and the patch all work on that one package, and each of those steps still inflates within a
 * decompression budget of its own, as when each opened the bytes anew.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { produceNext, rollPackage } from '../../src/cli/next-command';
import { openWorkbook } from '../../src/cli/xlsx-workbook';
import { DEFAULT_READ_LIMITS } from '../../src/host/file/index';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { EXAMPLE, exampleParts, FORM_PART, setText, text, zipParts } from '../helpers/xlsx-package';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-next-once-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** The example with an XML comment of `bytes` characters inside the root element of `part`. */
function withComment(parts: ReturnType<typeof exampleParts>, part: string, bytes: number): void {
  const xml = text(parts, part);
  const at = xml.indexOf('>', xml.indexOf('?>') + 2) + 1;
  setText(parts, part, `${xml.slice(0, at)}<!--${'x'.repeat(bytes)}-->${xml.slice(at)}`);
}

describe('next opens LAST once', () => {
  test('rolling the example opens its bytes as a package once, and NEXT (checked after it is written) once', async () => {
    const last = fs.readFileSync(EXAMPLE);
    const file = path.join(dir, 'last.xlsx');
    const out = path.join(dir, 'next.xlsx');
    fs.writeFileSync(file, last);
    const opened: Uint8Array[] = [];
    const open = XlsxPackage.open.bind(XlsxPackage);
    jest.spyOn(XlsxPackage, 'open').mockImplementation((bytes, limits) => {
      opened.push(bytes);
      return open(bytes, limits);
    });
    const r = await produceNext({ kind: 'next', last: file, out, force: false }, openWorkbook, false);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const written = fs.readFileSync(out);
    expect(opened.filter((b) => sameBytes(b, last))).toHaveLength(1);
    expect(opened.filter((b) => sameBytes(b, written))).toHaveLength(1);
    expect(opened).toHaveLength(2);
  });

  test('each step inflates within a budget of its own: parts that fit each step but not all steps together roll', async () => {
    // 2.4 MB of comment in styles.xml (read by the reader) and 1.2 MB in the form sheet (read by the reader, then
    // read again whole by the patch): the reader inflates about 3.8 MB, the patch about 1.3 MB, together over 4 MB.
    const parts = exampleParts();
    withComment(parts, 'xl/styles.xml', 2_400_000);
    withComment(parts, FORM_PART, 1_200_000);
    const bytes = zipParts(parts);
    const file = path.join(dir, 'padded.xlsx');
    fs.writeFileSync(file, bytes);
    const limit = 4 * 1024 * 1024;
    const rolled = await rollPackage(file, bytes, {}, { ...DEFAULT_READ_LIMITS, maxDecompressed: limit });
    expect(rolled.roll.edits.length).toBeGreaterThan(0);
    // The same bytes with a limit the reader's step alone does not fit in are refused as too large, by that step.
    await expect(
      rollPackage(file, bytes, {}, { ...DEFAULT_READ_LIMITS, maxDecompressed: 3 * 1024 * 1024 }),
    ).rejects.toThrow(/文件过大：解压后超过 3 MB 的读取上限/);
  });

  test('the refusals keep their order: the package layer first, then jixiao’s marks, then the reader', async () => {
    const file = path.join(dir, 'order.xlsx');
    // Not a zip: the package layer's words (not the sniffing's, which come with the reader).
    await expect(rollPackage(file, new Uint8Array(0), {})).rejects.toThrow(/^文件已损坏，或不是 \.xlsx 格式/);
    // A workbook with jixiao's state sheet and no form in it: the marks are told, not the missing form.
    const parts = exampleParts();
    setText(parts, FORM_PART, text(parts, FORM_PART).replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>'));
    setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace('name="附件2"', 'name="_jixiao_flags"'));
    await expect(rollPackage(file, zipParts(parts), {})).rejects.toThrow(/中带有绩效申报助手标出的问题/);
  });
});
