/**
 * The fake ET Application itself: the WPS semantics the adapter is held to,
 * pinned so the fake cannot quietly become more forgiving than WPS.
 */
import type { EtApplication } from '../../src/host/wps';
import { createFakeEt } from '../fakes/wps';

function setup() {
  const fake = createFakeEt();
  fake.user.addSheet('甲', [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const app = fake.app as EtApplication;
  const ws = app.Worksheets.Item('甲') as Et.Worksheet;
  return { fake, app, ws };
}

test('Cells.Item is 1-based and relative to its range; Resize and Offset move the block', () => {
  const { ws } = setup();
  expect(ws.Cells.Item(1, 1).Value2).toBe(1);
  expect(ws.Cells.Item(2, 3).Address(false, false)).toBe('C2');
  const b2 = ws.Range('B2');
  expect(b2.Item(1, 1).Address(false, false)).toBe('B2');
  expect(b2.Offset(-1, 1).Value2).toBe(3);
  expect(ws.Range('A1').Resize(2, 2).Value2).toEqual([
    [1, 2],
    [4, 5],
  ]);
  expect(ws.Range('A1:C2').Rows.Count).toBe(2);
  expect(ws.Range('A1:C2').Columns.Count).toBe(3);
});

test('empty cells come back undefined; a scalar written to a block fills it; text entry follows WPS', () => {
  const { ws, fake } = setup();
  expect(ws.Range('D1').Value2).toBeUndefined();
  (ws.Range('A3:B3') as unknown as { Value2: unknown }).Value2 = 7;
  expect(ws.Range('A3:B3').Value2).toEqual([[7, 7]]);
  (ws.Range('A4') as unknown as { Value2: unknown }).Value2 = '12.5';
  (ws.Range('B4') as unknown as { Value2: unknown }).Value2 = "'12.5";
  (ws.Range('C4') as unknown as { Value2: unknown }).Value2 = '=A4*2';
  expect(fake.workbook.sheet('甲')!.get(3, 0)!.value).toBe(12.5);
  expect(fake.workbook.sheet('甲')!.get(3, 1)!.value).toBe('12.5');
  expect(ws.Range('C4').Value2).toBe(25);
  expect(ws.Range('C4').Formula).toBe('=A4*2');
});

test('Worksheets: Item by index or name (missing → throws), Add after a sheet activates the new one', () => {
  const { app, fake } = setup();
  fake.user.addSheet('乙', [[1]]);
  expect((app.Worksheets.Item(2) as Et.Worksheet).Name).toBe('乙');
  expect(() => app.Worksheets.Item('丙')).toThrow(/下标越界/);
  const added = app.Worksheets.Add(null, app.Worksheets.Item(1));
  expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['甲', added.Name, '乙']);
  expect(app.ActiveSheet.Name).toBe(added.Name);
  expect(() => {
    added.Name = '乙';
  }).toThrow();
});

test('selecting on a sheet that is not active fails, as in WPS; hidden sheets cannot be activated', () => {
  const { app, fake } = setup();
  fake.user.addSheet('乙', [[1]]);
  const jia = app.Worksheets.Item('甲') as Et.Worksheet;
  expect(() => jia.Range('A1').Select()).toThrow();
  jia.Activate();
  jia.Range('B2').Select();
  expect(fake.workbook.selection).toBe('甲!B2');
  jia.Visible = 2;
  expect(() => jia.Activate()).toThrow();
});

test('merged cells: MergeCells true / false / null (mixed), MergeArea of a cell inside', () => {
  const { ws, fake } = setup();
  fake.user.merge('甲!A1:B1');
  expect(ws.Range('A1:B1').MergeCells).toBe(true);
  expect(ws.Range('C1:C2').MergeCells).toBe(false);
  expect(ws.Range('A1:C1').MergeCells).toBeNull();
  expect(ws.Range('B1').MergeArea.Address(false, false)).toBe('A1:B1');
  expect(ws.Range('C2').MergeArea.Address(false, false)).toBe('C2');
});

test('fills: BGR numbers, white reported for no fill, ColorIndex -4142 tells "no fill"', () => {
  const { ws, fake } = setup();
  const interior = ws.Range('A1').Interior;
  expect(interior.ColorIndex).toBe(-4142);
  expect(interior.Color).toBe(16777215);
  interior.Color = 255;
  expect(fake.workbook.sheet('甲')!.get(0, 0)!.fill).toBe('#FF0000');
  expect(interior.ColorIndex).not.toBe(-4142);
  interior.ColorIndex = -4142;
  expect(fake.workbook.sheet('甲')!.get(0, 0)!.fill).toBeNull();
});

test('Validation.Add refuses a second rule; Names.Add keeps a sheet-scoped name', () => {
  const { ws, fake } = setup();
  ws.Range('A1:A2').Validation.Add(3, 1, 1, '甲,乙');
  expect(fake.workbook.sheet('甲')!.get(1, 0)!.validation).toEqual({ list: ['甲', '乙'], strict: true });
  expect(() => ws.Range('A2').Validation.Add(3, 1, 1, '丙')).toThrow();
  ws.Names.Add('jx_x', "='甲'!$B$1:$C$2");
  expect(fake.workbook.sheet('甲')!.names.get('jx_x')).toEqual({ top: 0, left: 1, bottom: 1, right: 2 });
});

test('SheetChange hands (sheet, range) over, or (range, sheet) when asked; RemoveApiEventListener stops it', () => {
  for (const order of ['sheet-range', 'range-sheet'] as const) {
    const fake = createFakeEt({ eventArgs: order });
    fake.user.addSheet('甲', [[1]]);
    const seen: string[] = [];
    const app = fake.app as EtApplication;
    const cb = (a: unknown, b: unknown) => {
      const range = (order === 'sheet-range' ? b : a) as Et.Range;
      const sheet = (order === 'sheet-range' ? a : b) as Et.Worksheet;
      seen.push(`${sheet.Name}!${range.Address(false, false)}`);
    };
    app.ApiEvent.AddApiEventListener('SheetChange', cb);
    fake.user.type('甲!B2', 3);
    app.ApiEvent.RemoveApiEventListener('SheetChange', cb);
    fake.user.type('甲!B3', 3);
    expect(seen).toEqual(['甲!B2']);
  }
});

test('PluginStorage and task panes: CreateTaskPane gives an ID that GetTaskPane finds; Visible shows it', () => {
  const { app, fake } = setup();
  app.PluginStorage.setItem('k', 5);
  expect(app.PluginStorage.getItem('k')).toBe(5);
  const pane = app.CreateTaskPane('file:///x/taskpane.html');
  expect(pane.Visible).toBe(false);
  pane.Visible = true;
  expect(app.GetTaskPane(pane.ID)).toBe(pane);
  expect(fake.panes.get(pane.ID)!.ID).toBe(pane.ID);
  expect(app.GetTaskPane(pane.ID).Visible).toBe(true);
  expect(app.GetTaskPane(999)).toBeNull();
});

test('every member access counts as one bridge call', () => {
  const { ws, fake } = setup();
  const before = fake.ctx.calls;
  void ws.Range('A1').Value2;
  expect(fake.ctx.calls - before).toBe(2);
});
