import type { DeclarationForm, IndicatorTableKind } from '../../src/form/types';
import {
  exampleForm,
  findingsOf,
  indicatorRow,
  put,
  setIndicators,
  specsOf,
  validForm,
  type IndicatorSpec,
  said,
} from '../helpers/form-builder';
import { first, texts, fixText } from '../helpers/refs';

const table = (f: DeclarationForm, kind: IndicatorTableKind) =>
  kind === 'annual' ? f.annualIndicators! : f.longTermIndicators!;

/** Rebuilds a table after editing its specs. */
function edit(f: DeclarationForm, kind: IndicatorTableKind, change: (specs: IndicatorSpec[]) => IndicatorSpec[]): void {
  setIndicators(f, kind, change(specsOf(table(f, kind))));
}

describe('indicator-required', () => {
  test('an empty value, basis or class of a row with 三级 is an error naming table and row', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '预算执行率');
    put(r.value, null);
    const l = indicatorRow(f, 'longTerm', '会议费控制率');
    put(l.basis, null);
    put(l.classification, ' ');
    const found = findingsOf(f, 'indicator-required');
    expect(found.map((x) => [first(x), x.table, x.row, x.section, x.severity])).toEqual([
      [l.basis.ref.address, 'longTerm', l.row + 1, 'longTermIndicators', 'error'],
      [l.classification.ref.address, 'longTerm', l.row + 1, 'longTermIndicators', 'error'],
      [r.value.ref.address, 'annual', r.row + 1, 'annualIndicators', 'error'],
    ]);
    expect(said(found[0]!)).toEqual([
      'blank',
      { row: '长期绩效指标表第 3 行（运行成本 › 项目支出成本控制 › 会议费控制率）', name: '指标值确定依据' },
    ]);
    expect(said(found[2]!)).toEqual([
      'blank',
      { row: '年度绩效指标表第 11 行（管理效率 › 预算执行 › 预算执行率）', name: '预期当年实现值' },
    ]);
  });

  test('无 / 不适用 / N/A: basis and class may be blank', () => {
    const f = validForm();
    for (const [name, v] of [
      ['预算执行率', '不适用'],
      ['绩效监控开展率', 'N/A'],
      ['政府采购执行率', '无'],
    ] as const) {
      const r = indicatorRow(f, 'annual', name);
      put(r.value, v);
      put(r.basis, null);
      put(r.classification, null);
    }
    expect(findingsOf(f, 'indicator-required')).toEqual([]);
  });

  test('a row with values but no 三级 flags the 三级 cell', () => {
    const f = validForm();
    edit(f, 'longTerm', (s) => [
      ...s.slice(0, 2),
      { l3: null, value: '≥90%', basis: '计划标准', cls: '基本型' },
      ...s.slice(2),
    ]);
    const found = findingsOf(f, 'indicator-required');
    expect(found.map((x) => [first(x), x.row])).toEqual([['附件2!D29', 29]]);
    expect(said(found[0]!)).toEqual(['noLevel3', { row: '长期绩效指标表第 3 行（运行成本 › 在职人员控制）' }]);
  });

  test('placeholder rows are not required rows', () => {
    expect(findingsOf(exampleForm(), 'indicator-required')).toEqual([]);
  });
});

describe('indicator-history', () => {
  test('an annual row needs both 近两年指标值; 无, — and 新增 count as filled', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '预算执行率');
    put(r.history!.yearBeforeLast, null);
    put(r.history!.lastYear, '新增');
    put(indicatorRow(f, 'annual', '结转结余率').history!.yearBeforeLast, '—');
    put(indicatorRow(f, 'annual', '立项规范性').history!.lastYear, '无');
    const found = findingsOf(f, 'indicator-history');
    expect(found.map((x) => [first(x), x.severity, x.table])).toEqual([
      [r.history!.yearBeforeLast.ref.address, 'warning', 'annual'],
    ]);
    expect(said(found[0]!)).toEqual(['blank', expect.objectContaining({ year: expect.stringContaining('前年') })]);
  });
});

describe('indicator-level1', () => {
  test('a name outside the six is an error, once for its merged group', () => {
    const f = validForm();
    const r = indicatorRow(f, 'longTerm', '公用经费控制率');
    put(r.level1, '运行费用');
    const found = findingsOf(f, 'indicator-level1');
    expect(found.map((x) => [first(x), x.severity])).toEqual([[r.level1.ref.address, 'error']]);
    expect(said(found[0]!)).toEqual(['unknown', expect.objectContaining({ level1: '运行费用' })]);
  });

  test('line breaks and spaces inside the label are fine', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '公用经费控制率').level1, ' 运 行\n成 本 ');
    expect(findingsOf(f, 'indicator-level1')).toEqual([]);
  });

  test('a blank 一级 is an error', () => {
    const f = validForm();
    edit(f, 'annual', (s) => [{ ...s[0]!, l1: null }, ...s.slice(1)]);
    expect(findingsOf(f, 'indicator-level1').map(said)).toEqual([
      ['blank', { row: '年度绩效指标表第 1 行（公用经费控制 › 公用经费控制率）' }],
    ]);
  });
});

