import { writeExplanation } from '../../src/report/explanations';
import { Session } from '../../src/app/session';
import { MemoryHost } from '../fakes/memory';
import { MemoryWorkbook } from '../fakes/memory/workbook';
import type { Host } from '../../src/host/types';
import { ManualTimers } from './timers';
import { cellRef, refText } from '../../src/sheet/cell-range';
import { first } from '../helpers/refs';
import { readDeclaration } from '../../src/read';
import { indicatorRow } from '../helpers/form-builder';

const PARAMS = { department: '阳新县信访局', budgetYear: 2026, projectRows: 4, prefillCommon: true };

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

async function setup() {
  const wb = new MemoryWorkbook();
  const host = new MemoryHost(wb);
  const timers = new ManualTimers();
  const session = new Session(host, { timers, debounceMs: 400 });
  const sheet = (await session.generate(PARAMS))!;
  const q = (a: string) => `${sheet}!${a}`;
  return { wb, host, timers, session, sheet, q };
}

/** Fills the funding table as in the example (the shares keep their formulas). */
function fillFunding(host: MemoryHost, q: (a: string) => string) {
  host.userSetValue(q('E7'), 374.13);
  host.userSetValue(q('E8'), 0);
  host.userSetValue(q('E9'), 0);
  host.userSetValue(q('E11'), 314.72);
  host.userSetValue(q('E12'), 26.41);
  host.userSetValue(q('E13'), 33);
}

