import { check } from '../../src/check';
import type { DeclarationForm, FundingLine } from '../../src/form/types';
import { at, exampleForm, findingsOf, put, validForm, said } from '../helpers/form-builder';
import { first, texts, fixText } from '../helpers/refs';

const exp = (f: DeclarationForm) => f.funding!.expenditure.lines as Record<string, FundingLine>;
const inc = (f: DeclarationForm) => f.funding!.income.lines as Record<string, FundingLine>;
const expTotal = (f: DeclarationForm) => f.funding!.expenditure.total!;
const incTotal = (f: DeclarationForm) => f.funding!.income.total!;

/** Sets the 当年 amounts of the expenditure lines and both totals, keeping the budget balanced. */
function expenditure(f: DeclarationForm, personnel: number, operations: number, special: number): void {
  const total = Number((personnel + operations + special).toFixed(2));
  put(exp(f).personnel!.current, personnel);
  put(exp(f).operations!.current, operations);
  put(exp(f).specialPurpose!.current, special);
  put(expTotal(f).current, total);
  put(inc(f).appropriation!.current, total);
  put(incTotal(f).current, total);
}

describe('funding-share', () => {
  test('the example’s three wrong expenditure shares, with the spec’s message and fixes', () => {
    const found = findingsOf(exampleForm(), 'funding-share');
    expect(found.map((f) => [first(f), f.severity, f.expected, f.fix?.value])).toEqual([
      [at(11, 4), 'error', '84.12%', 0.8412],
      [at(12, 4), 'error', '7.06%', 0.0706],
      [at(13, 4), 'error', '8.82%', 0.0882],
    ]);
    expect(found[0]!.message).toBe('“人员类项目支出”占比应为 84.12%（314.72 ÷ 374.13 × 100），表中为 83.99%');
    expect(found[0]!.section).toBe('funding');
  });

  test('a 合计-row 占比 formula whose result is wrong gets no fix: the formula is named, never overwritten by 1', () => {
    const f = validForm();
    // A result that does not follow (say, a formula edited to divide by the wrong cell).
    put(expTotal(f).share!, 0, '0.00%', '=IF(D14=0,0,ROUND(D13/D14,4))');
    const found = findingsOf(f, 'funding-share');
    expect(found.map((x) => [first(x), fixText(x.fix)])).toEqual([[expTotal(f).share!.ref.address, undefined]]);
    expect(said(found[0]!)).toEqual([
      'wrongFormula',
      {
        what: '“支出合计”占比',
        expected: '100%',
        blank: '',
        how: '',
        shown: '0.00%',
        formula: '=IF(D14=0,0,ROUND(D13/D14,4))',
      },
    ]);
  });

  test('the corrected form has no share finding', () => {
    expect(findingsOf(validForm(), 'funding-share')).toEqual([]);
  });

  test('the fix is written the way the cell writes its share', () => {
    const f = validForm();
    put(exp(f).personnel!.share!, 83.99, 'General');
    put(exp(f).operations!.share!, '7.12%', 'General');
    put(exp(f).specialPurpose!.share!, '8.89', '@');
    const fixes = findingsOf(f, 'funding-share').map((x) => x.fix?.value);
    expect(fixes).toEqual([84.12, '7.06%', '8.82']);
  });

  test('two decimals: ±0.01 percentage point', () => {
    const f = validForm();
    put(exp(f).personnel!.share!, 0.8411);
    expect(findingsOf(f, 'funding-share')).toEqual([]);
    put(exp(f).personnel!.share!, 0.8413);
    expect(findingsOf(f, 'funding-share')).toEqual([]);
    put(exp(f).personnel!.share!, 0.841);
    expect(findingsOf(f, 'funding-share').map((x) => first(x))).toEqual([at(11, 4)]);
  });

  test('one decimal: ±0.05 percentage point', () => {
    const f = validForm();
    expenditure(f, 84.15, 15.85, 0);
    put(exp(f).personnel!.share!, 0.841, '0.0%');
    put(exp(f).operations!.share!, 0.1585, '0.00%');
    put(exp(f).specialPurpose!.share!, 0, '0.00%');
    expect(findingsOf(f, 'funding-share')).toEqual([]);
    put(exp(f).personnel!.share!, 0.84, '0.0%');
    expect(findingsOf(f, 'funding-share').map((x) => x.expected)).toEqual(['84.15%']);
  });

  test('no decimals: ±0.5 percentage point', () => {
    const f = validForm();
    expenditure(f, 84.5, 15.5, 0);
    put(exp(f).personnel!.share!, 84, '0');
    put(exp(f).operations!.share!, 16, '0');
    put(exp(f).specialPurpose!.share!, 0, '0');
    expect(findingsOf(f, 'funding-share')).toEqual([]);
    expenditure(f, 84.51, 15.49, 0);
    put(exp(f).operations!.share!, 15, '0');
    expect(findingsOf(f, 'funding-share').map((x) => [first(x), x.fix?.value])).toEqual([[at(11, 4), 84.51]]);
  });

  test('the 合计 row shows 100%; blank or 99% is wrong', () => {
    const f = validForm();
    put(expTotal(f).share!, 0.99);
    put(incTotal(f).share!, null);
    const found = findingsOf(f, 'funding-share');
    expect(found.map((x) => [first(x), x.expected, x.fix?.value])).toEqual([
      [at(10, 4), '100%', 1],
      [at(14, 4), '100%', 1],
    ]);
    expect(said(found[0]!)[1]).toMatchObject({ shown: '空' });
  });

  test('a total of 0: shares are 0 or blank', () => {
    const f = validForm();
    for (const line of Object.values(inc(f))) put(line.current, 0);
    put(incTotal(f).current, 0);
    put(inc(f).appropriation!.share!, null);
    put(incTotal(f).share!, null);
    put(inc(f).specialAccount!.share!, 0);
    expect(findingsOf(f, 'funding-share')).toEqual([]);
    put(incTotal(f).share!, 1);
    put(inc(f).unitFunds!.share!, 0.05);
    expect(findingsOf(f, 'funding-share').map((x) => [first(x), x.expected, x.fix?.value])).toEqual([
      [at(9, 4), '0%', 0],
      [at(10, 4), '0%', 0],
    ]);
  });

  test('a share that is not a number is an error with the computed fix', () => {
    const f = validForm();
    put(exp(f).personnel!.share!, '八成四');
    const [x] = findingsOf(f, 'funding-share');
    expect(said(x!)).toEqual(['wrong', expect.objectContaining({ shown: '“八成四”，不是百分比' })]);
    expect(x!.fix?.value).toBe(0.8412);
  });

  test('shares follow the sum of the lines even when 合计 is wrong', () => {
    const f = validForm();
    put(expTotal(f).current, 400);
    expect(findingsOf(f, 'funding-share')).toEqual([]);
  });

  test('an uncalculated share formula is not checked', () => {
    const f = validForm();
    put(exp(f).personnel!.share!, null, '0.00%', '=D12/D15');
    expect(findingsOf(f, 'funding-share')).toEqual([]);
  });
});

