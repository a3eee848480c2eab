import { buildGrid } from '../helpers/grid-builder';
import type { CellValue, Grid } from '../../src/sheet/grid';
import { recalculate, refreshFormulas } from '../../src/sheet/formula';
import { parseFormula } from '../../src/sheet/formula-parse';

/** One-row grid: constants in A1…, formulas after them; returns the recalculated values of the formula cells. */
function calc(constants: CellValue[], ...formulas: string[]): CellValue[] {
  const row: CellValue[] = [...constants, ...formulas.map(() => null)];
  const spec: Record<string, string> = {};
  formulas.forEach((f, i) => {
    spec[`${String.fromCharCode(65 + constants.length + i)}1`] = f;
  });
  const g = recalculate(buildGrid([row], { formulas: spec }));
  return g.values[0]!.slice(constants.length);
}

const one = (formula: string, constants: CellValue[] = []) => calc(constants, formula)[0];

describe('recalculate: arithmetic as Excel does it', () => {
  test.each([
    ['=1+2*3', 7],
    ['=(1+2)*3', 9],
    ['=-2^2', 4],
    ['=2^3^2', 64],
    ['=10/4', 2.5],
    ['=50%', 0.5],
    ['=-A1', -3],
    ['=+A1', 3],
    ['=A1-B1', 1],
    ['=0.1+0.2', 0.1 + 0.2],
    ['="a"&"b"&1', 'ab1'],
    ['=A1&""', '3'],
  ])('%s', (f, expected) => {
    expect(one(f, [3, 2])).toEqual(expected);
  });

  test('empty cells count as 0 in arithmetic and "" in text', () => {
    expect(one('=A1+B1*2', [null, null])).toBe(0);
    expect(one('=A1&"x"', [null])).toBe('x');
  });

  test('text that reads as a number is accepted in arithmetic, other text is #VALUE!', () => {
    expect(one('=A1+1', [' 2 '])).toBe(3);
    expect(one('=A1+1', ['1,234.5'])).toBe(1235.5);
    expect(one('=A1*2', ['50%'])).toBe(1);
    expect(one('=A1+1', ['abc'])).toEqual({ error: '#VALUE!' });
    expect(one('=A1+1', [true])).toBe(2);
  });

  test('division by zero is #DIV/0!, and errors propagate', () => {
    expect(one('=A1/B1', [1, 0])).toEqual({ error: '#DIV/0!' });
    expect(one('=A1/B1', [1, null])).toEqual({ error: '#DIV/0!' });
    expect(one('=A1+1', [{ error: '#N/A' }])).toEqual({ error: '#N/A' });
    expect(one('=(1/0)+A1', ['x'])).toEqual({ error: '#DIV/0!' });
  });

  test('absolute references and a reference to a formula cell', () => {
    expect(calc([4, 6], '=$A$1+B$1', '=C1*2')).toEqual([10, 20]);
  });
});

describe('recalculate: comparisons', () => {
  test.each([
    ['=A1=0', [0], true],
    ['=A1=0', [null], true],
    ['=A1=""', [null], true],
    ['=A1<>0', [null], false],
    ['=A1<B1', [1, 2], true],
    ['=A1>=B1', [2, 2], true],
    ['=A1<=B1', [3, 2], false],
    ['="abc"="ABC"', [], true],
    ['=A1<"a"', [5], true],
    ['=TRUE>"z"', [], true],
  ])('%s with %j', (f, constants, expected) => {
    expect(one(f, constants as CellValue[])).toBe(expected);
  });
});

