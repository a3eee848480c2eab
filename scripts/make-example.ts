/**
 * Writes examples/部门整体绩效目标申报表-示例.xlsx: the form of
 * docs/spec/seed-form.txt (a county 信访局, budget year 2026) as a faithful
 * workbook in the official paper layout — not the product's template. The
 * content comes from scripts/example-data.ts (as filed, mistakes included);
 * this file is the layout and the writer.
 *
 *   npx tsx scripts/make-example.ts [output.xlsx]
 *
 * exampleSheet() returns the same sheet as plain data (rows, merges, number
 * formats), so tests can build it in memory at any position.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  ANNUAL,
  ANNUAL_GOAL,
  DEPARTMENT,
  EXPENDITURE,
  FILL_DATE,
  FILLER,
  FUNCTIONS,
  GOALS,
  INCOME,
  LONG_TERM,
  PHONE,
  PROJECTS,
  TASKS,
  type Cell,
} from './example-data';

export const EXAMPLE_FILE = path.join(__dirname, '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
export const EXAMPLE_SHEET = '附件2';

type Value = string | number | null;
/** How a cell is drawn: title block, a label, a long text, an amount, a percentage, a table cell. */
type Kind = 'plain' | 'title' | 'label' | 'text' | 'amount' | 'share' | 'cell';

export interface ExampleSheet {
  name: string;
  /** 9 columns (A–I), row 1 first. */
  rows: Value[][];
  /** A1 ranges. */
  merges: string[];
  /** Number format by A1 address. */
  numFmt: Record<string, string>;
  kinds: Record<string, Kind>;
  rowHeights: Record<number, number>;
  /** Character widths of A–I. */
  columnWidths: number[];
  /** First row (1-based) of the bordered table. */
  tableTop: number;
  /** Rows (1-based) after which a printed page ends: each indicator table starts a page with its goal. */
  pageBreaksAfter: number[];
}

const COLS = 9;
const WIDTHS = [10, 10, 14, 22, 14, 14, 14, 14, 9];

// ---------------------------------------------------------------- layout

class SheetBuilder {
  readonly rows: Value[][] = [];
  readonly merges: string[] = [];
  readonly numFmt: Record<string, string> = {};
  readonly kinds: Record<string, Kind> = {};
  readonly rowHeights: Record<number, number> = {};
  readonly pageBreaksAfter: number[] = [];

  /** Puts a value at (row, col) (1-based), optionally merged over `toRow`/`toCol`. */
  put(row: number, col: number, value: Value, kind: Kind, to?: { row?: number; col?: number }, fmt?: string): void {
    while (this.rows.length < row) this.rows.push(new Array<Value>(COLS).fill(null));
    this.rows[row - 1]![col - 1] = value;
    const addr = address(row, col);
    this.kinds[addr] = kind;
    if (fmt) this.numFmt[addr] = fmt;
    const r2 = to?.row ?? row;
    const c2 = to?.col ?? col;
    if (r2 !== row || c2 !== col) this.merges.push(`${addr}:${address(r2, c2)}`);
    // Every cell of a merged block gets the kind, so borders are drawn around the whole block.
    for (let r = row; r <= r2; r++) for (let c = col; c <= c2; c++) this.kinds[address(r, c)] ??= kind;
  }

  /** Row height that shows every line of the wrapped texts placed in the row. */
  fit(row: number, texts: [string, number][], min = 20): void {
    let lines = 1;
    for (const [t, width] of texts) lines = Math.max(lines, lineCount(t, width));
    this.rowHeights[row] = Math.max(min, Math.ceil(lines * 14.5 + 6));
  }
}

/** Lines a text needs in a column `width` characters wide (a CJK character is two). */
function lineCount(text: string, width: number): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    let w = 0;
    for (const ch of para) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1.05;
    lines += Math.max(1, Math.ceil(w / Math.max(4, width - 0.5)));
  }
  return lines;
}

