/**
 * The funding table seen as blocks × lines × columns, so the funding rules
 * iterate cells instead of spelling out every line. Labels are the form's own
 * Chinese names, for messages.
 */
import type { Field, Funding, FundingBlock, FundingLine } from '../form/types';
import type { ResolvedOptions } from './types';

export type ColumnKey = 'current' | 'yearBeforeLast' | 'lastYear';

export interface BlockDef {
  key: 'income' | 'expenditure';
  /** 收入 / 支出 */
  name: string;
  lines: { code: string; name: string }[];
}

export const BLOCKS: BlockDef[] = [
  {
    key: 'income',
    name: '收入',
    lines: [
      { code: 'appropriation', name: '财政拨款' },
      { code: 'specialAccount', name: '财政专户管理资金' },
      { code: 'unitFunds', name: '单位资金' },
    ],
  },
  {
    key: 'expenditure',
    name: '支出',
    lines: [
      { code: 'personnel', name: '人员类项目支出' },
      { code: 'operations', name: '运转类项目支出' },
      { code: 'specialPurpose', name: '特定目标类项目支出' },
    ],
  },
];

export const COLUMNS: ColumnKey[] = ['current', 'yearBeforeLast', 'lastYear'];

export function blockOf(funding: Funding, def: BlockDef): FundingBlock<string> {
  return funding[def.key] as FundingBlock<string>;
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
  for (const def of BLOCKS) {
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