describe('indicator-coverage', () => {
  test('a table without rows under 满意度 is an error on its 一级 column', () => {
    const f = validForm();
    edit(f, 'annual', (s) => s.slice(0, -2));
    const found = findingsOf(f, 'indicator-coverage');
    expect(found.map((x) => [first(x), x.table, x.severity])).toEqual([['附件2!B201:B238', 'annual', 'error']]);
    expect(said(found[0]!)).toEqual(['uncovered', { table: '年度绩效指标', level1: '满意度' }]);
  });

  test('a placeholder row does not cover its 一级', () => {
    const f = validForm();
    edit(f, 'longTerm', (s) => [...s.slice(0, -2), { l1: '满意度', l2: '服务对象满意度', l3: '……' }]);
    expect(findingsOf(f, 'indicator-coverage').map(said)).toEqual([
      ['uncovered', { table: '长期绩效指标', level1: '满意度' }],
    ]);
  });

  test('an empty table misses all six', () => {
    const f = validForm();
    setIndicators(f, 'longTerm', []);
    expect(findingsOf(f, 'indicator-coverage')).toHaveLength(6);
  });
});

describe('indicator-level2', () => {
  test('empty is an error; one that belongs to another 一级 is a warning', () => {
    const f = validForm();
    const a = indicatorRow(f, 'longTerm', '预算执行率');
    put(a.level2, null);
    const b = indicatorRow(f, 'annual', '服务对象满意度');
    put(b.level2, '预算执行');
    const found = findingsOf(f, 'indicator-level2');
    expect(found.map((x) => [first(x), x.severity])).toEqual([
      [a.level2.ref.address, 'error'],
      [b.level2.ref.address, 'warning'],
    ]);
    expect(said(found[1]!)).toEqual(['notUnder', expect.objectContaining({ level1: '满意度' })]);
  });

  test('履职效能 accepts any 核心业务产出…', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '县领导接待群众来访批次').level2, '核心业务产出12');
    expect(findingsOf(f, 'indicator-level2')).toEqual([]);
    put(indicatorRow(f, 'annual', '县领导接待群众来访批次').level2, '业务产出');
    expect(findingsOf(f, 'indicator-level2')).toHaveLength(1);
  });
});

describe('indicator-basis', () => {
  test('the example’s 预算支出 ×3 on 管理效率 rows: the nearest option would be flagged there, so the options are listed and no fix is offered', () => {
    const found = findingsOf(exampleForm(), 'indicator-basis');
    expect(found.map((x) => [x.table, x.row, x.expected, fixText(x.fix)])).toEqual([
      ['longTerm', 44, undefined, undefined],
      ['longTerm', 45, undefined, undefined],
      ['longTerm', 46, undefined, undefined],
    ]);
    expect(said(found[0]!)).toEqual([
      'costBasisElsewhere',
      {
        row: '长期绩效指标表第 18 行（管理效率 › 绩效管理 › 绩效监控开展率）',
        text: '预算支出',
        costBasis: '预算支出标准',
        costLevel1: '运行成本',
        level1: '管理效率',
        others: '“计划标准”“历史标准”“行业标准”“其他标准”',
      },
    ]);
    // The options the message lists are offered as choices for the 依据 cell, one click each.
    expect(found.map((x) => [texts(x.choices ? [x.choices.cell] : []), x.choices?.values])).toEqual(
      found.map((x) => [texts(x.cells), ['计划标准', '历史标准', '行业标准', '其他标准']]),
    );
  });

  test('预算支出 on a 运行成本 row is still corrected to 预算支出标准 in one click', () => {
    const f = validForm();
    const r = indicatorRow(f, 'longTerm', '公用经费控制率');
    put(r.basis, '预算支出');
    const found = findingsOf(f, 'indicator-basis');
    expect(found.map((x) => [x.expected, x.fix?.value])).toEqual([['预算支出标准', '预算支出标准']]);
    // Applying the fix raises nothing else on that row.
    put(r.basis, '预算支出标准');
    expect(findingsOf(f, 'indicator-basis')).toEqual([]);
    expect(findingsOf(f, 'indicator-cost-basis')).toEqual([]);
  });

  test('a near miss is suggested; an ambiguous one is not', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '预算执行率').basis, '计划标注');
    put(indicatorRow(f, 'annual', '结转结余率').basis, '标准');
    put(indicatorRow(f, 'annual', '立项规范性').basis, '领导要求');
    const found = findingsOf(f, 'indicator-basis');
    expect(found.map((x) => x.fix?.value)).toEqual([undefined, '计划标准', undefined]);
    // No single nearest option: all five are offered to choose from; a suggestion is a fix, not a choice.
    expect(found.map((x) => x.choices?.values)).toEqual([
      ['计划标准', '历史标准', '行业标准', '预算支出标准', '其他标准'],
      undefined,
      ['计划标准', '历史标准', '行业标准', '预算支出标准', '其他标准'],
    ]);
    expect(said(found[2]!)).toEqual([
      'notAllowed',
      expect.objectContaining({ allowed: expect.stringContaining('“计划标准”、“历史标准”') }),
    ]);
  });

  test('无 as basis of a 无 row is accepted', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '非税收入预算完成率');
    put(r.basis, '无');
    put(r.classification, '无');
    expect(findingsOf(f, 'indicator-basis')).toEqual([]);
    expect(findingsOf(f, 'indicator-class')).toEqual([]);
  });
});