function address(row: number, col: number): string {
  return `${String.fromCharCode(64 + col)}${row}`;
}

function span(from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += WIDTHS[c - 1]!;
  return w;
}

export function exampleSheet(): ExampleSheet {
  const s = new SheetBuilder();
  let r = 1;
  s.put(r, 1, '附件2', 'plain');
  r++;
  s.put(r, 1, '部门整体绩效目标申报表', 'title', { col: 9 });
  s.rowHeights[r] = 36;
  r++;
  s.put(r, 1, FILL_DATE, 'plain', { col: 5 });
  s.put(r, 8, '单位：万元', 'plain', { col: 9 });
  s.rowHeights[r] = 22;
  r++;
  const tableTop = r;

  // 1. header row: three label/value pairs
  s.put(r, 1, '部门（单位） 名称', 'label');
  s.put(r, 2, DEPARTMENT, 'cell', { col: 4 });
  s.put(r, 5, '填报人', 'label');
  s.put(r, 6, FILLER, 'cell');
  s.put(r, 7, '联系电话', 'label');
  s.put(r, 8, PHONE, 'cell', { col: 9 });
  s.fit(r, [['部门（单位） 名称', WIDTHS[0]!]], 30);
  r++;

  // 2. 部门总体资金情况
  const fundingBottom = r + 1 + INCOME.length + EXPENDITURE.length;
  s.put(r, 1, '部门总体\n资金情况', 'label', { row: fundingBottom });
  s.put(r, 2, '总体资金情况', 'label', { row: r + 1, col: 4 });
  s.put(r, 5, '当年金额', 'label', { row: r + 1, col: 6 });
  s.put(r, 7, '占比', 'label', { row: r + 1 });
  s.put(r, 8, '近两年收支金额', 'label', { col: 9 });
  s.put(r + 1, 8, '2024年', 'label');
  s.put(r + 1, 9, '2025年', 'label');
  r += 2;
  for (const [block, lines] of [
    ['收入\n构成', INCOME],
    ['支出\n构成', EXPENDITURE],
  ] as const) {
    s.put(r, 2, block, 'label', { row: r + lines.length - 1 });
    for (const [label, current, share, ybl, ly] of lines) {
      s.put(r, 3, label, 'label', { col: 4 });
      s.put(r, 5, current, 'amount', { col: 6 }, '0.00');
      // As printed: 100% and 0% without decimals, the other shares with two.
      s.put(r, 7, share, 'share', undefined, share === 0 || share === 1 ? '0%' : '0.00%');
      s.put(r, 8, ybl, 'amount', undefined, '0.00');
      s.put(r, 9, ly, 'amount', undefined, '0.00');
      s.rowHeights[r] = 20;
      r++;
    }
  }

  // 3, 4. the texts
  for (const [label, text] of [
    ['部门职能概述', FUNCTIONS],
    ['年度工作任务', TASKS],
  ] as const) {
    s.put(r, 1, label, 'label');
    s.put(r, 2, text, 'text', { col: 9 });
    s.fit(r, [[text, span(2, 9)]]);
    r++;
  }

  // 5. 项目支出情况
  s.put(r, 1, '项目支出情况', 'label', { row: r + PROJECTS.length });
  s.put(r, 2, '项目名称', 'label', { col: 3 });
  s.put(r, 4, '支出项目类别', 'label');
  s.put(r, 5, '项目总预算', 'label');
  s.put(r, 6, '项目本年度预算', 'label');
  s.put(r, 7, '项目主要支出方向和用途', 'label', { col: 9 });
  s.rowHeights[r] = 30;
  r++;
  for (const [name, category, total, annual, purpose] of PROJECTS) {
    s.put(r, 2, name, 'cell', { col: 3 });
    s.put(r, 4, category, 'cell');
    s.put(r, 5, total, 'amount', undefined, '0.00');
    s.put(r, 6, annual, 'amount', undefined, '0.00');
    s.put(r, 7, purpose, 'text', { col: 9 });
    s.fit(r, [
      [purpose, span(7, 9)],
      [category, WIDTHS[3]!],
    ]);
    r++;
  }

  // 6. 整体绩效总目标
  s.put(r, 1, '整体绩效\n总目标', 'label', { row: r + 1 });
  s.put(r, 2, '长期目标（截止     2029年）', 'label', { col: 5 });
  s.put(r, 6, '年度目标', 'label', { col: 9 });
  s.rowHeights[r] = 22;
  r++;
  s.put(r, 2, GOALS, 'text', { col: 5 });
  s.put(r, 6, GOALS, 'text', { col: 9 });
  s.fit(r, [[GOALS, span(2, 5)]]);
  r++;

  // 7. the long-term goal and table
  s.pageBreaksAfter.push(r - 1);
  s.put(r, 1, '长期目标：\n（截止 2029年）', 'label');
  s.put(r, 2, GOALS, 'text', { col: 9 });
  s.fit(r, [
    [GOALS, span(2, 9)],
    ['长期目标：\n（截止 2029年）', WIDTHS[0]!],
  ]);
  r++;
  s.put(r, 1, '长期绩\n效指标', 'label', { row: r + LONG_TERM.length });
  s.put(r, 2, '一级\n指标', 'label');
  s.put(r, 3, '二级指标', 'label');
  s.put(r, 4, '三级指标', 'label');
  s.put(r, 5, '指标值', 'label', { col: 7 });
  s.put(r, 8, '指标值确定依据', 'label');
  s.put(r, 9, '指标分类', 'label');
  s.rowHeights[r] = 30;
  r++;
  r = indicatorRows(
    s,
    r,
    LONG_TERM.map(([l1 = null, l2 = null, l3 = null, v = null, basis = null, cls = null]) => ({
      l1,
      l2,
      cells: [l3, v, basis, cls],
    })),
    [4, 5, 8, 9],
    { 5: 7 },
  );

  // 8. the annual goal and table
  s.pageBreaksAfter.push(r - 1);
  s.put(r, 1, '年度目标：', 'label');
  s.put(r, 2, ANNUAL_GOAL, 'text', { col: 9 });
  s.fit(r, [[ANNUAL_GOAL, span(2, 9)]], 24);
  r++;
  s.put(r, 1, '年度绩效指标', 'label', { row: r + 2 + ANNUAL.length });
  s.put(r, 2, '一级\n指标', 'label', { row: r + 2 });
  s.put(r, 3, '二级指标', 'label', { row: r + 2 });
  s.put(r, 4, '三级指标', 'label', { row: r + 2 });
  s.put(r, 5, '指标值', 'label', { col: 7 });
  s.put(r, 8, '指标值确定依据', 'label', { row: r + 2 });
  s.put(r, 9, '指标分类', 'label', { row: r + 2 });
  s.put(r + 1, 5, '近两年指标值', 'label', { col: 6 });
  s.put(r + 1, 7, '预期当年实现值', 'label', { row: r + 2 });
  s.put(r + 2, 5, '前 年', 'label');
  s.put(r + 2, 6, '上 年', 'label');
  for (let k = 0; k < 3; k++) s.rowHeights[r + k] = 20;
  r += 3;
  r = indicatorRows(
    s,
    r,
    ANNUAL.map(([l1 = null, l2 = null, l3 = null, ybl = null, ly = null, v = null, basis = null, cls = null]) => ({
      l1,
      l2,
      cells: [l3, ybl, ly, v, basis, cls],
    })),
    [4, 5, 6, 7, 8, 9],
    {},
  );
  const lastRow = r - 1;
  while (s.rows.length < lastRow) s.rows.push(new Array<Value>(COLS).fill(null));

  return {
    name: EXAMPLE_SHEET,
    rows: s.rows,
    merges: s.merges,
    numFmt: s.numFmt,
    kinds: s.kinds,
    rowHeights: s.rowHeights,
    columnWidths: WIDTHS,
    tableTop,
    pageBreaksAfter: s.pageBreaksAfter,
  };
}

