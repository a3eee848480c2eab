import fc from 'fast-check';
import type { CellValue, Grid } from '../../src/sheet/grid';
import { recalculate } from '../../src/sheet/formula';

/** An arithmetic expression as formula text and its value computed independently, or 'div0'. */
interface Expr {
  text: string;
  value: number | 'div0';
}

const CELLS = [3, -2, 0, 7.5];

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: 50 }).map((n) => ({ text: String(n), value: n })),
  fc.integer({ min: 0, max: CELLS.length - 1 }).map((i) => ({ text: `${'ABCD'[i]}1`, value: CELLS[i]! })),
);

function combine(op: '+' | '-' | '*' | '/', a: Expr, b: Expr): Expr {
  const text = `(${a.text}${op}${b.text})`;
  if (a.value === 'div0' || b.value === 'div0') return { text, value: 'div0' };
  switch (op) {
    case '+':
      return { text, value: a.value + b.value };
    case '-':
      return { text, value: a.value - b.value };
    case '*':
      return { text, value: a.value * b.value };
    default:
      return { text, value: b.value === 0 ? 'div0' : a.value / b.value };
  }
}

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(fc.constantFrom<'+' | '-' | '*' | '/'>('+', '-', '*', '/'), tie('e'), tie('e'))
      .map(([op, a, b]) => combine(op, a, b)),
    tie('e').map((a): Expr => ({ text: `-${a.text}`, value: a.value === 'div0' ? 'div0' : -a.value })),
  ),
})).e;

function evalIn(formula: string): CellValue {
  const grid: Grid = {
    sheet: 'S',
    top: 0,
    left: 0,
    values: [[...CELLS, null]],
    formulas: [[null, null, null, null, `=${formula}`]],
    merges: [],
  };
  return recalculate(grid).values[0]![4]!;
}

describe('recalculate (property)', () => {
  test('arithmetic over numbers and references gives the floating-point result, or #DIV/0!', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const got = evalIn(e.text);
        if (e.value === 'div0') expect(got).toEqual({ error: '#DIV/0!' });
        else if (!Number.isFinite(e.value)) expect(got).toEqual({ error: '#NUM!' });
        else expect(got).toBe(e.value === 0 ? 0 : e.value);
      }),
      { numRuns: 300 },
    );
  });

  test('never throws, whatever the formula text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(() => evalIn(s)).not.toThrow();
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'A1',
            'E1',
            '(',
            ')',
            '+',
            '-',
            '*',
            '/',
            '^',
            '%',
            ',',
            'SUM(',
            'IF(',
            '"x"',
            '1',
            ':',
            '=',
            '<',
          ),
          {
            maxLength: 20,
          },
        ),
        (parts) => {
          expect(() => evalIn(parts.join(''))).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
