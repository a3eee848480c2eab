/**
 * fast-check generators for hostile grids: every CellValue kind, the form's
 * own labels (so the reader's label search has something to bite on), odd
 * number formats, ragged rows and merges that overlap or leave the sheet.
 */
import fc from 'fast-check';
import { BASES, LEVEL1 } from '../../src/form/catalogue';
import type { CellValue, Grid, MergeArea } from '../../src/sheet/grid';

/** Labels as the form prints them, with the variants the reader must accept. */
export const FORM_LABELS: string[] = [
  '附件2',
  '部门整体绩效目标申报表',
  '填报日期：  2025年  11月   26日',
  '填报日期：',
  '单位：万元',
  '部门（单位） 名称',
  '部门(单位)名称',
  '填报人',
  '联系电话',
  '部门总体\n\n资金情况',
  '部门总体资金情况',
  '总体资金情况',
  '当年金额',
  '占比',
  '近两年收支金额',
  '2024年',
  '2025年',
  '2024',
  '前年',
  '上年',
  '前 年',
  '上 年',
  '收入\n\n构成',
  '收入构成',
  '支出构成',
  '财政拨款',
  '财政专户管理资金',
  '单位资金',
  '合计',
  '人员类项目支出',
  '运转类项目支出',
  '特定目标类项目支出',
  '部门职能概述',
  '年度工作任务',
  '项目支出情况',
  '项目名称',
  '支出项目类别',
  '项目总预算',
  '项目本年度预算',
  '项目主要支出方向和用途',
  '31-本级支出项目',
  '整体绩效\n\n总目标',
  '长期目标（截止     2029年）',
  '长期目标（截止年）',
  '年度目标',
  '长期目标：\n（截止 2029年）',
  '年度目标：',
  '长期绩\n效指标',
  '年度绩效指标',
  '一级\n指标',
  '二级指标',
  '三级指标',
  '指标值',
  '指标值确定依据',
  '指标分类',
  '近两年指标值',
  '预期当年实现值',
  '核心业务产出1',
  '公用经费控制',
  '公用经费控制率',
  '“三公经费”变动率',
  '预算支出',
  '基本型',
  '……',
  '...',
  'XXX',
  '（请填写）',
  '无',
  '不适用',
  '新增',
  '—',
  ...LEVEL1,
  ...BASES,
];

/** Text that reads as a value somewhere in the form, or nearly does. */
export const VALUE_TEXTS: string[] = [
  '≥95%',
  '≤120万元',
  '0%',
  '≥1500件/年',
  '99%',
  '≥%',
  '≥',
  '100',
  '83.99%',
  '８３．９９％',
  '1,234.56',
  '３７４．１３',
  '374.13万元',
  '-5',
  '1e400',
  'NaN',
  'Infinity',
  '0714-7654321',
  '13800138000',
  '2025年  11月   26日',
  '2025年2月30日',
  '   ',
  '',
  '\t\n',
  '与政府规划职能相符',
];

export const NUMBER_FORMATS: string[] = [
  'General',
  '0',
  '0.00',
  '#,##0.00',
  '0%',
  '0.0%',
  '0.00%',
  '@',
  'yyyy"年"m"月"d"日"',
  'yyyy-mm-dd',
  '0.00;[Red]-0.00;0;@',
  '"¥"#,##0.00',
  '[$-804]yyyy"年"m"月"',
  '0.00E+00',
  '# ?/?',
  '"未闭合',
  ';;;',
  '',
];

const ERRORS = ['#DIV/0!', '#REF!', '#VALUE!', '#N/A', '#NAME?', '#NUM!', '#NULL!'];

export const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...FORM_LABELS) },
  { weight: 2, arbitrary: fc.constantFrom(...VALUE_TEXTS) },
  { weight: 2, arbitrary: fc.double({ noNaN: false }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.8399, 0.0712, 0.0889, 83.99, 374.13, 314.72, 45987, -0, 1e-12, 1e15) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((error) => ({ error })) },
);

export const numFmt: fc.Arbitrary<string> = fc.constantFrom(...NUMBER_FORMATS);

/** Merges anywhere near the block: overlapping, single-cell, outside the grid, even inverted. */
function mergeArea(top: number, left: number, rows: number, cols: number): fc.Arbitrary<MergeArea> {
  const row = fc.integer({ min: Math.max(0, top - 3), max: top + rows + 3 });
  const col = fc.integer({ min: Math.max(0, left - 3), max: left + cols + 3 });
  return fc
    .tuple(row, col, fc.integer({ min: -1, max: 8 }), fc.integer({ min: -1, max: 5 }))
    .map(([t, l, h, w]) => ({ top: t, left: l, bottom: t + h, right: l + w }));
}

/** A random sheet block of up to maxRows × maxCols at a random origin. */
export function randomGrid(maxRows = 60, maxCols = 15): fc.Arbitrary<Grid> {
  return fc
    .record({
      top: fc.integer({ min: 0, max: 30 }),
      left: fc.integer({ min: 0, max: 10 }),
      rows: fc.integer({ min: 0, max: maxRows }),
      cols: fc.integer({ min: 0, max: maxCols }),
      sheet: fc.constantFrom('Sheet1', '附件2', '表 1', "O'Brien", '2026'),
    })
    .chain(({ top, left, rows, cols, sheet }) =>
      fc
        .record({
          // Ragged: each row may be shorter than the widest.
          values: fc.array(fc.array(cellValue, { maxLength: cols }), { minLength: rows, maxLength: rows }),
          merges: fc.array(mergeArea(top, left, rows, cols), { maxLength: 12 }),
          withFormats: fc.boolean(),
          withText: fc.boolean(),
          formats: fc.array(fc.array(numFmt, { minLength: cols, maxLength: cols }), {
            minLength: rows,
            maxLength: rows,
          }),
          texts: fc.array(
            fc.array(fc.oneof(fc.constantFrom(...FORM_LABELS, ...VALUE_TEXTS), fc.string({ maxLength: 5 })), {
              minLength: cols,
              maxLength: cols,
            }),
            { minLength: rows, maxLength: rows },
          ),
        })
        .map(({ values, merges, withFormats, withText, formats, texts }) => {
          const grid: Grid = { sheet, top, left, values, merges };
          if (withFormats) grid.numFmt = formats;
          if (withText) grid.text = texts;
          return grid;
        }),
    );
}

/** The block a host would call the used range: the values plus every merged area that touches the sheet. */
export function usedRange(grid: Grid): { top: number; left: number; bottom: number; right: number } {
  let top = grid.top;
  let left = grid.left;
  let bottom = grid.top + grid.values.length - 1;
  let right = grid.left + Math.max(0, ...grid.values.map((r) => r.length)) - 1;
  for (const m of grid.merges) {
    top = Math.min(top, Math.max(0, Math.min(m.top, m.bottom)));
    left = Math.min(left, Math.max(0, Math.min(m.left, m.right)));
    bottom = Math.max(bottom, m.top, m.bottom);
    right = Math.max(right, m.left, m.right);
  }
  return { top, left, bottom, right };
}
