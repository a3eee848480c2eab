/**
 * 长期绩效指标 and 年度绩效指标: header rows, one row per indicator, 一级 and 二级
 * merged over their groups, dropdowns for 一级, 依据 and 分类.
 */
import { BASES, CATALOGUE, CORE_OUTPUT_PREFIX, LEVEL1, type Level1 } from '../form/catalogue';
import { PlanBuilder, rect } from './builder';
import { COL, LAST_COL } from './columns';

export interface IndicatorRowSpec {
  level1: Level1;
  /** null: left for the filler. */
  level2: string | null;
  level3: string | null;
}

/** Rows left empty for the department's own 核心业务产出 indicators. */
export const CORE_OUTPUT_ROWS = 3;
/** Without the catalogue, at least this many rows per 一级 (more where the catalogue has more 二级). */
export const MIN_EMPTY_ROWS = 3;

/** The rows both tables start with. */
export function indicatorRows(prefillCommon: boolean): IndicatorRowSpec[] {
  const rows: IndicatorRowSpec[] = [];
  for (const level1 of LEVEL1) {
    if (!prefillCommon) {
      const count = Math.max(MIN_EMPTY_ROWS, CATALOGUE[level1].length);
      for (let i = 0; i < count; i++) rows.push({ level1, level2: null, level3: null });
    } else if (level1 === '履职效能') {
      for (let i = 1; i <= CORE_OUTPUT_ROWS; i++)
        rows.push({ level1, level2: `${CORE_OUTPUT_PREFIX}${i}`, level3: null });
    } else {
      for (const l2 of CATALOGUE[level1]) {
        if (l2.level3.length === 0) rows.push({ level1, level2: l2.name, level3: null });
        for (const level3 of l2.level3) rows.push({ level1, level2: l2.name, level3 });
      }
    }
  }
  return rows;
}

export interface IndicatorTableOptions {
  kind: 'longTerm' | 'annual';
  rows: IndicatorRowSpec[];
  classifications: string[];
}

export function writeIndicatorTable(b: PlanBuilder, top: number, o: IndicatorTableOptions): number {
  const headerRows = o.kind === 'annual' ? 3 : 1;
  const first = top + headerRows;
  const last = first + o.rows.length - 1;
  const label = o.kind === 'annual' ? '年度绩效指标' : '长期绩效指标';
  b.block(rect(top, COL.label, last, COL.label), label, 'section');
  writeHeadings(b, top, o.kind);

  o.rows.forEach((spec, i) => {
    const row = first + i;
    if (o.kind === 'annual') {
      b.put(row, COL.yearBeforeLast, null, 'inputCenter');
      b.put(row, COL.lastYear, null, 'inputCenter');
      b.put(row, COL.current, null, 'inputCenter');
    } else {
      b.block(rect(row, COL.yearBeforeLast, row, COL.current), null, 'inputCenter');
    }
    b.put(row, COL.level3, spec.level3, 'input');
    b.put(row, COL.basis, null, 'inputCenter');
    b.put(row, COL.classification, null, 'inputCenter');
    b.height(row, 24);
  });
  mergeGroups(
    b,
    first,
    o.rows,
    COL.level1,
    (s) => s.level1,
    () => true,
  );
  mergeGroups(
    b,
    first,
    o.rows,
    COL.level2,
    (s) => `${s.level1}/${s.level2 ?? ''}`,
    (s) => s.level2 !== null,
  );
  for (let i = 0; i < o.rows.length; i++) {
    if (o.rows[i]!.level2 === null) b.put(first + i, COL.level2, null, 'level');
  }

  addValidations(b, first, last, o.classifications);
  b.name(`jx_indicators_${o.kind}`, rect(top, COL.level1, last, LAST_COL));
  return last + 1;
}

function writeHeadings(b: PlanBuilder, top: number, kind: 'longTerm' | 'annual'): void {
  const bottom = kind === 'annual' ? top + 2 : top;
  b.block(rect(top, COL.level1, bottom, COL.level1), '一级指标', 'heading');
  b.block(rect(top, COL.level2, bottom, COL.level2), '二级指标', 'heading');
  b.block(rect(top, COL.level3, bottom, COL.level3), '三级指标', 'heading');
  b.block(rect(top, COL.yearBeforeLast, top, COL.current), '指标值', 'heading');
  b.block(rect(top, COL.basis, bottom, COL.basis), '指标值确定依据', 'heading');
  b.block(rect(top, COL.classification, bottom, COL.classification), '指标分类', 'heading');
  if (kind === 'annual') {
    b.block(rect(top + 1, COL.yearBeforeLast, top + 1, COL.lastYear), '近两年指标值', 'heading');
    b.block(rect(top + 1, COL.current, top + 2, COL.current), '预期当年实现值', 'heading');
    b.put(top + 2, COL.yearBeforeLast, '前年', 'heading');
    b.put(top + 2, COL.lastYear, '上年', 'heading');
  }
  for (let r = top; r <= bottom; r++) b.height(r, kind === 'annual' ? 20 : 30);
}

/** Merges runs of equal keys in one column, the value standing in the first row of the run. */
function mergeGroups(
  b: PlanBuilder,
  first: number,
  rows: IndicatorRowSpec[],
  col: number,
  key: (s: IndicatorRowSpec) => string,
  include: (s: IndicatorRowSpec) => boolean,
): void {
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    const startSpec = rows[start]!;
    if (i < rows.length && key(rows[i]!) === key(startSpec)) continue;
    if (include(startSpec)) {
      const value = col === COL.level1 ? startSpec.level1 : startSpec.level2;
      b.block(rect(first + start, col, first + i - 1, col), value, 'level');
    }
    start = i;
  }
}

function addValidations(b: PlanBuilder, first: number, last: number, classifications: string[]): void {
  b.validations.push(
    {
      range: rect(first, COL.level1, last, COL.level1),
      list: [...LEVEL1],
      prompt: `请选择一级指标：${LEVEL1.join('、')}`,
      error: `一级指标只能是：${LEVEL1.join('、')}`,
      strict: true,
    },
    {
      range: rect(first, COL.basis, last, COL.basis),
      list: [...BASES],
      prompt: '请选择指标值确定依据。“预算支出标准”只用于运行成本类指标；指标值为“无”时可不填。',
      error: `指标值确定依据只能是：${BASES.join('、')}`,
      strict: true,
    },
    {
      range: rect(first, COL.classification, last, COL.classification),
      list: classifications,
      prompt: `请选择指标分类：${classifications.join('、')}`,
      error: `指标分类通常为：${classifications.join('、')}。确定使用其他分类吗？`,
      strict: false,
    },
  );
}
