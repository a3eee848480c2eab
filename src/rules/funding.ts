/** 部门总体资金情况: totals, shares, balance, amount cells, unit. */
import Decimal from 'decimal.js';
import { FUNDING_BLOCKS } from '../form/catalogue';
import { a1 } from '../read/grid';
import type { Field, Funding } from '../form/types';
import {
  amountDecimals,
  formatAmount,
  formatShare,
  hasAmount,
  parseShare,
  roundTo,
  shareInRepresentation,
  shareOf,
  shareTolerance,
} from '../form/values';
import type { FindingInput, Fix, Rule, RuleContext } from './types';
import {
  COLUMNS,
  amountCells,
  columnField,
  columnName,
  linesOf,
  blockOf,
  type AmountCell,
  type BlockDef,
  type ColumnKey,
} from './funding-model';
import { addr, amountOf } from './util';

function withFunding(ctx: RuleContext, body: (funding: Funding) => void): void {
  if (ctx.form.funding) body(ctx.form.funding);
}

/** The table's amount cells, listed once per check() run for the rules that walk them all. */
function amountCellsOf(ctx: RuleContext, funding: Funding): AmountCell[] {
  return ctx.memo ? ctx.memo(funding, 'amountCells', () => amountCells(funding)) : amountCells(funding);
}

function sameAmount(a: Decimal, b: Decimal, decimals: number): boolean {
  return roundTo(a, decimals).equals(roundTo(b, decimals));
}

/**
 * The fix for a wrong 合计 that holds a constant: the sum, and — when its
 * siblings in the 合计 row hold SUM formulas (a template sheet whose formula
 * was typed over) — the SUM formula itself, so that the fixed cell keeps
 * following its lines.
 */
function totalFix(target: Field, siblings: (Field | null)[], lines: Field[], sum: Decimal): Fix {
  const fix: Fix = { cell: addr(target), value: roundTo(sum, 2).toNumber() };
  const formulaRow = siblings.some((s) => s !== null && /^=\s*SUM\s*\(/i.test(s.formula ?? ''));
  if (formulaRow && lines.length > 0 && lines.every((l) => l.ref.col === target.ref.col)) {
    const rows = lines.map((l) => l.ref.row);
    const contiguous = rows.every((r, i) => i === 0 || r === rows[i - 1]! + 1);
    const col = target.ref.col;
    fix.formula = contiguous
      ? `=SUM(${a1(rows[0]!, col)}:${a1(rows[rows.length - 1]!, col)})`
      : `=${rows.map((r) => a1(r, col)).join('+')}`;
  }
  return fix;
}

/**
 * The sum of a block's lines in one column, or null when a line is missing or
 * not a number. A blank line counts as 0 (funding-amount reports it).
 */
function sumOfLines(
  ctx: RuleContext,
  funding: Funding,
  def: BlockDef,
  column: ColumnKey,
): { fields: (Field | null)[]; values: Decimal[]; sum: Decimal } | null {
  const fields = linesOf(funding, def).map((l) => columnField(l.line, column));
  const amounts = fields.map((f) => amountOf(ctx, f));
  if (fields.some((f) => f === null) || amounts.some((a) => !hasAmount(a) && a.kind !== 'blank')) return null;
  const values = amounts.map((a) => a.value ?? new Decimal(0));
  return { fields, values, sum: values.reduce((s, v) => s.plus(v), new Decimal(0)) };
}

export const fundingTotal: Rule = {
  meta: {
    id: 'funding-total',
    severity: 'error',
    section: 'funding',
    title: '合计应等于各行之和',
    description:
      '收入、支出两块的“合计”应等于本块各行之和（当年金额、前年、上年三列）；两边均四舍五入到两位小数后比较。修正值为各行之和；模板表中同行合计为 SUM 公式时，修正为恢复该公式。合计单元格本身是公式时不给修正值（修正从不覆盖公式），提示中写出该公式。',
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      for (const def of FUNDING_BLOCKS) {
        const total = blockOf(funding, def).total;
        if (!total) continue;
        for (const column of COLUMNS) {
          const target = columnField(total, column);
          if (!target) continue;
          const t = amountOf(ctx, target);
          if (!hasAmount(t)) continue;
          const lineSum = sumOfLines(ctx, funding, def, column);
          if (!lineSum) continue;
          const { fields, values, sum } = lineSum;
          if (sameAmount(sum, t.value, ctx.options.tolerances.amountDecimals)) continue;
          const siblings = COLUMNS.filter((c) => c !== column).map((c) => columnField(total, c));
          const parts = values.map((v) => formatAmount(v)).join(' + ');
          const shown = `“${def.name}合计”（${columnName(funding, column, ctx.options)}）应为各行之和 ${formatAmount(sum)}（${parts}），表中为 ${formatAmount(t.value)}`;
          // A formula that gives a wrong sum is the filer's to mend: no fix overwrites a formula.
          const finding: FindingInput = {
            severity: 'error',
            message: target.formula ? `${shown}；该单元格是公式 ${target.formula}，请改正公式` : shown,
            cells: [addr(target)],
            expected: formatAmount(sum),
          };
          if (!target.formula) {
            finding.fix = totalFix(
              target,
              siblings,
              fields.filter((f): f is Field => f !== null),
              sum,
            );
          }
          ctx.report(finding);
        }
      }
    });
  },
};

