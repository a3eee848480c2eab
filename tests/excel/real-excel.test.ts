/**
 * What a real Excel does that the first fake never did (issue 7): protected
 * sheets, renamed sheets, co-authors' edits, the undo stack, Range.text that
 * depends on the column width, the 5 MB request limit, merged areas. Each
 * test here failed on the code before the fix.
 */
import { Session } from '../../src/app/session';
import { makeEnv, type ExcelLike, type OfficeLike } from '../../src/host/excel';
import { isRepairable, officeErrorText } from '../../src/host/excel/env';
import { AUTO_SHOW } from '../../src/host/excel/template';
import { readDeclaration } from '../../src/read';
import { FakeApiError } from '../fakes/office';
import { ManualTimers } from '../app/timers';
import { excelSetup, settle } from './harness';
import { finding } from '../helpers/findings';

const PARAMS = { department: '阳新县信访局', budgetYear: 2026, projectRows: 4, prefillCommon: true };

/** A session over the Excel host on the fake, with a generated and filled form (one wrong 占比 in G11). */
async function formSession(options: { apiMinor?: number; payloadLimit?: number } = {}) {
  const { fake, host } = excelSetup({ apiMinor: options.apiMinor ?? 18, payloadLimit: options.payloadLimit });
  fake.user.addSheet('Sheet1', [[null]]);
  const timers = new ManualTimers();
  const session = new Session(host, { timers, debounceMs: 400 });
  await host.listening();
  const sheet = (await session.generate(PARAMS))!;
  const q = (a: string) => `${sheet}!${a}`;
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
  await settle(fake);
  const live = async () => {
    await settle(fake);
    timers.advance(400);
    await settle(fake);
    // Waits for the queued live check (a check of the active sheet joins the queue behind it).
    await session.validate();
  };
  await live();
  return { fake, host, session, timers, sheet, q, live };
}

const counts = (fake: { state: { writes: number; settingsSaves: number; syncs: number } }) => ({
  writes: fake.state.writes,
  saves: fake.state.settingsSaves,
});

describe('a protected sheet (finance bureaus send protected templates)', () => {
  test('the findings reach the pane, and the pane says in Chinese why the cells are not marked', async () => {
    const { fake, session, sheet } = await formSession();
    await session.clear(sheet);
    fake.user.protect(sheet);
    const r = await session.validate(sheet);
    expect(r.error).toBeNull();
    expect(session.state.phase).toBe('ready');
    expect(session.state.report?.findings.some((f) => f.rule === 'funding-share')).toBe(true);
    expect(session.state.unflagged).toMatch(/工作表受保护/);
    expect(JSON.stringify(session.state)).not.toMatch(/AccessDenied|protected/);
  });

  test('AccessDenied is not "repaired": one attempt, and a Chinese message', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.protect('表');
    await host.readGrid('表');
    const runs = fake.state.runs.length;
    await expect(
      host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]),
    ).rejects.toThrow(/工作表受保护/);
    expect(fake.state.runs.length - runs).toBe(1);
    expect(fake.state.writes).toBe(0);
  });

  test('Office error codes map to Chinese; only stale-state errors take the repair path', () => {
    const e = (code: string) => new FakeApiError(code, 'English text from Office');
    expect(officeErrorText(e('AccessDenied'))).toMatch(/受保护/);
    expect(officeErrorText(e('RequestPayloadSizeLimitExceeded'))).toMatch(/数据量/);
    expect(officeErrorText(e('ResponsePayloadSizeLimitExceeded'))).toMatch(/数据量/);
    expect(officeErrorText(e('ItemNotFound'))).toMatch(/找不到/);
    expect(officeErrorText(e('ApiNotFound'))).toMatch(/版本/);
    expect(officeErrorText(e('SomethingNew'))).toMatch(/Excel 报告错误（SomethingNew）/);
    for (const code of ['AccessDenied', 'RequestPayloadSizeLimitExceeded', 'ApiNotFound', 'GeneralException'])
      expect(isRepairable(e(code))).toBe(false);
    for (const code of ['ItemNotFound', 'InvalidArgument']) expect(isRepairable(e(code))).toBe(true);
    expect(isRepairable(new Error('ours'))).toBe(false);
  });
});

