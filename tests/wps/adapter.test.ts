/**
 * WpsHost behaviour beyond the shared contract: WPS's own semantics (BGR
 * colours, "no fill" vs white, AddComment throwing, CVErr numbers, Value as a
 * method), flags that survive a pane reload, and what a user's comment looks
 * like after a round trip.
 */
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { bgrFromHex, hexFromBgr, WpsHost, STATE_SHEET, type EtApplication } from '../../src/host/wps';
import { buildTemplate } from '../../src/template';
import { createFakeEt } from '../fakes/wps';
import { wpsHarness } from './harness';
import { finding } from '../helpers/findings';
import { ref } from '../helpers/refs';

describe('colours', () => {
  test('one function turns #RRGGBB into r + g*256 + b*65536 and back', () => {
    expect(bgrFromHex('#FF0000')).toBe(255);
    expect(bgrFromHex('#0000FF')).toBe(16711680);
    expect(bgrFromHex('#FFC7CE')).toBe(0xff + 0xc7 * 256 + 0xce * 65536);
    expect(hexFromBgr(bgrFromHex('#12AB9C'))).toBe('#12AB9C');
    expect(() => bgrFromHex('red')).toThrow(/#RRGGBB/);
  });
});

describe('flags on WPS', () => {
  test('a flagged cell gets the BGR fill and a comment; the stored value is untouched', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [['占比', 0.8399]]);
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!B1'] }),
    ]);
    const cell = fake.workbook.sheet('表')!.get(0, 1)!;
    expect(cell.fill).toBe(FLAG_FILL.error);
    expect(cell.note).toContain(NOTE_MARK);
    expect(cell.note).toContain('占比应为 84.12%');
    expect(cell.value).toBe(0.8399);
  });

  test('error and 提示 differ without colour: an error’s fill is dotted, a 提示’s plain; clearing gives each pattern back', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1, 2, 3]]);
    // The user's own patterned fill on C1 (xlPatternGray16).
    fake.user.setFill('表!C1', '#CCFFCC');
    fake.workbook.sheet('表')!.get(0, 2)!.pattern = 17;
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!A1', '表!C1'] }),
      finding({ rule: 'indicator-basis', severity: 'warning', message: '依据不在可选范围内', cells: ['表!B1'] }),
    ]);
    const at = (c: number) => fake.workbook.sheet('表')!.get(0, c)!;
    expect([at(0).fill, at(0).pattern]).toEqual([FLAG_FILL.error, 18]);
    expect([at(1).fill, at(1).pattern]).toEqual([FLAG_FILL.warning, undefined]);
    expect([at(2).fill, at(2).pattern]).toEqual([FLAG_FILL.error, 18]);
    await host.clearFindings('表');
    expect([at(0).fill, at(0).pattern]).toEqual([null, undefined]);
    expect([at(1).fill, at(1).pattern]).toEqual([null, undefined]);
    expect([at(2).fill, at(2).pattern]).toEqual(['#CCFFCC', 17]);
  });

  test('the fake refuses a pattern WPS does not know', () => {
    const fake = createFakeEt();
    fake.user.addSheet('表', [[1]]);
    const app = fake.app as EtApplication;
    const range = (app.Worksheets.Item('表') as Et.Worksheet).Range('A1');
    expect(() => {
      range.Interior.Pattern = 99;
    }).toThrow(/XlPattern/);
  });

  test('a white fill is given back as white, no fill as no fill', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.setFill('表!A1', '#FFFFFF');
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'warning', message: '占比应为 84.12%', cells: ['表!A1', '表!B1'] }),
    ]);
    expect(fake.workbook.sheet('表')!.get(0, 0)!.fill).toBe(FLAG_FILL.warning);
    await host.clearFindings('表');
    expect(fake.workbook.sheet('表')!.get(0, 0)!.fill).toBe('#FFFFFF');
    expect(fake.workbook.sheet('表')!.get(0, 1)!.fill).toBeNull();
  });

  test('the user’s comment comes back exactly, even when it reads like a formula or a number', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1, 2, 3]]);
    fake.user.setNote('表!A1', '=SUM(A1:A9) 是我写的');
    fake.user.setNote('表!B1', '1.50');
    fake.user.setNote('表!C1', '  两行\n批注  ');
    await host.showFindings('表', [
      finding({
        rule: 'funding-share',
        severity: 'error',
        message: '占比应为 84.12%',
        cells: ['表!A1', '表!B1', '表!C1'],
      }),
    ]);
    const s = fake.workbook.sheet('表')!;
    expect(s.get(0, 0)!.note!.startsWith('=SUM(A1:A9) 是我写的\n\n' + NOTE_MARK)).toBe(true);
    await host.clearFindings('表');
    expect(s.get(0, 0)!.note).toBe('=SUM(A1:A9) 是我写的');
    expect(s.get(0, 1)!.note).toBe('1.50');
    expect(s.get(0, 2)!.note).toBe('  两行\n批注  ');
  });

  test('what the user changed on a flagged cell meanwhile stays: their edited comment, their new fill', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1, 2, 3]]);
    fake.user.setNote('表!A1', '原批注');
    await host.showFindings('表', [
      finding({
        rule: 'funding-share',
        severity: 'error',
        message: '占比应为 84.12%',
        cells: ['表!A1', '表!B1', '表!C1'],
      }),
    ]);
    const s = fake.workbook.sheet('表')!;
    s.get(0, 0)!.note = s.get(0, 0)!.note!.replace('原批注', '改过的批注');
    fake.user.setFill('表!B1', '#0070C0');
    s.get(0, 2)!.note = '用户换成了自己的批注';
    await host.clearFindings('表');
    expect(s.get(0, 0)!.note).toBe('改过的批注');
    expect(s.get(0, 0)!.fill).toBeNull();
    expect(s.get(0, 1)!.fill).toBe('#0070C0');
    expect(s.get(0, 1)!.note).toBeNull();
    expect(s.get(0, 2)!.note).toBe('用户换成了自己的批注');
  });

  test('a protected sheet keeps every cell as it was: checking still works, the marks are left out', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[0.8399, 1]]);
    fake.user.setNote('表!A1', '我的批注');
    fake.ctx.protectedSheets.add(fake.workbook.sheet('表')!);
    await expect(
      host.showFindings('表', [
        finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!A1', '表!B1'] }),
      ]),
    ).resolves.toEqual({
      cells: ['A1', 'B1'],
      reason: expect.stringContaining('工作表受保护'),
    });
    const s = fake.workbook.sheet('表')!;
    expect(s.get(0, 0)!.note).toBe('我的批注');
    expect(s.get(0, 0)!.fill).toBeNull();
    expect(s.get(0, 1)!.note).toBeNull();
    await expect(host.clearFindings('表')).resolves.toBeUndefined();
    fake.ctx.protectedSheets.clear();
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!A1'] }),
    ]);
    await host.clearFindings('表');
    expect(s.get(0, 0)!.note).toBe('我的批注');
    expect(s.get(0, 0)!.fill).toBeNull();
  });

  test('flags drawn by one page are cleared by another (the pane reloaded): the saved looks live in the workbook', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.setFill('表!A1', '#00B050');
    fake.user.setNote('表!A1', '我的批注');
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!A1', '表!B1'] }),
    ]);
    const other = new WpsHost(fake.app as EtApplication);
    await other.clearFindings('表');
    const s = fake.workbook.sheet('表')!;
    expect(s.get(0, 0)!.fill).toBe('#00B050');
    expect(s.get(0, 0)!.note).toBe('我的批注');
    expect(s.get(0, 1)!.fill).toBeNull();
    expect(s.get(0, 1)!.note).toBeNull();
  });

  test('the bookkeeping sheet is very hidden, never listed, and does not change the active sheet', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('甲', [[1]]);
    fake.user.addSheet('乙', [[2]]);
    await host.showFindings('甲', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['甲!A1'] }),
    ]);
    expect(fake.workbook.sheet(STATE_SHEET)).toBeDefined();
    expect(fake.ctx.visibility.get(fake.workbook.sheet(STATE_SHEET)!)).toBe(2);
    expect(await host.sheetNames()).toEqual(['甲', '乙']);
    expect(await host.activeSheet()).toBe('乙');
  });

  test('a stale jixiao comment without a saved record is replaced, not stacked (AddComment would throw)', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1]]);
    fake.user.setFill('表!A1', FLAG_FILL.error);
    fake.user.setNote('表!A1', `${NOTE_MARK}\n错误：旧的消息`);
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'warning', message: '新的消息', cells: ['表!A1'] }),
    ]);
    const cell = fake.workbook.sheet('表')!.get(0, 0)!;
    expect(cell.note).toBe(`${NOTE_MARK}\n提示：新的消息`);
    await host.clearFindings('表');
    expect(cell.note).toBeNull();
    expect(cell.fill).toBeNull();
  });

  test('the fake refuses a second comment, as WPS does', () => {
    const fake = createFakeEt();
    fake.user.addSheet('表', [[1]]);
    const app = fake.app as EtApplication;
    const range = (app.Worksheets.Item('表') as Et.Worksheet).Range('A1');
    range.AddComment('一');
    expect(() => range.AddComment('二')).toThrow();
  });
});