describe('funding-total', () => {
  test('a wrong 合计 gives the sum as fix, in every column', () => {
    const f = validForm();
    put(expTotal(f).current, 374);
    put(incTotal(f).lastYear!, 282.8);
    const found = findingsOf(f, 'funding-total');
    expect(found.map((x) => [first(x), x.severity, x.expected, fixText(x.fix)])).toEqual([
      [at(10, 6), 'error', '282.90', { cell: at(10, 6), value: 282.9 }],
      [at(14, 3), 'error', '374.13', { cell: at(14, 3), value: 374.13 }],
    ]);
    expect(found.map(said)).toEqual([
      ['wrong', { total: '收入', column: '2025年', sum: '282.90', parts: '282.90 + 0.00 + 0.00', shown: '282.80' }],
      ['wrong', { total: '支出', column: '当年金额', sum: '374.13', parts: '314.72 + 26.41 + 33.00', shown: '374.00' }],
    ]);
  });

  test('amounts compare after rounding both sides to two decimals', () => {
    const f = validForm();
    put(expTotal(f).current, 374.134);
    expect(findingsOf(f, 'funding-total')).toEqual([]);
    put(expTotal(f).current, 374.136);
    expect(findingsOf(f, 'funding-total')).toHaveLength(1);
  });

  test('decimal arithmetic: 0.1 + 0.2 = 0.3', () => {
    const f = validForm();
    for (const [line, v] of [
      [inc(f).appropriation!, 0.1],
      [inc(f).specialAccount!, 0.2],
      [inc(f).unitFunds!, 0],
      [incTotal(f), 0.3],
    ] as const) {
      put(line.yearBeforeLast!, v);
    }
    expect(findingsOf(f, 'funding-total')).toEqual([]);
  });

  test('a blank line counts as 0; an unreadable line leaves the total alone', () => {
    const f = validForm();
    put(inc(f).unitFunds!.current, null);
    expect(findingsOf(f, 'funding-total')).toEqual([]);
    put(inc(f).unitFunds!.current, 'abc');
    put(incTotal(f).current, 1);
    expect(findingsOf(f, 'funding-total')).toEqual([]);
  });

  test('in a template sheet the fix restores the SUM formula', () => {
    const f = validForm();
    put(expTotal(f).yearBeforeLast!, 341.7, '0.00', '=SUM(F12:F14)');
    put(expTotal(f).current, 300);
    const [x] = findingsOf(f, 'funding-total');
    expect(fixText(x!.fix)).toEqual({ cell: at(14, 3), value: 374.13, formula: '=SUM(D12:D14)' });
  });

  test('a 合计 formula that misses a line: the message names the formula, and no fix overwrites it', () => {
    const f = validForm();
    put(expTotal(f).current, 347.72, '0.00', '=D12+D14');
    const [x] = findingsOf(f, 'funding-total');
    expect(fixText(x!.fix)).toBeUndefined();
    expect(said(x!)).toEqual([
      'wrongFormula',
      {
        total: '支出',
        column: '当年金额',
        sum: '374.13',
        parts: '314.72 + 26.41 + 33.00',
        shown: '347.72',
        formula: '=D12+D14',
      },
    ]);
  });
});