describe('a renamed sheet', () => {
  test('live checks follow it, flags are replaced not doubled, and 清除标记 leaves nothing behind', async () => {
    const { fake, session, sheet, live } = await formSession();
    const rules = fake.inspect.conditionalFormats(sheet).length;
    const notes = fake.inspect.flagNotes(sheet);
    expect(rules).toBeGreaterThan(0);
    expect(notes.length).toBeGreaterThan(0);

    fake.user.renameSheet(sheet, '申报表（修改）');
    fake.user.setValue(`'申报表（修改）'!E13`, 34);
    await live();
    await settle(fake);
    expect(session.state.error).toBeNull();
    expect(session.state.sheet).toBe('申报表（修改）');
    expect(session.state.phase).toBe('ready');
    // Replaced, not laid over the old ones: exactly what a fresh check of the sheet gives.
    const afterLive = {
      rules: fake.inspect.conditionalFormats('申报表（修改）').length,
      notes: fake.inspect.flagNotes('申报表（修改）'),
    };
    await session.clear();
    await session.validate();
    expect({
      rules: fake.inspect.conditionalFormats('申报表（修改）').length,
      notes: fake.inspect.flagNotes('申报表（修改）'),
    }).toEqual(afterLive);

    await session.clear();
    expect(session.state.error).toBeNull();
    expect(fake.inspect.conditionalFormats('申报表（修改）')).toEqual([]);
    expect(fake.inspect.flagNotes('申报表（修改）')).toEqual([]);
  });

  test('host level: flags shown before a rename are cleared by the new name', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);
    fake.user.renameSheet('表', '表二');
    await host.readGrid('表二');
    await host.showFindings('表二', [finding({ rule: 'r', severity: 'warning', cells: ['表二!B1'] })]);
    expect(fake.inspect.flag('表二!A1')).toBeNull();
    await host.clearFindings('表二');
    expect(fake.inspect.conditionalFormats('表二')).toEqual([]);
    expect(fake.inspect.flagNotes('表二')).toEqual([]);
  });
});

describe('co-authoring', () => {
  test('a co-author’s edit starts no check and no rewrite', async () => {
    const { fake, session, q, timers } = await formSession();
    const before = { ...counts(fake), syncs: fake.state.syncs, checks: session.state.report };
    fake.user.remoteSetValue(q('E13'), 35);
    await settle(fake);
    expect(timers.pending).toBe(0);
    timers.advance(1000);
    await settle(fake);
    expect({ ...counts(fake), syncs: fake.state.syncs, checks: session.state.report }).toEqual(before);
  });
});

describe('the undo stack', () => {
  test('a check that changes nothing writes nothing: no flag rewrite, no settings save', async () => {
    const { fake, session, sheet, q, live } = await formSession();
    const before = counts(fake);
    await session.validate(sheet);
    expect(counts(fake)).toEqual(before);
    // The user types the value that is already there: a live check runs and finds the same.
    fake.user.setValue(q('E13'), 33);
    await live();
    expect(counts(fake)).toEqual(before);
    // A real change is flagged again.
    fake.user.setValue(q('G12'), 0.5);
    await live();
    expect(fake.state.writes).toBeGreaterThan(before.writes);
  });
});

