/**
 * The package patcher on hostile and unusual XML: prefixed elements, rows and
 * cells without `r`, self-closing rows and sheetData, missing rows and cells,
 * shared-formula cells; dropping sheets keeps defined names and the active tab
 * right; every part stays well-formed XML.
 */
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { patchPackage, patchSheetXml } from '../../src/xlsx/patch-cells';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const sheet = (data: string, prefix = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${NS}"><${prefix}sheetData>${data}</${prefix}sheetData><${prefix}pageMargins left="0.7"/></${prefix}worksheet>`;

describe('patchSheetXml', () => {
  test('rewrites a number, a string and an emptied cell, keeping the style and every other byte', () => {
    const xml = sheet(
      '<row r="1" spans="1:3"><c r="A1" s="2"><v>1</v></c><c r="B1" s="3" t="s"><v>0</v></c><c r="C1" s="4"><v>9</v></c></row>',
    );
    const out = patchSheetXml(xml, [
      { row: 0, col: 0, kind: 'value', value: 229.85 },
      { row: 0, col: 1, kind: 'value', value: '2026年 <&>' },
      { row: 0, col: 2, kind: 'value', value: null },
    ]);
    expect(out).toContain('<c r="A1" s="2"><v>229.85</v></c>');
    expect(out).toContain('<c r="B1" s="3" t="inlineStr"><is><t>2026年 &lt;&amp;&gt;</t></is></c>');
    expect(out).toContain('<c r="C1" s="4"/>');
    expect(out).toContain('<row r="1" spans="1:3">');
    expect(out.endsWith('<pageMargins left="0.7"/></worksheet>')).toBe(true);
    expect(XMLValidator.validate(out)).toBe(true);
  });

  test('prefixed elements, rows and cells without r, a self-closing row, a missing row and a missing cell', () => {
    const xml = sheet(
      '<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row r="3"/><x:row r="5"><x:c r="B5"><x:v>7</x:v></x:c></x:row>',
      'x:',
    );
    const out = patchSheetXml(xml, [
      { row: 0, col: 1, kind: 'value', value: 20 },
      { row: 2, col: 0, kind: 'value', value: '新' },
      { row: 3, col: 2, kind: 'value', value: 4 },
      { row: 4, col: 0, kind: 'value', value: 5 },
      { row: 4, col: 3, kind: 'value', value: 6 },
    ]);
    expect(out).toContain('<x:row><x:c><x:v>1</x:v></x:c><x:c r="B1"><x:v>20</x:v></x:c></x:row>');
    expect(out).toContain('<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>新</x:t></x:is></x:c></x:row>');
    expect(out).toContain('<x:row r="4"><x:c r="C4"><x:v>4</x:v></x:c></x:row><x:row r="5">');
    expect(out).toContain(
      '<x:row r="5"><x:c r="A5"><x:v>5</x:v></x:c><x:c r="B5"><x:v>7</x:v></x:c><x:c r="D5"><x:v>6</x:v></x:c></x:row>',
    );
    expect(XMLValidator.validate(out)).toBe(true);
  });

  test('an empty sheetData gets its first row', () => {
    const xml = `<worksheet xmlns="${NS}"><sheetData/></worksheet>`;
    const out = patchSheetXml(xml, [{ row: 1, col: 1, kind: 'value', value: 1 }]);
    expect(out).toBe(
      `<worksheet xmlns="${NS}"><sheetData><row r="2"><c r="B2"><v>1</v></c></row></sheetData></worksheet>`,
    );
  });

  test('a formula keeps its <f> (shared formulas too); only the cached result changes', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" s="1"><f t="shared" ref="A1:A3" si="0">SUM(B1:C1)</f><v>3</v></c><c r="B1" t="str"><f>B2&amp;"x"</f><v>ax</v></c></row>',
    );
    const out = patchSheetXml(xml, [
      { row: 0, col: 0, kind: 'result', value: 12.5 },
      { row: 0, col: 1, kind: 'result', value: null },
    ]);
    expect(out).toContain('<c r="A1" s="1"><f t="shared" ref="A1:A3" si="0">SUM(B1:C1)</f><v>12.5</v></c>');
    expect(out).toContain('<c r="B1"><f>B2&amp;"x"</f></c>');
    expect(() => patchSheetXml(xml, [{ row: 5, col: 5, kind: 'result', value: 1 }])).toThrow(/不存在/);
  });
});

