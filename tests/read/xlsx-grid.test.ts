/**
 * worksheetToGrid on sheets written by ExcelJS and read back from the xlsx
 * bytes, as the command line reads a user's file.
 */
import ExcelJS from 'exceljs';
import { dateToSerial, worksheetToGrid } from '../../src/host/exceljs/grid';
import { formulaAt, numFmtAt, textAt, valueAt, type Grid } from '../../src/sheet/grid';

async function roundTrip(fill: (ws: ExcelJS.Worksheet) => void): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('表1'));
  const buffer = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  return worksheetToGrid(back.getWorksheet('表1')!);
}

/** Value, text, format and formula at an A1 address ("C5" → row 4, col 2). */
function cell(g: Grid, addr: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  const col = m[1]!.charCodeAt(0) - 65;
  const row = Number(m[2]) - 1;
  return {
    value: valueAt(g, row, col),
    text: textAt(g, row, col),
    numFmt: numFmtAt(g, row, col),
    formula: formulaAt(g, row, col),
  };
}

describe('worksheetToGrid', () => {
  test('the used block keeps absolute coordinates', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('C5').value = '左上';
      ws.getCell('E9').value = 1;
    });
    expect([g.top, g.left, g.values.length, g.values[0]!.length]).toEqual([4, 2, 5, 3]);
    expect(g.sheet).toBe('表1');
    expect(cell(g, 'C5').value).toBe('左上');
    expect(cell(g, 'E9').value).toBe(1);
  });

  test('an empty sheet gives an empty grid', async () => {
    const g = await roundTrip(() => undefined);
    expect(g.values).toEqual([]);
    expect(g.merges).toEqual([]);
  });

  test('numbers with their format and displayed text', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('A1').value = 0.8399;
      ws.getCell('A1').numFmt = '0.00%';
      ws.getCell('A2').value = 1;
      ws.getCell('A2').numFmt = '0%';
      ws.getCell('A3').value = 341.7;
      ws.getCell('A3').numFmt = '0.00';
      ws.getCell('A4').value = 83.99;
    });
    expect(cell(g, 'A1')).toMatchObject({ value: 0.8399, numFmt: '0.00%', text: '83.99%' });
    expect(cell(g, 'A2')).toMatchObject({ value: 1, text: '100%' });
    expect(cell(g, 'A3')).toMatchObject({ value: 341.7, text: '341.70' });
    expect(cell(g, 'A4')).toMatchObject({ value: 83.99, numFmt: 'General', text: '83.99' });
  });

  test('dates become 1900 serial numbers', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('A1').value = new Date(Date.UTC(2025, 10, 26));
      ws.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('A2').value = new Date(Date.UTC(2025, 10, 26, 18));
    });
    expect(cell(g, 'A1')).toMatchObject({ value: 45987, text: '2025年11月26日' });
    expect(cell(g, 'A2').value).toBe(45987.75);
    expect(cell(g, 'A2').text).not.toBe('45987.75');
    expect(dateToSerial(new Date(Date.UTC(1970, 0, 1)))).toBe(25569);
  });

  test('strings, rich text, hyperlinks and booleans', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('A1').value = '收入\n构成';
      ws.getCell('A2').value = { richText: [{ text: '部门（单位）' }, { font: { bold: true }, text: '名称' }] };
      ws.getCell('A3').value = { text: '网址', hyperlink: 'https://example.org' };
      ws.getCell('A4').value = true;
    });
    expect(cell(g, 'A1').value).toBe('收入\n构成');
    expect(cell(g, 'A2').value).toBe('部门（单位）名称');
    expect(cell(g, 'A3').value).toBe('网址');
    expect(cell(g, 'A4')).toMatchObject({ value: true, text: 'TRUE' });
  });

  test('formulas: cached result as the value, formula text aside', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('A1').value = 1;
      ws.getCell('A2').value = 2;
      ws.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 3 };
      ws.getCell('A4').value = { formula: 'A1/A2' };
      ws.getCell('A5').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
      ws.getCell('A6').value = { formula: 'A3/A3', result: 1 };
      ws.getCell('A6').numFmt = '0.00%';
    });
    expect(cell(g, 'A3')).toMatchObject({ value: 3, formula: '=SUM(A1:A2)', text: '3' });
    expect(cell(g, 'A4')).toMatchObject({ value: null, formula: '=A1/A2', text: '' });
    expect(cell(g, 'A5')).toMatchObject({ value: { error: '#DIV/0!' }, formula: '=A1/0', text: '#DIV/0!' });
    expect(cell(g, 'A6')).toMatchObject({ value: 1, text: '100.00%' });
    expect(cell(g, 'A1').formula).toBeNull();
  });

  test('shared formulas are translated for each cell', async () => {
    const g = await roundTrip((ws) => {
      for (let r = 1; r <= 3; r++) ws.getCell(`A${r}`).value = r;
      ws.getCell('B1').value = {
        formula: 'A1*2',
        result: 2,
        shareType: 'shared',
        ref: 'B1:B3',
      } as ExcelJS.CellFormulaValue;
      ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 };
      ws.getCell('B3').value = { sharedFormula: 'B1', result: 6 };
    });
    expect(cell(g, 'B1')).toMatchObject({ value: 2, formula: '=A1*2' });
    expect(cell(g, 'B3')).toMatchObject({ value: 6, formula: '=A3*2' });
  });

  test('error values', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('A1').value = { error: '#N/A' };
    });
    expect(cell(g, 'A1').value).toEqual({ error: '#N/A' });
  });

  test('merged areas, with the value in the top-left cell only', async () => {
    const g = await roundTrip((ws) => {
      ws.getCell('B2').value = '部门总体\n资金情况';
      ws.mergeCells('B2:B9');
      ws.getCell('C2').value = '总体资金情况';
      ws.mergeCells('C2:E3');
    });
    expect(g.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 8, right: 1 },
        { top: 1, left: 2, bottom: 2, right: 4 },
      ]),
    );
    expect(g.merges).toHaveLength(2);
    expect(cell(g, 'B2').value).toBe('部门总体\n资金情况');
    expect(cell(g, 'B3').value).toBeNull();
    expect(cell(g, 'D2').value).toBeNull();
    expect([g.top, g.left, g.values.length]).toEqual([1, 1, 8]);
  });

  test('a large sheet is converted whole', async () => {
    const g = await roundTrip((ws) => {
      for (let r = 1; r <= 3000; r++) ws.getRow(r).values = [r, `行${r}`, r / 100];
    });
    expect(g.values).toHaveLength(3000);
    expect(cell(g, 'B3000').value).toBe('行3000');
    expect(cell(g, 'C2999').value).toBe(29.99);
  });
});
