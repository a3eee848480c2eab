/** Helpers shared by the funding rules (部门总体资金情况) and project-amount: amounts, sums, fixes. */
import Decimal from 'decimal.js';
import type { Field, Funding } from '../../form/types';
import { hasAmount, roundTo } from '../../form/values';
import type { RuleContext } from '../rule';
import {
  amountCells,
  blockOf,
  columnField,
  fundingBlocks,
  linesOf,
  type AmountCell,
  type BlockDef,
  type ColumnKey,
} from './funding-model';
import { addr, amountOf, remember } from './util';

export function withFunding(ctx: RuleContext, body: (funding: Funding) => void): void {
  if (ctx.form.funding) body(ctx.form.funding);
}

/** The table's amount cells, listed once per check() run for the rules that walk them all. */
export function amountCellsOf(ctx: RuleContext, funding: Funding): AmountCell[] {
  return remember(ctx, funding, 'amountCells', () => amountCells(funding, fundingBlocks(ctx.form)));
}

export function sameAmount(a: Decimal, b: Decimal, decimals: number): boolean {
  return roundTo(a, decimals).equals(roundTo(b, decimals));
}

type LineSum = { fields: (Field | null)[]; values: Decimal[]; sum: Decimal } | null;

/**
 * The sum of a block's lines in one column, or null when a line is missing or
 * not a number. A blank line counts as 0 (funding-amount reports it). Worked
 * out once per check() run: funding-total and funding-balance both ask.
 */
export function sumOfLines(ctx: RuleContext, funding: Funding, def: BlockDef, column: ColumnKey): LineSum {
  return remember(ctx, blockOf(funding, def), `sumOfLines:${column}`, () => lineSum(ctx, funding, def, column));
}

function lineSum(ctx: RuleContext, funding: Funding, def: BlockDef, column: ColumnKey): LineSum {
  const fields = linesOf(funding, def).map((l) => columnField(l.line, column));
  const amounts = fields.map((f) => amountOf(ctx, f));
  if (fields.some((f) => f === null) || amounts.some((a) => !hasAmount(a) && a.kind !== 'blank')) return null;
  const values = amounts.map((a) => a.value ?? new Decimal(0));
  return { fields, values, sum: values.reduce((s, v) => s.plus(v), new Decimal(0)) };
}

/** What the share cell shows, for a message. */
export function shownShare(f: Field): string {
  const t = f.text.trim();
  if (t !== '') return t;
  return f.value === null ? '空' : String(f.value);
}

/** The messages of reportAmount, in the tables of both rules that use it (funding-amount, project-amount). */
export const AMOUNT_MESSAGES = {
  amountBlank: '{where}未填写{hint}',
  amountError: '{where}为公式错误 {text}，应为金额（万元）',
  amountInvalid: '{where}为“{text}”，不是金额，应填写数字（万元）',
  amountNegative: '{where}为 {text}，金额不能为负数',
  amountText: '{where}“{text}”是文本，应填写数字 {value}',
};

/**
 * Shared with project-amount: blank, error, invalid, negative, text-number.
 * `where` names the cell for a message; it is called only when there is a finding.
 */
export function reportAmount(ctx: RuleContext, field: Field, where: () => string, blankHint: string | null): void {
  const a = amountOf(ctx, field);
  const cells = () => [addr(field)];
  switch (a.kind) {
    case 'uncalculated':
      return;
    case 'blank':
      if (blankHint !== null)
        ctx.report({
          severity: 'error',
          messageId: 'amountBlank',
          data: { where: where(), hint: blankHint },
          cells: cells(),
        });
      return;
    case 'error':
      ctx.report({
        severity: 'error',
        messageId: 'amountError',
        data: { where: where(), text: a.text },
        cells: cells(),
      });
      return;
    case 'invalid':
      ctx.report({
        severity: 'error',
        messageId: 'amountInvalid',
        data: { where: where(), text: a.text },
        cells: cells(),
      });
      return;
    default:
      break;
  }
  if (!a.value) return;
  if (a.value.isNegative() && !a.value.isZero()) {
    ctx.report({
      severity: 'error',
      messageId: 'amountNegative',
      data: { where: where(), text: a.text },
      cells: cells(),
    });
    return;
  }
  if (a.kind === 'text-number') {
    const n = a.value.toNumber();
    ctx.report({
      severity: 'warning',
      messageId: 'amountText',
      data: { where: where(), text: a.text, value: a.value.toString() },
      cells: cells(),
      expected: a.value.toString(),
      fix: { cell: addr(field), value: n },
    });
  }
}