/** What the share cell shows, for a message. */
function shownShare(f: Field): string {
  const t = f.text.trim();
  if (t !== '') return t;
  return f.value === null ? '空' : String(f.value);
}

export const fundingShare: Rule = {
  meta: {
    id: 'funding-share',
    severity: 'error',
    section: 'funding',
    title: '占比计算',
    description:
      '各行占比 = 本行当年金额 ÷ 本块合计 × 100，按 round(…, 2) 计算，按单元格显示的精度比较（两位小数 ±0.01 个百分点，一位 ±0.05，整数 ±0.5）；合计行占比为 100%（合计为 0 时为 0 或空白）。修正值按单元格原有写法给出（百分比格式写 0.8412，普通数字写 84.12，文本写“84.12%”）。',
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      for (const def of FUNDING_BLOCKS) {
        const lines = linesOf(funding, def);
        const total = blockOf(funding, def).total;
        const amounts = lines.map((l) => amountOf(ctx, l.line.current));
        const totalAmount = amountOf(ctx, total?.current);
        // Shares follow what 合计 should be: the sum of the lines when every line is a number,
        // so fixing the shares and fixing a wrong 合计 never undo each other.
        let denominator: Decimal | null = null;
        if (lines.length === def.lines.length && amounts.every(hasAmount)) {
          denominator = amounts.reduce((s, a) => s.plus(a.value ?? 0), new Decimal(0));
        } else if (hasAmount(totalAmount)) {
          denominator = totalAmount.value;
        }
        if (denominator === null) continue;
        const zero = roundTo(denominator, 2).isZero();
        // A share formula divides by the 合计 cell: while 合计 itself is wrong (funding-total reports it)
        // the formula is right and must not be overwritten by a constant.
        const totalWrong = hasAmount(totalAmount) && !sameAmount(totalAmount.value, denominator, 2);
        lines.forEach((l, i) => {
          const a = amounts[i]!;
          if (!l.line.share || !hasAmount(a) || (totalWrong && l.line.share.formula)) return;
          const expected = zero ? new Decimal(0) : shareOf(a.value, denominator);
          const how = zero ? `${def.name}合计为 0` : `${formatAmount(a.value)} ÷ ${formatAmount(denominator)} × 100`;
          checkShare(ctx, l.line.share, `“${l.name}”占比`, expected, how, zero);
        });
        if (total?.share) {
          checkShare(ctx, total.share, `“${def.name}合计”占比`, new Decimal(zero ? 0 : 100), '', zero);
        }
      }
    });
  },
};

function checkShare(
  ctx: RuleContext,
  cell: Field,
  what: string,
  expected: Decimal,
  how: string,
  blankAllowed: boolean,
): void {
  const s = parseShare(cell);
  if (s.kind === 'uncalculated') return;
  if (s.kind === 'blank' && blankAllowed) return;
  if ((s.kind === 'number' || s.kind === 'text-number') && s.value) {
    if (s.value.minus(expected).abs().lte(shareTolerance(s.decimals))) return;
  }
  const shown = s.kind === 'blank' ? '空' : s.kind === 'invalid' ? `“${s.text}”，不是百分比` : shownShare(cell);
  const zeroNote = blankAllowed ? '（或留空）' : '';
  const finding: FindingInput = {
    severity: 'error',
    message: `${what}应为 ${formatShare(expected)}${zeroNote}${how ? `（${how}）` : ''}，表中为 ${shown}`,
    cells: [addr(cell)],
    expected: formatShare(expected),
  };
  // A share formula that gives a wrong share is the filer's to mend: no fix overwrites a formula.
  if (cell.formula) finding.message += `；该单元格是公式 ${cell.formula}，请改正公式`;
  else finding.fix = { cell: addr(cell), value: shareInRepresentation(expected, s.representation) };
  ctx.report(finding);
}

