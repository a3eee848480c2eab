/**
 * Forms of any size (issue 17): Range.getMergedAreasOrNullObject fails above 512 merged areas
 * (documented; the fake enforces it). The template reaches 519 at 200 project rows and the form
 * allows 500: such a sheet must still be read, with every merged area, and checked.
 */
import { Session } from '../../src/app/session';
import { readDeclaration } from '../../src/read';
import { buildTemplate } from '../../src/template';
import { MERGED_AREAS_LIMIT } from '../fakes/office/range';
import { excelSetup } from './harness';

const PARAMS = { department: '阳新县信访局', budgetYear: 2026, projectRows: 500, prefillCommon: true };

test('the fake says no: more than 512 merged areas in one call fail the batch', async () => {
  const { fake, env } = excelSetup({ apiMinor: 18 });
  fake.user.addSheet('表', [[1]]);
  for (let r = 1; r <= MERGED_AREAS_LIMIT + 1; r++) fake.user.merge(`表!A${r}:B${r}`);
  await expect(
    env.run(async (ctx) => {
      const m = ctx.workbook.worksheets.getItem('表').getRange('A1:B600').getMergedAreasOrNullObject().load('address');
      await ctx.sync();
      return m.address;
    }),
  ).rejects.toThrow(/512/);
});

test('a form with 500 project rows (over 512 merged areas) is read with all its merged areas and checked', async () => {
  const { fake, host } = excelSetup({ apiMinor: 18 });
  fake.user.addSheet('Sheet1', [[null]]);
  const sheet = await host.createSheet(buildTemplate(PARAMS));
  const merges = fake.inspect.merges(sheet);
  expect(merges.length).toBeGreaterThan(MERGED_AREAS_LIMIT);
  const grid = await host.readGrid(sheet);
  const key = (m: { top: number; left: number; bottom: number; right: number }) =>
    `${m.top},${m.left},${m.bottom},${m.right}`;
  expect(grid.merges.map(key).sort()).toEqual(merges.map(key).sort());
  const read = readDeclaration(grid);
  expect(read.form).toBe(true);

  const session = new Session(host);
  const r = await session.validate(sheet);
  expect(r.error).toBeNull();
  expect(r.form).toBe(true);
  expect(session.state.phase).toBe('ready');
});

test('a band that still holds too many merged areas is halved until each part is below the limit', async () => {
  const { fake, host } = excelSetup({ apiMinor: 18 });
  const rows = Array.from({ length: 3000 }, (_, r) => [`行${r + 1}`, null, r]);
  fake.user.addSheet('表', rows);
  for (let r = 1; r <= 3000; r++) fake.user.merge(`表!A${r}:B${r}`);
  const grid = await host.readGrid('表');
  expect(grid.merges).toHaveLength(3000);
  expect(grid.values).toHaveLength(3000);
});
