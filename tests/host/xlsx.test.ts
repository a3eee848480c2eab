/** XlsxHost beyond the shared contract: what the file itself holds. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { XlsxHost } from '../../src/host/exceljs';
import { FLAG_STATE_SHEET } from '../../src/report/sheets';
import { fillColour, noteText, solidFill } from '../../src/host/exceljs/style';
import { buildTemplate } from '../../src/template';
import { finding } from '../helpers/findings';
import { ref } from '../helpers/refs';

const params = { department: '阳新县信访局', budgetYear: 2026, filler: '张三', phone: '0714-7654321' };

async function reopen(h: XlsxHost): Promise<XlsxHost> {
  return XlsxHost.load(await h.toBuffer());
}

/** One part of the saved file, with the XML escapes of quotes undone. */
async function part(h: XlsxHost, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(await h.toBuffer());
  return (await zip.file(name)!.async('string')).replace(/&apos;/g, "'");
}

const workbookXml = (h: XlsxHost) => part(h, 'xl/workbook.xml');

describe('the template in an xlsx file', () => {
  test('keeps everything the plan asks for after saving and reopening', async () => {
    const made = XlsxHost.create();
    const plan = buildTemplate(params);
    const sheet = await made.createSheet(plan);
    const h = await reopen(made);
    const ws = h.workbook.getWorksheet(sheet)!;

    expect(ws.getCell('A2').value).toBe('部门整体绩效目标申报表');
    expect(ws.getCell('A2').font.name).toBe('宋体');
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getColumn(1).width).toBe(17);
    expect(ws.getColumn(4).font?.name).toBe('宋体');
    expect(ws.getRow(2).height).toBe(36);
    expect((ws.model as { merges: string[] }).merges).toContain('A2:I2');

    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.horizontalCentered).toBe(true);
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    // Sections that start a page: 整体绩效总目标 (row 22) and 年度目标 (row 64); page numbers in the footer.
    // (ExcelJS writes manual breaks but does not read them back: they are looked at before the reopen; the rendered
    // PDF in tests/template/print.test.ts shows them in the saved file.)
    const breaks = (made.workbook.getWorksheet(sheet) as unknown as { rowBreaks: { id: number }[] }).rowBreaks;
    expect(breaks.map((b) => b.id)).toEqual(plan.print.rowBreaks);
    expect(ws.getCell(`A${plan.print.rowBreaks![0]! + 1}`).value).toBe('整体绩效总目标');
    expect(ws.getCell(`A${plan.print.rowBreaks![1]! + 1}`).value).toBe('年度目标：');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });

    // The 合计 of 支出 (row 14) sums rows 11–13 and its result is written beside it.
    expect(ws.getCell('E14').formula).toBe('SUM(E11:E13)');
    expect(ws.getCell('E14').result).toBe(0);
    expect(ws.getCell('G11').numFmt).toBe('0.00%');
    expect(fillColour(ws.getCell('G11').fill)).toBe('#F2F2F2');
    expect(ws.getCell('E11').protection?.locked).toBe(false);
    // Locked is the default, so the formula cells carry no protection of their own.
    expect(ws.getCell('G11').protection?.locked).not.toBe(false);

    const basis = ws.getCell('H27').dataValidation;
    expect(basis).toMatchObject({ type: 'list', errorStyle: 'stop', showInputMessage: true });
    expect(basis.formulae[0]).toBe('"计划标准,历史标准,行业标准,预算支出标准,其他标准"');
    expect(ws.getCell('I27').dataValidation.errorStyle).toBe('warning');
    expect(ws.getCell('B27').dataValidation.formulae[0]).toContain('运行成本');
  });

  test('writes the names scoped to their sheet, and two templates keep their own', async () => {
    const h = XlsxHost.create();
    const first = await h.createSheet(buildTemplate(params));
    const second = await h.createSheet(buildTemplate({ ...params, projectRows: 10 }));
    expect(second).toBe(`${first} (2)`);
    const xml = await workbookXml(h);
    expect(xml).toContain(`<definedName name="jx_funding" localSheetId="0">'${first}'!$A$5:$I$14</definedName>`);
    expect(xml).toContain(`<definedName name="jx_funding" localSheetId="1">'${second}'!$A$5:$I$14</definedName>`);
    const again = await reopen(h);
    const projects = (s: string) => again.names.list(s).find((n) => n.name === 'jx_projects')!.ref;
    expect(projects(first)).toBe(`'${first}'!$B$17:$I$21`);
    expect(projects(second)).toBe(`'${second}'!$B$17:$I$27`);
    // …and saving the reopened file writes them back unchanged.
    expect(await workbookXml(again)).toContain(`localSheetId="1">'${second}'!$B$17:$I$27<`);
  });

  test('a workbook-wide name of the file is kept beside the sheet names', async () => {
    const h = XlsxHost.create();
    const sheet = await h.createSheet(buildTemplate(params));
    h.workbook.definedNames.add(`'${sheet}'!$A$1`, 'user_name');
    const xml = await workbookXml(await reopen(h));
    expect(xml).toMatch(/<definedName name="user_name">'?绩效目标申报表'?!\$A\$1<\/definedName>/);
    expect(xml).toContain('name="jx_form" localSheetId="0"');
  });

  test('never writes into an existing sheet; long names stay within 31 characters', async () => {
    const h = XlsxHost.create();
    h.workbook.addWorksheet('绩效目标申报表').getCell('A1').value = '我的';
    const name = await h.createSheet(buildTemplate(params));
    expect(name).toBe('绩效目标申报表 (2)');
    expect(h.workbook.getWorksheet('绩效目标申报表')!.getCell('A1').value).toBe('我的');
    expect(await h.activeSheet()).toBe(name);
    const long = 'x'.repeat(31);
    expect(await h.createSheet(buildTemplate({ ...params, sheetName: long }))).toBe(long);
    const next = await h.createSheet(buildTemplate({ ...params, sheetName: long }));
    expect(next).toBe(`${'x'.repeat(27)} (2)`);
  });

  test('readGrid computes the formulas a file holds without results', async () => {
    const h = XlsxHost.create();
    const sheet = await h.createSheet(buildTemplate(params));
    await h.write([
      { cell: ref(`${sheet}!E11`), value: 314.72 },
      { cell: ref(`${sheet}!E12`), value: 26.41 },
      { cell: ref(`${sheet}!E13`), value: 33 },
    ]);
    const g = await (await reopen(h)).readGrid(sheet);
    const text = (r: number, c: number) => g.text![r - g.top]![c - g.left];
    expect(text(13, 4)).toBe('374.13');
    expect(text(10, 6)).toBe('84.12%');
    expect(text(13, 6)).toBe('100.00%');
  });
});

