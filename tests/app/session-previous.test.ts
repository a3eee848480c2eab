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
import ExcelJS from 'exceljs';
import { specToXlsx } from '../next/helpers';

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

test('an edit of last year’s sheet while this page does not check live is not forgotten (WPS: the other page checks)', async () => {
  const wb = new MemoryWorkbook();
  addForm(wb, '上年', '阳新县信访局', 2026);
  addForm(wb, '本表', '阳新县信访局', 2027);
  const host = new MemoryHost(wb);
  const timers = new ManualTimers();
  let live = true;
  const session = new Session(host, { timers, checksLive: () => live });
  await session.validate('本表', { auto: true });
  expect(session.state.compared).toMatchObject({ name: '上年' });
  live = false;
  host.userSetValue('上年!B4', '阳新县财政局');
  live = true;
  host.userSetValue('本表!H4', '0714-1234567');
  timers.advance(400);
  await flush();
  expect(session.state.compared).toBeNull();
});

describe('last year’s workbook picked from disk', () => {
  async function lastYearBytes(year = 2026): Promise<Uint8Array> {
    const spec = typedForm();
    const rows: CellValue[][] = spec.rows.map((r) => [...r]);
    rows[2]![1] = `${year - 1}年11月26日`;
    rows[5] = [null, null, null, null, null, `${year - 2}年`, `${year - 1}年`];
    return specToXlsx({ ...spec, rows }, '附件2');
  }

  test('its form is compared with until cleared; the findings are flagged on the sheet checked', async () => {
    const wb = new MemoryWorkbook();
    addForm(wb, '本表', '阳新县信访局', 2027);
    const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
    await session.validate('本表');
    expect(session.state.compared).toBeNull();
    const bytes = await lastYearBytes();
    await session.pickPreviousFile('2026年申报表.xlsx', bytes.length, async () => bytes);
    expect(session.state.previousFile).toEqual({ name: '2026年申报表.xlsx', year: 2026 });
    expect(session.state.previousFileError).toBeNull();
    expect(session.state.compared).toEqual({ kind: 'file', name: '2026年申报表.xlsx', year: 2026 });
    const found = previousRules(session);
    expect(found.length).toBeGreaterThan(0);
    const cell = found[0]!.cells[0]!;
    expect(cell.sheet).toBe('本表');
    expect(wb.sheet('本表')!.get(cell.row, cell.col)?.fill).toBeTruthy();
    // It lasts for the session: another check still compares with it.
    await session.validate('本表');
    expect(session.state.compared).toMatchObject({ kind: 'file' });
    await session.clearPreviousFile();
    expect(session.state.previousFile).toBeNull();
    expect(session.state.compared).toBeNull();
    expect(previousRules(session)).toEqual([]);
  });

  test('a damaged file, an old .xls, a file too large or a workbook without a form: one Chinese message, the sheet checked alone', async () => {
    const wb = new MemoryWorkbook();
    addForm(wb, '本表', '阳新县信访局', 2027);
    const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
    await session.validate('本表');
    const damaged = new TextEncoder().encode('这不是工作簿');
    await session.pickPreviousFile('坏.xlsx', damaged.length, async () => damaged);
    expect(session.state.previousFileError).toBe('无法使用上年申报表“坏.xlsx”：文件已损坏，或不是 .xlsx 格式');
    expect(session.state.previousFile).toBeNull();
    expect(session.state.phase).toBe('ready');
    expect(session.state.compared).toBeNull();
    expect(previousRules(session)).toEqual([]);

    const load = jest.fn(async () => new Uint8Array(0));
    await session.pickPreviousFile('大.xlsx', 200 * 1024 * 1024, load);
    expect(load).not.toHaveBeenCalled();
    expect(session.state.previousFileError).toBe(
      '无法使用上年申报表“大.xlsx”：文件过大：200 MB，超过 100 MB 的读取上限',
    );

    await session.pickPreviousFile('旧.xls', 10, load);
    expect(session.state.previousFileError).toMatch(/^无法使用上年申报表“旧\.xls”：不支持旧版 \.xls 格式/);

    const other = new ExcelJS.Workbook();
    other.addWorksheet('工资').getCell('A1').value = '工资表';
    const notForm = new Uint8Array(await other.xlsx.writeBuffer());
    await session.pickPreviousFile('工资.xlsx', notForm.length, async () => notForm);
    expect(session.state.previousFileError).toMatch(/^无法使用上年申报表“工资\.xlsx”：不是部门整体绩效目标申报表（/);
    expect(session.state.phase).toBe('ready');
  });

  test('a bomb in disguise (an entry that inflates past the size its directory states) is refused, as on the command line', async () => {
    const wb = new MemoryWorkbook();
    addForm(wb, '本表', '阳新县信访局', 2027);
    const session = new Session(new MemoryHost(wb), { timers: new ManualTimers() });
    const bytes = await lastYearBytes();
    // Every entry claims 100 bytes, in the central directory and in its local header.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 46 <= bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x02014b50 && view.getUint32(i + 24, true) > 100) view.setUint32(i + 24, 100, true);
      if (sig === 0x04034b50 && view.getUint32(i + 22, true) > 100) view.setUint32(i + 22, 100, true);
    }
    await session.pickPreviousFile('伪装.xlsx', bytes.length, async () => bytes);
    expect(session.state.previousFileError).toMatch(
      /^无法使用上年申报表“伪装\.xlsx”：文件已损坏.*（条目 .* (解压失败|的实际大小与目录不符)）$/,
    );
    expect(session.state.previousFile).toBeNull();
    await session.validate('本表');
    expect(session.state.phase).toBe('ready');
    expect(session.state.compared).toBeNull();
  });
});