describe('recalculate: functions', () => {
  test('SUM over ranges skips text and logicals, counts typed arguments', () => {
    expect(calc([1, 2, 'x', true, null], '=SUM(A1:E1)')[0]).toBe(3);
    expect(one('=SUM(1,"2",TRUE)')).toBe(4);
    expect(one('=SUM("a")')).toEqual({ error: '#VALUE!' });
    expect(one('=SUM(A1)', ['5'])).toBe(0);
    expect(calc([1, { error: '#DIV/0!' }], '=SUM(A1:B1)')[0]).toEqual({ error: '#DIV/0!' });
  });

  test('SUM over a column of formulas waits for them', () => {
    const g = recalculate(buildGrid([[1], [2], [null], [null]], { formulas: { A3: '=A1*10', A4: '=SUM(A1:A3)' } }));
    expect(g.values.map((r) => r[0])).toEqual([1, 2, 10, 13]);
  });

  test('IF takes its branches lazily and defaults like Excel', () => {
    expect(one('=IF(A1=0,0,ROUND(B1/A1,4))', [0, 5])).toBe(0);
    expect(one('=IF(A1,"yes","no")', [2])).toBe('yes');
    expect(one('=IF(A1,"yes")', [0])).toBe(false);
    expect(one('=IF(A1,1,)', [0])).toBe(0);
    expect(one('=IF(A1,1/0,2)', [0])).toBe(2);
    expect(one('=IF("maybe",1,2)')).toEqual({ error: '#VALUE!' });
    expect(one('=IF(1)')).toEqual({ error: '#VALUE!' });
  });

  test('ROUND rounds half away from zero on the 15-digit value, like Excel', () => {
    expect(one('=ROUND(2.675,2)')).toBe(2.68);
    expect(one('=ROUND(-2.5,0)')).toBe(-3);
    expect(one('=ROUND(1234.5,-2)')).toBe(1200);
    expect(one('=ROUND(314.72/374.13,4)')).toBe(0.8412);
    expect(one('=ROUND(26.41/374.13,4)')).toBe(0.0706);
    expect(one('=ROUND(0.1+0.2,15)')).toBe(0.3);
    expect(one('=ROUND(1.005,2)')).toBe(1.01);
  });

  test('ABS, IFERROR, MIN, MAX, AND, OR, NOT', () => {
    expect(one('=ABS(-2.5)')).toBe(2.5);
    expect(one('=IFERROR(1/0,"none")')).toBe('none');
    expect(one('=IFERROR(7,"none")')).toBe(7);
    expect(calc([3, 1, 2], '=MIN(A1:C1)', '=MAX(A1:C1,9)')).toEqual([1, 9]);
    expect(one('=AND(1,TRUE)')).toBe(true);
    expect(one('=OR(0,FALSE)')).toBe(false);
    expect(one('=NOT(0)')).toBe(true);
  });

  test('an unknown function or a defined name is #NAME?', () => {
    expect(one('=VLOOKUP(1,A1:B1,2,FALSE)', [1, 2])).toEqual({ error: '#NAME?' });
    expect(one('=jx_total*2')).toEqual({ error: '#NAME?' });
    expect(one('=_xlfn.IFERROR(1/0,3)')).toBe(3);
  });

  test('text that is no formula becomes #NAME?', () => {
    expect(one('=SUM(A1')).toEqual({ error: '#NAME?' });
    expect(one('=1+')).toEqual({ error: '#NAME?' });
    expect(one('="open')).toEqual({ error: '#NAME?' });
  });
});

describe('recalculate: what it leaves alone and what it fills', () => {
  test('a formula cell with a cached result keeps it', () => {
    const g = recalculate(buildGrid([[1, 99]], { formulas: { B1: '=A1+1' } }));
    expect(g.values[0]![1]).toBe(99);
  });

  test('a reference cycle is #REF!, and so is what depends on it', () => {
    const g = recalculate(buildGrid([[null, null, null, 5]], { formulas: { A1: '=B1+1', B1: '=A1+1', C1: '=A1*2' } }));
    expect(g.values[0]!.slice(0, 3)).toEqual([{ error: '#REF!' }, { error: '#REF!' }, { error: '#REF!' }]);
    expect(g.values[0]![3]).toBe(5);
    const self = recalculate(buildGrid([[null]], { formulas: { A1: '=A1' } }));
    expect(self.values[0]![0]).toEqual({ error: '#REF!' });
  });

  test('references to another sheet cannot be resolved and give #REF!', () => {
    expect(one("='其他表'!A1+1")).toEqual({ error: '#REF!' });
    expect(calc([2], '=Sheet1!A1+1')[0]).toBe(3);
  });

  test('positions are absolute: a grid that starts at C5 evaluates its own addresses', () => {
    const g = recalculate(buildGrid([[2, 3, null]], { origin: 'C5', formulas: { C1: '=C5*D5' } }));
    expect(g.values[0]![2]).toBe(6);
  });

  test('the displayed text of a computed cell follows its number format', () => {
    const g = recalculate(
      buildGrid([[314.72, 374.13, null]], { numFmt: { C1: '0.00%' }, formulas: { C1: '=ROUND(A1/B1,4)' } }),
    );
    expect(g.text![0]![2]).toBe('84.12%');
  });

  test('the input grid is not changed', () => {
    const input = buildGrid([[1, null]], { formulas: { B1: '=A1+1' } });
    const copy = JSON.parse(JSON.stringify(input)) as Grid;
    recalculate(input);
    expect(input).toEqual(copy);
  });

  test('a chain of 20,000 dependent cells does not overflow the stack', () => {
    const n = 20000;
    const rows: CellValue[][] = [[1]];
    const formulas: Record<string, string> = {};
    for (let i = 2; i <= n; i++) {
      rows.push([null]);
      formulas[`A${i}`] = `=A${i - 1}+1`;
    }
    const g = recalculate(buildGrid(rows, { formulas, withText: false }));
    expect(g.values[n - 1]![0]).toBe(n);
  });

  test('never throws on odd grids', () => {
    const odd: Grid = {
      sheet: 'x',
      top: 0,
      left: 0,
      values: [],
      formulas: [[null, '=A1+'], [], [null, '=SUM(A1:A1048576)', '=SUM(A4:XFD1048576)']],
      merges: [],
    };
    const g = recalculate(odd);
    expect(g.values[0]![1]).toEqual({ error: '#NAME?' });
    expect(g.values[2]![1]).toBe(0);
    expect(g.values[2]![2]).toBe(0);
  });
});

