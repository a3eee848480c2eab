/** 指标值: parsing, rates, units, long-term ↔ annual consistency, quantitative 履职效能. */
import { fieldText, type IndicatorValue } from '../form/values';
import type { FindingInput, Rule } from './types';
import { level1Of, level3Key, level3Name, namedRows, rowsByName, rowValue, valueName } from './indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf, TABLE_NAME, TABLE_SECTION } from './util';

type Quantity = Extract<IndicatorValue, { kind: 'quantity' }>;

/** A 三级 name ending in 率 is a rate, except change rates (变动率, 增长率), which may exceed 100% or go negative. */
export function isBoundedRate(name: string): boolean {
  const n = name.replace(/[\s"'“”‘’]+$/g, '');
  return n.endsWith('率') && !/(?:变动|增长)率$/.test(n);
}

/** A 三级 name ending in 度 (服务对象满意度, 知晓度): a degree, bounded like a rate when measured in %. */
export function isDegree(name: string): boolean {
  return name.replace(/[\s"'“”‘’]+$/g, '').endsWith('度');
}

/** Names read lower-is-better when their value is written without a sign. */
export function isLowerBetter(name: string): boolean {
  return /变动率|调整率|结转结余率|成本|费/.test(name);
}

/** "0%", "≥1500件/年": a quantity as written. */
function show(q: Quantity): string {
  return q.text || `${q.sign ?? ''}${q.number.toString()}${q.unit}`;
}

export const indicatorValue: Rule = {
  meta: {
    id: 'indicator-value',
    severity: 'mixed',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标值格式',
    description:
      '量化指标值应写成“符号（≥ ≤ > < = 或无）+ 数值 + 单位”：有符号没有数值（如“≥%”）为强制性错误；比率（三级指标以“率”结尾，变动率、增长率除外）或以百分比表示的程度类指标（三级指标以“度”结尾，如服务对象满意度）超过 100% 或为负数，或年度值没有单位而同一指标的长期值有单位时为提示。',
  },
  check(ctx) {
    const longTerm = rowsByName(ctx.form.longTermIndicators, ctx);
    for (const table of tablesOf(ctx.form)) {
      for (const r of namedRows(table, ctx)) {
        const v = rowValue(r, ctx);
        // Built only for a finding: most rows have none.
        const at = () => `${rowLabel(r.table, r.row)}${level3Name(r)}的${valueName(r)}`;
        const report = (f: Omit<FindingInput, 'cells'>) =>
          ctx.report({ ...indicatorPlace(r), cells: [addr(r.value)], ...f });
        if (v.kind === 'sign-without-number') {
          report({ severity: 'error', message: `${at()}“${v.text}”有比较符号“${v.sign}”但没有数值` });
          continue;
        }
        if (v.kind === 'error') {
          report({ severity: 'error', message: `${at()}为公式错误 ${v.text}` });
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
            report({ severity: 'warning', message: `${at()}“${show(v)}”超过 100%，${what}一般不应超过 100%` });
          } else if (v.number.isNegative() && !v.number.isZero()) {
            report({ severity: 'warning', message: `${at()}“${show(v)}”为负数，${what}一般不应为负` });
          }
        }
        if (r.table !== 'annual' || v.unit !== '') continue;
        const lt = longTerm.get(level3Key(r));
        const lv = lt ? rowValue(lt, ctx) : null;
        if (!lt || !lv || lv.kind !== 'quantity' || lv.unit === '') continue;
        const expected = `${v.sign ?? ''}${v.number.toString()}${lv.unit}`;
        report({
          severity: 'warning',
          message: `${at()}“${show(v)}”没有单位，而长期指标值“${show(lv)}”的单位为“${lv.unit}”（第 ${lt.row + 1} 行），应写成“${expected}”`,
          expected,
          fix: { cell: addr(r.value), value: expected },
        });
      }
    }
  },
};

/** True when the annual value `a` falls short of the long-term value `l` of indicator `name`. */
export function fallsShort(l: Quantity, a: Quantity, name: string): boolean {
  if (l.unit !== '' && a.unit !== '' && l.unit !== a.unit) return false;
  const sign = l.sign && l.sign !== '=' ? l.sign : a.sign && a.sign !== '=' ? a.sign : null;
  const higher = sign ? sign === '≥' || sign === '>' : !isLowerBetter(name);
  return higher ? a.number.lt(l.number) : a.number.gt(l.number);
}

export const indicatorConsistency: Rule = {
  meta: {
    id: 'indicator-consistency',
    severity: 'warning',
    section: 'annualIndicators',
    sections: INDICATOR_SECTIONS,
    title: '长期与年度指标一致',
    description:
      '长期指标中的三级指标应出现在年度指标中；年度预期当年实现值不应达不到同一指标的长期指标值（按所写符号比较；没有符号时，名称含变动率、调整率、结转结余率、成本、费的越低越好，其余越高越好）；长期有指标值而年度写“无”时提示。',
  },
  check(ctx) {
    const lt = ctx.form.longTermIndicators;
    const an = ctx.form.annualIndicators;
    if (!lt || !an) return;
    const annual = rowsByName(an, ctx);
    const longTerm = rowsByName(lt, ctx);
    for (const [key, r] of longTerm) {
      if (annual.has(key)) continue;
      ctx.report({
        ...indicatorPlace(r),
        severity: 'warning',
        message: `${rowLabel(r.table, r.row)}${level3Name(r)}在${TABLE_NAME.annual}中没有对应的行`,
        cells: [addr(r.level3)],
      });
    }
    for (const [key, r] of annual) {
      const l = longTerm.get(key);
      if (!l) continue;
      const lv = rowValue(l, ctx);
      const av = rowValue(r, ctx);
      // Built only for a finding: most pairs agree.
      const at = () => `${rowLabel(r.table, r.row)}${level3Name(r)}的预期当年实现值`;
      const ltText = () => `${TABLE_NAME.longTerm}第 ${l.row + 1} 行的指标值`;
      const base = () => ({ ...indicatorPlace(r), severity: 'warning' as const, cells: [addr(r.value)] });
      if (av.kind === 'not-applicable' && lv.kind !== 'not-applicable' && lv.kind !== 'blank') {
        ctx.report({ ...base(), message: `${at()}为“${av.text}”，但${ltText()}为“${fieldText(l.value).trim()}”` });
      } else if (av.kind === 'quantity' && lv.kind === 'quantity' && fallsShort(lv, av, fieldText(r.level3))) {
        const bySign = (lv.sign && lv.sign !== '=') || (av.sign && av.sign !== '=');
        const sign = bySign ? '' : isLowerBetter(fieldText(r.level3)) ? '（该指标越低越好）' : '（该指标越高越好）';
        ctx.report({
          ...base(),
          message: `${at()}“${show(av)}”达不到${ltText()}“${show(lv)}”${sign}`,
          expected: show(lv),
        });
      }
    }
  },
};

export const indicatorCoreOutput: Rule = {
  meta: {
    id: 'indicator-core-output',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '履职效能的量化指标',
    description: '“履职效能”下至少应有一个量化指标（如“≥1500件/年”）。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const rows = namedRows(table, ctx).filter((r) => level1Of(r) === '履职效能');
      if (rows.length === 0) continue;
      if (rows.some((r) => rowValue(r, ctx).kind === 'quantity')) continue;
      ctx.report({
        table: table.kind,
        row: rows[0]!.row + 1,
        section: TABLE_SECTION[table.kind],
        severity: 'warning',
        message: `${TABLE_NAME[table.kind]}中“履职效能”的 ${rows.length} 项指标都不是量化指标，至少应有一项（如“≥1500件/年”）`,
        cells: rows.map((r) => addr(r.value)),
      });
    }
  },
};