describe('reading a sheet', () => {
  test('error cells arrive as CVErr numbers and become spreadsheet errors; formulas give their results', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[1, 0]]);
    await host.write([{ cell: ref('表!C1'), formula: '=A1/B1' }]);
    await host.write([{ cell: ref('表!D1'), formula: '=A1+1' }]);
    const g = await host.readGrid('表');
    expect(g.values[0]).toEqual([1, 0, { error: '#DIV/0!' }, 2]);
    expect(g.formulas?.[0]).toEqual([null, null, '=A1/B1', '=A1+1']);
    expect(g.text?.[0]?.[2]).toBe('#DIV/0!');
  });

  test('number formats per cell where they differ, displayed text from the format', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [
      ['占比', 0.8412, 374.13],
      ['文字', '83.99%', 0],
    ]);
    fake.user.setNumberFormat('表!B1', '0.00%');
    fake.user.setNumberFormat('表!C1', '0.00');
    const g = await host.readGrid('表');
    expect(g.numFmt?.[0]).toEqual(['General', '0.00%', '0.00']);
    expect(g.text?.[0]?.[1]).toBe('84.12%');
    expect(g.values[1]?.[1]).toBe('83.99%');
  });

  test('text written through Value2 stays text (a leading apostrophe protects it)', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('表', [[null]]);
    await host.write([{ cell: ref('表!A1'), value: '001' }]);
    await host.write([{ cell: ref('表!A2'), value: '=不是公式' }]);
    await host.write([{ cell: ref('表!A3'), value: 12.5 }]);
    const s = fake.workbook.sheet('表')!;
    expect(s.get(0, 0)!.value).toBe('001');
    expect(s.get(1, 0)!.value).toBe('=不是公式');
    expect(s.get(1, 0)!.formula).toBeNull();
    expect(s.get(2, 0)!.value).toBe(12.5);
  });

  test('merged areas are found by halving, with few bridge calls', async () => {
    const { fake, host } = wpsHarness();
    const rows = Array.from({ length: 60 }, (_, r) =>
      Array.from({ length: 10 }, (_, c) => (c === 0 && r % 4 === 0 ? `标签${r}` : r * c)),
    );
    fake.user.addSheet('表', rows);
    for (let r = 0; r < 60; r += 4) fake.user.merge(`表!A${r + 1}:A${r + 4}`);
    fake.user.merge('表!C2:E2');
    const before = fake.ctx.calls;
    const g = await host.readGrid('表');
    const calls = fake.ctx.calls - before;
    expect(g.merges).toHaveLength(16);
    expect(g.merges).toContainEqual({ top: 1, left: 2, bottom: 1, right: 4 });
    expect(g.merges).toContainEqual({ top: 56, left: 0, bottom: 59, right: 0 });
    // 600 cells; asking each cell would take at least 600 calls.
    expect(calls).toBeLessThan(300);
  });

  test('Value is a method and Address takes arguments, as in WPS (the fake holds the adapter to it)', () => {
    const fake = createFakeEt();
    fake.user.addSheet('表', [[1, 2]]);
    const ws = (fake.app as EtApplication).Worksheets.Item(1) as Et.Worksheet;
    const r = ws.Range('A1:B1');
    expect(typeof r.Value).toBe('function');
    expect(() => {
      (r as unknown as { Value: unknown }).Value = 3;
    }).toThrow(/method/);
    expect(r.Address(false, false)).toBe('A1:B1');
    expect(r.Address()).toBe('$A$1:$B$1');
    expect(ws.Range('A1').Value2).toBe(1);
    expect(r.Value2).toEqual([[1, 2]]);
    expect(ws.Cells.Item(1, 2).Value2).toBe(2);
  });
});