/**
 * Writes indicator rows from `r` on: 一级 (column B) and 二级 (C) merged over
 * their groups, the other cells into `cols`, with `wide` giving horizontal
 * merges (col → last col). Returns the next free row.
 */
function indicatorRows(
  s: SheetBuilder,
  r: number,
  rows: { l1: Cell; l2: Cell; cells: Cell[] }[],
  cols: number[],
  wide: Record<number, number>,
): number {
  const groupEnd = (i: number, pick: (x: { l1: Cell; l2: Cell }) => Cell): number => {
    let j = i + 1;
    while (j < rows.length && pick(rows[j]!) === '') j++;
    return j - 1;
  };
  rows.forEach((row, i) => {
    const at = r + i;
    if (row.l1) s.put(at, 2, row.l1, 'label', { row: r + groupEnd(i, (x) => x.l1) });
    else if (row.l1 === null) s.put(at, 2, null, 'cell');
    if (row.l2) s.put(at, 3, row.l2, 'cell', { row: r + groupEnd(i, (x) => x.l2) });
    else if (row.l2 === null) s.put(at, 3, null, 'cell');
    const texts: [string, number][] = [];
    row.cells.forEach((v, k) => {
      const col = cols[k]!;
      const to = wide[col];
      s.put(at, col, v, 'cell', to ? { col: to } : undefined);
      if (v) texts.push([v, span(col, to ?? col)]);
    });
    s.fit(at, texts);
  });
  return r + rows.length;
}

