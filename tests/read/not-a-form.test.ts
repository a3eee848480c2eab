/**
 * Sheets that are not a declaration, workbooks where the form is not the
 * first sheet, and grids of any shape: the reader says what it found and
 * never throws.
 */
import fc from 'fast-check';
import type { CellValue, Grid } from '../../src/sheet/grid';
import { findDeclaration, readDeclaration } from '../../src/read';
import { buildGrid, emptyGrid } from '../helpers/grid-builder';
import { typedForm } from './fixtures';

const formGrid = (sheet: string): Grid => {
  const spec = typedForm();
  return buildGrid(spec.rows, { sheet, numFmt: spec.numFmt });
};

describe('not a declaration', () => {
  test('an empty sheet', () => {
    const r = readDeclaration(emptyGrid('Sheet1'));
    expect(r).toEqual({ form: false, sheet: 'Sheet1', reason: expect.stringContaining('是空的') });
    if (!r.form) expect(r.reason).toContain('不是部门整体绩效目标申报表');
  });

  test('a 1×1 grid', () => {
    const r = readDeclaration(buildGrid([[42]], { sheet: '数据' }));
    expect(r.form).toBe(false);
    if (!r.form) expect(r.reason).toContain('工作表“数据”不是部门整体绩效目标申报表');
  });

  test('a 1×1 grid holding only the funding label is a form with every part missing', () => {
    const r = readDeclaration(buildGrid([['部门总体资金情况']]));
    expect(r.form).toBe(true);
    if (!r.form) return;
    const messages = r.declaration.problems.map((p) => p.message);
    expect(messages).toContain('未找到“部门总体资金情况”中的收支行（财政拨款、人员类项目支出等）');
    expect(messages).toContain('未找到“年度绩效指标”表');
    expect(r.declaration.funding).toBeNull();
  });

  test('a sheet of random data', () => {
    const rows: CellValue[][] = Array.from({ length: 30 }, (_, r) =>
      Array.from({ length: 8 }, (_, c) => (c % 2 ? r * c + 0.5 : `数据${r}-${c}`)),
    );
    rows[3]![2] = '合计';
    rows[7]![1] = '占比';
    const r = readDeclaration(buildGrid(rows, { sheet: '明细' }));
    expect(r.form).toBe(false);
  });

  test('the 校验说明 sheet the add-in writes', () => {
    const r = readDeclaration(
      buildGrid(
        [
          ['规则', '单元格', '说明'],
          ['funding-share', '附件2!G11', '“部门总体资金情况”的占比按系统口径填报'],
          ['indicator-basis', '附件2!H43', '年度绩效指标沿用上年口径'],
        ],
        { sheet: '校验说明' },
      ),
    );
    expect(r.form).toBe(false);
  });

  test('a single section label is not enough; two are', () => {
    expect(readDeclaration(buildGrid([['项目支出情况']])).form).toBe(false);
    expect(readDeclaration(buildGrid([['项目支出情况'], ['年度绩效指标']])).form).toBe(true);
  });
});

describe('findDeclaration', () => {
  test('picks the form on the third sheet', () => {
    const r = findDeclaration([
      emptyGrid('封面'),
      buildGrid([['填表说明'], ['请按要求填写本工作簿。']], { sheet: '说明' }),
      formGrid('申报表'),
    ]);
    expect(r.form).toBe(true);
    if (r.form) {
      expect(r.declaration.sheet).toBe('申报表');
      expect(r.declaration.problems).toEqual([]);
    }
  });

  test('takes the first of two forms', () => {
    const r = findDeclaration([formGrid('甲'), formGrid('乙')]);
    expect(r.form && r.declaration.sheet).toBe('甲');
  });

  test('names the sheets it looked at when none is a form', () => {
    const r = findDeclaration([emptyGrid('封面'), buildGrid([[1, 2]], { sheet: '数据' })]);
    expect(r).toEqual({ form: false, sheet: '封面', reason: expect.stringContaining('“封面”、“数据”') });
  });

  test('an empty workbook', () => {
    const r = findDeclaration([]);
    expect(r.form).toBe(false);
    if (!r.form) expect(r.reason).toContain('没有工作表');
  });
});

describe('never throws', () => {
  const LABELS = [
    '部门总体资金情况',
    '收入构成',
    '支出构成',
    '财政拨款',
    '合计',
    '当年金额',
    '占比',
    '近两年收支金额',
    '2024年',
    '上年',
    '项目支出情况',
    '项目名称',
    '整体绩效总目标',
    '长期目标（截止2029年）',
    '年度目标',
    '长期绩效指标',
    '年度绩效指标',
    '一级指标',
    '二级指标',
    '三级指标',
    '指标值',
    '近两年指标值',
    '预期当年实现值',
    '填报日期：2025年11月26日',
    '填报人',
    '……',
  ];
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.constantFrom(...LABELS),
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant({ error: '#REF!' }),
  );
  const grid: fc.Arbitrary<Grid> = fc.record({
    sheet: fc.string({ maxLength: 5 }),
    top: fc.nat(5),
    left: fc.nat(5),
    values: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
    merges: fc.array(
      fc
        .record({ top: fc.nat(30), left: fc.nat(12), h: fc.nat(6), w: fc.nat(4) })
        .map(({ top, left, h, w }) => ({ top, left, bottom: top + h, right: left + w })),
      { maxLength: 8 },
    ),
  });

  test('on random grids made of labels, values and merges', () => {
    fc.assert(
      fc.property(grid, (g) => {
        const r = readDeclaration(g);
        expect(typeof r.form).toBe('boolean');
        if (!r.form) expect(r.reason).not.toContain('出错');
      }),
      { numRuns: 400 },
    );
  });

  test('on the typed form with random rows removed', () => {
    const spec = typedForm();
    fc.assert(
      fc.property(fc.array(fc.nat(spec.rows.length - 1), { maxLength: 20 }), (drop) => {
        const rows = spec.rows.filter((_, i) => !drop.includes(i));
        const r = readDeclaration(buildGrid(rows));
        if (r.form) {
          for (const p of r.declaration.problems) expect(p.message).toMatch(/^(未找到|“)/);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('on malformed grid objects', () => {
    const bad = [
      { sheet: 'x', top: 0, left: 0, values: undefined, merges: undefined },
      { sheet: 'x', top: -3, left: Number.NaN, values: [[null, undefined, { foo: 1 }]], merges: [{ top: 2 }, null] },
      { sheet: 'x', top: 0, left: 0, values: [null, [1]], merges: [] },
      null,
    ] as unknown as Grid[];
    for (const g of bad) {
      const r = readDeclaration(g);
      // Handled as input, not caught as an internal error.
      expect(r.form).toBe(false);
      if (!r.form) expect(r.reason).not.toContain('出错');
    }
    expect(() => findDeclaration(bad)).not.toThrow();
    expect(() => findDeclaration(undefined as unknown as Grid[])).not.toThrow();
  });
});