describe('parseFormula', () => {
  test('understands sheet-qualified ranges and rejects junk', () => {
    expect(parseFormula("=SUM('表 1'!$A$1:B2)")).toEqual({
      k: 'call',
      name: 'SUM',
      args: [{ k: 'range', sheet: '表 1', top: 0, left: 0, bottom: 1, right: 1 }],
    });
    expect(parseFormula('=A1B')).toEqual({ k: 'name', v: 'A1B' });
    expect(parseFormula('=A1 B1')).toBeNull();
    expect(parseFormula('=1 2')).toBeNull();
    expect(parseFormula('')).toBeNull();
  });
});

describe('refreshFormulas: saved results that no longer follow the values', () => {
  test('a stale saved result is replaced by the computed one and listed; a current one is kept', () => {
    const g = buildGrid([[2, 3, 0, 5, 0.1 + 0.2]], {
      formulas: { C1: '=A1+B1', D1: '=A1+B1', E1: '=0.1+0.2' },
    });
    const r = refreshFormulas(g);
    expect(r.grid.values[0]).toEqual([2, 3, 5, 5, 0.1 + 0.2]);
    expect(r.stale).toEqual([{ row: 0, col: 2, cached: 0, computed: 5 }]);
    // The grid it came from is untouched.
    expect(g.values[0]![2]).toBe(0);
  });

  test('a chain: a stale result feeding another formula is computed from the computed one', () => {
    const g = buildGrid([[4, 0, 0]], { formulas: { B1: '=A1*2', C1: '=B1+1' } });
    const r = refreshFormulas(g);
    expect(r.grid.values[0]).toEqual([4, 8, 9]);
    expect(r.stale.map((s) => s.col)).toEqual([1, 2]);
  });

  test('formulas it cannot compute keep their saved results and are never called stale', () => {
    const g = buildGrid([[1, 7, 8, 9]], {
      formulas: { B1: "='其他表'!A1", C1: '=VLOOKUP(A1,A1:A1,1)', D1: '=某名称' },
    });
    const r = refreshFormulas(g);
    expect(r.stale).toEqual([]);
    expect(r.grid.values[0]).toEqual([1, 7, 8, 9]);
  });

  test('a missing result is filled without being called stale; text and errors compare exactly', () => {
    const g = buildGrid([[1, null, 'x', { error: '#DIV/0!' }]], {
      formulas: { B1: '=A1+1', C1: '=IF(A1=1,"x","y")', D1: '=A1/0' },
    });
    const r = refreshFormulas(g);
    expect(r.grid.values[0]).toEqual([1, 2, 'x', { error: '#DIV/0!' }]);
    expect(r.stale).toEqual([]);
  });
});

describe('refreshFormulas: bounded work', () => {
  test('a sheet whose formulas would read more than the budget keeps its saved results', () => {
    const n = 2500;
    const values: CellValue[][] = Array.from({ length: n }, (_, i) => [i, 0]);
    const formulas: Record<string, string> = {};
    // 2,500 formulas each summing 2,500 cells: 6.25 million reads.
    for (let i = 0; i < n; i++) formulas[`B${i + 1}`] = `=SUM(A1:A${n})`;
    const g = buildGrid(values, { formulas });
    const r = refreshFormulas(g);
    expect(r.grid).toBe(g);
    expect(r.stale).toEqual([]);
    // Half as many are computed, and all found stale.
    const half = buildGrid(values.slice(0, n / 2), {
      formulas: Object.fromEntries(
        Object.entries(formulas)
          .slice(0, n / 2)
          .map(([k]) => [k, `=SUM(A1:A${n / 2})`]),
      ),
    });
    expect(refreshFormulas(half).stale).toHaveLength(n / 2);
  });
});

describe('refreshFormulas: what it does not understand is not called stale', () => {
  test('a formula it makes an error of while the file saved a result keeps the result; dependents use it', () => {
    // An array formula as a plain one: range × range is #VALUE! here, a number in the spreadsheet.
    const g = buildGrid([[1, 2, 3, 4, 11, 12]], { formulas: { E1: '=SUM(A1:B1*C1:D1)', F1: '=E1+1' } });
    const r = refreshFormulas(g);
    expect(r.stale).toEqual([]);
    expect(r.grid.values[0]!.slice(4)).toEqual([11, 12]);
  });

  test('a saved error that the values no longer give is stale (a 0 total when it was saved)', () => {
    const g = buildGrid([[5, 10, { error: '#DIV/0!' }]], { formulas: { C1: '=A1/B1' } });
    expect(refreshFormulas(g).stale).toEqual([{ row: 0, col: 2, cached: { error: '#DIV/0!' }, computed: 0.5 }]);
  });

  test('a constant passed as formula text without "=" is left alone', () => {
    const g = buildGrid([['1e5']], { formulas: { A1: '1e5' } });
    expect(refreshFormulas(g)).toEqual({ grid: g, stale: [] });
  });
});
