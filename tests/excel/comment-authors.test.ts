/**
 * Threaded comments (ExcelApi 1.10–1.17, where Excel has no notes API) can be edited and deleted by
 * their author only. A reviewer who re-checks an officer's workbook meets the officer's flag
 * comments: jixiao must not fail (nor call it a protected sheet), must flag the cells all the same,
 * and must say which old messages it could not change.
 */
import { AccessDeniedError, type UnplacedFlags } from '../../src/host/types';
import { ExcelHost, makeEnv, type ExcelLike } from '../../src/host/excel';
import { NOTE_MARK } from '../../src/report/flags';
import { excelSetup } from './harness';
import { finding } from '../helpers/findings';

/** The officer (张三) flags A1 and B1 with threaded comments, saves; the reviewer (李四) opens it. */
async function officerThenReviewer() {
  const { fake, host } = excelSetup({ apiMinor: 14 });
  fake.user.addSheet('表', [[1, 2, 3, 4]]);
  fake.user.setNote('表!D1', '张三：已与财政局核对');
  await host.readGrid('表');
  await host.showFindings('表', [
    finding({ rule: 'a', severity: 'error', cells: ['表!A1'] }),
    finding({ rule: 'b', severity: 'warning', cells: ['表!B1'], message: '旧的说明' }),
  ]);
  expect(fake.inspect.comments('表').map((c) => c.author)).toEqual(['张三', '张三', '张三']);
  const again = fake.reopen({ user: '李四' });
  const reviewer = new ExcelHost(makeEnv(again.Excel as unknown as ExcelLike, again.Office));
  return { again, reviewer };
}

const commentAt = (again: ReturnType<typeof excelSetup>['fake'], cell: string) => {
  const col = cell.charCodeAt(cell.indexOf('!') + 1) - 65;
  return again.inspect.comments('表').find((c) => c.col === col && c.row === 0) ?? null;
};

