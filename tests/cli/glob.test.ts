import { compileGlob, hasGlobMagic, splitGlob } from '../../src/cli/glob';

describe('glob', () => {
  it('detects magic characters', () => {
    expect(hasGlobMagic('forms/*.xlsx')).toBe(true);
    expect(hasGlobMagic('form?.xlsx')).toBe(true);
    expect(hasGlobMagic('forms/a.xlsx')).toBe(false);
  });

  it('splits the literal folder from the pattern', () => {
    expect(splitGlob('forms/2026/**/*.xlsx')).toEqual({ base: 'forms/2026', rest: '**/*.xlsx' });
    expect(splitGlob('*.xlsx')).toEqual({ base: '.', rest: '*.xlsx' });
    expect(splitGlob('/data/*/a.xlsx')).toEqual({ base: '/data', rest: '*/a.xlsx' });
  });

  it.each([
    ['*.xlsx', 'a.xlsx', true],
    ['*.xlsx', 'sub/a.xlsx', false],
    ['*.xlsx', 'a.xlsx.bak', false],
    ['?.xlsx', 'a.xlsx', true],
    ['?.xlsx', 'ab.xlsx', false],
    ['**/*.xlsx', 'a.xlsx', true],
    ['**/*.xlsx', 'x/y/z/a.xlsx', true],
    ['a/**/b.xlsx', 'a/b.xlsx', true],
    ['a/**/b.xlsx', 'a/q/r/b.xlsx', true],
    ['a/**/b.xlsx', 'c/b.xlsx', false],
    ['**', 'any/thing', true],
    ['表(1)*.xlsx', '表(1)-信访局.xlsx', true],
    ['表[1].xlsx', '表[1].xlsx', true],
    ['表[1].xlsx', '表1.xlsx', false],
  ])('%s matches %s: %s', (pattern, rel, expected) => {
    expect(compileGlob(pattern).test(rel)).toBe(expected);
  });

  it('many stars against a long name end at once (a backtracking regular expression takes exponential time)', () => {
    const name = 'a'.repeat(240) + '.xlsx';
    expect(compileGlob(`${'*a'.repeat(16)}*b.xlsx`).test(name)).toBe(false);
    expect(compileGlob(`${'*a'.repeat(16)}*.xlsx`).test(name)).toBe(true);
    expect(compileGlob(`**/${'*a'.repeat(16)}*b.xlsx`).test(`x/y/z/${name}`)).toBe(false);
  });
});
