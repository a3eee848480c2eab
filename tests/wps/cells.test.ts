/** The ET boundary conversions: Value2 shapes, CVErr numbers, text that must stay text. */
import { cellValueFromEt, toMatrix, valueForEt } from '../../src/host/wps/cells';

test('Value2 shapes: a scalar for one cell, rows of columns for a block, flat lists tolerated', () => {
  expect(toMatrix(5, 1, 1)).toEqual([[5]]);
  expect(toMatrix([[1, 2], [3]], 2, 2)).toEqual([
    [1, 2],
    [3, undefined],
  ]);
  expect(toMatrix([1, 2, 3], 1, 3)).toEqual([[1, 2, 3]]);
  expect(toMatrix([1, 2], 2, 1)).toEqual([[1], [2]]);
  expect(toMatrix(undefined, 1, 2)).toEqual([[undefined, undefined]]);
});

test('empty, error and date values from Value2', () => {
  expect(cellValueFromEt(undefined)).toBeNull();
  expect(cellValueFromEt('')).toBeNull();
  expect(cellValueFromEt(-2146826281)).toEqual({ error: '#DIV/0!' });
  expect(cellValueFromEt(-2146826246)).toEqual({ error: '#N/A' });
  expect(cellValueFromEt(-12)).toBe(-12);
  expect(cellValueFromEt(new Date(2025, 10, 26))).toBe(45987);
  expect(cellValueFromEt(true)).toBe(true);
});

test('text that WPS would turn into a number, date, formula or boolean is written with the text prefix', () => {
  for (const s of ['001', '=A1', '+5', '-3', '2025-11-26', '１２３', '12%', '.5', 'TRUE', "'quoted"])
    expect(valueForEt(s)).toBe(`'${s}`);
  for (const s of ['预算支出标准', '', '≥95%', '一、收入']) expect(valueForEt(s)).toBe(s);
  // Generous on purpose: the prefix is not part of the value, so protecting a harmless text costs nothing.
  expect(valueForEt('31-本级支出项目')).toBe("'31-本级支出项目");
  expect(valueForEt(0.8412)).toBe(0.8412);
  expect(valueForEt(null)).toBeNull();
});
