/**
 * The user's undo stack (issue 17). The fake now behaves as Excel does: below ExcelApi 1.20
 * (Office 2021/2024, older Microsoft 365) an add-in's write and settings.saveAsync() EMPTY the
 * user's undo stack; from 1.20 each write is an undo step, one per Excel.run with
 * mergeUndoGroup; Worksheet.copy is never undoable. The code must keep Ctrl+Z working while the
 * officer types.
 */
import { Session } from '../../src/app/session';
import type { Finding } from '../../src/report/types';
import { ManualTimers } from '../app/timers';
import { excelSetup, settle } from './harness';
import { refs } from '../helpers/refs';

const PARAMS = { department: '阳新县信访局', budgetYear: 2026, projectRows: 4, prefillCommon: true };

/** A generated form filled by the user, with one wrong 占比 (G11); checked once by the ribbon's 校验本表. */
async function typedForm(apiMinor: number) {
  const { fake, host } = excelSetup({ apiMinor });
  fake.user.addSheet('Sheet1', [[null]]);
  const timers = new ManualTimers();
  const session = new Session(host, { timers, debounceMs: 400 });
  await host.listening();
  const sheet = (await session.generate(PARAMS))!;
  const q = (a: string) => `${sheet}!${a}`;
  const live = async () => {
    await settle(fake);
    timers.advance(400);
    await settle(fake);
    await session.validate(sheet, { auto: true });
  };
  for (const [cell, v] of [
    ['E7', 374.13],
    ['E8', 0],
    ['E9', 0],
    ['E11', 314.72],
    ['E12', 26.41],
    ['E13', 33],
    ['G11', 0.8399],
  ] as const) {
    fake.user.setValue(q(cell), v);
  }
  await live();
  // The officer asks for the flags once (校验本表): on an old Excel that empties the undo stack, as documented.
  await session.validate(sheet);
  return { fake, host, session, sheet, q, live };
}

const share = (s: Session) => s.state.report?.findings.filter((f) => f.rule === 'funding-share').length ?? 0;

describe('below ExcelApi 1.20 (Office 2021/2024): typing keeps Ctrl+Z', () => {
  test('the fake says no: an add-in write or a settings save empties the undo stack', async () => {
    const { fake, env } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1]]);
    fake.user.setValue('表!A1', 2);
    fake.user.setValue('表!A1', 3);
    expect(fake.state.undoDepth).toBe(2);
    await env.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('表').getRange('B1').values = [[1]];
      await ctx.sync();
    });
    expect(fake.state.undoDepth).toBe(0);
    fake.user.setValue('表!A1', 4);
    env.settings!.set('x', 1);
    await new Promise<void>((r) => env.settings!.saveAsync(() => r()));
    expect(fake.state.undoDepth).toBe(0);
  });

  test('live checks while the officer types write no flags: every edit can still be undone', async () => {
    const { fake, session, sheet, q, live } = await typedForm(18);
    expect(share(session)).toBe(1);
    const depth = fake.state.undoDepth;
    const writes = fake.state.writes;
    fake.user.setValue(q('G11'), 0.8412); // the wrong 占比 corrected
    await live();
    fake.user.setValue(q('E13'), 34); // a new problem
    await live();
    fake.user.setValue(q('E13'), 33);
    await live();
    expect(session.state.error).toBeNull();
    expect(session.state.sheet).toBe(sheet);
    expect(share(session)).toBe(0); // the pane follows the typing
    expect(fake.state.writes).toBe(writes); // nothing written to the workbook
    expect(fake.state.undoDepth).toBe(depth + 3); // all three edits undoable
    expect(fake.state.settingsSaves).toBe(0);
  });
});