describe('funding-balance', () => {
  test('caused by a wrong 合计: it names the cause and is listed after it', () => {
    const f = validForm();
    // 支出合计 typed as 347.72 while its lines sum to 374.13 = 收入合计.
    put(expTotal(f).current, 347.72);
    const all = check(f).findings.filter((x) => x.section === 'funding');
    const total = all.findIndex((x) => x.rule === 'funding-total');
    const balance = all.findIndex((x) => x.rule === 'funding-balance');
    expect(total).toBeGreaterThanOrEqual(0);
    expect(balance).toBeGreaterThan(total);
    const b = all[balance]!;
    expect(texts(b.cells)).toEqual([at(14, 3), at(10, 3)]);
    expect(said(b)).toEqual([
      'causeBalances',
      {
        income: '374.13',
        expenditure: '347.72',
        column: '当年金额',
        diff: '26.41',
        causes: '“支出合计”不等于本块各行之和 374.13',
        which: '该合计',
      },
    ]);
    // One end-to-end sentence.
    expect(b.message).toBe(
      '收入合计 374.13 与支出合计 347.72 不相等（当年金额，相差 26.41）：原因是“支出合计”不等于本块各行之和 374.13，改正该合计后收支即平衡',
    );
  });

  test('a wrong 合计 that does not explain the whole gap says what remains', () => {
    const f = validForm();
    put(expTotal(f).current, 347.72);
    put(incTotal(f).current, 380);
    put(inc(f).appropriation!.current, 380);
    put(inc(f).appropriation!.share!, 1);
    const [b] = findingsOf(f, 'funding-balance');
    expect(said(b!)).toEqual([
      'causeRemains',
      {
        income: '380.00',
        expenditure: '347.72',
        column: '当年金额',
        diff: '32.28',
        causes: '“支出合计”不等于本块各行之和 374.13',
        which: '该合计',
        remaining: '5.87',
      },
    ]);
  });

  test('当年 unbalanced is an error naming both totals', () => {
    const f = validForm();
    put(incTotal(f).current, 380);
    put(inc(f).appropriation!.current, 380);
    put(inc(f).appropriation!.share!, 1);
    const found = findingsOf(f, 'funding-balance');
    expect(found.map((x) => [x.severity, texts(x.cells)])).toEqual([['error', [at(10, 3), at(14, 3)]]]);
    expect(said(found[0]!)).toEqual([
      'unbalanced',
      { income: '380.00', expenditure: '374.13', column: '当年金额', diff: '5.87' },
    ]);
  });

  test('前年 / 上年 unbalanced is a warning', () => {
    const f = validForm();
    put(incTotal(f).yearBeforeLast!, 341.8);
    put(inc(f).appropriation!.yearBeforeLast!, 341.8);
    expect(findingsOf(f, 'funding-balance').map((x) => [x.severity, ...said(x)])).toEqual([
      ['warning', 'unbalanced', { income: '341.80', expenditure: '341.70', column: '2024年', diff: '0.10' }],
    ]);
  });
});

