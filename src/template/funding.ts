/**
 * 部门总体资金情况: two header rows, then 收入构成 and 支出构成 with three lines
 * and a 合计 each. 合计 and 占比 are formulas; the filler types the lines.
 */
import { FUNDING_BLOCKS } from '../form/catalogue';
import { a1 } from '../sheet/ref';
import { PlanBuilder, rect } from './builder';
import { COL, LAST_COL } from './columns';

/** Column of each amount of the funding table (当年金额 spans two grid columns, its value stands in the first). */
export const FUNDING_COL = {
  block: COL.level1,
  line: COL.level2,
  current: COL.yearBeforeLast,
  share: COL.current,
  yearBeforeLast: COL.basis,
  lastYear: LAST_COL,
} as const;

const AMOUNT_COLS = [
  ['current', FUNDING_COL.current],
  ['yearBeforeLast', FUNDING_COL.yearBeforeLast],
  ['lastYear', FUNDING_COL.lastYear],
] as const;

export function writeFunding(b: PlanBuilder, top: number, budgetYear: number): number {
  const rowsPerBlock = 4;
  const bottom = top + 1 + FUNDING_BLOCKS.length * rowsPerBlock;
  b.block(rect(top, COL.label, bottom, COL.label), '部门总体资金情况', 'section');
  b.block(rect(top, FUNDING_COL.block, top + 1, COL.level3), '总体资金情况', 'heading');
  b.block(rect(top, FUNDING_COL.current, top + 1, FUNDING_COL.current + 1), '当年金额', 'heading');
  b.block(rect(top, FUNDING_COL.share, top + 1, FUNDING_COL.share), '占比', 'heading');
  b.block(rect(top, FUNDING_COL.yearBeforeLast, top, FUNDING_COL.lastYear), '近两年收支金额', 'heading');
  b.put(top + 1, FUNDING_COL.yearBeforeLast, `${budgetYear - 2}年`, 'heading');
  b.put(top + 1, FUNDING_COL.lastYear, `${budgetYear - 1}年`, 'heading');
  b.height(top, 22);
  b.height(top + 1, 22);
  b.name('jx_funding', rect(top, COL.label, bottom, LAST_COL));

  let row = top + 2;
  for (const block of FUNDING_BLOCKS) {
    const first = row;
    const totalRow = first + block.lines.length;
    b.block(rect(first, FUNDING_COL.block, totalRow, FUNDING_COL.block), block.label, 'section');
    b.name(`jx_${block.key}`, rect(first, FUNDING_COL.block, totalRow, LAST_COL));
    for (const line of block.lines) {
      writeLine(b, row, `${block.key}_${line.code}`, line.name, false);
      for (const [, col] of AMOUNT_COLS) b.put(row, col, null, 'amount');
      shareFormula(b, row, totalRow);
      row++;
    }
    writeLine(b, totalRow, `${block.key}_total`, '合计', true);
    for (const [, col] of AMOUNT_COLS) {
      b.putFormula(totalRow, col, `=SUM(${a1(first, col)}:${a1(totalRow - 1, col)})`, 'formulaAmount');
    }
    shareFormula(b, totalRow, totalRow);
    row = totalRow + 1;
  }
  return row;
}

function writeLine(b: PlanBuilder, row: number, code: string, label: string, total: boolean): void {
  b.block(rect(row, FUNDING_COL.line, row, COL.level3), label, total ? 'lineTotal' : 'lineLabel');
  b.block(rect(row, FUNDING_COL.current, row, FUNDING_COL.current + 1), null, total ? 'formulaAmount' : 'amount');
  b.height(row, 22);
  b.name(`jx_${code}`, rect(row, FUNDING_COL.current, row, LAST_COL));
  for (const [key, col] of AMOUNT_COLS) b.name(`jx_${code}_${key}`, rect(row, col));
  b.name(`jx_${code}_share`, rect(row, FUNDING_COL.share));
}

/** 占比 as budget systems compute it: round(line / 合计, 4) shown as 0.00%; 0 when 合计 is 0. */
function shareFormula(b: PlanBuilder, row: number, totalRow: number): void {
  const line = a1(row, FUNDING_COL.current);
  const total = a1(totalRow, FUNDING_COL.current);
  b.putFormula(row, FUNDING_COL.share, `=IF(${total}=0,0,ROUND(${line}/${total},4))`, 'formulaShare');
}
