/**
 * Property: rolling a random valid form forward, then checking it, never
 * creates a funding-total, funding-balance or goal-horizon finding — whatever
 * the amounts, the budget year, the horizon, the way the year headers are
 * written, the number of projects and where the form stands on the sheet.
 */
import fc from 'fast-check';
import { check } from '../../src/check';
import { rollForward } from '../../src/next/roll';
import { readDeclaration } from '../../src/read';
import type { CellValue } from '../../src/sheet/grid';
import { buildGrid } from '../helpers/grid-builder';
import { typedForm, withJunkAround, type FormSpec } from '../read/fixtures';
import { applyToGrid } from './helpers';

const CREATED = ['funding-total', 'funding-balance', 'goal-horizon'];

/** Three lines in cents, a block total equal to their sum. */
const lines = fc.tuple(fc.nat(900000), fc.nat(90000), fc.nat(90000));

const validForm = fc.record({
  year: fc.integer({ min: 2015, max: 2060 }),
  horizonAhead: fc.integer({ min: 0, max: 6 }),
  history: fc.constantFrom('years' as const, 'bare' as const, 'relative' as const),
  // Expenditure per column (当年, 前年, 上年); income repeats each column's total split differently.
  expenditure: fc.tuple(lines, lines, lines),
  incomeSplit: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  extraProjects: fc.integer({ min: 0, max: 5 }),
  shift: fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 4 })),
});

type Params = typeof validForm extends fc.Arbitrary<infer T> ? T : never;

function build(p: Params): FormSpec {
  const spec = typedForm({ history: p.history, extraProjects: p.extraProjects });
  const horizon = p.year + p.horizonAhead;
  const rows: CellValue[][] = spec.rows.map((r) =>
    r.map((v) => {
      if (typeof v === 'string') return v.replace('2029年', `${horizon}年`);
      return v;
    }),
  );
  rows[2]![1] = `${p.year - 1}年11月26日`;
  if (p.history === 'years') rows[5] = [null, null, null, null, null, `${p.year - 2}年`, `${p.year - 1}年`];
  if (p.history === 'bare') rows[5] = [null, null, null, null, null, p.year - 2, p.year - 1];
  // Columns: 当年 3, 占比 4, 前年 5, 上年 6. Rows 6–9 income, 10–13 expenditure.
  const cols = [3, 5, 6];
  const cents = (n: number): number => Math.round(n) / 100;
  cols.forEach((col, k) => {
    const exp = p.expenditure[k]!;
    const total = exp[0] + exp[1] + exp[2];
    const special = Math.floor(total * p.incomeSplit[0] * 0.3);
    const unit = Math.floor((total - special) * p.incomeSplit[1] * 0.3);
    const inc = [total - special - unit, special, unit];
    inc.forEach((v, i) => (rows[6 + i]![col] = cents(v)));
    rows[9]![col] = cents(total);
    exp.forEach((v, i) => (rows[10 + i]![col] = cents(v)));
    rows[13]![col] = cents(total);
    if (col === 3) {
      const share = (v: number) => (total === 0 ? 0 : Math.round((v / total) * 10000) / 10000);
      inc.forEach((v, i) => (rows[6 + i]![4] = share(v)));
      exp.forEach((v, i) => (rows[10 + i]![4] = share(v)));
      rows[9]![4] = total === 0 ? 0 : 1;
      rows[13]![4] = total === 0 ? 0 : 1;
    }
  });
  return withJunkAround({ ...spec, rows }, p.shift[0], p.shift[1]);
}

test('rolling a valid form forward never creates funding-total, funding-balance or goal-horizon', () => {
  fc.assert(
    fc.property(validForm, (p) => {
      const spec = build(p);
      const grid = buildGrid(spec.rows, { sheet: '申报表', merges: spec.merges, numFmt: spec.numFmt });
      const last = readDeclaration(grid);
      if (!last.form) throw new Error(`the generated form is not read: ${last.reason}`);
      const before = check(last.declaration, { budgetYear: p.year });
      const already = new Set(before.findings.filter((f) => CREATED.includes(f.rule)).map((f) => f.rule));
      if (already.size) throw new Error(`the generated form is not valid: ${[...already].join(', ')}`);

      const roll = rollForward(last.declaration, grid, p.history === 'relative' ? { year: p.year + 1 } : {});
      if (!roll.ok) throw new Error(roll.message);
      if (roll.toYear !== p.year + 1) throw new Error(`rolled to ${roll.toYear}, expected ${p.year + 1}`);
      const next = readDeclaration(applyToGrid(grid, roll.edits));
      if (!next.form) throw new Error(`NEXT is not read as a form: ${next.reason}`);
      const after = check(next.declaration, { budgetYear: p.year + 1 });
      const created = after.findings.filter((f) => CREATED.includes(f.rule));
      if (created.length)
        throw new Error(`the roll created: ${created.map((f) => `${f.rule} ${f.message}`).join('; ')}`);
      if (p.history !== 'relative' && check(next.declaration).options.budgetYear !== p.year + 1)
        throw new Error('NEXT does not read as the next budget year');
    }),
    { numRuns: 150 },
  );
});

test('on damaged real forms the roll never throws, edits each cell once and never a formula', async () => {
  const { XlsxHost } = await import('../../src/host/exceljs');
  const { applyEdits, edit } = await import('../property/edits');
  const path = await import('path');
  const host = await XlsxHost.load(path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx'));
  const example = await host.readGrid('附件2');
  fc.assert(
    fc.property(
      fc.array(edit, { minLength: 1, maxLength: 10 }),
      fc.option(fc.integer({ min: 2000, max: 2100 })),
      (edits, year) => {
        const grid = applyEdits(example, edits);
        const read = readDeclaration(grid);
        if (!read.form) return;
        const roll = rollForward(read.declaration, grid, year === null ? {} : { year });
        if (!roll.ok) {
          if (!/[\u4e00-\u9fff]/.test(roll.message)) throw new Error(`not a Chinese message: ${roll.message}`);
          return;
        }
        const seen = new Set<string>();
        for (const e of roll.edits) {
          const key = `${e.row},${e.col}`;
          if (seen.has(key)) throw new Error(`cell edited twice: ${key}`);
          seen.add(key);
          const f = grid.formulas?.[e.row - grid.top]?.[e.col - grid.left];
          if (e.kind !== 'result' && f) throw new Error(`a formula cell was overwritten: ${key}`);
          if (e.kind === 'result' && !f) throw new Error(`a result edit on a constant: ${key}`);
        }
      },
    ),
    { numRuns: 150 },
  );
});
