import Decimal from 'decimal.js';
import {
  displayText,
  formatDecimals,
  isDateFormat,
  isPercentFormat,
  serialFromUtc,
  serialToDate,
  serialToParts,
} from '../../src/sheet/number-format';

describe('displayText', () => {
  test.each([
    // General
    [374.13, 'General', '374.13'],
    [0, 'General', '0'],
    [0.1 + 0.2, 'General', '0.3'],
    [1 / 3, 'General', '0.3333333333'],
    [123456789012, 'General', '1.23457E+11'],
    [-2.5, '', '-2.5'],
    // fixed decimals, thousands
    [0, '0', '0'],
    [2.5, '0', '3'],
    [374.13, '0.00', '374.13'],
    [0, '0.00', '0.00'],
    [341.7, '0.00', '341.70'],
    [1.005, '0.00', '1.01'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [-1234.5, '#,##0.00', '-1,234.50'],
    [0.5, '#.00', '.50'],
    // percentages as the example prints them
    [0.8399, '0.00%', '83.99%'],
    [0.0712, '0.00%', '7.12%'],
    [1, '0%', '100%'],
    [0, '0%', '0%'],
    [0.0712, '0.0%', '7.1%'],
    [0.00005, '0.00%', '0.01%'],
    // sections, literals, colours
    [-5, '0.00_);[Red](0.00)', '(5.00)'],
    [0, '0.00;-0.00;"-"', '-'],
    [12, '0"万元"', '12万元'],
    [12, '#,##0.00 "万元"', '12.00 万元'],
    [12345, '0.00E+00', '1.23E+04'],
    // dates (45987 = 2025-11-26)
    [45987, 'yyyy"年"m"月"d"日"', '2025年11月26日'],
    [45987, 'yyyy\\年m\\月d\\日', '2025年11月26日'],
    [45987, 'yyyy-mm-dd', '2025-11-26'],
    [45987, 'yyyy/m/d', '2025/11/26'],
    [45987, 'mm-dd-yy', '11-26-25'],
    [45987, '[$-804]yyyy"年"mm"月"dd"日"', '2025年11月26日'],
    [45987, 'dddd', 'Wednesday'],
    [45987.5, 'yyyy-mm-dd hh:mm:ss', '2025-11-26 12:00:00'],
    [45987.75, 'h:mm AM/PM', '6:00 PM'],
    [0.5, 'h:mm', '12:00'],
    // text
    ['83.99%', 'General', '83.99%'],
    ['abc', '@', 'abc'],
    [12, '@', '12'],
  ])('%j with %j → %j', (value, fmt, expected) => {
    expect(displayText(value, fmt)).toBe(expected);
  });

  test('empty, booleans and errors', () => {
    expect(displayText(null, '0.00')).toBe('');
    expect(displayText(true, 'General')).toBe('TRUE');
    expect(displayText(false, '0')).toBe('FALSE');
    expect(displayText({ error: '#DIV/0!' }, '0.00%')).toBe('#DIV/0!');
  });

  test('a missing format is General', () => {
    expect(displayText(83.99, undefined)).toBe('83.99');
    expect(displayText(83.99, null)).toBe('83.99');
  });

  test('a number past 9999-12-31 in a date format shows as ######## (as Excel does) instead of failing', () => {
    expect(displayText(2958465, 'yyyy"年"m"月"d"日"')).toBe('9999年12月31日');
    for (const v of [2958466, 3e6, 1e20, 1.7e308]) {
      expect(displayText(v, 'mmm d, yyyy')).toBe('########');
      expect(displayText(v, 'yyyy-mm-dd hh:mm')).toBe('########');
    }
  });
});

describe('serialToParts', () => {
  test('Excel 1900 serials, including its fictitious 1900-02-29', () => {
    expect(serialToParts(1)).toMatchObject({ year: 1900, month: 1, day: 1 });
    expect(serialToParts(59)).toMatchObject({ year: 1900, month: 2, day: 28 });
    expect(serialToParts(60)).toMatchObject({ year: 1900, month: 2, day: 29 });
    expect(serialToParts(61)).toMatchObject({ year: 1900, month: 3, day: 1 });
    expect(serialToParts(45987.25)).toMatchObject({ year: 2025, month: 11, day: 26, hours: 6, minutes: 0 });
  });
});

describe('what a format says about its value (the same parse as the displayed text)', () => {
  test.each([
    ['0.00%', true, false, 2],
    ['0.0%;[Red]-0.0%', true, false, 1],
    ['0.00"%"', false, false, 2],
    ['#,##0.00 "万元"', false, false, 2],
    ['#,##0', false, false, 0],
    ['0.00E+00', false, false, 2],
    ['General', false, false, null],
    ['@', false, false, null],
    ['', false, false, null],
    ['yyyy"年"m"月"d"日"', false, true, null],
    ['[$-804]yyyy-mm-dd', false, true, null],
    ['[h]:mm', false, true, null],
    ['0.00"h"', false, false, 2],
  ] as const)('%s: percent %s, date %s, decimals %s', (fmt, percent, date, decimals) => {
    expect(isPercentFormat(fmt)).toBe(percent);
    expect(isDateFormat(fmt)).toBe(date);
    expect(formatDecimals(fmt)).toBe(decimals);
  });

  test('a format read as a date shows a serial as a date, one read as a number shows its decimals', () => {
    for (const fmt of ['yyyy"年"m"月"d"日"', '[$-804]yyyy-mm-dd', 'm/d/yy']) {
      expect(isDateFormat(fmt)).toBe(true);
      expect(displayText(45987, fmt)).toMatch(/2025|25/);
    }
    for (const fmt of ['0.00%', '#,##0.000', '0']) {
      const shown = displayText(0.123456, fmt).replace(/[^\d.]/g, '');
      expect(shown.split('.')[1]?.length ?? 0).toBe(formatDecimals(fmt));
    }
  });
});

describe('serialToDate and serialFromUtc', () => {
  test('real days only; the inverse of a UTC instant', () => {
    expect(serialToDate(45987.99)).toEqual({ year: 2025, month: 11, day: 26 });
    expect(serialToDate(60)).toBeNull();
    expect(serialToDate(0)).toBeNull();
    expect(serialToDate(Number.NaN)).toBeNull();
    expect(serialFromUtc(Date.UTC(1970, 0, 1))).toBe(25569);
    expect(serialFromUtc(Date.UTC(2025, 10, 26, 6))).toBe(45987.25);
  });
});

describe('numbers shown without rounding are written from their digits, exactly as decimal.js writes them', () => {
  /** The text decimal.js gives for a fixed format: scaled, rounded half up, grouped, trimmed to its minimum. */
  function reference(v: number, fmt: string): string {
    const m = /^("[^"]*")?([#,0]*)(?:\.([0#]*))?(%*)("[^"]*")?$/.exec(fmt)!;
    const before = (m[1] ?? '').replace(/"/g, '');
    const intPattern = m[2] ?? '';
    const fracPattern = m[3] ?? '';
    const percents = (m[4] ?? '').length;
    const after = (m[4] ?? '') + (m[5] ?? '').replace(/"/g, '');
    let d = new Decimal(v).times(new Decimal(100).pow(percents));
    const negative = d.isNegative() && !d.isZero();
    d = d.abs();
    const fracDigits = fracPattern.length;
    let [int, frac = ''] = d.toFixed(fracDigits, Decimal.ROUND_HALF_UP).split('.');
    const minInt = (intPattern.match(/0/g) ?? []).length;
    if (int === '0' && minInt === 0) int = '';
    int = int!.padStart(minInt, '0');
    if (/[0#],[0#]/.test(intPattern)) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const minFrac = (fracPattern.match(/0/g) ?? []).length;
    while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
    const number = frac ? `${int}.${frac}` : int + (fracDigits > 0 && minFrac === 0 ? '.' : '');
    return `${negative ? '-' : ''}${before}${number}${after}`;
  }

  const FORMATS = [
    '0',
    '0.00',
    '#,##0.00',
    '#,##0',
    '0.000',
    '0.00%',
    '0%',
    '0.0%',
    '0.##',
    '#.00',
    '"¥"#,##0.00',
    '0.00"万元"',
  ];

  it('agrees with decimal.js on amounts, shares, integers, negatives, zero and tiny or huge values', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = [
      0,
      -0,
      1,
      -1,
      0.5,
      0.05,
      0.005,
      1.005,
      2.675,
      0.8412,
      374.13,
      1234567.891,
      1e-7,
      1e20,
      1e21,
      -0.004,
      99.995,
      0.1 + 0.2,
    ];
    for (let i = 0; i < 3000; i++) {
      const digits = Math.floor(random() * 7);
      const scale = 10 ** Math.floor(random() * 8 - 2);
      const v = Number(((random() - 0.3) * scale).toFixed(digits));
      values.push(v);
    }
    for (const fmt of FORMATS)
      for (const v of values) expect([fmt, v, displayText(v, fmt)]).toEqual([fmt, v, reference(v, fmt)]);
  });
});