// ---------------------------------------------------------------- workbook

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function buildExampleWorkbook(): ExcelJS.Workbook {
  const model = exampleSheet();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.created = new Date(Date.UTC(2025, 10, 26));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(model.name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ showGridLines: false }],
  });
  ws.pageSetup.printArea = `A1:I${model.rows.length}`;
  ws.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  model.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  model.rows.forEach((values, i) => {
    const rowNumber = i + 1;
    const row = ws.getRow(rowNumber);
    if (model.rowHeights[rowNumber]) row.height = model.rowHeights[rowNumber]!;
    for (let c = 1; c <= COLS; c++) {
      const addr = address(rowNumber, c);
      const kind = model.kinds[addr] ?? (rowNumber >= model.tableTop ? 'cell' : 'plain');
      const cell = row.getCell(c);
      const v = values[c - 1];
      if (v !== null && v !== undefined) cell.value = v;
      if (model.numFmt[addr]) cell.numFmt = model.numFmt[addr]!;
      styleCell(cell, kind, rowNumber >= model.tableTop, c === 8 && rowNumber < model.tableTop);
    }
  });
  for (const m of model.merges) ws.mergeCells(m);
  for (const r of model.pageBreaksAfter) ws.getRow(r).addPageBreak();
  return wb;
}

function styleCell(cell: ExcelJS.Cell, kind: Kind, bordered: boolean, alignRight: boolean): void {
  cell.font = { name: FONT, size: kind === 'title' ? 18 : 10.5, bold: kind === 'title' };
  if (bordered) cell.border = THIN;
  switch (kind) {
    case 'title':
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'label':
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      break;
    case 'text':
      cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      break;
    case 'amount':
    case 'share':
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
      break;
    case 'cell':
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      break;
    default:
      cell.alignment = { horizontal: alignRight ? 'right' : 'left', vertical: 'middle' };
  }
}

export async function writeExample(file = EXAMPLE_FILE): Promise<string> {
  await buildExampleWorkbook().xlsx.writeFile(file);
  return file;
}

if (require.main === module) {
  writeExample(process.argv[2] ? path.resolve(process.argv[2]) : EXAMPLE_FILE).then(
    (f) => console.log(`已生成 ${f}`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