describe('indicator-class', () => {
  test('a class outside the list is a warning; the list is configurable', () => {
    const f = validForm();
    const r = indicatorRow(f, 'longTerm', '预算执行率');
    put(r.classification, '核心型');
    const found = findingsOf(f, 'indicator-class');
    expect(found.map((x) => [first(x), x.severity, x.expected])).toEqual([
      [r.classification.ref.address, 'warning', '基本型'],
    ]);
    expect(findingsOf(f, 'indicator-class', { classifications: ['基本型', '核心型'] })).toEqual([]);
  });
});

describe('indicator-placeholder', () => {
  test('the example’s four …… rows', () => {
    const found = findingsOf(exampleForm(), 'indicator-placeholder');
    expect(found.map((x) => [x.table, x.row, first(x), x.severity])).toEqual([
      ['longTerm', 31, '附件2!D31:G31', 'warning'],
      ['longTerm', 63, '附件2!D63:G63', 'warning'],
      ['annual', 205, '附件2!D205:I205', 'warning'],
      ['annual', 240, '附件2!D240:I240', 'warning'],
    ]);
    expect(said(found[0]!)).toEqual([
      'placeholderRow',
      { row: '长期绩效指标表第 5 行（运行成本 › 项目支出成本控制 › ……）', placeholder: '……' },
    ]);
  });

  test('other placeholders, and a placeholder row that starts its own 二级', () => {
    const f = validForm();
    edit(f, 'annual', (s) => [...s, { l2: '……', l3: '...', value: 'XXX' }]);
    expect(findingsOf(f, 'indicator-placeholder').map((x) => x.row)).toEqual([241]);
  });

  test('a row with a real value beside …… is not a placeholder row', () => {
    const f = validForm();
    edit(f, 'annual', (s) => [...s, { l3: '……', value: '≥90%' }]);
    expect(findingsOf(f, 'indicator-placeholder')).toEqual([]);
  });
});

describe('indicator-duplicate', () => {
  test('the same 三级 twice in one table flags both rows', () => {
    const f = validForm();
    edit(f, 'longTerm', (s) => [...s, { ...s[0]!, l1: undefined, l2: undefined, l3: ' 公用经费控制率' }]);
    const found = findingsOf(f, 'indicator-duplicate');
    expect(found.map((x) => [x.row, texts(x.cells)])).toEqual([
      [27, ['附件2!D27', '附件2!D64']],
      [64, ['附件2!D64', '附件2!D27']],
    ]);
    expect(said(found[0]!)).toEqual([
      'duplicate',
      { table: '长期绩效指标', indicator: '“公用经费控制率”', count: 2, rows: '第 1 行、第 38 行' },
    ]);
    // One end-to-end sentence.
    expect(found[0]!.message).toBe(
      '长期绩效指标表中三级指标“公用经费控制率”出现了 2 次（第 1 行、第 38 行）：请删除重复的行，或改用不同的三级指标名称',
    );
  });

  test('the same 三级 in the two tables is not a duplicate', () => {
    expect(findingsOf(validForm(), 'indicator-duplicate')).toEqual([]);
  });
});

describe('indicator-cost-basis', () => {
  test('the example’s 管理效率 rows of the annual table that use 预算支出标准', () => {
    const found = findingsOf(exampleForm(), 'indicator-cost-basis');
    expect(new Set(found.map((x) => x.messageId))).toEqual(new Set(['outsideCost']));
    expect(found.map((x) => String(x.data?.row).replace(/^.* › (.*)）$/, '$1'))).toEqual([
      '预算调整率',
      '预算执行率',
      '结转结余率',
      '绩效目标合理性',
      '绩效监控开展率',
      '绩效评价覆盖率',
    ]);
    expect(found.every((x) => x.table === 'annual' && x.severity === 'warning')).toBe(true);
    // The four other bases the message names are choices for the 依据 cell (a 提示: 说明 remains the other way out).
    for (const x of found) {
      expect(x.choices?.values).toEqual(['计划标准', '历史标准', '行业标准', '其他标准']);
      expect(texts([x.choices!.cell])).toEqual(texts(x.cells));
    }
  });

  test('预算支出标准 under 运行成本 is fine', () => {
    const f = validForm();
    put(indicatorRow(f, 'longTerm', '公用经费控制率').basis, '预算支出标准');
    expect(findingsOf(f, 'indicator-cost-basis')).toEqual([]);
  });
});
