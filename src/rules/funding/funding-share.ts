import Decimal from 'decimal.js';
import type { Field } from '../../form/types';
import {
  formatAmount,
  formatShare,
  hasAmount,
  parseShare,
  roundTo,
  shareInRepresentation,
  shareOf,
  shareTolerance,
} from '../../form/values';
import type { FindingInput, Rule, RuleContext } from '../rule';
import { linesOf, blockOf, fundingBlocks, hasEveryLine } from '../support/funding-model';
import { addr, amountOf } from '../support/util';
import { sameAmount, shownShare, withFunding } from '../support/funding';

function checkShare(
  ctx: RuleContext,
  cell: Field,
  what: string,
  expected: Decimal,
  /** How the expected share is worked out, for the message: made only when there is a finding. */
  how: () => string,
  blankAllowed: boolean,
  /** The printed labels of the block's rows the edition does not know: the share is then stated without a fix. */
  unknown: string = '',
): void {
  const s = parseShare(cell);
  if (s.kind === 'uncalculated') return;
  if (s.kind === 'blank' && blankAllowed) return;
  if ((s.kind === 'number' || s.kind === 'text-number') && s.value) {
    if (s.value.minus(expected).abs().lte(shareTolerance(s.decimals))) return;
  }
  const shown = s.kind === 'blank' ? '空' : s.kind === 'invalid' ? `“${s.text}”，不是百分比` : shownShare(cell);
  const zeroNote = blankAllowed ? '（或留空）' : '';
  const explained = how();
  const data = {
    what,
    expected: formatShare(expected),
    blank: zeroNote,
    how: explained ? `（${explained}）` : '',
    shown,
  };
  // A share formula that gives a wrong share is the filer's to mend: no fix overwrites a formula.
  const finding: FindingInput = {
    severity: 'error',
    ...(cell.formula
      ? { messageId: 'wrongFormula', data: { ...data, formula: cell.formula } }
      : unknown
        ? { messageId: 'wrongUncertain', data: { ...data, unknown } }
        : { messageId: 'wrong', data }),
    cells: [addr(cell)],
    expected: formatShare(expected),
  };
  if (!cell.formula && !unknown)
    finding.fix = { cell: addr(cell), value: shareInRepresentation(expected, s.representation) };
  ctx.report(finding);
}

export const fundingShare: Rule = {
  meta: {
    id: 'funding-share',
    severity: 'error',
    section: 'funding',
    title: '占比计算',
    description:
      '各行占比 = 本行当年金额 ÷ 本块合计 × 100，按 round(…, 2) 计算，按单元格显示的精度比较（两位小数 ±0.01 个百分点，一位 ±0.05，整数 ±0.5）；合计行占比为 100%（合计为 0 时为 0 或空白）。修正值按单元格原有写法给出（百分比格式写 0.8412，普通数字写 84.12，文本写“84.12%”）。',
    messages: {
      wrong: '{what}应为 {expected}{blank}{how}，表中为 {shown}',
      wrongFormula: '{what}应为 {expected}{blank}{how}，表中为 {shown}；该单元格是公式 {formula}，请改正公式',
      wrongUncertain:
        '{what}应为 {expected}{blank}{how}，表中为 {shown}；本块有本版申报表没有的行{unknown}，合计是否包含它无法确定，因此不给出修正值',
    },
  },
  check(ctx) {
    withFunding(ctx, (funding) => {
      for (const def of fundingBlocks(ctx.form)) {
        const lines = linesOf(funding, def);
        const total = blockOf(funding, def).total;
        const amounts = lines.map((l) => amountOf(ctx, l.line.current));
        const totalAmount = amountOf(ctx, total?.current);
        // Shares follow what 合计 should be: the sum of the lines when every line is a number,
        // so fixing the shares and fixing a wrong 合计 never undo each other.
        let denominator: Decimal | null = null;
        const unknown = lines
          .filter((l) => !l.known)
          .map((l) => (l.name ? `“${l.name}”` : `第 ${l.line.label.ref.row + 1} 行`))
          .join('、');
        if (hasEveryLine(funding, def) && amounts.every(hasAmount)) {
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
          const how = () =>
            zero ? `${def.name}合计为 0` : `${formatAmount(a.value)} ÷ ${formatAmount(denominator)} × 100`;
          checkShare(
            ctx,
            l.line.share,
            `“${l.name || `第 ${l.line.label.ref.row + 1} 行`}”占比`,
            expected,
            how,
            zero,
            unknown,
          );
        });
        if (total?.share) {
          checkShare(ctx, total.share, `“${def.name}合计”占比`, new Decimal(zero ? 0 : 100), () => '', zero);
        }
      }
    });
  },
};