describe('creating the template sheet', () => {
  test('the whole SheetPlan arrives: fonts, widths, borders, dropdowns, names, print setup, frozen rows', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('Sheet1', [['已有内容']]);
    const plan = buildTemplate({ department: '示例局', budgetYear: 2026 });
    const name = await host.createSheet(plan);
    const s = fake.workbook.sheet(name)!;
    expect(await host.activeSheet()).toBe(name);
    expect(s.defaultFont).toEqual(plan.defaultFont);
    plan.columnWidths.forEach((w, c) => expect(s.columnWidths[c]).toBe(w));
    expect(s.merges).toHaveLength(plan.merges.length);
    for (const pc of plan.cells) {
      const cell = s.get(pc.row, pc.col);
      if (pc.formula) expect(cell?.formula).toBe(pc.formula);
      else if (pc.value !== undefined && pc.value !== null && !isCoveredByMerge(plan.merges, pc.row, pc.col))
        expect(cell?.value).toBe(pc.value);
      const style = pc.style ? plan.styles[pc.style] : undefined;
      if (style?.border) expect(cell?.style.border).toBe(true);
      if (style?.bold) expect(cell?.style.bold).toBe(true);
      if (style?.numFmt) expect(cell?.numFmt).toBe(style.numFmt);
    }
    for (const v of plan.validations) {
      expect(s.get(v.range.top, v.range.left)?.validation?.list).toEqual(v.list);
      expect(s.get(v.range.bottom, v.range.right)?.validation?.strict).toBe(v.strict);
    }
    for (const n of plan.names) expect(s.names.get(n.name)).toEqual(n.range);
    const ps = fake.ctx.pageSetup.get(s)!;
    expect(ps.PaperSize).toBe(9);
    expect(ps.FitToPagesWide).toBe(1);
    expect(ps.FitToPagesTall).toBe(false);
    if (plan.print.titleRows)
      expect(ps.PrintTitleRows).toBe(`$${plan.print.titleRows.first + 1}:$${plan.print.titleRows.last + 1}`);
    expect(ps.CenterFooter).toBe(plan.print.footer);
    expect(fake.ctx.pageBreaks.get(s)).toEqual(plan.print.rowBreaks);
    expect(s.freeze).toEqual(plan.freeze);
    expect(fake.workbook.sheet('Sheet1')!.get(0, 0)!.value).toBe('已有内容');
  });

  test('styling goes through multi-area ranges: only merges and row heights cost calls per added row', async () => {
    const count = async (projectRows: number) => {
      const { fake, host } = wpsHarness();
      fake.user.addSheet('Sheet1', [[null]]);
      const plan = buildTemplate({ department: '示例局', budgetYear: 2026, projectRows });
      const before = fake.ctx.calls;
      await host.createSheet(plan);
      return { calls: fake.ctx.calls - before, plan };
    };
    const few = await count(4);
    const many = await count(40);
    const perCall = (p: typeof few.plan) => p.merges.length + Object.keys(p.rowHeights).length;
    // One Range() and one Merge()/RowHeight per merged area and per row height; styles and values are per block.
    expect(many.calls - few.calls).toBeLessThanOrEqual(2 * (perCall(many.plan) - perCall(few.plan)) + 10);
    expect(many.calls).toBeLessThan(many.plan.cells.length);
  });

  test('reading the generated form costs bridge calls by merged area, not by cell', async () => {
    const { fake, host } = wpsHarness();
    fake.user.addSheet('Sheet1', [[null]]);
    const plan = buildTemplate({ department: '示例局', budgetYear: 2026 });
    const name = await host.createSheet(plan);
    const before = fake.ctx.calls;
    const g = await host.readGrid(name);
    const calls = fake.ctx.calls - before;
    const cells = g.values.length * Math.max(...g.values.map((r) => r.length));
    expect(g.merges).toHaveLength(plan.merges.length);
    // Value2, Formula and number formats are block reads; each merged area costs about three calls to find.
    expect(calls).toBeLessThan(8 * plan.merges.length + 100);
    // Asking every cell whether it is merged would cost two calls per cell.
    expect(calls).toBeLessThan(2 * cells);
  });
});

