/**
 * The 校验说明 sheet kept by core code over the two sheet primitives. The
 * store here is a plain map of sheets that records what was written, and can
 * refuse a write the way a protected sheet does.
 */
import { EXPLANATION_LAYOUT, readExplanations, writeExplanation } from '../../src/report/explanations';
import { EXPLANATION_SHEET } from '../../src/report/sheets';
import type { Grid } from '../../src/sheet/grid';
import type { SheetLayout, SheetStore } from '../../src/sheet/store';
import { buildGrid } from '../helpers/grid-builder';

class MapStore implements SheetStore {
  readonly sheets = new Map<string, Grid>();
  readonly writes: { sheet: string; rows: string[][]; layout?: SheetLayout }[] = [];
  refuse: string | null = null;

  async readSheet(sheet: string): Promise<Grid | null> {
    return this.sheets.get(sheet) ?? null;
  }

  async replaceSheetRows(sheet: string, rows: string[][], layout?: SheetLayout): Promise<void> {
    if (this.refuse) throw new Error(this.refuse);
    this.writes.push({ sheet, rows, layout });
    this.sheets.set(sheet, buildGrid(rows, { sheet }));
  }
}

test('no sheet, no explanations; the first one creates the sheet with its header and layout', async () => {
  const store = new MapStore();
  expect(await readExplanations(store)).toEqual([]);
  await writeExplanation(store, { rule: 'funding-unit', cell: '表!A1', text: '已核实', date: '2026-11-29' });
  expect(store.writes).toEqual([
    {
      sheet: EXPLANATION_SHEET,
      rows: [
        ['规则', '单元格', '说明', '提示内容', '填写日期'],
        ['funding-unit', '表!A1', '已核实', '', '2026-11-29'],
      ],
      layout: EXPLANATION_LAYOUT,
    },
  ]);
  expect(await readExplanations(store)).toEqual([
    { rule: 'funding-unit', cell: '表!A1', text: '已核实', date: '2026-11-29' },
  ]);
});

test('a sheet the filer laid out by hand is read, and rewritten in the standard order without losing a row', async () => {
  const store = new MapStore();
  store.sheets.set(
    EXPLANATION_SHEET,
    buildGrid(
      [
        ['本单位的说明'],
        [],
        ['说明', '单元格', '规则'],
        ['按决算口径', "'附件2'!$G$11", 'funding-share'],
        ['', '附件2!E5', 'project-sum'],
        ['另有结转', 'E20', 'project-sum'],
      ],
      { sheet: EXPLANATION_SHEET },
    ),
  );
  expect(await readExplanations(store)).toEqual([
    { rule: 'funding-share', cell: "'附件2'!$G$11", text: '按决算口径' },
    { rule: 'project-sum', cell: 'E20', text: '另有结转' },
  ]);
  // Same rule and cell (quotes and $ aside): replaced, not added.
  await writeExplanation(store, { rule: 'funding-share', cell: '附件2!G11', text: '已与决算核对' });
  expect(store.writes[0]!.rows.slice(1)).toEqual([
    ['funding-share', '附件2!G11', '已与决算核对', '', ''],
    ['project-sum', 'E20', '另有结转', '', ''],
  ]);
});

test('a blank text removes the explanation', async () => {
  const store = new MapStore();
  await writeExplanation(store, { rule: 'a', cell: '表!A1', text: '一' });
  await writeExplanation(store, { rule: 'b', cell: '表!A2', text: '二' });
  await writeExplanation(store, { rule: 'a', cell: '表!A1', text: '  ' });
  expect(await readExplanations(store)).toEqual([{ rule: 'b', cell: '表!A2', text: '二' }]);
});

test('a sheet that refuses the write rejects, and what was stored stays as it was', async () => {
  const store = new MapStore();
  await writeExplanation(store, { rule: 'a', cell: '表!A1', text: '一' });
  store.refuse = '工作表受保护';
  await expect(writeExplanation(store, { rule: 'b', cell: '表!A2', text: '二' })).rejects.toThrow('工作表受保护');
  expect(await readExplanations(store)).toEqual([{ rule: 'a', cell: '表!A1', text: '一' }]);
});