describe('what a cell shows does not depend on the column width', () => {
  test('narrow columns (#### in Excel, fewer General digits) give the same findings as wide ones', async () => {
    const wide = await formSession();
    const narrow = await formSession();
    for (let col = 3; col <= 8; col++) narrow.fake.user.setColumnWidth(narrow.sheet, col, 3);
    await narrow.session.validate(narrow.sheet);
    const messages = (s: Session) => s.state.report!.findings.map((f) => `${f.rule} ${f.cells.join(',')} ${f.message}`);
    expect(messages(narrow.session)).toEqual(messages(wide.session));
  });

  test('the fake says no: Range.text of a narrow column is #### or fewer digits', async () => {
    const { fake, env } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[314.72, 0.841234567]]);
    fake.user.setNumberFormat('表!A1', '#,##0.00');
    fake.user.setColumnWidth('表', 0, 3);
    fake.user.setColumnWidth('表', 1, 4);
    const text = await env.run(async (context) => {
      const r = context.workbook.worksheets.getItem('表').getRange('A1:B1').load('text');
      await context.sync();
      return r.text;
    });
    expect(text).toEqual([['###', '0.84']]);
  });

  test('cells that hold only formatting are not read', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [
      ['部门名称', '阳新县信访局'],
      ['金额', 1],
    ]);
    // Formatting prepared far down the sheet (a template's 20,000 styled rows), no values there.
    for (let r = 3; r <= 20000; r++) fake.user.setNumberFormat(`表!C${r}`, '#,##0.00');
    const grid = await host.readGrid('表');
    expect(grid.values.length).toBe(2);
    expect(fake.state.largestResponse).toBeLessThan(100_000);
  });

  test('a large sheet is read in pieces below the response limit', async () => {
    const limit = 200_000;
    const { fake, host } = excelSetup({ apiMinor: 18, payloadLimit: limit });
    const rows = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 8 }, (_, c) => r * 10 + c + 0.25));
    fake.user.addSheet('表', rows);
    const grid = await host.readGrid('表');
    expect(grid.values.length).toBe(3000);
    expect(grid.values[2999]![7]).toBe(29997.25);
    expect(grid.text?.[2999]?.[7]).toBe('29997.25');
    expect(fake.state.largestResponse).toBeLessThanOrEqual(limit);
  });
});

describe('one note per finding, on its first visible cell', () => {
  test('a finding on D30:I30 gets one note (and six coloured cells)', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1]]);
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!D30:I30'] })]);
    expect(fake.inspect.flagNotes('表')).toEqual(['D30']);
    for (const c of ['D30', 'E30', 'F30', 'G30', 'H30', 'I30'])
      expect(fake.inspect.flag(`表!${c}`)?.severity).toBe('error');
  });

  test('a cell hidden inside a merged area gets no note: the merged area’s shown cell does', async () => {
    const { fake, host } = excelSetup({ apiMinor: 14 });
    fake.user.addSheet('表', [
      ['项目', null, 1],
      ['资金', null, 2],
    ]);
    fake.user.merge('表!A1:B1');
    fake.user.merge('表!A2:B2');
    await host.readGrid('表');
    await host.showFindings('表', [
      finding({ rule: 'a', severity: 'error', cells: ['表!B1'] }),
      finding({ rule: 'b', severity: 'warning', cells: ['表!A2:C2'] }),
    ]);
    expect(fake.inspect.flagNotes('表')).toEqual(['A1', 'A2']);
  });
});

describe('auto-open', () => {
  test('generating a form does not switch auto-open on; the user does, in the pane, and can turn it off', async () => {
    const { fake, session } = await formSession();
    expect(fake.state.settings.get(AUTO_SHOW) ?? null).toBeNull();
    expect(session.state.autoOpen).toBe(false);
    const saves = fake.state.settingsSaves;
    await session.setAutoOpen(true);
    expect(fake.state.settings.get(AUTO_SHOW)).toBe(true);
    expect(session.state.autoOpen).toBe(true);
    await session.setAutoOpen(false);
    expect(fake.state.settings.has(AUTO_SHOW)).toBe(false);
    expect(session.state.autoOpen).toBe(false);
    expect(fake.state.settingsSaves).toBe(saves + 2);
  });
});

describe('requirement sets', () => {
  test('nothing below the manifest’s ExcelApi 1.10 is asked for at run time', () => {
    const asked: string[] = [];
    const office: OfficeLike = {
      context: {
        requirements: {
          isSetSupported: (name, v) => {
            asked.push(`${name} ${v}`);
            return true;
          },
        },
      },
    };
    makeEnv({ run: async () => undefined } as unknown as ExcelLike, office);
    expect(asked.length).toBeGreaterThan(0);
    for (const a of asked) {
      const [, minor] = /ExcelApi 1\.(\d+)/.exec(a) ?? [];
      expect({ a, above: Number(minor) > 10 }).toEqual({ a, above: true });
    }
  });

  test('the template and the reader work on ExcelApi 1.10 (Office 2021 floor), flags as comments', async () => {
    const { fake, session, sheet } = await formSession({ apiMinor: 10 });
    expect(session.state.phase).toBe('ready');
    expect(readDeclaration(fake.wb.sheet(sheet) ? await session.host.readGrid(sheet) : (null as never)).form).toBe(
      true,
    );
    expect(fake.inspect.comments(sheet).length).toBeGreaterThan(0);
  });
});
