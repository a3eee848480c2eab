import Decimal from 'decimal.js';
import { formatDecimals, isDateFormat, isPercentFormat, serialToDate } from '../../src/sheet/number-format';
import {
  isPhoneText,
  isPlaceholderText,
  parseAmount,
  parseFillDate,
  parseIndicatorText,
  parseIndicatorValue,
  parseShare,
  placeholderIn,
  shareInRepresentation,
  shareOf,
  shareTolerance,
} from '../../src/form/values';
import { cell } from '../helpers/form-builder';

const num = (v: string | number) => new Decimal(v).toString();

describe('parseAmount', () => {
  test.each([
    [374.13, 'number', '374.13'],
    [0, 'number', '0'],
    ['1,234.56', 'text-number', '1234.56'],
    ['３７４．１３', 'text-number', '374.13'],
    ['374.13万元', 'text-number', '374.13'],
    [' 12 ', 'text-number', '12'],
    ['374.13 万元', 'text-number', '374.13'],
    ['-5', 'text-number', '-5'],
  ])('%p reads as %s %s', (v, kind, value) => {
    const a = parseAmount(cell(0, 0, v));
    expect(a.kind).toBe(kind);
    expect(a.value?.toString()).toBe(value);
  });

  test.each([
    [null, 'blank'],
    ['   ', 'blank'],
    ['　', 'blank'],
    ['abc', 'invalid'],
    ['1,23.4', 'invalid'],
    ['374.13元', 'invalid'],
    [true, 'invalid'],
  ])('%p is %s', (v, kind) => {
    expect(parseAmount(cell(0, 0, v)).kind).toBe(kind);
  });

  test('a formula error is an error, a formula without result is uncalculated', () => {
    expect(parseAmount(cell(0, 0, { error: '#DIV/0!' })).kind).toBe('error');
    expect(parseAmount(cell(0, 0, null, 'General', '=SUM(D8:D10)')).kind).toBe('uncalculated');
  });
});

describe('parseShare', () => {
  test('a number with a percent format is read in percentage points at the precision shown', () => {
    const s = parseShare(cell(0, 0, 0.8399, '0.00%'));
    expect(s.value?.toString()).toBe('83.99');
    expect(s.decimals).toBe(2);
    expect(s.representation).toBe('percent-number');
  });

  test('a formula result is compared at the decimals the format shows', () => {
    const s = parseShare(cell(0, 0, 314.72 / 374.13, '0.0%'));
    expect(s.value?.toString()).toBe('84.1');
    expect(s.decimals).toBe(1);
  });

  test('a plain number is percentage points; its decimals come from the format or the text', () => {
    expect(parseShare(cell(0, 0, 83.99)).value?.toString()).toBe('83.99');
    expect(parseShare(cell(0, 0, 83.99)).decimals).toBe(2);
    expect(parseShare(cell(0, 0, 84)).decimals).toBe(0);
    expect(parseShare(cell(0, 0, 84, '0.0')).decimals).toBe(1);
    expect(parseShare(cell(0, 0, 84)).representation).toBe('plain-number');
  });

  test('text with and without a percent sign, full-width too', () => {
    const t = parseShare(cell(0, 0, '83.99%'));
    expect([t.kind, t.value?.toString(), t.decimals, t.representation]).toEqual([
      'text-number',
      '83.99',
      2,
      'text-percent',
    ]);
    const f = parseShare(cell(0, 0, '８３．９％'));
    expect([f.value?.toString(), f.decimals]).toEqual(['83.9', 1]);
    expect(parseShare(cell(0, 0, '84')).representation).toBe('text-plain');
    expect(parseShare(cell(0, 0, '八成')).kind).toBe('invalid');
    expect(parseShare(cell(0, 0, null)).kind).toBe('blank');
  });

  test('tolerance follows the decimals shown', () => {
    expect(shareTolerance(2).toString()).toBe('0.01');
    expect(shareTolerance(3).toString()).toBe('0.01');
    expect(shareTolerance(1).toString()).toBe('0.05');
    expect(shareTolerance(0).toString()).toBe('0.5');
  });

  test('share = round(line / total × 100, 2), half up, in decimal arithmetic', () => {
    expect(shareOf(new Decimal('314.72'), new Decimal('374.13')).toString()).toBe('84.12');
    expect(shareOf(new Decimal('26.41'), new Decimal('374.13')).toString()).toBe('7.06');
    expect(shareOf(new Decimal('33'), new Decimal('374.13')).toString()).toBe('8.82');
    expect(shareOf(new Decimal('1'), new Decimal('8')).toString()).toBe('12.5');
    expect(shareOf(new Decimal('0.125'), new Decimal('1000')).toString()).toBe('0.01');
  });

  test('a share is written back in the cell’s own representation', () => {
    const pp = new Decimal('84.12');
    expect(shareInRepresentation(pp, 'percent-number')).toBe(0.8412);
    expect(shareInRepresentation(pp, 'plain-number')).toBe(84.12);
    expect(shareInRepresentation(pp, 'text-percent')).toBe('84.12%');
    expect(shareInRepresentation(pp, 'text-plain')).toBe('84.12');
  });
});

describe('number formats', () => {
  test('percent, date and decimals detection ignores quoted literals', () => {
    expect(isPercentFormat('0.00%')).toBe(true);
    expect(isPercentFormat('0.00"%"')).toBe(false);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('0.00"万元"')).toBe(false);
    expect(formatDecimals('#,##0.00')).toBe(2);
    expect(formatDecimals('0%')).toBe(0);
    expect(formatDecimals('General')).toBeNull();
  });
});

