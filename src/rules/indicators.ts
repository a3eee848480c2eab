/** 绩效指标 tables: required cells, 一级/二级 names, 依据, 分类, placeholders, duplicates. */
import { BASES, COST_BASIS, COST_LEVEL1, LEVEL1, isLevel1, level2Belongs, CATALOGUE } from '../form/catalogue';
import { fieldText, isBlank, isNotApplicable, stripSpaces } from '../form/values';
import type { IndicatorRow } from '../form/types';
import type { Rule } from './types';
import {
  activeRows,
  isPlaceholderRow,
  level1Column,
  level1Of,
  level2Of,
  level3Key,
  level3Name,
  namedRows,
  rowRange,
  valueName,
} from './indicator-rows';
import { addr, indicatorPlace, INDICATOR_SECTIONS, rowLabel, tablesOf, TABLE_NAME, TABLE_SECTION } from './util';
import { suggestBasis } from './basis';

export const indicatorRequired: Rule = {
  meta: {
    id: 'indicator-required',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标行必填',
    description:
      '有三级指标的行都应填写指标值（年度表为预期当年实现值）、指标值确定依据和指标分类；有内容却没有三级指标的行也报告。指标值为“无”“不适用”“N/A”表示不适用，此时依据和分类可以为空。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        if (isBlank(r.level3)) {
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            message: `${rowLabel(r.table, r.row)}有内容，但未填写“三级指标”`,
            cells: [addr(r.level3)],
          });
          continue;
        }
        if (isNotApplicable(fieldText(r.level3)) || isNotApplicable(fieldText(r.value))) continue;
        const missing: [typeof r.value, string][] = [
          [r.value, valueName(r)],
          [r.basis, '指标值确定依据'],
          [r.classification, '指标分类'],
        ];
        for (const [f, name] of missing) {
          if (!isBlank(f)) continue;
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            message: `${rowLabel(r.table, r.row)}${level3Name(r)}未填写“${name}”`,
            cells: [addr(f)],
          });
        }
      }
    }
  },
};

export const indicatorHistory: Rule = {
  meta: {
    id: 'indicator-history',
    severity: 'warning',
    section: 'annualIndicators',
    title: '近两年指标值',
    description: '年度绩效指标的每一行都应填写近两年指标值（前年、上年）；“无”“—”“新增”也算已填写。',
  },
  check(ctx) {
    const table = ctx.form.annualIndicators;
    if (!table) return;
    for (const r of namedRows(table, ctx)) {
      if (!r.history) continue;
      const cells: [typeof r.value, string][] = [
        [r.history.yearBeforeLast, '前年'],
        [r.history.lastYear, '上年'],
      ];
      for (const [f, name] of cells) {
        if (!isBlank(f)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          message: `${rowLabel(r.table, r.row)}${level3Name(r)}未填写近两年指标值（${name}）；没有时可填“无”或“新增”`,
          cells: [addr(f)],
        });
      }
    }
  },
};

export const indicatorLevel1: Rule = {
  meta: {
    id: 'indicator-level1',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '一级指标名称',
    description: `一级指标应为六个之一：${LEVEL1.join('、')}。`,
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const seen = new Set<string>();
      for (const r of activeRows(table, ctx)) {
        if (seen.has(r.level1.ref.address)) continue;
        seen.add(r.level1.ref.address);
        const l1 = level1Of(r);
        if (isLevel1(l1)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'error',
          message:
            l1 === ''
              ? `${rowLabel(r.table, r.row)}未填写“一级指标”`
              : `${rowLabel(r.table, r.row)}的一级指标“${l1}”不是六个一级指标之一（${LEVEL1.join('、')}）`,
          cells: [addr(r.level1)],
        });
      }
    }
  },
};

export const indicatorCoverage: Rule = {
  meta: {
    id: 'indicator-coverage',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '一级指标齐全',
    description: '长期、年度两张指标表中，六个一级指标下都至少要有一行指标。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      // "At least one row" (rules.md): a row begun under a 一级 counts even while its 三级 is empty;
      // indicator-required reports that empty cell, so a fresh template is not a structural error.
      const present = new Set(activeRows(table, ctx).map((r) => level1Of(r)));
      for (const l1 of LEVEL1) {
        if (present.has(l1)) continue;
        ctx.report({
          table: table.kind,
          section: TABLE_SECTION[table.kind],
          severity: 'error',
          message: `${TABLE_NAME[table.kind]}中一级指标“${l1}”下没有任何指标，每个一级指标至少应有一行`,
          cells: [level1Column(table)],
        });
      }
    }
  },
};

export const indicatorLevel2: Rule = {
  meta: {
    id: 'indicator-level2',
    severity: 'mixed',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '二级指标',
    description:
      '二级指标未填写为强制性错误；二级指标不属于其一级指标（按共性指标目录；履职效能下接受任何“核心业务产出…”）为提示。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const seen = new Set<string>();
      for (const r of activeRows(table, ctx)) {
        if (seen.has(r.level2.ref.address)) continue;
        seen.add(r.level2.ref.address);
        const l1 = level1Of(r);
        const l2 = level2Of(r);
        const at = rowLabel(r.table, r.row);
        if (l2 === '') {
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            message: `${at}未填写“二级指标”`,
            cells: [addr(r.level2)],
          });
        } else if (isLevel1(l1) && !level2Belongs(l1, l2)) {
          const known =
            l1 === '履职效能' ? '核心业务产出1、核心业务产出2…' : CATALOGUE[l1].map((c) => c.name).join('、');
          ctx.report({
            ...indicatorPlace(r),
            severity: 'warning',
            message: `${at}的二级指标“${l2}”不属于一级指标“${l1}”（应为：${known}）`,
            cells: [addr(r.level2)],
          });
        }
      }
    }
  },
};

