/**
 * The funding table seen as blocks × lines × columns, so the funding rules
 * iterate cells instead of spelling out every line. Labels are the form's own
 * Chinese names, for messages.
 */
import { editionById, type EditionBlock } from '../../form/editions';
import type { DeclarationForm, Field, Funding, FundingBlock, FundingLine } from '../../form/types';
import type { ResolvedOptions } from '../../report/types';

export type ColumnKey = 'current' | 'yearBeforeLast' | 'lastYear';

/** A block as its edition describes it (src/form/editions.ts). */
export type BlockDef = EditionBlock;

/** The form's two blocks (收入, 支出) in its edition. */
export function fundingBlocks(form: Pick<DeclarationForm, 'edition'>): readonly [BlockDef, BlockDef] {
  return editionById(form.edition).blocks;
}

export const COLUMNS: ColumnKey[] = ['current', 'yearBeforeLast', 'lastYear'];

export function blockOf(funding: Funding, def: BlockDef): FundingBlock<string> {
  return funding[def.key];
}

export interface BlockLine {
  /** The edition's name of the line, or the label as printed when the edition does not know it. */
  name: string;
  line: FundingLine;
  /** False for a row whose label is not a line of the edition: it counts into the sum, but was not read with certainty. */
  known: boolean;
}

/**
 * The block's lines in sheet order, with their names: every row between its
 * first line and its 合计, known or not (FundingBlock.rows). A form without
 * rows (built by hand) gives the edition's lines found; a missing one is left out.
 */
export function linesOf(funding: Funding, def: BlockDef): BlockLine[] {
  const block = blockOf(funding, def);
  if (block.rows) {
    return block.rows.map((r) => {
      const name = r.code !== null ? (def.lines.find((l) => l.code === r.code)?.name ?? r.name) : r.name;
      return { name, line: r.line, known: r.code !== null };
    });
  }
  const lines = block.lines;
  const out: BlockLine[] = [];
  for (const l of def.lines) {
    const line = lines[l.code];
    if (line) out.push({ name: l.name, line, known: true });
  }
  return out;
}

/** The rows of the block whose labels the edition does not know (the sum counts them; no fix relies on them). */
export function unknownLines(funding: Funding, def: BlockDef): BlockLine[] {
  return linesOf(funding, def).filter((l) => !l.known);
}

/** True when every line the edition prints for the block was found. */
export function hasEveryLine(funding: Funding, def: BlockDef): boolean {
  const lines = blockOf(funding, def).lines;
  return def.lines.every((l) => lines[l.code] !== undefined);
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
export function amountCells(funding: Funding, blocks: readonly BlockDef[]): AmountCell[] {
  const out: AmountCell[] = [];
  for (const def of blocks) {
    const rows = linesOf(funding, def).map((l) => ({ ...l, isTotal: false }));
    const total = blockOf(funding, def).total;
    if (total) rows.push({ name: `${def.name}合计`, line: total, isTotal: true, known: true });
    for (const r of rows) {
      for (const column of COLUMNS) {
        const field = columnField(r.line, column);
        if (field) out.push({ field, block: def, label: r.name, isTotal: r.isTotal, column });
      }
    }
  }
  return out;
}
