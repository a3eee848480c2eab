/**
 * Which form is last year's (src/next/previous.ts): the pairing `jixiao check DIR --previous LASTDIR` and the panes
 * share. Forms are read from typed sheets (the department in B4, the year from the funding history headers).
 */
import { candidateOf, choosePrevious, type PreviousCandidate } from '../../src/next/previous';
import { readDeclaration } from '../../src/read';
import type { DeclarationForm } from '../../src/form/types';
import type { CellValue } from '../../src/sheet/grid';
import { buildGrid } from '../helpers/grid-builder';
import { typedForm } from '../read/fixtures';

function form(department: string | null, year: number | null, sheet = '申报表'): DeclarationForm {
  const spec = typedForm();
  const rows: CellValue[][] = spec.rows.map((r) => [...r]);
  rows[3]![1] = department;
  if (year === null) {
    rows[2]![1] = null;
    rows[5] = [null, null, null, null, null, '前年', '上年'];
  } else {
    rows[2]![1] = `${year - 1}年11月26日`;
    rows[5] = [null, null, null, null, null, `${year - 2}年`, `${year - 1}年`];
  }
  const read = readDeclaration(buildGrid(rows, { sheet, merges: spec.merges, numFmt: spec.numFmt }));
  if (!read.form) throw new Error(read.reason);
  return read.declaration;
}

type Named = PreviousCandidate & { name: string };
const named = (name: string, f: DeclarationForm): Named => ({ ...candidateOf(f), name });

test('candidateOf: the department as the rules compare it, and the budget year as the engine resolves it', () => {
  const c = candidateOf(form(' 阳新县 信访局 ', 2026));
  expect(c.budgetYear).toBe(2026);
  expect(c.department).toBe('阳新县 信访局');
  expect(c.key).toBe(candidateOf(form('阳新县信访局', 2025)).key);
  expect(candidateOf(form(null, null))).toEqual({ key: '', department: null, budgetYear: null });
});

describe('another sheet of the same workbook (requireYear)', () => {
  const opts = { requireYear: true };
  const me = form('阳新县信访局', 2027, '2027年度');

  test('last year’s form of the same department is chosen', () => {
    const last = named('附件2', form('阳新县信访局', 2026, '附件2'));
    const other = named('别的单位', form('阳新县财政局', 2026, '别的单位'));
    expect(choosePrevious([other, last], me, 2027, opts)).toEqual({ chosen: last });
  });

  test('a sheet of another department, of the same year or of next year is never used', () => {
    const cands = [
      named('别的单位', form('阳新县财政局', 2026)),
      named('副本', form('阳新县信访局', 2027)),
      named('2028年度', form('阳新县信访局', 2028)),
      named('前年', form('阳新县信访局', 2025)),
    ];
    expect(choosePrevious(cands, me, 2027, opts)).toMatchObject({ chosen: null, why: 'none' });
    // The 2026 form itself, with its rolled 2027 copy beside it: the copy is next year's, not last year's.
    const original = form('阳新县信访局', 2026, '附件2');
    expect(choosePrevious([named('2027年度', me)], original, 2026, opts)).toMatchObject({ chosen: null, why: 'none' });
  });

  test('an unknown year, on either side, compares with nothing', () => {
    expect(choosePrevious([named('附件2', form('阳新县信访局', null))], me, 2027, opts)).toMatchObject({
      chosen: null,
      why: 'none',
    });
    expect(choosePrevious([named('附件2', form('阳新县信访局', 2026))], me, null, opts)).toMatchObject({
      chosen: null,
      why: 'none',
    });
  });

  test('no department written: nothing is paired', () => {
    const last = named('附件2', form('阳新县信访局', 2026));
    expect(choosePrevious([last], form(null, 2027), 2027, opts)).toMatchObject({ chosen: null, why: 'no-department' });
  });

  test('two forms of last year: ambiguous, both listed', () => {
    const a = named('甲', form('阳新县信访局', 2026));
    const b = named('乙', form('阳新县信访局', 2026));
    expect(choosePrevious([a, b], me, 2027, opts)).toEqual({
      chosen: null,
      why: 'ambiguous',
      among: [a, b],
      ofYear: true,
    });
  });
});

describe('a folder of last year’s forms (the command line)', () => {
  const me = form('阳新县信访局', 2027);

  test('the only form of the department is taken whatever its year (previous-pair says when it is wrong)', () => {
    const only = named('a.xlsx', form('阳新县信访局', 2025));
    expect(choosePrevious([only, named('b.xlsx', form('阳新县财政局', 2026))], me, 2027)).toEqual({ chosen: only });
  });

  test('several of the department are told apart by the year', () => {
    const old = named('a.xlsx', form('阳新县信访局', 2025));
    const last = named('b.xlsx', form('阳新县信访局', 2026));
    expect(choosePrevious([old, last], me, 2027)).toEqual({ chosen: last });
    expect(choosePrevious([old, last], me, null)).toEqual({
      chosen: null,
      why: 'ambiguous',
      among: [old, last],
      ofYear: false,
    });
  });

  test('none of the department', () => {
    expect(choosePrevious([named('b.xlsx', form('阳新县财政局', 2026))], me, 2027)).toMatchObject({ why: 'none' });
  });
});