describe('funding-amount', () => {
  test('blank is an error: write 0', () => {
    const f = validForm();
    put(inc(f).unitFunds!.current, null);
    const found = findingsOf(f, 'funding-amount');
    expect(found.map((x) => [first(x), x.severity, ...said(x)])).toEqual([
      [at(9, 3), 'error', 'amountBlank', { where: '“单位资金”（当年金额）', hint: '金额，没有时请填 0' }],
    ]);
  });

  test('text that reads as a number is a warning whose fix is the number', () => {
    const f = validForm();
    put(exp(f).personnel!.current, '314.72');
    put(exp(f).operations!.current, '２６．４１');
    put(exp(f).specialPurpose!.current, '33.00万元');
    put(inc(f).appropriation!.lastYear!, '282.90');
    const found = findingsOf(f, 'funding-amount');
    expect(found.map((x) => [first(x), x.severity, x.fix?.value])).toEqual([
      [at(7, 6), 'warning', 282.9],
      [at(11, 3), 'warning', 314.72],
      [at(12, 3), 'warning', 26.41],
      [at(13, 3), 'warning', 33],
    ]);
    // The text numbers still count: totals and shares stay right.
    expect(findingsOf(f).filter((x) => x.rule !== 'funding-amount')).toEqual([]);
  });

  test('a thousands separator reads as a number', () => {
    const f = validForm();
    put(inc(f).appropriation!.current, '1,374.13');
    put(incTotal(f).current, 1374.13);
    const found = findingsOf(f, 'funding-amount');
    expect(found[0]!.fix?.value).toBe(1374.13);
  });

  test('negative amounts, formula errors and words are errors', () => {
    const f = validForm();
    put(inc(f).specialAccount!.current, -1);
    put(inc(f).unitFunds!.current, { error: '#REF!' });
    put(inc(f).unitFunds!.lastYear!, '无');
    const found = findingsOf(f, 'funding-amount');
    expect(found.map((x) => [first(x), x.severity])).toEqual([
      [at(8, 3), 'error'],
      [at(9, 3), 'error'],
      [at(9, 6), 'error'],
    ]);
    expect(found.map(said)).toEqual([
      ['amountNegative', { where: '“财政专户管理资金”（当年金额）', text: '-1.00' }],
      ['amountError', { where: '“单位资金”（当年金额）', text: '#REF!' }],
      ['amountInvalid', { where: '“单位资金”（2025年）', text: '无' }],
    ]);
  });
});

describe('funding-unit', () => {
  test('a total above 1,000,000 suggests 元 instead of 万元', () => {
    const f = validForm();
    put(incTotal(f).current, 3741300);
    put(inc(f).appropriation!.current, 3741300);
    const found = findingsOf(f, 'funding-unit');
    expect(found.map((x) => [first(x), x.severity])).toEqual([[at(10, 3), 'warning']]);
    expect(said(found[0]!)).toEqual(['yuan', { where: '“收入合计”（当年金额）', value: '3741300', limit: '1000000' }]);
  });

  test('the limit is configurable', () => {
    const f = validForm();
    expect(findingsOf(f, 'funding-unit', { tolerances: { unitSuspectTotal: 300 } }).map((x) => first(x))).toEqual([
      at(10, 3),
      at(10, 5),
      at(14, 3),
      at(14, 5),
    ]);
  });

  test('more than two decimals is a warning; binary noise is not', () => {
    const f = validForm();
    put(exp(f).personnel!.lastYear!, 229.855);
    put(exp(f).operations!.lastYear!, 0.1 + 0.2);
    const found = findingsOf(f, 'funding-unit');
    expect(found.map((x) => [first(x), x.expected])).toEqual([[at(11, 6), '229.86']]);
  });
});

describe('funding-share with share formulas', () => {
  test('while 合计 is wrong, a share formula is left alone; a constant share is still checked', () => {
    const f = validForm();
    put(expTotal(f).current, 400);
    put(exp(f).personnel!.share!, 314.72 / 400, '0.00%', '=IF(D15=0,0,ROUND(D12/D15,4))');
    put(exp(f).operations!.share!, 26.41 / 400, '0.00%');
    expect(findingsOf(f, 'funding-share').map((x) => first(x))).toEqual([at(12, 4)]);
  });
});