function isCoveredByMerge(
  merges: { top: number; left: number; bottom: number; right: number }[],
  r: number,
  c: number,
) {
  return merges.some(
    (m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right && !(m.top === r && m.left === c),
  );
}

describe('生成申报表 where WPS refuses a cosmetic step', () => {
  const cases: [string, string[]][] = [
    ['the paper size (no printer installed)', ['PaperSize']],
    ['the whole page setup', ['read:PageSetup']],
    [
      'every page setup property',
      ['PaperSize', 'Orientation', 'Zoom', 'PrintTitleRows', 'LeftMargin', 'CenterHorizontally'],
    ],
    ['frozen panes', ['FreezePanes']],
    ['the window', ['read:ActiveWindow']],
    ['column widths', ['ColumnWidth']],
    ['row heights', ['RowHeight']],
  ];
  test.each(cases)('%s: the step is skipped and the rest of the form is built', async (_what, refuse) => {
    const { fake, host } = wpsHarness({ refuse });
    fake.user.addSheet('Sheet1', [['已有内容']]);
    const plan = buildTemplate({ department: '示例局', budgetYear: 2026 });
    const name = await host.createSheet(plan);
    const s = fake.workbook.sheet(name)!;
    expect(s.merges).toHaveLength(plan.merges.length);
    for (const pc of plan.cells) {
      const cell = s.get(pc.row, pc.col);
      if (pc.formula) expect(cell?.formula).toBe(pc.formula);
      else if (typeof pc.value === 'string' && !isCoveredByMerge(plan.merges, pc.row, pc.col))
        expect(cell?.value).toBe(pc.value);
    }
    for (const v of plan.validations) expect(s.get(v.range.top, v.range.left)?.validation?.list).toEqual(v.list);
    for (const n of plan.names) expect(s.names.get(n.name)).toEqual(n.range);
    // What was not refused still arrives.
    const ps = fake.ctx.pageSetup.get(s);
    if (!refuse.includes('read:PageSetup')) {
      if (!refuse.includes('PaperSize')) expect(ps?.PaperSize).toBe(9);
      if (!refuse.includes('LeftMargin')) expect(ps?.LeftMargin).toBe(plan.print.margins.left * 72);
    }
    if (!refuse.some((r) => /FreezePanes|ActiveWindow/.test(r))) expect(s.freeze).toEqual(plan.freeze);
    if (!refuse.includes('ColumnWidth')) plan.columnWidths.forEach((w, c) => expect(s.columnWidths[c]).toBe(w));
    expect(await host.activeSheet()).toBe(name);
  });
});

describe('builds whose Range.Address or Comment differ from the typings', () => {
  test('Range.Address as a property: live checks still see the user’s edits, merged areas are still read', async () => {
    const { fake, host } = wpsHarness({ address: 'property' });
    fake.user.addSheet('表', [['a', 'b', null]]);
    fake.user.merge('表!A1:B1');
    const seen: string[] = [];
    const stop = host.onChange((c) => seen.push(c.sheet));
    fake.user.type('表!C1', '5');
    fake.user.paste('表!A3', [[1, 2]]);
    stop();
    expect(seen).toEqual(['表', '表']);
    expect((await host.readGrid('表')).merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  test('the fake’s property Address cannot be called, as in such a build', () => {
    const fake = createFakeEt({ address: 'property' });
    fake.user.addSheet('表', [[1]]);
    const app = fake.app as EtApplication;
    const r = (app.Worksheets.Item('表') as unknown as { Range(a: string): { Address: unknown } }).Range('A1:B2');
    expect(r.Address).toBe('$A$1:$B$2');
    expect(typeof r.Address).toBe('string');
  });

  test('Comment whose Text() throws: flags are still placed and cleared, a user’s comment is never lost', async () => {
    const { fake, host } = wpsHarness({ comments: 'no-text' });
    fake.user.addSheet('表', [[1, 2, 3]]);
    fake.user.setNote('表!B1', '我的批注');
    const unplaced = await host.showFindings('表', [
      finding({
        rule: 'funding-share',
        severity: 'error',
        message: '占比应为 84.12%',
        cells: ['表!A1', '表!B1', '表!C1'],
      }),
    ]);
    const s = fake.workbook.sheet('表')!;
    expect(s.get(0, 0)!.fill).toBe(FLAG_FILL.error);
    expect(s.get(0, 0)!.note).toContain(NOTE_MARK);
    expect(s.get(0, 2)!.note).toContain(NOTE_MARK);
    // B1's comment cannot be read, so it is neither replaced nor merged: that flag is reported instead.
    expect(s.get(0, 1)!.note).toBe('我的批注');
    expect(s.get(0, 1)!.fill).toBeNull();
    expect(unplaced).toEqual({ cells: ['B1'], reason: expect.stringContaining('原有批注') });
    await host.clearFindings('表');
    expect(s.get(0, 0)!.fill).toBeNull();
    expect(s.get(0, 0)!.note).toBeNull();
    expect(s.get(0, 2)!.note).toBeNull();
    expect(s.get(0, 1)!.note).toBe('我的批注');
  });

  test('Comment handed out for every cell (Text() throws on all): flags are placed, not silently skipped', async () => {
    const { fake, host } = wpsHarness({ comments: 'placeholder' });
    fake.user.addSheet('表', [[1, 2]]);
    const unplaced = await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!A1', '表!B1'] }),
    ]);
    expect(unplaced).toBeUndefined();
    const s = fake.workbook.sheet('表')!;
    expect(s.get(0, 0)!.fill).toBe(FLAG_FILL.error);
    expect(s.get(0, 1)!.note).toContain(NOTE_MARK);
    // A second check replaces the flags instead of stacking comments.
    await host.showFindings('表', [
      finding({ rule: 'funding-share', severity: 'error', message: '占比应为 84.12%', cells: ['表!A1'] }),
    ]);
    expect(s.get(0, 1)!.note).toBeNull();
    expect(s.get(0, 1)!.fill).toBeNull();
    expect(s.get(0, 0)!.note).toContain(NOTE_MARK);
    await host.clearFindings('表');
    expect(s.get(0, 0)!.note).toBeNull();
    expect(s.get(0, 0)!.fill).toBeNull();
  });
});
