import { historyHeaderOf, horizonYearOf, isFooterText, matchLabel, normalizeLabel } from '../../src/form/labels';

describe('normalizeLabel', () => {
  test.each([
    ['部门（单位） 名称', '部门(单位)名称'],
    ['收入\n构成', '收入构成'],
    ['收入\r\n\r\n构成', '收入构成'],
    ['前 年', '前年'],
    ['一级\n指标', '一级指标'],
    ['长期绩\n效指标', '长期绩效指标'],
    ['　年度目标：', '年度目标'],
    ['年度目标:', '年度目标'],
    ['二、部门总体资金情况', '部门总体资金情况'],
    ['3.项目支出情况', '项目支出情况'],
    ['（五）项目支出情况', '项目支出情况'],
    ['*填报人', '填报人'],
    ['２０２４年', '2024年'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

describe('matchLabel', () => {
  test('whole-cell labels by any spelling', () => {
    expect(matchLabel('部门(单位) 名称')?.key).toBe('department');
    expect(matchLabel('支出\n\n构成')?.key).toBe('expenditureBlock');
    expect(matchLabel('合  计')?.key).toBe('total');
    expect(matchLabel('预期当年实现值')?.key).toBe('expectedValue');
    expect(matchLabel('　 年度工作任务')?.key).toBe('annualTasks');
    expect(matchLabel('（五）项目支出情况')?.key).toBe('projects');
    expect(matchLabel('3.项目支出情况')?.key).toBe('projects');
    expect(matchLabel('*填报人')?.key).toBe('filler');
  });

  test('table contents are not labels', () => {
    for (const t of ['计划标准', '基本型', '≥95%', '100%', '与政府规划职能相符', '……', '31-本级支出项目']) {
      expect(matchLabel(t)).toBeNull();
    }
  });

  test('a label inside longer text is not a label', () => {
    expect(matchLabel('未找到“部门总体资金情况”中的“单位资金”行')).toBeNull();
    expect(matchLabel('财政拨款收入情况说明')).toBeNull();
  });

  test('填报日期 with the date in the same cell', () => {
    expect(matchLabel('填报日期：  2025年  11月   26日')).toEqual({
      key: 'fillDate',
      rest: '2025年11月26日',
      year: null,
    });
    expect(matchLabel('填报日期：')).toEqual({ key: 'fillDate', rest: '', year: null });
  });

  test('长期目标 with its horizon, both spellings of the form', () => {
    expect(matchLabel('长期目标（截止     2029年）')).toEqual({ key: 'longTermGoal', rest: '', year: 2029 });
    expect(matchLabel('长期目标：\n（截止 2029年）')).toEqual({ key: 'longTermGoal', rest: '', year: 2029 });
    expect(matchLabel('长期目标')).toEqual({ key: 'longTermGoal', rest: '', year: null });
    expect(matchLabel('长期目标（截止 2029年）：目标1…')?.rest).toBe('目标1...');
  });

  test('年度目标 alone or with its text', () => {
    expect(matchLabel('年度目标：')).toEqual({ key: 'annualGoal', rest: '', year: null });
    expect(matchLabel('年度目标：完成信访工作。')?.rest).toBe('完成信访工作。');
  });

  test('the unit and the title', () => {
    expect(matchLabel('单位：万元')).toEqual({ key: 'unit', rest: '万元', year: null });
    expect(matchLabel('单位资金')?.key).toBe('unitFunds');
    expect(matchLabel('XX县部门整体绩效目标申报表（2026年度）')?.key).toBe('title');
  });

  test('a long text is only looked at for prefix labels', () => {
    const long = '年度目标：' + '完成'.repeat(100);
    expect(matchLabel(long)?.key).toBe('annualGoal');
    expect(matchLabel('合计' + ' '.repeat(100))).toBeNull();
  });
});

describe('horizonYearOf', () => {
  test.each([
    ['（截止     2029年）', 2029],
    ['(截至2030年)', 2030],
    ['2026-2029年', 2029],
    ['（截止 ２０２９年）', 2029],
    ['（截止     年）', null],
  ])('%j → %j', (text, year) => {
    expect(horizonYearOf(text)).toBe(year);
  });
});

describe('historyHeaderOf', () => {
  test.each([
    ['2024年', { year: 2024, relative: null }],
    ['2024', { year: 2024, relative: null }],
    [2025, { year: 2025, relative: null }],
    ['2024年度', { year: 2024, relative: null }],
    ['2024年决算数', { year: 2024, relative: null }],
    ['前 年', { year: null, relative: 'yearBeforeLast' }],
    ['上年', { year: null, relative: 'lastYear' }],
    ['上年度', { year: null, relative: 'lastYear' }],
    [2024.5, null],
    [374.13, null],
    ['当年金额', null],
    [null, null],
  ])('%j', (value, expected) => {
    expect(historyHeaderOf(value)).toEqual(expected);
  });
});

describe('isFooterText', () => {
  test('notes and signature lines end a table; indicator names do not', () => {
    expect(isFooterText('填表说明：1.金额单位为万元')).toBe(true);
    expect(isFooterText('注：本表由部门填报')).toBe(true);
    expect(isFooterText('单位负责人：')).toBe(true);
    expect(isFooterText('注册企业数量')).toBe(false);
    expect(isFooterText('说明书编制完成率')).toBe(false);
    expect(isFooterText('会议费控制率')).toBe(false);
  });
});
