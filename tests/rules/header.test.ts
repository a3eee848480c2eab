import { at, findingsOf, put, said, validForm } from '../helpers/form-builder';
import { first } from '../helpers/refs';

describe('header-required', () => {
  test('every empty header value is an error', () => {
    const f = validForm();
    put(f.header.department!, '　');
    put(f.header.filler!, null);
    put(f.header.phone!, '');
    put(f.header.fillDate!, '填报日期：                 单位：万元');
    const found = findingsOf(f, 'header-required');
    expect(found.map((x) => [first(x), x.severity, ...said(x)])).toEqual([
      [at(2, 0), 'error', 'blank', { name: '填报日期' }],
      [at(3, 1), 'error', 'blank', { name: '部门（单位）名称' }],
      [at(3, 4), 'error', 'blank', { name: '填报人' }],
      [at(3, 6), 'error', 'blank', { name: '联系电话' }],
    ]);
    // One end-to-end sentence: the template filled.
    expect(found[0]!.message).toBe('未填写“填报日期”');
    // Empty values are required findings only: no phone or date warning on top.
    expect(findingsOf(f, 'header-phone')).toEqual([]);
    expect(findingsOf(f, 'header-date')).toEqual([]);
  });
});

describe('header-required: a 填报日期 label with empty blanks', () => {
  test('the date belongs in the label cell; the fix fills its blanks and the filled label is a valid date', () => {
    const f = validForm();
    put(f.header.fillDate!, '填报日期：      年    月     日');
    const found = findingsOf(f, 'header-required', { today: '2026-03-09' });
    expect(found.map((x) => [first(x), ...said(x)])).toEqual([[at(2, 0), 'dateBlanks', {}]]);
    const value = found[0]!.fix!.value as string;
    expect(value).toBe('填报日期：  2026年   3月    9日');
    put(f.header.fillDate!, value);
    expect(findingsOf(f, 'header-required')).toEqual([]);
    expect(findingsOf(f, 'header-date')).toEqual([]);
  });
});

describe('header-phone', () => {
  test('the placeholder of the blank form is not a phone number', () => {
    const f = validForm();
    put(f.header.phone!, '（联系电话）');
    const found = findingsOf(f, 'header-phone');
    expect(found.map((x) => [first(x), x.severity])).toEqual([[at(3, 6), 'warning']]);
    expect(said(found[0]!)).toEqual(['invalid', { text: '（联系电话）' }]);
  });

  test('a mobile typed as a number is fine; a landline that lost its leading 0 is not', () => {
    const f = validForm();
    put(f.header.phone!, 13812345678);
    expect(findingsOf(f, 'header-phone')).toEqual([]);
    put(f.header.phone!, 7147654321);
    expect(findingsOf(f, 'header-phone')).toHaveLength(1);
  });
});

describe('header-date', () => {
  test('the example’s text date with spaces inside the label is fine', () => {
    expect(findingsOf(validForm(), 'header-date')).toEqual([]);
  });

  test('a date cell is fine', () => {
    const f = validForm();
    put(f.header.fillDate!, 45987, 'yyyy"年"m"月"d"日"');
    expect(findingsOf(f, 'header-date')).toEqual([]);
  });

  test('an impossible date is an error', () => {
    const f = validForm();
    put(f.header.fillDate!, '填报日期：2025年 2月 30日');
    const found = findingsOf(f, 'header-date');
    expect(found.map((x) => [first(x), x.severity, ...said(x)])).toEqual([
      [at(2, 0), 'error', 'invalid', { text: '2025年 2月 30日' }],
    ]);
  });

  test('a number without a date format is not a date', () => {
    const f = validForm();
    put(f.header.fillDate!, 20251126);
    expect(findingsOf(f, 'header-date')).toHaveLength(1);
  });
});

describe('text-required', () => {
  test('empty, whitespace-only and punctuation-only texts are errors, each in its section', () => {
    const f = validForm();
    put(f.functions!, null);
    put(f.annualTasks!, ' \n　');
    put(f.goals.longTerm!, '……。');
    put(f.goals.annual!, '1.');
    const found = findingsOf(f, 'text-required');
    expect(found.map((x) => [first(x), x.section])).toEqual([
      [at(15, 1), 'functions'],
      [at(16, 1), 'annualTasks'],
      [at(23, 1), 'goals'],
    ]);
    expect(found.map(said)).toEqual([
      ['blank', { text: '部门职能概述' }],
      ['blank', { text: '年度工作任务' }],
      ['punctuationOnly', { text: '整体绩效总目标中的“长期目标”', written: '……。' }],
    ]);
  });

  test('the goal texts above the indicator tables are required too', () => {
    const f = validForm();
    put(f.annualIndicators!.goal!, '');
    expect(findingsOf(f, 'text-required').map((x) => [x.section, ...said(x)])).toEqual([
      ['annualIndicators', 'blank', { text: '年度绩效指标上方的“年度目标”' }],
    ]);
  });
});

describe('text-placeholder', () => {
  test('年度工作任务 ending in …… (the example)', () => {
    const f = validForm();
    put(f.annualTasks!, '1.办理信访事项；\n     ……');
    const found = findingsOf(f, 'text-placeholder');
    expect(found.map((x) => [first(x), x.severity, x.section])).toEqual([[at(16, 1), 'warning', 'annualTasks']]);
    expect(said(found[0]!)).toEqual(['placeholder', { text: '年度工作任务', placeholder: '……' }]);
  });

  test('XXX, ... and （请填写） are placeholders', () => {
    const f = validForm();
    put(f.functions!, '负责XXX工作');
    put(f.goals.longTerm!, '（请填写）');
    put(f.goals.annual!, '目标...');
    expect(findingsOf(f, 'text-placeholder').map((x) => first(x))).toEqual([at(15, 1), at(23, 1), at(23, 4)]);
  });
});

describe('goal-horizon', () => {
  test('a horizon before the budget year is an error', () => {
    const f = validForm();
    f.goals.horizonYear = 2025;
    const found = findingsOf(f, 'goal-horizon');
    expect(found.map((x) => [first(x), x.expected, ...said(x)])).toEqual([
      [at(22, 1), '≥ 2026年', 'beforeBudgetYear', { place: '整体绩效总目标', year: 2025, budgetYear: 2026 }],
    ]);
  });

  test('the budget year itself is fine', () => {
    const f = validForm();
    f.goals.horizonYear = 2026;
    f.longTermIndicators!.horizonYear = 2026;
    expect(findingsOf(f, 'goal-horizon')).toEqual([]);
  });

  test('a horizon cell without a year is an error', () => {
    const f = validForm();
    put(f.longTermIndicators!.horizonCell!, '长期目标：\n（截止     年）');
    f.longTermIndicators!.horizonYear = null;
    const found = findingsOf(f, 'goal-horizon');
    expect(found.map((x) => [first(x), x.section])).toEqual([[at(24, 0), 'longTermIndicators']]);
    expect(found.map(said)).toEqual([['noYear', { place: '长期绩效指标', text: '“长期目标： （截止 年）”' }]]);
  });

  test('no horizon anywhere is an error at the long-term goal', () => {
    const f = validForm();
    f.goals.horizonCell = null;
    f.goals.horizonYear = null;
    f.longTermIndicators!.horizonCell = null;
    f.longTermIndicators!.horizonYear = null;
    expect(findingsOf(f, 'goal-horizon').map((x) => first(x))).toEqual([at(23, 1)]);
  });

  test('the budget year from the options decides', () => {
    const f = validForm();
    expect(findingsOf(f, 'goal-horizon', { budgetYear: 2030 })).toHaveLength(2);
  });
});
