/** Session.rollForward (生成下一年度) over the memory host: the copy, the roll, the check, and a host that cannot copy. */
import { Session } from '../../src/app/session';
import { MemoryHost } from '../fakes/memory';
import { MemoryWorkbook } from '../fakes/memory/workbook';
import { UnsupportedError } from '../../src/host/types';
import { typedForm } from '../read/fixtures';
import { ManualTimers } from './timers';

function workbookWithForm(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const s = wb.addSheet('申报表');
  typedForm().rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) s.cell(r, c).value = v;
    }),
  );
  return wb;
}

class NoCopyHost extends MemoryHost {
  override async copySheet(): Promise<string> {
    throw new UnsupportedError('这个宿主不能复制工作表：需要更新的版本');
  }
}

test('rollForward copies the checked form to 2027年度, rolls it, selects the first cell to fill and checks it', async () => {
  const wb = workbookWithForm();
  const host = new MemoryHost(wb);
  const session = new Session(host, { timers: new ManualTimers() });
  await session.validate('申报表');
  // The source's flags would travel with the copy: they are taken off first.
  const flagged = [...wb.sheet('申报表')!.cells.values()].filter((c) => c.fill).length;
  expect(flagged).toBeGreaterThan(0);

  const made = await session.rollForward();
  expect(made).toBe('2027年度');
  expect(wb.sheets.map((s) => s.name)).toEqual(['申报表', '2027年度']);
  expect(session.state.sheet).toBe('2027年度');
  expect(session.state.phase).toBe('ready');
  expect(session.state.rolled).toMatchObject({ sheet: '2027年度', from: '申报表', year: 2027 });
  expect(session.state.rolled!.toFill.join('\n')).toMatch(/当年金额已清空/);
  expect(session.state.notice).toMatch(/已生成 2027 年度申报表“2027年度”/);
  expect(wb.selection).toMatch(/^'?2027年度'?!/);
  expect(wb.sheet('2027年度')!.get(10, 5)?.value).toBe(229.85);
  expect(wb.sheet('申报表')!.get(10, 5)?.value).toBe(282.4);
  const rules = new Set(session.state.report!.findings.map((f) => f.rule));
  expect(rules.has('funding-amount')).toBe(true);
  for (const r of ['funding-total', 'funding-balance', 'goal-horizon']) expect(rules.has(r)).toBe(false);
  // No fill of the source's flags was copied: every filled cell of the copy is a flag of the copy's own check.
  const copyFills = [...wb.sheet('2027年度')!.cells.entries()].filter(([, c]) => c.fill).map(([k]) => k);
  expect(copyFills.length).toBe(host['saved'].get((await host.sheetKey('2027年度'))!)?.size ?? 0);
  session.dismissRolled();
  expect(session.state.rolled).toBeNull();
});

test('a host that cannot copy: the pane state says what is needed, nothing is added, the form is flagged again', async () => {
  const wb = workbookWithForm();
  const host = new NoCopyHost(wb);
  const session = new Session(host, { timers: new ManualTimers() });
  await session.validate('申报表');
  const before = [...wb.sheet('申报表')!.cells.values()].filter((c) => c.fill).length;
  expect(await session.rollForward()).toBeNull();
  expect(session.state.error).toBe('生成下一年度失败：这个宿主不能复制工作表：需要更新的版本');
  expect(wb.sheets.map((s) => s.name)).toEqual(['申报表']);
  expect([...wb.sheet('申报表')!.cells.values()].filter((c) => c.fill).length).toBe(before);
});

test('a sheet that is not a form is not copied', async () => {
  const wb = new MemoryWorkbook();
  wb.addSheet('工资').cell(0, 0).value = '工资表';
  const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
  expect(await session.rollForward('工资')).toBeNull();
  expect(session.state.error).toMatch(/生成下一年度失败：.*不是部门整体绩效目标申报表/);
  expect(wb.sheets).toHaveLength(1);
});