export const indicatorBasis: Rule = {
  meta: {
    id: 'indicator-basis',
    severity: 'error',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标值确定依据',
    description: `指标值确定依据应为：${BASES.join('、')}；提示最接近的一项，能唯一确定时作为修正值。最接近的是“${COST_BASIS}”而本行不属于“${COST_LEVEL1}”时（用了它会被“预算支出标准的使用范围”提示），列出其余可选项，不给修正值。`,
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        if (isBlank(r.basis)) continue;
        const text = stripSpaces(fieldText(r.basis));
        if ((BASES as readonly string[]).includes(text)) continue;
        if (isNotApplicable(text) && isNotApplicable(fieldText(r.value))) continue;
        const suggestion = suggestBasis(text);
        const at = `${rowLabel(r.table, r.row)}${level3Name(r)}的指标值确定依据“${text}”不在可选范围内`;
        if (suggestion === COST_BASIS && costBasisFlagged(r)) {
          // The nearest option would itself be flagged on this row (indicator-cost-basis): list the others, no fix.
          const others = BASES.filter((b) => b !== COST_BASIS)
            .map((b) => `“${b}”`)
            .join('');
          ctx.report({
            ...indicatorPlace(r),
            severity: 'error',
            message: `${at}。最接近的“${COST_BASIS}”用于“${COST_LEVEL1}”类指标，本行属于“${level1Of(r)}”，请从${others}中选择`,
            cells: [addr(r.basis)],
          });
          continue;
        }
        ctx.report({
          ...indicatorPlace(r),
          severity: 'error',
          message: suggestion
            ? `${at}，应为“${suggestion}”`
            : `${at}，应为${BASES.map((b) => `“${b}”`).join('、')}之一`,
          cells: [addr(r.basis)],
          ...(suggestion ? { expected: suggestion, fix: { cell: addr(r.basis), value: suggestion } } : {}),
        });
      }
    }
  },
};

export const indicatorClass: Rule = {
  meta: {
    id: 'indicator-class',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '指标分类',
    description: '指标分类应在设定的范围内（默认只有“基本型”）。',
  },
  check(ctx) {
    const allowed = ctx.options.classifications.map((c) => stripSpaces(c));
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        if (isBlank(r.classification)) continue;
        const text = stripSpaces(fieldText(r.classification));
        if (allowed.includes(text)) continue;
        if (isNotApplicable(text) && isNotApplicable(fieldText(r.value))) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          message: `${rowLabel(r.table, r.row)}${level3Name(r)}的指标分类“${text}”不在可选范围内（${allowed.join('、')}）`,
          cells: [addr(r.classification)],
          ...(allowed.length === 1 ? { expected: allowed[0] } : {}),
        });
      }
    }
  },
};

export const indicatorPlaceholder: Rule = {
  meta: {
    id: 'indicator-placeholder',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '残留占位行',
    description: '指标表中还留有只写着“……”等占位符的行，应填写指标或删除该行。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of table.rows) {
        if (!isPlaceholderRow(r)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          message: `${rowLabel(r.table, r.row)}只有占位符“${fieldText(r.level3).trim() || '……'}”，请填写指标或删除该行`,
          cells: [rowRange(table, r)],
        });
      }
    }
  },
};

export const indicatorDuplicate: Rule = {
  meta: {
    id: 'indicator-duplicate',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '三级指标重复',
    description: '同一张指标表中同一个三级指标出现了两次或以上。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      const groups = new Map<string, typeof table.rows>();
      for (const r of namedRows(table, ctx)) {
        const k = level3Key(r);
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      for (const rows of groups.values()) {
        if (rows.length < 2) continue;
        const lines = rows.map((x) => `第 ${x.row + 1} 行`).join('、');
        for (const r of rows) {
          ctx.report({
            ...indicatorPlace(r),
            severity: 'warning',
            message: `${TABLE_NAME[table.kind]}中三级指标${level3Name(r)}出现了 ${rows.length} 次（${lines}）`,
            cells: [addr(r.level3), ...rows.filter((x) => x !== r).map((x) => addr(x.level3))],
          });
        }
      }
    }
  },
};

/** True when 预算支出标准 on this row is flagged by indicator-cost-basis: a known 一级 other than 运行成本. */
function costBasisFlagged(r: IndicatorRow): boolean {
  const l1 = level1Of(r);
  return isLevel1(l1) && l1 !== COST_LEVEL1;
}

export const indicatorCostBasis: Rule = {
  meta: {
    id: 'indicator-cost-basis',
    severity: 'warning',
    section: 'longTermIndicators',
    sections: INDICATOR_SECTIONS,
    title: '预算支出标准的使用范围',
    description: '“预算支出标准”用于运行成本类指标；运行成本以外的指标使用它时提示。',
  },
  check(ctx) {
    for (const table of tablesOf(ctx.form)) {
      for (const r of activeRows(table, ctx)) {
        const l1 = level1Of(r);
        if (stripSpaces(fieldText(r.basis)) !== COST_BASIS || !costBasisFlagged(r)) continue;
        ctx.report({
          ...indicatorPlace(r),
          severity: 'warning',
          message: `${rowLabel(r.table, r.row)}${level3Name(r)}属于“${l1}”，却使用了“${COST_BASIS}”；该依据用于“${COST_LEVEL1}”类指标，请确认（如“计划标准”“历史标准”）`,
          cells: [addr(r.basis)],
        });
      }
    }
  },
};