describe('ExcelApi 1.20 and later: each flag update is one undo step', () => {
  test('a live check that changes the flags adds exactly one undo step, a check that changes nothing none', async () => {
    const { fake, session, q, live } = await typedForm(20);
    const depth = fake.state.undoDepth;
    fake.user.setValue(q('G11'), 0.8412);
    await live();
    expect(share(session)).toBe(0);
    expect(fake.state.undoDepth).toBe(depth + 2); // the edit, and the flags' one step
    fake.user.setValue(q('E8'), 0); // the same value again: same findings
    await live();
    expect(fake.state.undoDepth).toBe(depth + 3);
    expect(fake.state.settingsSaves).toBe(0);
  });

  test('clearing the flags after a reopen is one undo step too', async () => {
    const { fake, session, sheet } = await typedForm(20);
    const again = fake.reopen();
    const { ExcelHost, makeEnv } = await import('../../src/host/excel');
    const host = new ExcelHost(makeEnv(again.Excel as never, again.Office));
    const depth = again.state.undoDepth;
    await new Session(host).clear(sheet);
    expect(again.inspect.conditionalFormats(sheet)).toEqual([]);
    expect(again.state.undoDepth).toBe(depth + 1);
    expect(session.state.error).toBeNull();
  });
});

describe('settings are not saved when flags change', () => {
  test.each([10, 14, 18, 20])('ExcelApi 1.%i: showing and clearing flags saves no settings', async (apiMinor) => {
    const { fake, host } = excelSetup({ apiMinor });
    fake.user.addSheet('表', [[1, 2]]);
    const f: Finding = {
      rule: 'r',
      severity: 'error',
      message: 'm',
      section: 'funding',
      explained: false,
      cells: refs(['表!A1']),
    };
    await host.readGrid('表');
    await host.showFindings('表', [f]);
    await host.readGrid('表');
    await host.showFindings('表', []);
    await host.clearFindings('表');
    expect(fake.state.settingsSaves).toBe(0);
  });
});

describe('ExcelApi 1.20: how the batches reach Excel', () => {
  test('from 1.20 every batch (the flags’ included) runs as one merged undo group; below 1.20 the option is never sent', async () => {
    for (const apiMinor of [18, 20]) {
      const { fake, session, q, live } = await typedForm(apiMinor);
      fake.state.runs.length = 0;
      fake.user.setValue(q('G11'), 0.8412);
      await live();
      await session.validate();
      const sent = fake.state.runs.map((r) => r.mergeUndoGroup === true);
      expect({ apiMinor, runs: sent.length > 0, merged: sent.every((m) => m === apiMinor >= 20) }).toEqual({
        apiMinor,
        runs: true,
        merged: true,
      });
    }
  });

  test('生成下一年度 on a current Microsoft 365: the copy runs outside an undo group, works, and cannot be undone', async () => {
    const { fake, session, sheet } = await typedForm(20);
    expect(fake.state.undoDepth).toBeGreaterThan(0);
    const clears = fake.state.undoClears;
    fake.state.runs.length = 0;
    const copy = await session.rollForward(sheet);
    expect(session.state.error).toBeNull();
    expect(copy).toBe('2027年度');
    expect(fake.wb.sheet('2027年度')).toBeDefined();
    // Excel keeps no undo step for a sheet copy: the stack is empty afterwards, as the confirmation says.
    expect(fake.state.undoClears).toBe(clears + 1);
    const copyRuns = fake.state.runs.filter((r) => r.mergeUndoGroup !== true);
    expect(copyRuns.length).toBeGreaterThan(0);
  });

  test('a batch Excel refuses as a merged undo group (UndoNotSupported) runs again ungrouped', async () => {
    const { fake, env } = excelSetup({ apiMinor: 20 });
    fake.user.addSheet('表', [[1]]);
    const name = await env.run(async (ctx) => {
      const source = ctx.workbook.worksheets.getItem('表');
      const copy = source.copy('After', source);
      copy.load('name');
      await ctx.sync();
      return copy.name;
    });
    expect(name).toBe('表 (2)');
    expect(fake.state.runs.map((r) => r.mergeUndoGroup === true)).toEqual([true, false]);
    expect(fake.wb.sheets.map((s) => s.name)).toEqual(['表', '表 (2)']);
  });
});
