import { check } from '../../src/check';
import { expectedToShow, findingCounts } from '../../src/report/wording';
import { exampleForm } from '../helpers/form-builder';

describe('expectedToShow', () => {
  test('a message that gives the expected value does not get it again', () => {
    expect(
      expectedToShow({
        message: '“人员类项目支出”占比应为 84.12%（314.72 ÷ 374.13 × 100），表中为 83.99%',
        expected: '84.12%',
      }),
    ).toBeNull();
    expect(expectedToShow({ message: '…不在可选范围内，应为“预算支出标准”', expected: '预算支出标准' })).toBeNull();
  });

  test('a value only found inside a longer number still counts as missing', () => {
    expect(expectedToShow({ message: '年度值“100%”达不到长期值', expected: '0%' })).toBe('0%');
    expect(expectedToShow({ message: '表中为 84.123', expected: '84.12' })).toBe('84.12');
    expect(expectedToShow({ message: '占比不符', expected: '84.12%' })).toBe('84.12%');
    expect(expectedToShow({ message: '占比不符' })).toBeNull();
  });

  test('no finding of the example repeats its expected value', () => {
    const findings = check(exampleForm()).findings.filter((f) => f.expected);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(expectedToShow(f)).toBeNull();
  });
});

test('findings are counted in 项', () => {
  expect(findingCounts(6, 30, 0)).toBe('错误 6 项，提示 30 项，已说明 0 项');
});