describe('write', () => {
  async function withCached(formula: string, result: number): Promise<{ h: XlsxHost; ws: ExcelJS.Worksheet }> {
    const h = XlsxHost.create();
    const ws = h.workbook.addWorksheet('表');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = { formula, result };
    return { h: await reopen(h), ws };
  }

  test('a cached result that is stale after the write is recomputed', async () => {
    const { h } = await withCached('SUM(A1:A2)', 3);
    await h.write([{ cell: ref('表!A1'), value: 10 }]);
    const g = await h.readGrid('表');
    expect(g.values[2]![0]).toBe(12);
  });

  test('a formula the evaluator does not know keeps the result the spreadsheet wrote', async () => {
    const { h } = await withCached('VLOOKUP(1,A1:A2,1,FALSE)', 1);
    await h.write([{ cell: ref('表!A2'), value: 5 }]);
    expect((await h.readGrid('表')).values[2]![0]).toBe(1);
  });

  test('writing into a merged area writes its top-left cell', async () => {
    const h = XlsxHost.create();
    const ws = h.workbook.addWorksheet('表');
    ws.mergeCells('A1:B2');
    await h.write([{ cell: ref('表!B2'), value: '合并' }]);
    expect(ws.getCell('A1').value).toBe('合并');
  });

  test('an unknown sheet is refused with a Chinese message', async () => {
    const h = XlsxHost.create();
    h.workbook.addWorksheet('表');
    await expect(h.write([{ cell: ref('别的表!A1'), value: 1 }])).rejects.toThrow('工作表“别的表”不存在');
    await expect(h.readGrid('无')).rejects.toThrow('工作表“无”不存在');
  });
});