describe('patchPackage', () => {
  async function workbook(): Promise<Uint8Array> {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="a"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="b"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="b"/><Override PartName="/xl/worksheets/sheet3.xml" ContentType="b"/><Override PartName="/xl/comments1.xml" ContentType="c"/><Override PartName="/xl/calcChain.xml" ContentType="d"/></Types>',
    );
    zip.file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    );
    zip.file(
      'xl/workbook.xml',
      `<workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="1"/></bookViews><sheets><sheet name="表" sheetId="1" r:id="rId1"/><sheet name="校验说明" sheetId="2" r:id="rId2"/><sheet name="备注" sheetId="3" r:id="rId3"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">表!$A$1:$C$3</definedName><definedName name="x" localSheetId="1">校验说明!$A$1</definedName><definedName name="y" localSheetId="2">备注!$A$1</definedName><definedName name="z">'校验说明'!$B$2</definedName></definedNames><calcPr calcId="1"/></workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    );
    zip.file('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1"><v>1</v></c></row>'));
    zip.file('xl/worksheets/sheet2.xml', sheet('<row r="1"><c r="A1"><v>2</v></c></row>'));
    zip.file(
      'xl/worksheets/_rels/sheet2.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>',
    );
    zip.file('xl/comments1.xml', '<comments/>');
    zip.file('xl/worksheets/sheet3.xml', sheet(''));
    zip.file('xl/calcChain.xml', '<calcChain/>');
    return zip.generateAsync({ type: 'uint8array' });
  }

  test('drops a sheet with its own parts; names and the active tab follow; calcChain goes; full recalculation on open', async () => {
    const out = await patchPackage(await workbook(), {
      sheet: '表',
      cells: [{ row: 0, col: 0, kind: 'value', value: 5 }],
      dropSheets: ['校验说明', '校验结果'],
    });
    expect(out.dropped).toEqual(['校验说明']);
    const zip = await JSZip.loadAsync(out.bytes);
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(names).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet3.xml',
    ]);
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    expect(wb).toContain('<sheet name="表" sheetId="1" r:id="rId1"/><sheet name="备注" sheetId="3" r:id="rId3"/>');
    expect(wb).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">表!$A$1:$C$3</definedName>');
    expect(wb).toContain('<definedName name="y" localSheetId="1">备注!$A$1</definedName>');
    expect(wb).not.toContain('name="x"');
    expect(wb).not.toContain('name="z"');
    // The active tab was the dropped sheet: the form becomes the active one.
    expect(wb).toContain('<workbookView activeTab="0"/>');
    expect(wb).toContain('<calcPr calcId="1" fullCalcOnLoad="1"/>');
    const ct = await zip.file('[Content_Types].xml')!.async('string');
    expect(ct).not.toMatch(/sheet2|comments1|calcChain/);
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    expect(rels).not.toMatch(/rId2|calcChain/);
    for (const n of names) expect([n, XMLValidator.validate(await zip.file(n)!.async('string'))]).toEqual([n, true]);
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toContain('<c r="A1"><v>5</v></c>');
  });

  test('a file that is no zip, and a sheet that is not there, give Chinese errors', async () => {
    await expect(patchPackage(new Uint8Array([1, 2, 3]), { sheet: '表', cells: [] })).rejects.toThrow(/损坏/);
    await expect(patchPackage(await workbook(), { sheet: '没有', cells: [] })).rejects.toThrow(/没有工作表“没有”/);
  });
});
