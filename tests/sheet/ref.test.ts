import fc from 'fast-check';
import {
  a1,
  absoluteA1,
  columnIndex,
  columnLetters,
  parseAddress,
  parseRange,
  qualified,
  qualifiedRange,
  quotedSheet,
  quoteSheet,
  rangeA1,
} from '../../src/sheet/ref';

describe('column letters', () => {
  test('known columns', () => {
    expect(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD'].map(columnIndex)).toEqual([
      0, 25, 26, 51, 52, 701, 702, 16383,
    ]);
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(columnIndex('xfd')).toBe(16383);
  });

  test('letters and index are inverse over every Excel column', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (c) => columnIndex(columnLetters(c)) === c));
  });
});

describe('A1 rendering', () => {
  test('cells and ranges', () => {
    expect(a1(10, 4)).toBe('E11');
    expect(absoluteA1(10, 4)).toBe('$E$11');
    expect(rangeA1({ top: 2, left: 1, bottom: 8, right: 3 })).toBe('B3:D9');
    expect(rangeA1({ top: 2, left: 1, bottom: 2, right: 1 })).toBe('B3');
    expect(rangeA1({ top: 2, left: 1, bottom: 8, right: 3 }, true)).toBe('$B$3:$D$9');
  });

  test('sheet names are quoted when they must be', () => {
    expect(quoteSheet('Sheet1')).toBe('Sheet1');
    expect(quoteSheet('附件2')).toBe('附件2');
    expect(quoteSheet('表 1')).toBe("'表 1'");
    expect(quoteSheet('A1')).toBe("'A1'"); // reads as a cell
    expect(quoteSheet("it's")).toBe("'it''s'");
    expect(quotedSheet('Sheet1')).toBe("'Sheet1'");
    expect(qualified('表 1', 0, 0)).toBe("'表 1'!A1");
    expect(qualifiedRange('附件2', { top: 19, left: 4, bottom: 22, right: 4 })).toBe('附件2!E20:E23');
  });
});

describe('A1 parsing', () => {
  test('cells, ranges, sheets, dollars', () => {
    expect(parseAddress('E11')).toEqual({ sheet: null, row: 10, col: 4 });
    expect(parseAddress('$E$11')).toEqual({ sheet: null, row: 10, col: 4 });
    expect(parseAddress("'表 1'!A1:B2")).toEqual({ sheet: '表 1', row: 0, col: 0, bottom: 1, right: 1 });
    expect(parseAddress("'it''s'!C3")).toEqual({ sheet: "it's", row: 2, col: 2 });
    expect(parseAddress('E0')).toBeNull();
    expect(parseAddress('11E')).toBeNull();
    expect(parseRange('B3:D9')).toEqual({ top: 2, left: 1, bottom: 8, right: 3 });
    expect(parseRange('B3')).toEqual({ top: 2, left: 1, bottom: 2, right: 1 });
    expect(parseRange('表!B3')).toBeNull();
  });

  const sheetName = fc.oneof(
    fc.constantFrom('Sheet1', '附件2', '表 1', "it's", 'A1', '2027年度 (2)', '部门整体绩效目标申报表'),
    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[![\]*?:/\\]/.test(s) && s.trim() === s && s !== ''),
  );
  const range = fc
    .tuple(fc.nat(1048575), fc.nat(16383), fc.nat(50), fc.nat(20))
    .map(([top, left, h, w]) => ({ top, left, bottom: Math.min(top + h, 1048575), right: Math.min(left + w, 16383) }));

  test('parsing what was rendered gives the sheet and range back', () => {
    fc.assert(
      fc.property(sheetName, range, (sheet, r) => {
        const p = parseAddress(qualifiedRange(sheet, r));
        expect(p).not.toBeNull();
        expect(p!.sheet).toBe(sheet);
        expect({ top: p!.row, left: p!.col, bottom: p!.bottom ?? p!.row, right: p!.right ?? p!.col }).toEqual(r);
        expect(parseRange(rangeA1(r, true))).toEqual(r);
      }),
    );
  });
});
