/**
 * `jixiao next` treats LAST as hostile: the package layer it patches with
 * opens LAST within XlsxPackage's decompression budget and its strict XML
 * tokenizer, so a bomb or an entity declaration is refused in Chinese
 * (exit 2) instead of being inflated into memory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNext } from '../../src/cli/next-command';
import { memoryIO } from '../../src/cli/io';
import { openWorkbook } from '../../src/cli/xlsx-workbook';
import { packageHasNoteWith, packageSheetNames, patchPackage } from '../../src/xlsx/patch-cells';
import { bombZip, exampleParts, FORM_PART, setText, text, zipParts } from '../helpers/xlsx-package';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-next-hostile-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `jixiao next` on `bytes` as LAST; returns the exit code, stderr and whether NEXT was written. */
async function next(name: string, bytes: Uint8Array): Promise<{ code: number; stderr: string; written: boolean }> {
  const last = path.join(dir, `${name}.xlsx`);
  const out = path.join(dir, `${name}-next.xlsx`);
  fs.writeFileSync(last, bytes);
  const io = memoryIO();
  const code = await runNext({ kind: 'next', last, out, force: false }, io, openWorkbook);
  return { code, stderr: io.stderr, written: fs.existsSync(out) };
}

const BOMB_BYTES = 300 * 1024 * 1024;

describe('a hostile LAST', () => {
  test('a decompression bomb in a notes part (read only by next): refused as 文件过大, exit 2, nothing written', async () => {
    const parts = exampleParts();
    const bytes = bombZip(
      parts,
      'xl/comments9.xml',
      '<?xml version="1.0" encoding="UTF-8"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>',
      '        ',
      BOMB_BYTES,
      '</author></authors><commentList/></comments>',
    );
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const run = await next('notes-bomb', bytes);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^jixiao：.*notes-bomb\.xlsx：文件过大：解压后超过 256 MB 的读取上限/);
    expect(run.written).toBe(false);
    await expect(packageHasNoteWith(bytes, 'x')).rejects.toMatchObject({ name: 'PackageError' });
  });

  test('a decompression bomb in the form sheet: refused as 文件过大, exit 2, nothing written', async () => {
    const parts = exampleParts();
    const xml = text(parts, FORM_PART);
    const at = xml.indexOf('<sheetData>') + '<sheetData>'.length;
    const bytes = bombZip(parts, FORM_PART, xml.slice(0, at), '        ', BOMB_BYTES, xml.slice(at));
    const run = await next('sheet-bomb', bytes);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/文件过大/);
    expect(run.written).toBe(false);
    await expect(
      patchPackage(bytes, { sheet: '附件2', cells: [{ row: 0, col: 0, kind: 'value', value: 1 }] }),
    ).rejects.toMatchObject({ name: 'PackageError', message: expect.stringMatching(/^文件过大/) });
  });

  test('an entity declaration in workbook.xml: refused in Chinese, exit 2, nothing expanded or written', async () => {
    const parts = exampleParts();
    const wb = text(parts, 'xl/workbook.xml');
    const decl = '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">]>';
    setText(parts, 'xl/workbook.xml', wb.replace(/(<\?xml[^>]*\?>)/, `$1${decl}`));
    const bytes = zipParts(parts);
    const run = await next('doctype', bytes);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/DOCTYPE/);
    expect(run.written).toBe(false);
    await expect(packageSheetNames(bytes)).rejects.toMatchObject({ name: 'PackageError' });
  });

  test('not a zip at all: refused in Chinese, exit 2', async () => {
    const run = await next('not-zip', new TextEncoder().encode('PK\u0003\u0004 but nothing more'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^jixiao：.*文件已损坏/);
    expect(run.written).toBe(false);
  });
});
