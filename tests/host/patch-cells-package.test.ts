/**
 * patch-cells on the package layer (XlsxPackage + the strict tokenizer):
 * parts it does not change keep their stored (compressed) bytes, XML it
 * cannot read strictly is refused in Chinese naming the sheet, and a removed
 * part is gone from the package in every view of it.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import { packageHasNoteWith, packageSheetNames, patchPackage, patchSheetXml } from '../../src/xlsx/patch-cells';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { rawData, readZip } from '../../src/xlsx/package/zip';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

describe('patchPackage on the example', () => {
  test('every part it does not change keeps its stored bytes; only the sheet, workbook.xml and its neighbours are rewritten', async () => {
    const last = new Uint8Array(readFileSync(EXAMPLE));
    const names = await packageSheetNames(last);
    expect(names).toEqual(['附件2']);
    const out = await patchPackage(last, { sheet: '附件2', cells: [{ row: 0, col: 0, kind: 'value', value: '标题' }] });
    const before = new Map(readZip(last).map((e) => [e.name, e]));
    const after = readZip(out.bytes);
    const rewritten: string[] = [];
    for (const e of after) {
      const old = before.get(e.name);
      expect(old).toBeDefined();
      const same =
        old!.method === e.method &&
        old!.crc === e.crc &&
        Buffer.from(rawData(last, old!)).equals(rawData(out.bytes, e));
      if (!same) rewritten.push(e.name);
    }
    // The calculation chain (if any) goes; nothing else is added or lost.
    const gone = [...before.keys()].filter((n) => !after.some((e) => e.name === n));
    expect(gone.every((n) => /calcChain/.test(n))).toBe(true);
    expect(rewritten.sort()).toEqual(
      [
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        ...(gone.length ? ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels'] : []),
      ].sort(),
    );
  });
});

describe('patchSheetXml reads the sheet strictly', () => {
  test('mismatched tags are refused in Chinese, naming the sheet (a regex would have patched around them)', () => {
    const xml = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</x></c></row></sheetData></worksheet>`;
    expect(() => patchSheetXml(xml, [{ row: 0, col: 0, kind: 'value', value: 2 }], '附件2')).toThrow(
      /工作表“附件2”.*不是合格的 XML/,
    );
  });

  test('a DOCTYPE in the sheet is refused; nothing is expanded', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet xmlns="${NS}"><sheetData/></worksheet>`;
    expect(() => patchSheetXml(xml, [{ row: 0, col: 0, kind: 'value', value: 2 }], '附件2')).toThrow(/DOCTYPE/);
  });

  test('a <c> outside sheetData is not taken for a cell', () => {
    const xml = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><ext><row r="1"><c r="B1"><v>9</v></c></row></ext></extLst></worksheet>`;
    const out = patchSheetXml(xml, [{ row: 0, col: 1, kind: 'value', value: 2 }]);
    expect(out).toContain('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData>');
    expect(out).toContain('<ext><row r="1"><c r="B1"><v>9</v></c></row></ext>');
  });
});

describe('XlsxPackage.remove', () => {
  test('a removed part is gone from parts(), has(), reads and the written zip; writing it again brings it back', () => {
    const pkg = XlsxPackage.open(new Uint8Array(readFileSync(EXAMPLE)));
    const part = 'xl/styles.xml';
    expect(pkg.has(part)).toBe(true);
    pkg.remove('XL/Styles.xml');
    expect(pkg.has(part)).toBe(false);
    expect(pkg.parts()).not.toContain(part);
    expect(pkg.readText(part)).toBeNull();
    expect(pkg.streamText(part, () => undefined)).toBe(false);
    expect(readZip(pkg.toBytes()).map((e) => e.name)).not.toContain(part);

    pkg.write(part, '<styleSheet/>');
    expect(pkg.has(part)).toBe(true);
    const again = XlsxPackage.open(pkg.toBytes());
    expect(again.readText(part)).toBe('<styleSheet/>');
    expect(again.parts().filter((n) => n === part)).toHaveLength(1);

    pkg.write('xl/new.xml', '<a/>');
    pkg.remove('xl/new.xml');
    pkg.write('xl/new.xml', '<b/>');
    const third = XlsxPackage.open(pkg.toBytes());
    expect(third.parts().filter((n) => n === 'xl/new.xml')).toHaveLength(1);
    expect(third.readText('xl/new.xml')).toBe('<b/>');
  });
});

describe('packageHasNoteWith', () => {
  test('finds a mark that the streamed reading splits between two chunks', async () => {
    const mark = '【绩效申报助手】';
    // A stored (uncompressed) part is handed over in 4,096-byte chunks: the mark is put across that boundary.
    for (let pad = 4096 - 30; pad <= 4096 + 2; pad++) {
      const head = '<comments><commentList><comment ref="A1"><text><t>';
      const comments = `${head}${'x'.repeat(pad - head.length)}${mark}</t></text></comment></commentList></comments>`;
      const bytes = zipSync({ 'xl/comments1.xml': strToU8(comments) }, { level: 0 });
      expect(await packageHasNoteWith(bytes, mark)).toBe(true);
      expect(await packageHasNoteWith(bytes, '【别的标记】')).toBe(false);
    }
  });
});
