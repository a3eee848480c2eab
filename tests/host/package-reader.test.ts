/**
 * The package reader (src/xlsx/reader, src/host/file) against ExcelJS: the same grids
 * and the same reports on real workbooks, and the parts of the format ExcelJS
 * handles for us elsewhere — shared formulas, rich and phonetic strings,
 * inline strings, booleans, errors, ISO dates, the 1904 date system.
 */
import { readExplanations } from '../../src/report/explanations';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../../src/check';
import { XlsxHost } from '../../src/host/exceljs';
import { PackageWorkbook } from '../../src/host/file/index';
import { shiftFormula } from '../../src/xlsx/reader/sheet';
import { findDeclaration } from '../../src/read';
import { formulaAt, numFmtAt, valueAt, type Grid } from '../../src/sheet/grid';
import { fillTemplate } from '../cli/fill';
import { addSheet, exampleParts, setText, sheetXml, text, zipParts, EXAMPLE } from '../helpers/xlsx-package';
import { readFileSync } from 'fs';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-reader-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Every cell that holds a value or formula in either grid, with what both say about it. */
function cells(g: Grid): Map<string, string> {
  const out = new Map<string, string>();
  g.values.forEach((row, i) =>
    row?.forEach((_, j) => {
      const r = g.top + i;
      const c = g.left + j;
      const v = valueAt(g, r, c);
      const f = formulaAt(g, r, c);
      if (v === null && f === null) return;
      out.set(`${r},${c}`, JSON.stringify([v, f, numFmtAt(g, r, c)]));
    }),
  );
  return out;
}

async function bothReaders(bytes: Uint8Array) {
  const excel = await XlsxHost.load(Buffer.from(bytes));
  const pack = PackageWorkbook.open(bytes);
  const names = await excel.sheetNames();
  expect(await pack.sheetNames()).toEqual(names);
  const grids = await Promise.all(names.map(async (n) => [await excel.readGrid(n), await pack.readGrid(n)] as const));
  return { excel, pack, grids };
}

describe('the package reader reads what ExcelJS reads', () => {
  it('the bundled example: the same cells, merges and report', async () => {
    const { grids, excel, pack } = await bothReaders(readFileSync(EXAMPLE));
    for (const [a, b] of grids) {
      expect(cells(b)).toEqual(cells(a));
      const key = (m: { top: number; left: number; bottom: number; right: number }) =>
        `${m.top},${m.left},${m.bottom},${m.right}`;
      expect(b.merges.map(key).sort()).toEqual(a.merges.map(key).sort());
    }
    const ra = findDeclaration(grids.map(([a]) => a));
    const rb = findDeclaration(grids.map(([, b]) => b));
    if (!ra.form || !rb.form) throw new Error('not read as a form');
    expect(check(rb.declaration, { explanations: await readExplanations(pack) })).toEqual(
      check(ra.declaration, { explanations: await readExplanations(excel) }),
    );
  });

  it('a filled template (formulas, validations, names): the same cells and report', async () => {
    const file = path.join(tmp, 'filled.xlsx');
    const host = XlsxHost.create();
    const { buildTemplate } = await import('../../src/template');
    await host.createSheet(buildTemplate({ department: '某某县信访局', budgetYear: 2026 }));
    await host.save(file);
    await fillTemplate(file);
    const { grids } = await bothReaders(readFileSync(file));
    for (const [a, b] of grids) expect(cells(b)).toEqual(cells(a));
    const ra = findDeclaration(grids.map(([a]) => a));
    const rb = findDeclaration(grids.map(([, b]) => b));
    if (!ra.form || !rb.form) throw new Error('not read as a form');
    expect(check(rb.declaration)).toEqual(check(ra.declaration));
  });
});