describe('flags in the file', () => {
  async function sheetWithStyle(): Promise<XlsxHost> {
    const h = XlsxHost.create();
    const ws = h.workbook.addWorksheet('表');
    // Cells read from a file with one style share one ExcelJS style object.
    for (const a of ['A1', 'A2', 'A3']) {
      ws.getCell(a).value = 1;
      ws.getCell(a).style = { numFmt: '0.00', fill: solidFill('#DDEBF7') };
    }
    ws.mergeCells('B1:C2');
    ws.getCell('B1').value = '合并';
    return reopen(h);
  }

  test('flagging one cell does not colour the cells that shared its style', async () => {
    const h = await sheetWithStyle();
    await h.showFindings('表', [
      finding({ rule: 'funding-total', severity: 'error', cells: ['表!A2'], message: '消息 funding-total' }),
    ]);
    const ws = h.workbook.getWorksheet('表')!;
    expect(fillColour(ws.getCell('A2').fill)).toBe(FLAG_FILL.error);
    expect(fillColour(ws.getCell('A1').fill)).toBe('#DDEBF7');
    expect(fillColour(ws.getCell('A3').fill)).toBe('#DDEBF7');
    await h.clearFindings('表');
    expect(fillColour(ws.getCell('A2').fill)).toBe('#DDEBF7');
    expect(ws.getCell('A2').numFmt).toBe('0.00');
  });

  test('a merged area is flagged on its top-left cell; several findings on a cell share one note', async () => {
    const h = await sheetWithStyle();
    await h.showFindings('表', [
      finding({ rule: 'text-required', severity: 'warning', cells: ['表!C2'], message: '甲' }),
      finding({ rule: 'text-placeholder', severity: 'error', cells: ['表!B1'], message: '乙' }),
    ]);
    const b1 = h.workbook.getWorksheet('表')!.getCell('B1');
    expect(fillColour(b1.fill)).toBe(FLAG_FILL.error);
    expect(noteText(b1.note as string)).toBe(`${NOTE_MARK}\n错误：乙\n提示：甲`);
  });

  test('the record of the user’s looks is a very hidden sheet, not listed, gone once cleared', async () => {
    const h = await sheetWithStyle();
    await h.showFindings('表', [finding({ rule: 'r', severity: 'warning', cells: ['表!A1'], message: '消息 r' })]);
    const again = await reopen(h);
    expect(again.workbook.getWorksheet(FLAG_STATE_SHEET)?.state).toBe('veryHidden');
    expect(await again.sheetNames()).toEqual(['表']);
    await again.clearFindings('表');
    expect(again.workbook.getWorksheet(FLAG_STATE_SHEET)).toBeUndefined();
    expect(fillColour(again.workbook.getWorksheet('表')!.getCell('A1').fill)).toBe('#DDEBF7');
  });

  test('flags whose record was deleted are still removed, the user’s note kept', async () => {
    const h = await sheetWithStyle();
    const ws = h.workbook.getWorksheet('表')!;
    ws.getCell('A1').note = '我的批注';
    await h.showFindings('表', [
      finding({ rule: 'r', severity: 'error', cells: ['表!A1', '表!A3'], message: '消息 r' }),
    ]);
    const copy = await reopen(h);
    copy.workbook.removeWorksheet(copy.workbook.getWorksheet(FLAG_STATE_SHEET)!.id);
    const lost = await reopen(copy);
    await lost.clearFindings('表');
    const cleared = (await reopen(lost)).workbook.getWorksheet('表')!;
    expect(cleared.getCell('A1').note).toBe('我的批注');
    expect(cleared.getCell('A3').note).toBeUndefined();
    expect(fillColour(cleared.getCell('A3').fill)).toBeNull();
  });

  test('a rich-text note of the user comes back as it was', async () => {
    const h = XlsxHost.create();
    const ws = h.workbook.addWorksheet('表');
    const rich = { texts: [{ text: '张三:', font: { bold: true } }, { text: '请核对' }] };
    // ExcelJS reads a note back only on a cell it writes: one with a value or a style.
    ws.getCell('A1').value = 0.8399;
    ws.getCell('A1').note = rich;
    const f = await reopen(h);
    await f.showFindings('表', [finding({ rule: 'r', severity: 'warning', cells: ['表!A1'], message: '核对占比' })]);
    const note = noteText(f.workbook.getWorksheet('表')!.getCell('A1').note);
    expect(note).toBe(`张三:请核对\n\n${NOTE_MARK}\n提示：核对占比`);
    await f.clearFindings('表');
    const back = (await reopen(f)).workbook.getWorksheet('表')!.getCell('A1').note as ExcelJS.Comment;
    expect(back.texts?.map((t) => t.text)).toEqual(['张三:', '请核对']);
  });
});

describe('opening files', () => {
  test('something that is no xlsx is refused', async () => {
    await expect(XlsxHost.load(Buffer.from('not a zip'))).rejects.toThrow();
  });

  test('select makes one sheet the open, only selected tab', async () => {
    const h = XlsxHost.create();
    h.workbook.addWorksheet('甲');
    h.workbook.addWorksheet('乙');
    await h.select(ref('乙!C3'));
    const f = await reopen(h);
    expect(await f.activeSheet()).toBe('乙');
    expect(await f.selection()).toBe("'乙'!C3");
    // ExcelJS forgets tabSelected when reading, so the saved XML is what tells.
    expect(await part(h, 'xl/worksheets/sheet2.xml')).toContain('tabSelected="1"');
    expect(await part(h, 'xl/worksheets/sheet1.xml')).not.toContain('tabSelected');
  });

  test('onChange never fires for a file and unsubscribes quietly', () => {
    const h = XlsxHost.create();
    const stop = h.onChange(() => {
      throw new Error('a file has no typing');
    });
    expect(stop()).toBeUndefined();
  });
});
