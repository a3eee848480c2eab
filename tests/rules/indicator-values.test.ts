import type { DeclarationForm } from '../../src/form/types';
import { isBoundedRate } from '../../src/rules/support/indicator-values';
import { fallsShort, isLowerBetter } from '../../src/rules/support/direction';
import { parseIndicatorText } from '../../src/form/values';
import {
  exampleForm,
  findingsOf,
  indicatorRow,
  put,
  setIndicators,
  specsOf,
  validForm,
  said,
} from '../helpers/form-builder';
import { first, texts } from '../helpers/refs';

const q = (s: string) => {
  const v = parseIndicatorText(s);
  if (v.kind !== 'quantity') throw new Error(`${s} is not a quantity`);
  return v;
};

describe('indicator-value', () => {
  test('a sign without a number is an error', () => {
    const f = validForm();
    const r = indicatorRow(f, 'longTerm', '公用经费控制率');
    put(r.value, '≥%');
    const found = findingsOf(f, 'indicator-value');
    expect(found.map((x) => [first(x), x.severity, x.table, x.row])).toEqual([
      [r.value.ref.address, 'error', 'longTerm', r.row + 1],
    ]);
    expect(said(found[0]!)).toEqual([
      'signOnly',
      {
        row: '长期绩效指标表第 1 行（运行成本 › 公用经费控制 › 公用经费控制率）',
        value: '指标值',
        text: '≥%',
        sign: '≥',
      },
    ]);
  });

  test('a rate above 100% or negative is a warning', () => {
    const f = validForm();
    const a = indicatorRow(f, 'annual', '预算执行率');
    put(a.value, '120%');
    const b = indicatorRow(f, 'annual', '会议费控制率');
    put(b.value, '-5%');
    const found = findingsOf(f, 'indicator-value');
    expect(found.map((x) => [first(x), x.severity])).toEqual([
      [b.value.ref.address, 'warning'],
      [a.value.ref.address, 'warning'],
    ]);
    expect(found.map((x) => x.messageId)).toEqual(['negative', 'over100']);
  });

  test('100% exactly is fine; 变动率 and 增长率 may exceed 100% or go negative', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '预算执行率').value, '100%');
    put(indicatorRow(f, 'annual', '“三公经费”变动率').value, '-150%');
    put(indicatorRow(f, 'longTerm', '“三公经费”变动率').value, '≤150%');
    expect(findingsOf(f, 'indicator-value')).toEqual([]);
    expect(isBoundedRate('收入增长率')).toBe(false);
    expect(isBoundedRate('预算执行率')).toBe(true);
    expect(isBoundedRate('服务对象满意度')).toBe(false);
  });

  test('a degree (三级 ending in 度) measured in % is bounded like a rate', () => {
    const f = validForm();
    const a = indicatorRow(f, 'annual', '服务对象满意度');
    put(a.value, '≥190%');
    const b = indicatorRow(f, 'longTerm', '对接单位满意度');
    put(b.value, '-5%');
    const found = findingsOf(f, 'indicator-value');
    expect(found.map((x) => [first(x), x.severity])).toEqual([
      [b.value.ref.address, 'warning'],
      [a.value.ref.address, 'warning'],
    ]);
    expect(said(found[1]!)).toEqual([
      'over100',
      {
        row: '年度绩效指标表第 39 行（满意度 › 服务对象满意度）',
        value: '预期当年实现值',
        shown: '≥190%',
        what: '以百分比表示的程度类指标',
      },
    ]);
    expect(found[0]!.messageId).toBe('negative');
  });

  test('a degree without % (a score, a count) is not bounded; 100% is fine', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '服务对象满意度').value, '100%');
    put(indicatorRow(f, 'longTerm', '服务对象满意度').value, '≥95分');
    expect(findingsOf(f, 'indicator-value')).toEqual([]);
    expect(isBoundedRate('服务对象满意度')).toBe(false);
  });

  test('a rate written as a number with a % format is read as a percentage', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '预算执行率').value, 1.2, '0%');
    expect(findingsOf(f, 'indicator-value').map((x) => x.severity)).toEqual(['warning']);
  });

  test('no unit where the long-term value has one (the example’s 结转结余率 0 vs 0%)', () => {
    const found = findingsOf(exampleForm(), 'indicator-value');
    expect(found.map((x) => [x.table, x.row, x.severity, x.expected, x.fix?.value])).toEqual([
      ['annual', 213, 'warning', '0%', '0%'],
    ]);
    expect(said(found[0]!)).toEqual([
      'noUnit',
      {
        row: '年度绩效指标表第 13 行（管理效率 › 预算执行 › 结转结余率）',
        value: '预期当年实现值',
        shown: '0',
        longTermValue: '0%',
        unit: '%',
        longTermRow: 13,
        expected: '0%',
      },
    ]);
  });

  test('no unit check without a long-term counterpart or when the long-term value has none', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '县领导接待群众来访批次').value, '600');
    const lt = indicatorRow(f, 'longTerm', '网络信息服务次数');
    put(lt.value, '≥1');
    put(indicatorRow(f, 'annual', '网络信息服务次数').value, '2');
    expect(findingsOf(f, 'indicator-value')).toEqual([]);
  });

  test('qualitative values and 无 are not quantities to check', () => {
    const f = validForm();
    put(indicatorRow(f, 'longTerm', '预算执行率').value, '严格执行预算');
    put(indicatorRow(f, 'annual', '预算执行率').value, '无');
    expect(findingsOf(f, 'indicator-value')).toEqual([]);
  });
});

