/**
 * @jest-environment jsdom
 */
/** The pane's session when a reviewer re-checks an officer's workbook flagged with threaded comments. */
import { resetRuntimeSession, runtimeSession } from '../../src/app/runtime';
import { ExcelHost, makeEnv, type ExcelLike } from '../../src/host/excel';
import { createFakeOffice } from '../fakes/office';

afterEach(() => resetRuntimeSession());

test('the reviewer’s check and clear work, 修正 stays possible, and the leftover comments are named with their author', async () => {
  // ExcelApi 1.14: no notes API, flags carry threaded comments.
  const fake = createFakeOffice({ apiMinor: 14 });
  fake.user.addSheet('Sheet1', [['随手记']]);
  const officer = runtimeSession(() => new ExcelHost(makeEnv(fake.Excel as unknown as ExcelLike, fake.Office)));
  const sheet = (await officer.generate({ department: '阳新县信访局', budgetYear: 2026, projectRows: 4 }))!;
  fake.user.setValue(`${sheet}!E7`, 100);
  fake.user.setValue(`${sheet}!E11`, 50);
  const before = await officer.validate(sheet);
  expect(before.report!.summary.errors).toBeGreaterThan(0);
  expect(fake.inspect.flagNotes(sheet).length).toBeGreaterThan(0);
  resetRuntimeSession();

  const again = fake.reopen({ user: '李四' });
  const reviewer = runtimeSession(() => new ExcelHost(makeEnv(again.Excel as unknown as ExcelLike, again.Office)));
  // The reviewer corrects one amount, so that at least one of the officer's messages no longer applies.
  again.user.setValue(`${sheet}!E7`, null);
  const after = await reviewer.validate(sheet);
  expect(after.error).toBeNull();
  expect(reviewer.state.writeDenied).toBeNull();
  expect(reviewer.state.unflagged).toContain('张三');
  expect(reviewer.state.unflagged).not.toMatch(/受保护/);
  expect(reviewer.state.flagsShown).toBe(true);

  await reviewer.clear(sheet);
  expect(reviewer.state.error).toBeNull();
  expect(reviewer.state.notice).toMatch(/已清除标记/);
  expect(reviewer.state.unflagged).toContain('张三');
  expect(again.inspect.conditionalFormats(sheet)).toHaveLength(0);
  expect(again.inspect.comments(sheet).every((c) => c.author === '张三')).toBe(true);
});
