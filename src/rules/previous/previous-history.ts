import type { Field } from '../../form/types';
import { parseIndicatorValue } from '../../form/values';
import type { Rule } from '../rule';
import { level3Key, namedRows, rowsByName } from '../support/indicator-rows';
import { addr, indicatorPlace, rowLabel } from '../support/util';
import { achievedFigure, isHistoryEmpty } from '../support/history';
import { pairedLast, sameIndicatorValue, shown } from '../support/previous';
import { isBlank } from '../../form/values';

export const previousHistory: Rule = {
  meta: {
    id: 'previous-history',
    severity: 'warning',
    section: 'annualIndicators',
    title: '近两年指标值与上年申报表一致',
    description:
      '与上年申报表对比（按三级指标名称对应）：本表近两年指标值“上年”应等于上年申报表的预期当年实现值——上年写的是带符号的目标值而本表写了不带符号的数值时，那就是实际完成值，照常接受；“前年”应等于上年申报表的近两年“上年”。',
    messages: {
      differs:
        '{row}的近两年指标值（{year}）为“{mine}”，上年申报表{lastRow}的{lastName}为“{theirs}”：请照上年申报表填写；如为实际完成值或决算调整，请在“校验说明”中写明',
    },
  },
  check(ctx) {
    const last = pairedLast(ctx);
    const table = ctx.form.annualIndicators;
    const lastTable = last?.annualIndicators;
    if (!lastTable || !table) return;
    const before = rowsByName(lastTable, ctx);
    for (const r of namedRows(table, ctx)) {
      const l = before.get(level3Key(r));
      if (!r.history || !l) continue;
      const pairs: [Field, Field | undefined, '上年' | '前年', string][] = [
        [r.history.lastYear, l.value, '上年', '预期当年实现值'],
        [r.history.yearBeforeLast, l.history?.lastYear, '前年', '近两年指标值（上年）'],
      ];
      for (const [mine, theirs, year, lastName] of pairs) {
        if (!theirs || isBlank(mine) || isBlank(theirs)) continue;
        if (sameIndicatorValue(mine, theirs)) continue;
        if (achievedFor(mine, theirs)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          messageId: 'differs',
          data: {
            row: rowLabel(table, r),
            year,
            mine: shown(mine),
            lastRow: rowLabel(lastTable, l),
            lastName,
            theirs: shown(theirs),
          },
          cells: [addr(mine)],
          expected: shown(theirs),
        });
      }
    }
  },
};

/** LAST wrote a target with a sign (`≥1500件/年`) and THIS a plain figure: the figure is what was achieved. */
function achievedFor(mine: Field, theirs: Field): boolean {
  if (isHistoryEmpty(theirs)) return false;
  const t = parseIndicatorValue(theirs);
  return t.kind === 'quantity' && t.sign !== null && t.sign !== '=' && achievedFigure(mine) !== null;
}
