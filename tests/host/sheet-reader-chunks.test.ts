/**
 * The sheet reader reads the usual cells through a fast lane and every other
 * cell through the tokenizer's events: both must give the same grid, however
 * the part's text is cut into chunks (a large sheet arrives in pieces, and a
 * cell cut in two is read by the slow path).
 */
import type { XlsxPackage } from '../../src/xlsx/package/package';
import type { WorkbookParts } from '../../src/xlsx/reader/parts';
import { CellBudget, DEFAULT_SHEET_LIMITS, readSheet } from '../../src/xlsx/reader/sheet';
import { formulaAt, numFmtAt, type Grid } from '../../src/sheet/grid';

const WB: WorkbookParts = {
  strings: ['项目', '合计', 'a&b'],
  formats: ['General', '0.00', '0.00%', 'yyyy/m/d'],
  dateStyle: [false, false, false, true],
  date1904: false,
};

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/><sheetData>' +
  // The usual shapes: shared string, number, empty, style only, plain formula with its result.
  '<row r="1"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="1"><v>374.13</v></c><c r="C1" s="1"></c>' +
  '<c r="D1" s="2"/><c r="E1" s="1"><f>SUM(B1,B2)</f><v>400.5</v></c><c r="F1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>' +
  // Cells without r (their column follows the previous cell), an empty <v>, a formula without a cached result.
  '<row r="2"><c s="1"><v>26.37</v></c><c t="s"><v>2</v></c><c s="1"><v></v></c><c s="1"><f>B1*2</f></c><c t="inlineStr"><is><t>末</t></is></c></row>' +
  // Shapes the fast lane leaves to the events: shared formulas, inline and rich strings, CDATA, white space
  // inside the cell, a self-closing <v/>, an error, a boolean, an ISO date, extensions.
  '<row r="3"><c r="A3" s="1"><f t="shared" ref="A3:B3" si="0">B1+1</f><v>375.13</v></c>' +
  '<c r="B3" s="1"><f t="shared" si="0"/><v>27.37</v></c>' +
  '<c r="C3" t="inlineStr"><is><r><t>内</t></r><r><t xml:space="preserve">联 </t></r><rPh><t>ない</t></rPh></is></c>' +
  '<c r="D3"><v><![CDATA[12]]></v></c><c r="E3" s="1">\r\n  <v>5</v>\r\n</c><c r="F3"><v/></c></row>' +
  '<row r="4"><c r="A4" t="e"><v>#DIV/0!</v></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="d" s="3"><v>2026-01-31T00:00:00Z</v></c>' +
  '<c r="D4" s="1"><v>7</v><extLst><ext uri="x"/></extLst></c><c r="E4"><f>IF(A1&lt;&gt;"",1,0)</f><v>1</v></c></row>' +
  '<row r="6" spans="1:6" ht="20" customHeight="1" x14ac:dyDescent="0.25"><c r="A6" t="s"><v>1</v></c><c r="F6" s="1"><v>1E-3</v></c></row>' +
  '<row r=\'7\' ht="9"><c r="B7"><v>2</v></c></row><row r="8"/>' +
  '</sheetData><mergeCells count="3"><mergeCell ref="A5:C5"/><mergeCell ref=\'D5:E5\'/><mergeCell ref="F5" /></mergeCells></worksheet>';

function fakePackage(text: string, chunk: number): XlsxPackage {
  return {
    streamText(_part: string, sink: (t: string) => void): boolean {
      for (let i = 0; i < text.length; i += chunk) sink(text.slice(i, i + chunk));
      return true;
    },
  } as unknown as XlsxPackage;
}

/** Cells counted against the file's budget by the last read(). */
let counted = 0;

function read(text: string, chunk = text.length): Grid {
  const budget = new CellBudget(1e6);
  const grid = readSheet(
    fakePackage(text, chunk),
    '附件2',
    'xl/worksheets/sheet1.xml',
    WB,
    DEFAULT_SHEET_LIMITS,
    budget,
  );
  counted = budget.used;
  return grid;
}

