import type { Field } from '../../form/types';
import { fieldText, isBlank } from '../../form/values';
import type { CellRange } from '../../sheet/cell-range';
import type { Rule } from '../rule';
import { level3Key, namedRows, rowsByName } from '../support/indicator-rows';
import { addr, TABLE_SECTION } from '../support/util';
import { pairing, sameIndicatorValue, sameWords, shown } from '../support/previous';

/** At most this many changes are spelled out; the rest are counted. */
const LISTED = 8;

export const previousLongTerm: Rule = {
  meta: {
    id: 'previous-long-term',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: ['goals', 'longTermIndicators'],
    title: '长期目标与上年申报表一致',
    description:
      '与上年申报表对比：上年申报表的长期目标截止年份还没到（不早于本表的预算年度）时，长期目标文字、截止年份和长期绩效指标（三级指标、指标值、依据、分类）应沿用上年；提示列出新增、删去和改动的内容，并标出本表改动的单元格。',
    messages: {
      changed:
        '上年申报表的长期目标截止 {horizon} 年，尚未到期，长期目标和长期绩效指标应沿用上年；本表{changes}。确需调整的，请在校验说明中写明原因',
    },
  },
  check(ctx) {
    const p = pairing(ctx);
    if (!p || !p.paired || p.year === null) return;
    const last = p.last;
    const horizon = last.goals.horizonYear;
    if (horizon === null || horizon < p.year) return;
    const changes: string[] = [];
    const cells: CellRange[] = [];
    const flag = (f: Field | null | undefined) => {
      if (f) cells.push(addr(f));
    };
    const goals = ctx.form.goals;
    if (goals.horizonYear !== null && goals.horizonYear !== horizon) {
      changes.push(`把截止年份由 ${horizon} 年改为 ${goals.horizonYear} 年`);
      flag(goals.horizonCell);
    }
    if (goals.longTerm && last.goals.longTerm && !sameWords(goals.longTerm, last.goals.longTerm)) {
      changes.push('改动了长期目标的文字');
      flag(goals.longTerm);
    }
    const mine = ctx.form.longTermIndicators;
    const theirs = last.longTermIndicators;
    if (mine && theirs) {
      const now = rowsByName(mine, ctx);
      const before = rowsByName(theirs, ctx);
      for (const r of namedRows(mine, ctx)) {
        const key = level3Key(r);
        const l = before.get(key);
        const name = () => fieldText(r.level3).replace(/\s+/g, '');
        if (!l) {
          if (now.get(key) !== r) continue;
          changes.push(`新增了“${name()}”`);
          flag(r.level3);
          continue;
        }
        const parts: [Field, Field, string][] = [
          [r.value, l.value, '指标值'],
          [r.basis, l.basis, '指标值确定依据'],
          [r.classification, l.classification, '指标分类'],
        ];
        for (const [a, b, what] of parts) {
          if (isBlank(a) && isBlank(b)) continue;
          const same = what === '指标值' ? sameIndicatorValue(a, b) : sameWords(a, b);
          if (same) continue;
          changes.push(`把“${name()}”的${what}由“${shown(b)}”改为“${shown(a)}”`);
          flag(a);
        }
      }
      let dropped = false;
      for (const l of namedRows(theirs, ctx)) {
        if (now.has(level3Key(l)) || before.get(level3Key(l)) !== l) continue;
        changes.push(`删去了“${fieldText(l.level3).replace(/\s+/g, '')}”`);
        dropped = true;
      }
      if (dropped) flag(mine.label);
    }
    if (changes.length === 0) return;
    const listed = changes.slice(0, LISTED).join('，');
    const more = changes.length > LISTED ? `等 ${changes.length} 处` : '';
    const first = cells[0];
    ctx.report({
      severity: 'warning',
      section: first && goals.longTerm && sameCell(first, addr(goals.longTerm)) ? 'goals' : TABLE_SECTION.longTerm,
      messageId: 'changed',
      data: { horizon, changes: `${listed}${more}` },
      cells: dedupe(cells),
    });
  },
};

function sameCell(a: CellRange, b: CellRange): boolean {
  return a.sheet === b.sheet && a.row === b.row && a.col === b.col;
}

function dedupe(cells: CellRange[]): CellRange[] {
  const out: CellRange[] = [];
  for (const c of cells) if (!out.some((o) => sameCell(o, c))) out.push(c);
  return out;
}
