import { freeSheetName, MAX_SHEET_NAME, sanitizeSheetName } from '../../src/sheet/names';

describe('sheet names (one rule for every host)', () => {
  it('keeps a free name, numbers a taken one, comparing case-insensitively', () => {
    expect(freeSheetName(['附件2'], '2027年度')).toBe('2027年度');
    expect(freeSheetName(['2027年度'], '2027年度')).toBe('2027年度 (2)');
    expect(freeSheetName(['Sheet1', 'sheet1 (2)'], 'SHEET1')).toBe('SHEET1 (3)');
  });

  it('never goes past 31 characters, also with a number added', () => {
    const long = '某某县人民政府办公室部门整体绩效目标申报表二〇二七年度草稿副本';
    const first = freeSheetName([], long);
    expect(first.length).toBe(MAX_SHEET_NAME);
    const second = freeSheetName([first], long);
    expect(second.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(second.endsWith(' (2)')).toBe(true);
  });

  it('replaces the characters Excel forbids and trims apostrophes at the ends', () => {
    expect(sanitizeSheetName("'2027/2028:表[1]?*'")).toBe('2027_2028_表_1___');
    expect(sanitizeSheetName('  ')).toBe('绩效申报表');
  });
});