describe('Session over the memory host', () => {
  test('generate makes a new sheet, checks it and flags it', async () => {
    const { session, sheet, host, wb } = await setup();
    expect(wb.sheets.map((s) => s.name)).toContain(sheet);
    expect(session.state.phase).toBe('ready');
    expect(session.state.sheet).toBe(sheet);
    expect(session.state.flagsShown).toBe(true);
    const report = session.state.report!;
    expect(report.summary.errors).toBeGreaterThan(0);
    const first = report.findings.find((f) => !f.explained)!;
    const p = /!([A-Z]+)(\d+)/.exec(refText(first.cells[0]!))!;
    const col = p[1]!.charCodeAt(0) - 65;
    expect(host.savedLook(sheet, Number(p[2]) - 1, col)).toBeDefined();
  });

  test('a sheet that is not a declaration form: says why, and takes earlier flags away', async () => {
    const { session, sheet, host, wb } = await setup();
    const s = wb.sheet(sheet)!;
    // The user empties the sheet: it is no longer a form.
    s.cells.clear();
    s.merges = [];
    const r = await session.validate(sheet);
    expect(r.form).toBe(false);
    expect(session.state.phase).toBe('not-form');
    expect(session.state.reason).toBeTruthy();
    expect(host.savedLook(sheet, 3, 1)).toBeUndefined();
  });

  test('a wrong 占比 is an error with a fix; 修正 writes it and the finding is gone', async () => {
    const { session, host, q, timers } = await setup();
    fillFunding(host, q);
    host.userSetValue(q('G11'), 0.8399);
    timers.advance(400);
    await flush();
    const wrong = session.state.report!.findings.find((f) => f.rule === 'funding-share' && first(f) === q('G11'));
    expect(wrong?.severity).toBe('error');
    expect(wrong?.fix).toBeDefined();
    await session.fix(wrong!);
    expect(session.state.report!.findings.some((f) => f.rule === 'funding-share' && first(f) === q('G11'))).toBe(false);
    expect(session.state.notice).toContain('已修正');
  });

  test('a choice writes the picked value into the finding’s cell and the finding is gone; a value not offered writes nothing', async () => {
    const { session, host, sheet, wb } = await setup();
    const read = readDeclaration(await host.readGrid(sheet));
    if (!read.form) throw new Error(read.reason);
    const at = indicatorRow(read.declaration, 'annual', '预算执行率').basis.ref;
    const cell = refText(cellRef({ sheet, row: at.row, col: at.col }));
    const valueAt = () => wb.sheet(sheet)!.cell(at.row, at.col).value;
    host.userSetValue(cell, '领导要求');
    await session.validate();
    const basis = () => session.state.report!.findings.find((f) => f.rule === 'indicator-basis' && first(f) === cell);
    const found = basis()!;
    expect(found.choices?.values).toContain('计划标准');
    await session.choose(found, '不在列表中的值');
    expect(valueAt()).toBe('领导要求');
    await session.choose(found, '计划标准');
    expect(valueAt()).toBe('计划标准');
    expect(basis()).toBeUndefined();
    expect(session.state.notice).toBe(`已将 ${cell} 改为“计划标准”`);
  });

  test('说明 on a warning writes 校验说明 and the warning counts as explained', async () => {
    const { session, host, q, wb } = await setup();
    fillFunding(host, q);
    await session.validate();
    const warning = session.state.report!.findings.find((f) => f.severity === 'warning' && !f.explained)!;
    expect(warning).toBeDefined();
    const explainedBefore = session.state.report!.summary.explained;
    await session.explain(warning, '本单位情况特殊，已与财政局核实');
    const after = session.state.report!;
    expect(after.summary.explained).toBe(explainedBefore + 1);
    const same = after.findings.find((f) => f.rule === warning.rule && first(f) === first(warning))!;
    expect(same.explained).toBe(true);
    expect(JSON.stringify([...wb.sheet('校验说明')!.cells.values()].map((c) => c.value))).toContain('已与财政局核实');
  });

  test('live check: a burst of edits gives one check after the quiet period', async () => {
    const { session, host, q, timers } = await setup();
    const reads = jest.spyOn(host, 'readGrid');
    fillFunding(host, q); // six edits, like a paste
    expect(timers.pending).toBe(1);
    timers.advance(399);
    await flush();
    expect(reads).not.toHaveBeenCalled();
    timers.advance(1);
    await flush();
    expect(reads).toHaveBeenCalledTimes(1);
    expect(session.state.phase).toBe('ready');
  });

  test('live check follows declaration sheets only, and the switch turns it off', async () => {
    const { session, host, q, timers, wb } = await setup();
    const other = wb.addSheet('备注');
    other.cell(0, 0).value = '随手记';
    const reads = jest.spyOn(host, 'readGrid');
    host.userSetValue('备注!A2', '再记一笔');
    timers.advance(1000);
    await flush();
    expect(reads).not.toHaveBeenCalled();
    session.setLiveCheck(false);
    host.userSetValue(q('E7'), 1);
    timers.advance(1000);
    await flush();
    expect(reads).not.toHaveBeenCalled();
    session.setLiveCheck(true);
    host.userSetValue(q('E7'), 2);
    timers.advance(400);
    await flush();
    // The form once; 备注 once more, since it changed (it could now hold last year's form).
    expect(reads.mock.calls.map(([s]) => s).sort()).toEqual([session.state.sheet, '备注'].sort());
  });

  test('the live gate of the shell (checksLive) is asked at each edit: closed or throwing, the edit is not followed', async () => {
    const wb = new MemoryWorkbook();
    const host = new MemoryHost(wb);
    const timers = new ManualTimers();
    let gate: () => boolean = () => true;
    const session = new Session(host, { timers, debounceMs: 400, checksLive: () => gate() });
    const sheet = (await session.generate(PARAMS))!;
    const reads = jest.spyOn(host, 'readGrid');
    gate = () => false;
    host.userSetValue(`${sheet}!E7`, 1);
    expect(timers.pending).toBe(0);
    gate = () => {
      throw new Error('PluginStorage gone');
    };
    host.userSetValue(`${sheet}!E7`, 2);
    expect(timers.pending).toBe(0);
    gate = () => true;
    host.userSetValue(`${sheet}!E7`, 3);
    timers.advance(400);
    await flush();
    expect(reads).toHaveBeenCalledTimes(1);
  });

  test('an edit in 校验说明 re-checks the form with the new explanations', async () => {
    const { session, host, timers } = await setup();
    await writeExplanation(host, { rule: 'x', cell: 'A!A1', text: 't' });
    const explanations = jest.spyOn(host, 'readSheet');
    await session.validate();
    expect(explanations).not.toHaveBeenCalledWith('校验说明'); // cached from the first check
    host.userSetValue('校验说明!C3', '补充');
    timers.advance(400);
    await flush();
    expect(explanations.mock.calls.filter(([s]) => s === '校验说明')).toHaveLength(1);
  });

  test('checks never overlap, whatever calls them', async () => {
    const { session, host } = await setup();
    let running = 0;
    let most = 0;
    const read = host.readGrid.bind(host);
    jest.spyOn(host, 'readGrid').mockImplementation(async (s) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return read(s);
    });
    await Promise.all([session.validate(), session.validate(), session.clear(), session.validate()]);
    expect(most).toBe(1);
  });

  test('清除标记 removes the flags and a pending live check does not bring them back', async () => {
    const { session, host, q, sheet, timers } = await setup();
    host.userSetValue(q('E7'), 5);
    await session.clear();
    timers.advance(400);
    await flush();
    expect(session.state.flagsShown).toBe(false);
    for (let r = 0; r < 110; r++) for (let c = 0; c < 9; c++) expect(host.savedLook(sheet, r, c)).toBeUndefined();
  });

  test('a failing host gives the failed state with a Chinese message, never a rejection', async () => {
    class BrokenHost extends MemoryHost {
      override async activeSheet() {
        return '表';
      }
      override async readGrid(): Promise<never> {
        throw new Error('工作表“表”不存在');
      }
    }
    const broken: Host = new BrokenHost();
    const session = new Session(broken, { timers: new ManualTimers() });
    const r = await session.validate();
    expect(r.error).toMatch(/^校验失败：工作表“表”不存在/);
    expect(session.state.phase).toBe('failed');
  });

  test('subscribers see every state change; unsubscribing stops them', async () => {
    const { session } = await setup();
    const phases: string[] = [];
    const stop = session.subscribe((s) => phases.push(s.phase));
    await session.validate();
    expect(phases).toEqual(['checking', 'ready']);
    stop();
    await session.validate();
    expect(phases).toHaveLength(2);
  });
});