/** Cells of the grid that hold a value or a formula. */
function cellsOf(g: Grid): number {
  let n = 0;
  g.values.forEach((row, r) => row?.forEach((v, c) => (v !== null || g.formulas?.[r]?.[c] ? n++ : 0)));
  return n;
}

describe('the sheet reader', () => {
  const whole = read(SHEET);

  it('reads every shape of cell', () => {
    expect(whole.top).toBe(0);
    expect(whole.left).toBe(0);
    expect(whole.values[0]).toEqual(['项目', 374.13, undefined, undefined, 400.5, 'xy']);
    expect(formulaAt(whole, 0, 4)).toBe('=SUM(B1,B2)');
    expect(formulaAt(whole, 0, 5)).toBe('="x"&"y"');
    // Row 2: no r attributes; the empty <v> is no value; the formula without a result is kept.
    expect(whole.values[1]?.slice(0, 5)).toEqual([26.37, 'a&b', undefined, null, '末']);
    expect(formulaAt(whole, 1, 3)).toBe('=B1*2');
    expect(whole.values[2]).toEqual([375.13, 27.37, '内联 ', 12, 5, undefined]);
    expect(formulaAt(whole, 2, 0)).toBe('=B1+1');
    expect(formulaAt(whole, 2, 1)).toBe('=C1+1');
    expect(whole.values[3]?.[0]).toEqual({ error: '#DIV/0!' });
    expect(whole.values[3]?.slice(1, 5)).toEqual([true, 46053, 7, 1]);
    expect(formulaAt(whole, 3, 4)).toBe('=IF(A1<>"",1,0)');
    expect(whole.values[5]?.[0]).toBe('合计');
    expect(whole.values[5]?.[5]).toBe(0.001);
    expect(whole.values[6]?.[1]).toBe(2);
    expect(numFmtAt(whole, 0, 1)).toBe('0.00');
    // Merges as programs write them, and in other spellings (quotes, spaces) through the tokenizer.
    expect(whole.merges).toEqual([
      { top: 4, left: 0, bottom: 4, right: 2 },
      { top: 4, left: 3, bottom: 4, right: 4 },
      { top: 4, left: 5, bottom: 4, right: 5 },
    ]);
  });

  it('gives the same grid whatever the chunks', () => {
    for (const size of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987]) {
      expect(read(SHEET, size)).toEqual(whole);
      // A row the fast lane began and gave back is not counted twice against the file's limit.
      expect(counted).toBe(cellsOf(whole));
    }
  });

  it('a cell the fast lane reads still answers to the limits and the checks of the form', () => {
    expect(() => read(SHEET.replace('<v>374.13</v>', '<v>&nbsp;</v>'))).toThrow(/未定义的实体/);
    expect(() => read(SHEET.replace('r="B1"', 'r="XFE1"'))).toThrow(/超出 Excel 的范围/);
    expect(() => read(SHEET.replace('<c r="A1" s="0" t="s">', '<c r="A1" s="0" s="1" t="s">'))).toThrow(/属性 s 重复/);
    expect(() => read(SHEET.replace('<row r="6" spans="1:6"', '<row r="6" r="9" spans="1:6"'))).toThrow(/属性 r 重复/);
    expect(() => read(SHEET.replace('<row r="6" spans', '<row r="6"spans'))).not.toThrow();
    expect(() => read(SHEET.replace('ht="20"', 'ht=20'))).toThrow(/属性 ht 的值缺少引号/);
    expect(() => read(SHEET.replace('<row r="6"', '<row r="1048577"'))).toThrow(/行号 1048577 超出 Excel 的范围/);
    const long = 'x'.repeat(40_000);
    expect(() => read(SHEET.replace('<f>SUM(B1,B2)</f><v>400.5</v>', `<f>${long}</f><v>${long}</v>`))).toThrow(
      /超过 Excel 的长度上限/,
    );
    expect(() => read(SHEET.replace('<v>374.13</v></c>', '<v>374.13</c>'))).toThrow(/不配对/);
  });
});