describe('parseFillDate', () => {
  test.each([
    ['2025年11月26日', [2025, 11, 26]],
    ['2025年  11月   26日', [2025, 11, 26]],
    ['填报日期：  2025年  11月   26日', [2025, 11, 26]],
    ['填报日期:2025年1月5日                 单位：万元', [2025, 1, 5]],
    ['２０２５年１１月２６日', [2025, 11, 26]],
    ['2024年2月29日', [2024, 2, 29]],
    ['2025-11-26', [2025, 11, 26]],
  ])('%p is a date', (text, [y, m, d]) => {
    const p = parseFillDate(cell(0, 0, text));
    expect([p.kind, p.year, p.month, p.day]).toEqual(['date', y, m, d]);
  });

  test.each(['2025年13月1日', '2025年2月29日', '2025年11月31日', '明天', '2025年11月', '25年11月26日'])(
    '%p is not a real date',
    (text) => {
      expect(parseFillDate(cell(0, 0, text)).kind).toBe('invalid');
    },
  );

  test('the label alone is blank', () => {
    expect(parseFillDate(cell(0, 0, '填报日期：')).kind).toBe('blank');
    expect(parseFillDate(cell(0, 0, '填报日期：      单位：万元')).kind).toBe('blank');
    expect(parseFillDate(null).kind).toBe('blank');
  });

  test('a serial with a date format is a date; without one it is not', () => {
    // 45987 = 2025-11-26 in Excel's 1900 system.
    const d = parseFillDate(cell(0, 0, 45987, 'yyyy"年"m"月"d"日"'));
    expect([d.kind, d.year, d.month, d.day]).toEqual(['date', 2025, 11, 26]);
    expect(parseFillDate(cell(0, 0, 45987)).kind).toBe('invalid');
  });

  test('serials around Excel’s fictitious 1900-02-29', () => {
    expect(serialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(serialToDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(serialToDate(60)).toBeNull();
    expect(serialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(serialToDate(0)).toBeNull();
  });
});

describe('isPhoneText', () => {
  test.each([
    '13812345678',
    '0714-7654321',
    '010-12345678',
    '7654321',
    '76543210',
    '0714-7654321、13812345678',
    '0714-7654321,13812345678',
    '0714-7654321 / 13812345678',
    '（0714）7654321',
    '０７１４－７６５４３２１',
  ])('%p is a phone number', (s) => expect(isPhoneText(s)).toBe(true));

  test.each(['12345678901', '1381234567', '7147654321', '（联系电话）', '0714-765', '电话', '0714-7654321、'])(
    '%p is not',
    (s) => expect(isPhoneText(s)).toBe(false),
  );
});

describe('indicator values', () => {
  test.each([
    ['≥95%', '≥', '95', '%'],
    ['≤120万元', '≤', '120', '万元'],
    ['0%', null, '0', '%'],
    ['≥1500件/年', '≥', '1500', '件/年'],
    ['99%', null, '99', '%'],
    ['>=90 %', '≥', '90', '%'],
    ['＞３', '>', '3', ''],
    ['=100%', '=', '100', '%'],
    ['0', null, '0', ''],
    ['-5%', null, '-5', '%'],
    ['不低于90%', '≥', '90', '%'],
  ])('%p → sign %p number %p unit %p', (text, sign, n, unit) => {
    const v = parseIndicatorText(text);
    expect(v.kind).toBe('quantity');
    if (v.kind !== 'quantity') return;
    expect([v.sign, num(v.number.toString()), v.unit]).toEqual([sign, n, unit]);
  });

  test('not applicable, qualitative and a sign without a number', () => {
    expect(parseIndicatorText('无').kind).toBe('not-applicable');
    expect(parseIndicatorText('不适用').kind).toBe('not-applicable');
    expect(parseIndicatorText('N/A').kind).toBe('not-applicable');
    expect(parseIndicatorText('n/a').kind).toBe('not-applicable');
    expect(parseIndicatorText('与政府规划职能相符').kind).toBe('qualitative');
    expect(parseIndicatorText('3项制度，2次检查').kind).toBe('qualitative');
    expect(parseIndicatorText('≥%').kind).toBe('sign-without-number');
    expect(parseIndicatorText('≥').kind).toBe('sign-without-number');
    expect(parseIndicatorText('  ').kind).toBe('blank');
  });

  test('a number cell with a percent format is a percentage', () => {
    const v = parseIndicatorValue(cell(0, 0, 0.95, '0%'));
    expect(v.kind === 'quantity' && [v.number.toString(), v.unit]).toEqual(['95', '%']);
    const bare = parseIndicatorValue(cell(0, 0, 0));
    expect(bare.kind === 'quantity' && bare.unit).toBe('');
  });
});

describe('placeholders', () => {
  test('cells holding only a placeholder', () => {
    for (const s of ['……', '…', '...', '。。。', 'XXX', '（请填写）', ' …… ']) expect(isPlaceholderText(s)).toBe(true);
    for (const s of ['', '预算执行率', '1.', '……完成']) expect(isPlaceholderText(s)).toBe(false);
  });

  test('a placeholder inside a text', () => {
    expect(placeholderIn('1.办理信访事项；\n     ……')).toBe('……');
    expect(placeholderIn('负责XXX工作')).toBe('XXX');
    expect(placeholderIn('（请填写）')).toBe('（请填写）');
    expect(placeholderIn('目标...')).toBe('...');
    expect(placeholderIn('1.接待来访。2.办理来信。')).toBeNull();
    expect(placeholderIn('XXXL 号服装')).toBeNull();
  });
});
