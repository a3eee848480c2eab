import { parseIndicatorValue } from '../../form/values';
import type { Rule } from '../rule';
import { namedRows, rowValue } from '../support/indicator-rows';
import { addr, indicatorPlace, rowLabel } from '../support/util';
import { historyCells, isHistoryEmpty } from '../support/history';
import { show } from '../support/indicator-values';

export const historyFormat: Rule = {
  meta: {
    id: 'history-format',
    severity: 'warning',
    section: 'annualIndicators',
    title: '近两年指标值的写法',
    description:
      '预期当年实现值为量化指标时，近两年指标值（前年、上年）应是实际完成的数值加单位（如“1620件”“98.5%”），不是带比较符号的目标值（照抄“≥1500件/年”是常见错误），也不应缺少单位或写成文字；空白由“近两年指标值”报告，“无”“新增”“—”照常接受。',
    messages: {
      target:
        '{row}的近两年指标值（{year}）“{text}”带比较符号“{sign}”，像是照抄的目标值；应填写{year}实际完成的数值和单位，不写符号',
      noUnit:
        '{row}的近两年指标值（{year}）“{text}”没有单位，预期当年实现值的单位为“{unit}”：请补上{year}实际完成值的单位',
      notFigure:
        '{row}的预期当年实现值“{target}”是量化指标，近两年指标值（{year}）却是“{text}”；应填写{year}实际完成的数值和单位',
    },
  },
  check(ctx) {
    const table = ctx.form.annualIndicators;
    if (!table) return;
    for (const r of namedRows(table, ctx)) {
      if (!r.history) continue;
      const target = rowValue(r);
      if (target.kind !== 'quantity') continue;
      for (const [f, year] of historyCells(r)) {
        if (isHistoryEmpty(f)) continue;
        const v = parseIndicatorValue(f);
        const at = () => ({ row: rowLabel(table, r), year, text: show_(f.text, v) });
        const base = { ...indicatorPlace(r), severity: 'warning' as const, cells: [addr(f)] };
        if (v.kind === 'quantity' && v.sign !== null && v.sign !== '=') {
          ctx.report({ ...base, messageId: 'target', data: { ...at(), sign: v.sign } });
        } else if (v.kind === 'quantity') {
          if (v.unit === '' && target.unit !== '') {
            ctx.report({ ...base, messageId: 'noUnit', data: { ...at(), unit: target.unit } });
          }
        } else if (v.kind === 'qualitative' || v.kind === 'sign-without-number') {
          ctx.report({ ...base, messageId: 'notFigure', data: { ...at(), target: show(target) } });
        }
      }
    }
  },
};

/** The cell's text as the filer sees it, or the parsed value's own text. */
function show_(text: string, v: ReturnType<typeof parseIndicatorValue>): string {
  const t = text.trim();
  if (t !== '') return t;
  return 'text' in v ? v.text : '';
}
