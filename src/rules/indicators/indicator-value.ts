import { fieldText } from '../../form/values';
import type { FindingInput, Rule } from '../rule';
import { level3Key, namedRows, rowsByName, rowValue, valueName } from '../support/indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf, tableRowNumber } from '../support/util';
import { isBoundedRate, isDegree, show } from '../support/indicator-values';

export const indicatorValue: Rule = {
  meta: {
    id: 'indicator-value',
    severity: 'mixed',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标值格式',
    description:
      '量化指标值应写成“符号（≥ ≤ > < = 或无）+ 数值 + 单位”：有符号没有数值（如“≥%”）为强制性错误；比率（三级指标以“率”结尾，变动率、增长率除外）或以百分比表示的程度类指标（三级指标以“度”结尾，如服务对象满意度）超过 100% 或为负数，或年度值没有单位而同一指标的长期值有单位时为提示。',
    messages: {
      signOnly: '{row}的{value}“{text}”有比较符号“{sign}”但没有数值',
      formulaError: '{row}的{value}为公式错误 {text}',
      over100: '{row}的{value}“{shown}”超过 100%，{what}一般不应超过 100%',
      negative: '{row}的{value}“{shown}”为负数，{what}一般不应为负',
      noUnit:
        '{row}的{value}“{shown}”没有单位，而长期指标值“{longTermValue}”的单位为“{unit}”（长期绩效指标表第 {longTermRow} 行），应写成“{expected}”',
    },
  },
  check(ctx) {
    const longTerm = rowsByName(ctx.form.longTermIndicators, ctx);
    for (const table of tablesOf(ctx.form)) {
      for (const r of namedRows(table, ctx)) {
        const v = rowValue(r);
        // Built only for a finding: most rows have none.
        const at = () => ({ row: rowLabel(table, r), value: valueName(r) });
        const report = (f: Omit<FindingInput, 'cells'>) =>
          ctx.report({ ...indicatorPlace(r), cells: [addr(r.value)], ...f });
        if (v.kind === 'sign-without-number') {
          report({ severity: 'error', messageId: 'signOnly', data: { ...at(), text: v.text, sign: v.sign } });
          continue;
        }
        if (v.kind === 'error') {
          report({ severity: 'error', messageId: 'formulaError', data: { ...at(), text: v.text } });
          continue;
        }
        if (v.kind !== 'quantity') continue;
        const name = fieldText(r.level3);
        const rate = isBoundedRate(name) && (v.unit === '%' || v.unit === '');
        // A degree is bounded only in %: “≥95分” is a score, not a share.
        const degree = !rate && isDegree(name) && v.unit === '%';
        if (rate || degree) {
          const what = rate ? '比率' : '以百分比表示的程度类指标';
          if (v.number.gt(100)) {
            report({ severity: 'warning', messageId: 'over100', data: { ...at(), shown: show(v), what } });
          } else if (v.number.isNegative() && !v.number.isZero()) {
            report({ severity: 'warning', messageId: 'negative', data: { ...at(), shown: show(v), what } });
          }
        }
        if (r.table !== 'annual' || v.unit !== '') continue;
        const lt = longTerm.get(level3Key(r));
        const lv = lt ? rowValue(lt) : null;
        if (!lt || !lv || lv.kind !== 'quantity' || lv.unit === '') continue;
        const expected = `${v.sign ?? ''}${v.number.toString()}${lv.unit}`;
        report({
          severity: 'warning',
          messageId: 'noUnit',
          data: {
            ...at(),
            shown: show(v),
            longTermValue: show(lv),
            unit: lv.unit,
            longTermRow: tableRowNumber(ctx.form.longTermIndicators!, lt),
            expected,
          },
          expected,
          fix: { cell: addr(r.value), value: expected },
        });
      }
    }
  },
};