describe('indicator-consistency', () => {
  test('the example: “三公经费”变动率 (0% vs 100%) and 政府采购执行率 (100% vs 无)', () => {
    const found = findingsOf(exampleForm(), 'indicator-consistency');
    expect(found.map((x) => [x.table, x.row, first(x), x.severity])).toEqual([
      ['annual', 204, '附件2!G204', 'warning'],
      ['annual', 214, '附件2!G214', 'warning'],
    ]);
    expect(found[0]!.message).toBe(
      '年度绩效指标表第 4 行（运行成本 › 项目支出成本控制 › “三公经费”变动率）的预期当年实现值“100%”高于长期绩效指标表第 4 行的指标值“0%”（该指标越低越好）：请核对两表的指标值，或在“校验说明”中说明原因',
    );
    expect(found[1]!.message).toBe(
      '年度绩效指标表第 14 行（管理效率 › 预算执行 › 政府采购执行率）的预期当年实现值为“无”，但长期绩效指标表第 14 行的指标值为“100%”：请填写本年度的预期值，或在“校验说明”中说明今年为何不适用',
    );
  });

  test('the sign written decides the direction', () => {
    expect(fallsShort(q('≥95%'), q('90%'), '公用经费控制率')).toBe(true);
    expect(fallsShort(q('≥95%'), q('95%'), '公用经费控制率')).toBe(false);
    expect(fallsShort(q('≤120万元'), q('130万元'), '某某支出')).toBe(true);
    expect(fallsShort(q('≤120万元'), q('100万元'), '某某支出')).toBe(false);
    // A signed long-term value wins over the name.
    expect(fallsShort(q('≥90%'), q('100%'), '会议费控制率')).toBe(false);
  });

  test('a bare value: lower is better for 变动率, 调整率, 结转结余率, 成本, 费; higher otherwise', () => {
    expect(isLowerBetter('预算调整率')).toBe(true);
    expect(isLowerBetter('单位成本')).toBe(true);
    expect(isLowerBetter('培训费')).toBe(true);
    expect(isLowerBetter('预算执行率')).toBe(false);
    expect(fallsShort(q('0%'), q('5%'), '预算调整率')).toBe(true);
    expect(fallsShort(q('99%'), q('98%'), '预算执行率')).toBe(true);
    expect(fallsShort(q('99%'), q('100%'), '预算执行率')).toBe(false);
    expect(fallsShort(q('29.41%'), q('35.29%'), '高学历、高层次人才储备率')).toBe(false);
  });

  test('different units are not compared', () => {
    expect(fallsShort(q('≥1500件/年'), q('≥10%'), '数量')).toBe(false);
  });

  test('a long-term 三级 missing from the annual table is flagged at the long-term row', () => {
    const f = validForm();
    const specs = specsOf(f.annualIndicators!).filter((s) => s.l3 !== '会计核算规范性');
    setIndicators(f, 'annual', specs);
    const found = findingsOf(f, 'indicator-consistency');
    const lt = indicatorRow(f, 'longTerm', '会计核算规范性');
    expect(found.map((x) => [first(x), x.table])).toEqual([[lt.level3.ref.address, 'longTerm']]);
    expect(said(found[0]!)).toEqual([
      'missingInAnnual',
      { row: '长期绩效指标表第 23 行（管理效率 › 财务管理 › 会计核算规范性）', annual: '年度绩效指标' },
    ]);
  });

  test('无 in both tables, or 无 only in the long-term table, is fine', () => {
    const f: DeclarationForm = validForm();
    put(indicatorRow(f, 'longTerm', '预算执行率').value, '无');
    put(indicatorRow(f, 'annual', '非税收入预算完成率').value, '100%');
    expect(findingsOf(f, 'indicator-consistency')).toEqual([]);
  });

  test('an annual value short of a signed long-term value', () => {
    const f = validForm();
    const a = indicatorRow(f, 'annual', '在职人员控制率');
    put(a.value, '79%');
    const found = findingsOf(f, 'indicator-consistency');
    expect(found.map((x) => [first(x), x.expected])).toEqual([[a.value.ref.address, '≥80%']]);
    expect(said(found[0]!)).toEqual(['fallsShort', expect.objectContaining({ direction: '' })]);
  });
});

describe('indicator-core-output', () => {
  test('履职效能 with only qualitative values is a warning on its rows', () => {
    const f = validForm();
    const rows = f.longTermIndicators!.rows.filter((r) => String(r.level1.value).includes('履职'));
    for (const r of rows) put(r.value, '按时办理');
    const found = findingsOf(f, 'indicator-core-output');
    expect(found.map((x) => [x.table, x.row, texts(x.cells)])).toEqual([
      ['longTerm', rows[0]!.row + 1, rows.map((r) => r.value.ref.address)],
    ]);
    // Counted in 项, as every count of the product.
    expect(said(found[0]!)).toEqual(['noQuantity', { table: '长期绩效指标', count: rows.length }]);
  });

  test('one quantitative indicator is enough', () => {
    const f = validForm();
    const rows = f.annualIndicators!.rows.filter((r) => String(r.level1.value).includes('履职'));
    for (const r of rows.slice(1)) put(r.value, '按时办理');
    expect(findingsOf(f, 'indicator-core-output')).toEqual([]);
  });
});
