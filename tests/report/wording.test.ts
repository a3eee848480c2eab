import { check } from '../../src/check';
import type { Finding, Severity } from '../../src/report/types';
import { expectedToShow, findingCounts, shownCounts, verdictText } from '../../src/report/wording';
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

test('findings are counted in 项, blanks in 处 and only when there are some', () => {
  expect(findingCounts({ errors: 6, blanks: 0, warnings: 30, explained: 0 })).toBe(
    '错误 6 项，提示 30 项，已说明 0 项',
  );
  expect(findingCounts({ errors: 3, blanks: 236, warnings: 0, explained: 1 })).toBe(
    '错误 3 项，待填写 236 处，提示 0 项，已说明 1 项',
  );
});

describe('a fresh template reads as blanks to fill, not as hundreds of errors', () => {
  const blank = (severity: Severity, explained = false): Finding => ({
    rule: 'r',
    severity,
    message: 'm',
    cells: [],
    section: 'header',
    blank: true,
    explained,
  });
  const plain = (severity: Severity): Finding => ({
    rule: 'r',
    severity,
    message: 'm',
    cells: [],
    section: 'header',
    explained: false,
  });

  test('blanks are counted apart from errors and 提示; an explained blank is explained', () => {
    expect(
      shownCounts([blank('error'), blank('warning'), plain('error'), plain('warning'), blank('warning', true)]),
    ).toEqual({ errors: 1, blanks: 2, warnings: 1, explained: 1 });
  });

  test('the verdict says what stands between the form and the bureau', () => {
    const c = (errors: number, blanks: number, warnings = 0) => ({ errors, blanks, warnings, explained: 0 });
    expect(verdictText('表', c(0, 236), 236)).toBe('“表”还有 236 处待填写，填完后才能提交');
    expect(verdictText('表', c(3, 13), 16)).toBe('“表”还有 3 项错误和 13 处待填写，改正、填完后才能提交');
    expect(verdictText('表', c(2, 0), 2)).toBe('“表”还有 2 项错误，修正后才能提交');
    // Blanks that are only 提示 (history columns) do not block.
    expect(verdictText('表', c(0, 68, 1), 0)).toBe('“表”可以提交（还有 68 处待填写、1 项提示，建议修正或填写说明）');
    expect(verdictText('表', c(0, 0), 0)).toBe('“表”可以提交');
  });
});
