import Decimal from 'decimal.js';
import { a1 } from '../../sheet/ref';
import type { Field } from '../../form/types';
import { formatAmount, hasAmount, roundTo } from '../../form/values';
import type { Fix } from '../../report/types';
import type { FindingInput, Rule } from '../rule';
import { COLUMNS, columnField, columnName, blockOf, fundingBlocks, unknownLines } from '../support/funding-model';
import { addr, amountOf } from '../support/util';
import { sameAmount, sumOfLines, withFunding } from '../support/funding';

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

export const fundingTotal: Rule = {
  meta: {
    id: 'funding-total',
    severity: 'error',
    section: 'funding',
    title: '合计应等于各行之和',
    description:
      '收入、支出两块的“合计”应等于本块各行之和（当年金额、前年、上年三列）；两边均四舍五入到两位小数后比较。修正值为各行之和；模板表中同行合计为 SUM 公式时，修正为恢复该公式。合计单元格本身是公式时不给修正值（修正从不覆盖公式），提示中写出该公式。本块有本版申报表没有的行时，该行计入各行之和，但不给修正值，提示中写明原因。',
    messages: {
      wrong: '“{total}合计”（{column}）应为各行之和 {sum}（{parts}），表中为 {shown}',
      wrongFormula:
        '“{total}合计”（{column}）应为各行之和 {sum}（{parts}），表中为 {shown}；该单元格是公式 {formula}，请改正公式',
      wrongUncertain:
        '“{total}合计”（{column}）应为各行之和 {sum}（{parts}），表中为 {shown}；本块有本版申报表没有的行{unknown}，已按表中的行计入，但无法确定它是否属于本块，因此不给出修正值，请核对后手工改正',
    },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      for (const def of fundingBlocks(ctx.form)) {
        const total = blockOf(funding, def).total;
        if (!total) continue;
        // A fix only from a complete reading: a row the edition does not know may not belong to the block.
        const unknown = unknownLines(funding, def).map((l) =>
          l.name ? `“${l.name}”` : `第 ${l.line.label.ref.row + 1} 行`,
        );
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
          const data = {
            total: def.name,
            column: columnName(funding, column, ctx.options),
            sum: formatAmount(sum),
            parts,
            shown: formatAmount(t.value),
          };
          // A formula that gives a wrong sum is the filer's to mend: no fix overwrites a formula.
          const finding: FindingInput = {
            severity: 'error',
            ...(target.formula
              ? { messageId: 'wrongFormula', data: { ...data, formula: target.formula } }
              : unknown.length > 0
                ? { messageId: 'wrongUncertain', data: { ...data, unknown: unknown.join('、') } }
                : { messageId: 'wrong', data }),
            cells: [addr(target)],
            expected: formatAmount(sum),
          };
          if (!target.formula && unknown.length === 0) {
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
