/**
 * The funding table seen as blocks × lines × columns, so the funding rules
 * iterate cells instead of spelling out every line. Labels are the form's own
 * Chinese names, for messages.
 */
import { FUNDING_BLOCKS } from '../../form/catalogue';
import type { Field, Funding, FundingBlock, FundingLine } from '../../form/types';
import type { ResolvedOptions } from '../../report/types';

export type ColumnKey = 'current' | 'yearBeforeLast' | 'lastYear';

export type BlockDef = (typeof FUNDING_BLOCKS)[number];

export const COLUMNS: ColumnKey[] = ['current', 'yearBeforeLast', 'lastYear'];

export function blockOf(funding: Funding, def: BlockDef): FundingBlock<string> {
  return funding[def.key];
}

/** The block's lines in form order, with their names; a line missing from the sheet is left out. */
export function linesOf(funding: Funding, def: BlockDef): { name: string; line: FundingLine }[] {
  const block = blockOf(funding, def);
  const out: { name: string; line: FundingLine }[] = [];
  for (const l of def.lines) {
    const line = block.lines[l.code];
    if (line) out.push({ name: l.name, line });
  }
  return out;
}

export function columnField(line: FundingLine, column: ColumnKey): Field | null {
  return line[column];
}

/** "当年金额", "2024年" (前年) or "前年" when the year is unknown. */
export function columnName(funding: Funding, column: ColumnKey, options: ResolvedOptions): string {
  if (column === 'current') return '当年金额';
  const by = options.budgetYear;
  if (column === 'yearBeforeLast') {
    const y = funding.years.yearBeforeLast ?? (by !== null ? by - 2 : null);
    return y !== null ? `${y}年` : '前年';
  }
  const y = funding.years.lastYear ?? (by !== null ? by - 1 : null);
  return y !== null ? `${y}年` : '上年';
}

export interface AmountCell {
  field: Field;
  block: BlockDef;
  /** “人员类项目支出” or “支出合计”. */
  label: string;
  isTotal: boolean;
  column: ColumnKey;
}

/** Every amount cell of the table: each block's lines and 合计, in 当年, 前年 and 上年. */
export function amountCells(funding: Funding): AmountCell[] {
  const out: AmountCell[] = [];
  for (const def of FUNDING_BLOCKS) {
    const rows = linesOf(funding, def).map((l) => ({ ...l, isTotal: false }));
    const total = blockOf(funding, def).total;
    if (total) rows.push({ name: `${def.name}合计`, line: total, isTotal: true });
    for (const r of rows) {
      for (const column of COLUMNS) {
        const field = columnField(r.line, column);
        if (field) out.push({ field, block: def, label: r.name, isTotal: r.isTotal, column });
      }
    }
  }
  return out;
}
