/**
 * The pane compares with last year's form on another sheet of the workbook without being asked
 * (docs/spec/previous-year.md, issue 16 point 3), over the memory host: after 生成下一年度 the new
 * sheet is compared with the form it came from; a sheet of another department, of the same year or
 * of next year is never used; the findings are flagged in place like any other.
 */
import { Session } from '../../src/app/session';
import { MemoryHost } from '../fakes/memory';
import { MemoryWorkbook } from '../fakes/memory/workbook';
import type { CellValue } from '../../src/sheet/grid';
import { typedForm } from '../read/fixtures';
import { ManualTimers } from './timers';
import { validateMessage } from '../../src/shell/wps/messages';

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

function addForm(wb: MemoryWorkbook, name: string, department = '阳新县信访局', year = 2026): void {
  const s = wb.addSheet(name);
  const rows: CellValue[][] = typedForm().rows.map((r) => [...r]);
  rows[3]![1] = department;
  rows[2]![1] = `${year - 1}年11月26日`;
  rows[5] = [null, null, null, null, null, `${year - 2}年`, `${year - 1}年`];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) s.cell(r, c).value = v;
    }),
  );
}

const previousRules = (s: Session) => s.state.report!.findings.filter((f) => f.rule.startsWith('previous-'));

test('after 生成下一年度 the new sheet is compared with the form it came from, and a change is flagged in place', async () => {
  const wb = new MemoryWorkbook();
  addForm(wb, '申报表');
  const host = new MemoryHost(wb);
  const timers = new ManualTimers();
  const session = new Session(host, { timers });
  await session.validate('申报表');
  // The 2026 form alone: nothing to compare with.
  expect(session.state.compared).toBeNull();

  expect(await session.rollForward()).toBe('2027年度');
  expect(session.state.compared).toEqual({ kind: 'sheet', name: '申报表', year: 2026 });
  expect(previousRules(session)).toEqual([]);

  // The officer changes 人员类 上年 (G11) from last year's 当年 314.72: previous-funding, on that cell.
  host.userSetValue("'2027年度'!G11", 320);
  timers.advance(400);
  await flush();
  const found = previousRules(session);
  expect(found.map((f) => f.rule)).toEqual(['previous-funding']);
  expect(found[0]!.message).toContain('314.72');
  expect(found[0]!.cells.map((c) => `${c.sheet}!${c.row},${c.col}`)).toEqual(['2027年度!10,6']);
  expect(session.state.compared).toEqual({ kind: 'sheet', name: '申报表', year: 2026 });
  // Flagged like every other finding: the cell carries jixiao's fill.
  expect(wb.sheet('2027年度')!.get(10, 6)?.fill).toBeTruthy();

  // Back on the 2026 form: the 2027 copy is next year's, never last year's.
  await session.validate('申报表');
  expect(session.state.compared).toBeNull();
  expect(previousRules(session)).toEqual([]);
});

test('a sheet of another department, or of the same year, is not used; last year’s of the same department is', async () => {
  const wb = new MemoryWorkbook();
  addForm(wb, '别的单位', '阳新县财政局', 2026);
  addForm(wb, '副本', '阳新县信访局', 2027);
  addForm(wb, '本表', '阳新县信访局', 2027);
  const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
  await session.validate('本表');
  expect(session.state.compared).toBeNull();
  expect(session.state.comparedNote).toBeNull();
  expect(previousRules(session)).toEqual([]);

  addForm(wb, '上年', '阳新县信访局', 2026);
  await session.validate('本表');
  expect(session.state.compared).toEqual({ kind: 'sheet', name: '上年', year: 2026 });
  // The typed 2026 form and the typed 2027 one differ in their history: compared, so found.
  expect(previousRules(session).length).toBeGreaterThan(0);
  expect(previousRules(session).every((f) => f.cells.every((c) => c.sheet === '本表'))).toBe(true);
});

test('two sheets of last year’s form: nothing is compared, and the pane says why', async () => {
  const wb = new MemoryWorkbook();
  addForm(wb, '甲', '阳新县信访局', 2026);
  addForm(wb, '乙', '阳新县信访局', 2026);
  addForm(wb, '本表', '阳新县信访局', 2027);
  const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
  await session.validate('本表');
  expect(session.state.compared).toBeNull();
  expect(session.state.comparedNote).toBe(
    '工作簿中有 2 张“阳新县信访局”2026 年度的申报表（“甲”、“乙”），无法确定与哪一张对比，本表未与上年对比',
  );
  expect(previousRules(session)).toEqual([]);
});

test('the WPS ribbon’s 校验本表 dialog says what was compared with, and nothing when nothing was', async () => {
  const wb = new MemoryWorkbook();
  addForm(wb, '附件2', '阳新县信访局', 2026);
  addForm(wb, '本表', '阳新县信访局', 2027);
  const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
  const result = await session.validate('本表');
  expect(result.compared).toEqual({ kind: 'sheet', name: '附件2', year: 2026 });
  expect(validateMessage(result)).toContain('\n已与《2026年度》对比（工作表“附件2”）。\n');
  expect(validateMessage(await session.validate('附件2'))).not.toContain('对比');
});