describe('cell kinds', () => {
  function workbookWith(sheet: string, opts: { date1904?: boolean; strings?: string } = {}): Uint8Array {
    const parts = exampleParts();
    addSheet(parts, 'T', sheet);
    if (opts.date1904)
      setText(
        parts,
        'xl/workbook.xml',
        text(parts, 'xl/workbook.xml').replace(/<workbookPr /, '<workbookPr date1904="1" '),
      );
    if (opts.strings) setText(parts, 'xl/sharedStrings.xml', opts.strings);
    return zipParts(parts);
  }

  it('shared formulas: each cell gets the master formula moved by its offset; absolute parts stay', async () => {
    const xml = sheetXml(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+\'x y\'!A1+"A1"</f><v>4</v></c></row>' +
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>6</v></c></row>' +
        '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>8</v></c><c r="C3"><f>SUM(A1:A3)</f><v>6</v></c></row>',
    );
    const g = await PackageWorkbook.open(workbookWith(xml)).readGrid('T');
    expect(formulaAt(g, 0, 1)).toBe('=A1*2+$A$1+\'x y\'!A1+"A1"');
    expect(formulaAt(g, 2, 1)).toBe('=A3*2+$A$1+\'x y\'!A3+"A1"');
    expect(valueAt(g, 2, 1)).toBe(8);
    expect(formulaAt(g, 2, 2)).toBe('=SUM(A1:A3)');
    expect(shiftFormula('SUM(B2:C$3)+ROUND(D4,2)+LOG10(5)', 1, 1)).toBe('SUM(C3:D$3)+ROUND(E5,2)+LOG10(5)');
  });

  it('rich and phonetic shared strings, inline strings, booleans, errors, ISO dates and formula strings', async () => {
    const strings =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<si><r><rPr><b/></rPr><t>部门</t></r><r><t xml:space="preserve"> 名称</t></r><rPh sb="0" eb="2"><t>ぶもん</t></rPh></si>' +
      '<si><t>a&amp;b</t></si></sst>';
    const xml = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c>' +
        '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c><c r="F1" t="d"><v>2026-01-05T00:00:00</v></c>' +
        '<c r="G1" t="str"><f>A1&amp;"x"</f><v>部门 名称x</v></c><c r="H1" t="s"><v>99</v></c></row>',
    );
    const g = await PackageWorkbook.open(workbookWith(xml, { strings })).readGrid('T');
    expect(valueAt(g, 0, 0)).toBe('部门 名称');
    expect(valueAt(g, 0, 1)).toBe('a&b');
    expect(valueAt(g, 0, 2)).toBe('内联');
    expect(valueAt(g, 0, 3)).toBe(true);
    expect(valueAt(g, 0, 4)).toEqual({ error: '#DIV/0!' });
    expect(valueAt(g, 0, 5)).toBe(46027); // 2026-01-05 in the 1900 system
    expect(valueAt(g, 0, 6)).toBe('部门 名称x');
    expect(valueAt(g, 0, 7)).toBeNull(); // an index past the table is no value
  });

  it('the 1904 date system: dates arrive as 1900-system serials, plain numbers untouched', async () => {
    // Style 0 of the example is General; find a date style by adding one would need styles.xml: use numFmt 14 via a new xf.
    const parts = exampleParts();
    const styles = text(parts, 'xl/styles.xml');
    const count = Number(/<cellXfs count="(\d+)"/.exec(styles)![1]);
    setText(
      parts,
      'xl/styles.xml',
      styles
        .replace(/<cellXfs count="\d+">/, `<cellXfs count="${count + 1}">`)
        .replace(
          '</cellXfs>',
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
        ),
    );
    addSheet(
      parts,
      'T',
      sheetXml(`<row r="1"><c r="A1" s="${count}"><v>44565</v></c><c r="B1"><v>44565</v></c></row>`),
    );
    setText(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml').replace(/<workbookPr /, '<workbookPr date1904="1" '),
    );
    const g = await PackageWorkbook.open(zipParts(parts)).readGrid('T');
    expect(valueAt(g, 0, 0)).toBe(44565 + 1462);
    expect(numFmtAt(g, 0, 0)).toBe('yyyy/m/d');
    expect(valueAt(g, 0, 1)).toBe(44565);
  });

  it('cells that only carry a style are not in the grid; the grid is sparse', async () => {
    const xml = sheetXml(
      '<row r="1"><c r="A1" s="1"/><c r="B1"><v>1</v></c></row><row r="1000000"><c r="ZZ1000000"><v>2</v></c></row>',
    );
    const g = await PackageWorkbook.open(workbookWith(xml)).readGrid('T');
    expect(g.top).toBe(0);
    expect(g.left).toBe(1);
    expect(Object.keys(g.values)).toEqual(['0', '999999']);
    expect(valueAt(g, 999999, 701)).toBe(2);
  });
});