export const fundingBalance: Rule = {
  meta: {
    id: 'funding-balance',
    severity: 'mixed',
    section: 'funding',
    title: '收支平衡',
    description:
      '收入合计应等于支出合计：当年金额不等为强制性错误，前年、上年不等为提示。某个合计本身不等于本块各行之和时，提示写明这一原因（以及改正后是否平衡），并排在该合计的错误之后。',
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      const income = funding.income.total;
      const expenditure = funding.expenditure.total;
      if (!income || !expenditure) return;
      for (const column of COLUMNS) {
        const fi = columnField(income, column);
        const fe = columnField(expenditure, column);
        const i = amountOf(ctx, fi);
        const e = amountOf(ctx, fe);
        if (!fi || !fe || !hasAmount(i) || !hasAmount(e)) continue;
        const decimals = ctx.options.tolerances.amountDecimals;
        if (sameAmount(i.value, e.value, decimals)) continue;
        const diff = formatAmount(i.value.minus(e.value).abs());
        const head = `收入合计 ${formatAmount(i.value)} 与支出合计 ${formatAmount(e.value)} 不相等（${columnName(funding, column, ctx.options)}，相差 ${diff}）`;
        // A 合计 that is itself wrong (funding-total) is the cause: named here, and this finding placed after it.
        const [defIncome, defExpenditure] = FUNDING_BLOCKS;
        const sumI = sumOfLines(ctx, funding, defIncome, column)?.sum ?? null;
        const sumE = sumOfLines(ctx, funding, defExpenditure, column)?.sum ?? null;
        const wrongI = sumI !== null && !sameAmount(sumI, i.value, decimals);
        const wrongE = sumE !== null && !sameAmount(sumE, e.value, decimals);
        let message = `${head}，收支应平衡`;
        if (wrongI || wrongE) {
          const causes = [
            ...(wrongI ? [`“${defIncome.name}合计”不等于本块各行之和 ${formatAmount(sumI)}`] : []),
            ...(wrongE ? [`“${defExpenditure.name}合计”不等于本块各行之和 ${formatAmount(sumE)}`] : []),
          ].join('，');
          const fixedI = wrongI ? sumI : i.value;
          const fixedE = wrongE ? sumE : e.value;
          const which = wrongI && wrongE ? '这两个合计' : '该合计';
          message = sameAmount(fixedI, fixedE, decimals)
            ? `${head}：原因是${causes}，改正${which}后收支即平衡`
            : `${head}：其中${causes}，改正${which}后仍相差 ${formatAmount(fixedI.minus(fixedE).abs())}，收支应平衡`;
        }
        ctx.report({
          severity: column === 'current' ? 'error' : 'warning',
          message,
          cells: wrongE && !wrongI ? [addr(fe), addr(fi)] : [addr(fi), addr(fe)],
        });
      }
    });
  },
};

export const fundingAmount: Rule = {
  meta: {
    id: 'funding-amount',
    // Errors for blanks, formula errors and negatives; a warning for text that reads as a number.
    severity: 'mixed',
    section: 'funding',
    title: '金额格式',
    description:
      '每个金额单元格应为非负数字：空白为错误（没有时填 0），公式错误为错误；能读作数字的文本（“1,234.56”“３７４．１３”“374.13万元”）为提示，修正值为该数字。',
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      for (const c of amountCellsOf(ctx, funding)) {
        const where = () => `“${c.label}”（${columnName(funding, c.column, ctx.options)}）`;
        reportAmount(ctx, c.field, where, '金额，没有时请填 0');
      }
    });
  },
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
        ctx.report({ severity: 'error', message: `${where()}未填写${blankHint}`, cells: cells() });
      return;
    case 'error':
      ctx.report({ severity: 'error', message: `${where()}为公式错误 ${a.text}，应为金额（万元）`, cells: cells() });
      return;
    case 'invalid':
      ctx.report({
        severity: 'error',
        message: `${where()}为“${a.text}”，不是金额，应填写数字（万元）`,
        cells: cells(),
      });
      return;
    default:
      break;
  }
  if (!a.value) return;
  if (a.value.isNegative() && !a.value.isZero()) {
    ctx.report({ severity: 'error', message: `${where()}为 ${a.text}，金额不能为负数`, cells: cells() });
    return;
  }
  if (a.kind === 'text-number') {
    const n = a.value.toNumber();
    ctx.report({
      severity: 'warning',
      message: `${where()}“${a.text}”是文本，应填写数字 ${a.value.toString()}`,
      cells: cells(),
      expected: a.value.toString(),
      fix: { cell: addr(field), value: n },
    });
  }
}

export const fundingUnit: Rule = {
  meta: {
    id: 'funding-unit',
    severity: 'warning',
    section: 'funding',
    title: '金额单位',
    description: '合计超过 1,000,000（可能按“元”而不是“万元”填写），或金额超过两位小数时提示。',
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      const limit = new Decimal(ctx.options.tolerances.unitSuspectTotal);
      for (const c of amountCellsOf(ctx, funding)) {
        const a = amountOf(ctx, c.field);
        if (!hasAmount(a)) continue;
        const where = () => `“${c.label}”（${columnName(funding, c.column, ctx.options)}）`;
        if (c.isTotal && a.value.gt(limit)) {
          ctx.report({
            severity: 'warning',
            message: `${where()}为 ${a.value.toString()}，超过 ${limit.toString()} 万元，金额可能按“元”而不是“万元”填写`,
            cells: [addr(c.field)],
          });
          continue;
        }
        const decimals = amountDecimals(c.field);
        if (decimals > 2) {
          ctx.report({
            severity: 'warning',
            message: `${where()}为 ${a.value.toString()}，有 ${decimals} 位小数；金额以万元为单位，应保留两位小数`,
            cells: [addr(c.field)],
            expected: formatAmount(a.value),
          });
        }
      }
    });
  },
};

export const FUNDING_RULES: Rule[] = [fundingTotal, fundingShare, fundingBalance, fundingAmount, fundingUnit];
