/**
 * `next` and `previous` agree (issue 16, point 4): a form freshly rolled forward has no
 * previous-* finding against the form it came from — over random typed variants (amounts,
 * budget year, horizon, how the year headers are written, extra projects and indicators,
 * where the form stands on the sheet), the filled template (formulas) and the example
 * (tests/rules/previous.test.ts). The panes' 生成下一年度 applies the same rollForward edits
 * to a copied sheet (src/app/next-year.ts).
 */
import fc from 'fast-check';
import { check } from '../../src/check';
import { XlsxHost } from '../../src/host/exceljs';
import { rollForward } from '../../src/next/roll';
import { readDeclaration } from '../../src/read';
import type { CellValue, Grid } from '../../src/sheet/grid';
import { buildGrid } from '../helpers/grid-builder';
import { typedForm, withJunkAround } from '../read/fixtures';
import { applyToGrid, filledTemplate } from './helpers';

function previousAfterRoll(grid: Grid, year?: number): string[] {
  const last = readDeclaration(grid);
  if (!last.form) throw new Error(`LAST is not read as a form: ${last.reason}`);
  const roll = rollForward(last.declaration, grid, year === undefined ? {} : { year });
  if (!roll.ok) throw new Error(roll.message);
  const next = readDeclaration(applyToGrid(grid, roll.edits));
  if (!next.form) throw new Error(`NEXT is not read as a form: ${next.reason}`);
  const options = year === undefined ? {} : { budgetYear: year };
  return check(next.declaration, { ...options, previous: last.declaration })
    .findings.filter((f) => f.rule.startsWith('previous-'))
    .map((f) => `${f.rule}: ${f.message}`);
}

test('a typed form rolled forward has no previous-* finding against itself', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2015, max: 2060 }),
      fc.integer({ min: 0, max: 6 }),
      fc.constantFrom('years' as const, 'bare' as const),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 0, max: 4 }),
      fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })),
      (year, ahead, history, extraProjects, extraIndicators, shift) => {
        const spec = typedForm({ history, extraProjects, extraIndicators });
        const rows: CellValue[][] = spec.rows.map((r) =>
          r.map((v) => (typeof v === 'string' ? v.replace('2029年', `${year + ahead}年`) : v)),
        );
        rows[2]![1] = `${year - 1}年11月26日`;
        rows[5] =
          history === 'years'
            ? [null, null, null, null, null, `${year - 2}年`, `${year - 1}年`]
            : [null, null, null, null, null, year - 2, year - 1];
        const shifted = withJunkAround({ ...spec, rows }, shift[0], shift[1]);
        const grid = buildGrid(shifted.rows, { sheet: '申报表', merges: shifted.merges, numFmt: shifted.numFmt });
        const found = previousAfterRoll(grid);
        if (found.length) throw new Error(found.join('\n'));
      },
    ),
    { numRuns: 60 },
  );
});

test('the filled template rolled forward has no previous-* finding against itself', async () => {
  const host = await XlsxHost.load(await filledTemplate(2026));
  const [sheet] = await host.sheetNames();
  expect(previousAfterRoll(await host.readGrid(sheet!))).toEqual([]);
});