describe('flag comments written by another user', () => {
  test('the fake refuses, as Excel does, to edit or delete another author’s comment', async () => {
    const { again } = await officerThenReviewer();
    const excel = again.Excel as unknown as ExcelLike;
    const run = (edit: (c: Excel.Comment) => void) =>
      excel.run({}, async (context) => {
        const comments = context.workbook.worksheets.getItem('表').comments.load('items/id');
        await context.sync();
        expect(comments.items.length).toBeGreaterThan(0);
        for (const c of comments.items.slice(0, 1)) edit(c);
        await context.sync();
      });
    await expect(run((c) => (c.content = 'x'))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(run((c) => c.delete())).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  test('a reviewer’s check flags every cell; messages go under the officer’s comments as replies, and it says so', async () => {
    const { again, reviewer } = await officerThenReviewer();
    await reviewer.readGrid('表');
    // A1 was fixed, B1's message changed, C1 is new.
    const result = (await reviewer.showFindings('表', [
      finding({ rule: 'b', severity: 'warning', cells: ['表!B1'], message: '新的说明' }),
      finding({ rule: 'c', severity: 'error', cells: ['表!C1'] }),
    ])) as UnplacedFlags | undefined;

    // Coloured: B1 and C1 only (A1 keeps the officer's old comment, see below, but no colour).
    const colouredColumns = again.inspect
      .conditionalFormats('表')
      .flatMap((c) => c.areas.map((a) => a.left))
      .sort();
    expect(colouredColumns).toEqual([1, 2]);
    expect(again.inspect.flag('表!B1')?.severity).toBe('warning');
    expect(again.inspect.flag('表!C1')?.severity).toBe('error');
    // B1: the officer's comment could not be rewritten, so the new message is a reply under it.
    const b1 = commentAt(again, '表!B1')!;
    expect(b1.author).toBe('张三');
    expect(b1.replies.map((r) => [r.author, r.content.startsWith(NOTE_MARK), r.content.includes('新的说明')])).toEqual([
      ['李四', true, true],
    ]);
    expect(commentAt(again, '表!C1')!.author).toBe('李四');
    // A1: the officer's old message could not be deleted; it stays, and the reviewer is told where.
    expect(commentAt(again, '表!A1')!.content).toContain('消息-a');
    expect(result?.cells ?? []).toEqual([]);
    expect(result?.notice).toMatch(/A1/);
    expect(result?.notice).toMatch(/B1/);
    expect(result?.notice).toContain('张三');
    expect(result?.notice).not.toContain('受保护');
    // The user's own comment is untouched.
    expect(again.inspect.userNote('表!D1')).toBe('张三：已与财政局核对');

    // A second check changes nothing the reviewer cannot change, and still works.
    await reviewer.readGrid('表');
    await reviewer.showFindings('表', [
      finding({ rule: 'b', severity: 'warning', cells: ['表!B1'], message: '第三次的说明' }),
    ]);
    expect(commentAt(again, '表!B1')!.replies.map((r) => r.content.includes('第三次的说明'))).toEqual([true]);
    expect(again.inspect.flag('表!C1')).toBeNull();
    expect(commentAt(again, '表!C1')).toBeNull();
  });

  test('clearing removes everything the reviewer wrote and says which of the officer’s comments stay', async () => {
    const { again, reviewer } = await officerThenReviewer();
    await reviewer.readGrid('表');
    await reviewer.showFindings('表', [finding({ rule: 'c', severity: 'error', cells: ['表!C1'] })]);
    const left = (await reviewer.clearFindings('表')) as UnplacedFlags | undefined;
    expect(again.inspect.conditionalFormats('表')).toHaveLength(0);
    expect(commentAt(again, '表!C1')).toBeNull();
    expect(
      again.inspect
        .comments('表')
        .map((c) => [c.author, c.col])
        .sort(),
    ).toEqual([
      ['张三', 0],
      ['张三', 1],
      ['张三', 3],
    ]);
    expect(left?.notice).toMatch(/A1、B1/);
    expect(left?.notice).toContain('张三');
  });

  test('the author themself, after a reopen, still rewrites and removes their own comments', async () => {
    const { fake, host } = excelSetup({ apiMinor: 14 });
    fake.user.addSheet('表', [[1, 2]]);
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'a', severity: 'error', cells: ['表!A1'] })]);
    const again = fake.reopen();
    const officer = new ExcelHost(makeEnv(again.Excel as unknown as ExcelLike, again.Office));
    await officer.readGrid('表');
    expect(await officer.showFindings('表', [finding({ rule: 'b', severity: 'error', cells: ['表!B1'] })])).toBeFalsy();
    expect(again.inspect.comments('表').map((c) => c.col)).toEqual([1]);
    expect(await officer.clearFindings('表')).toBeFalsy();
    expect(again.inspect.comments('表')).toEqual([]);
  });

  test('a protected sheet is still reported as protected, not as another author’s comments', async () => {
    const { again, reviewer } = await officerThenReviewer();
    again.user.protect('表');
    await reviewer.readGrid('表');
    await expect(
      reviewer.showFindings('表', [finding({ rule: 'c', severity: 'error', cells: ['表!C1'] })]),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(
      reviewer.showFindings('表', [finding({ rule: 'c', severity: 'error', cells: ['表!C1'] })]),
    ).rejects.toThrow(/受保护/);
  });
});

test('the officer clearing after the reviewer: their own comments go, and the reviewer’s replies with them', async () => {
  const { again, reviewer } = await officerThenReviewer();
  await reviewer.readGrid('表');
  await reviewer.showFindings('表', [
    finding({ rule: 'b', severity: 'warning', cells: ['表!B1'], message: '新的说明' }),
  ]);
  // Back to the officer, who clears: the comment is theirs, the reply under it is the reviewer's.
  const officerAgain = again.reopen({ user: '张三' });
  const officer = new ExcelHost(makeEnv(officerAgain.Excel as unknown as ExcelLike, officerAgain.Office));
  const left = (await officer.clearFindings('表')) as UnplacedFlags | undefined;
  expect(officerAgain.inspect.flagNotes('表')).toEqual([]);
  expect(officerAgain.inspect.conditionalFormats('表')).toHaveLength(0);
  expect(left).toBeFalsy();
  expect(officerAgain.inspect.userNote('表!D1')).toBe('张三：已与财政局核对');
});
