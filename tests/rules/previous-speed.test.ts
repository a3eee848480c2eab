/**
 * The short cuts the previous-* rules take so that comparing with last year's form stays cheap (issue #16,
 * point 5): a cell holding exactly what last year's cell held is taken as the same without parsing either.
 * These properties are what makes that safe: for any content at all, parsing both cells would have said the
 * same, and a value is never worse than itself.
 */
import fc from 'fast-check';
import type { Field } from '../../src/form/types';
import {
  hasAmount,
  parseAmount,
  parseIndicatorValue,
  roundTo,
  sameAmountInput,
  sameParseInput,
} from '../../src/form/values';
import { isWorse } from '../../src/rules/support/direction';
import { sameIndicatorValue, sameParsedValue } from '../../src/rules/support/previous';
import { cell } from '../helpers/form-builder';

const piece = fc.constantFrom(
  '≥',
  '≤',
  '>',
  '<',
  '=',
  '＞',
  '≧',
  '1500',
  '１５００',
  '98.5',
  '0',
  '-3',
  '%',
  '％',
  '件/年',
  '万元',
  '个',
  '天',
  ' ',
  '\u3000',
  '\n',
  '无',
  '新增',
  '—',
  '/',
  '不适用',
  'N/A',
  '好',
  '较好',
  '达到',
  '1e400',
  'NaN',
);
const value = fc.oneof(
  fc.constant(null),
  fc.array(piece, { maxLength: 5 }).map((xs) => xs.join('')),
  fc.string(),
  fc.double(),
  fc.integer({ min: -2000, max: 2000 }),
  fc.boolean(),
  fc.constant({ error: '#N/A' }),
);
const numFmt = fc.constantFrom('General', '0.00', '0.00%', '0%', '@', 'yyyy-mm-dd', '0.0"件"');

/** The same content in two cells of different rows and columns (last year's row is elsewhere). */
const pair = fc.tuple(value, numFmt).map(([v, f]): [Field, Field] => [cell(40, 5, v, f), cell(71, 4, v, f)]);

test('cells with the same content are the same value when parsed too', () => {
  fc.assert(
    fc.property(pair, ([a, b]) => {
      // NaN is not NaN: such a cell is left to parsing.
      expect(sameParseInput(a, b)).toBe(!Number.isNaN(a.value));
      expect(sameParsedValue(a, b)).toBe(true);
      expect(sameIndicatorValue(a, b)).toBe(true);
    }),
    { numRuns: 2000 },
  );
});

test('a quantity is never worse than the same quantity, whatever the indicator', () => {
  const name = fc.constantFrom(
    '公用经费控制率',
    '“三公经费”变动率',
    '投诉率',
    '办理时限',
    '受理件数',
    '满意度',
    '成本',
  );
  fc.assert(
    fc.property(pair, name, ([a, b], n) => {
      const x = parseIndicatorValue(a);
      const y = parseIndicatorValue(b);
      if (x.kind !== 'quantity' || y.kind !== 'quantity') return;
      expect(isWorse(x, y, n)).toBe(false);
    }),
    { numRuns: 2000 },
  );
});

test('different content is still compared by its parsed value', () => {
  // 95% typed as text, and 0.95 shown as a percentage: one value in two spellings.
  const a = cell(40, 5, '95%');
  const b = cell(71, 4, 0.95, '0%');
  expect(sameParseInput(a, b)).toBe(false);
  expect(sameIndicatorValue(a, b)).toBe(true);
  expect(sameIndicatorValue(cell(40, 5, '≥1500件/年'), cell(71, 4, '≥1600件/年'))).toBe(false);
  // The same number in another format is not the same input: it is parsed (50% and 0.5 are one share).
  expect(sameParseInput(cell(40, 5, 0.5, '0%'), cell(71, 4, 0.5, '0.00'))).toBe(false);
  expect(sameIndicatorValue(cell(40, 5, 0.5, '0%'), cell(71, 4, 0.5, '0.00'))).toBe(true);
  expect(sameIndicatorValue(cell(40, 5, '95%'), cell(71, 4, '95'))).toBe(false);
});

test('funding cells that previous-funding takes as the same amount without parsing are the same amount parsed', () => {
  // Either the same number in any two formats (an amount is its value), or the same content.
  const amounts = fc.oneof(
    pair,
    fc
      .tuple(fc.oneof(fc.double(), fc.integer({ min: -1e9, max: 1e9 })), numFmt, numFmt)
      .map(([v, f, g]): [Field, Field] => [cell(12, 3, v, f), cell(12, 2, v, g)]),
  );
  fc.assert(
    fc.property(amounts, fc.integer({ min: 0, max: 4 }), ([a, b], decimals) => {
      if (!sameAmountInput(a, b)) return;
      const x = parseAmount(a);
      const y = parseAmount(b);
      // What the rule reports on: two amounts that differ once rounded. Never so for the same input.
      expect(hasAmount(x) && hasAmount(y) && !roundTo(x.value, decimals).eq(roundTo(y.value, decimals))).toBe(false);
    }),
    { numRuns: 2000 },
  );
  expect(sameAmountInput(cell(12, 3, 374.13, '0.00'), cell(12, 2, 374.13, '#,##0.00'))).toBe(true);
  expect(sameAmountInput(cell(12, 3, '374.13', '@'), cell(12, 2, 374.13, '0.00'))).toBe(false);
  expect(sameAmountInput(cell(12, 3, Number.NaN), cell(12, 2, Number.NaN))).toBe(false);
});
