/**
 * Tables whose headers lack columns at the right edge of the sheet: the reader
 * guesses missing columns from the printed order, but a guess past the last
 * used column would make the rules flag cells the form never had. Found by the
 * property test (tests/property): these are its shrunk counterexamples.
 */
import { check } from '../../src/check';
import { readDeclaration } from '../../src/read';
import { parseAddress } from '../../src/sheet/ref';
import { buildGrid } from '../helpers/grid-builder';
import { texts } from '../helpers/refs';

function cellsOutside(grid: ReturnType<typeof buildGrid>): string[] {
  const r = readDeclaration(grid);
  if (!r.form) return [];
  const width = Math.max(...grid.values.map((row) => row.length));
  const lastCol = grid.left + width - 1;
  const all = [
    ...r.declaration.problems.flatMap((p) => texts(p.cells)),
    ...check(r.declaration).findings.flatMap((f) => texts(f.cells)),
  ];
  return all.filter((c) => {
    const p = parseAddress(c)!;
    return (p.right ?? p.col) > lastCol + 1;
  });
}

test('an indicator table with only its 一级指标 header at the edge is not read, and says which headers are missing', () => {
  const rows = Array.from({ length: 40 }, () => [] as (string | number | null)[]);
  rows[9] = ['长期绩\n效指标'];
  rows[13] = [0, 0, '附件2', '', '≥95%', null, '一级\n指标'];
  rows[26] = [0, 0, '附件2', 0.8399, 0, '≥95%', 0, '附件2', 0.8399];
  rows[29] = ['部门总体资金情况'];
  rows[12] = ['年度绩效指标'];
  const grid = buildGrid(rows);
  const r = readDeclaration(grid);
  expect(r.form).toBe(true);
  if (!r.form) return;
  expect(r.declaration.longTermIndicators).toBeNull();
  expect(r.declaration.problems.map((p) => p.message)).toEqual(
    expect.arrayContaining([expect.stringContaining('“三级指标”列')]),
  );
  expect(cellsOutside(grid)).toEqual([]);
});

test('a project table whose last headers are missing at the edge is not read', () => {
  const grid = buildGrid([
    ['部门总体资金情况'],
    ['部门职能概述', '职能'],
    ['项目支出情况', null, null, null, null, null, null, null, '项目名称'],
    [null, null, null, null, null, null, null, null, '某项目'],
  ]);
  const r = readDeclaration(grid);
  expect(r.form).toBe(true);
  if (!r.form) return;
  expect(r.declaration.projects).toBeNull();
  expect(r.declaration.problems.some((p) => p.message.includes('项目总预算'))).toBe(true);
  expect(cellsOutside(grid)).toEqual([]);
});
