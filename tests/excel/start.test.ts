/**
 * @jest-environment jsdom
 */
/** The pane's start in Excel and the ribbon's 校验本表, over the fake Office.js. */
import { act } from 'react';
import { resetRuntimeSession, runtimeSession } from '../../src/app/runtime';
import { validateSheet } from '../../src/shell/excel/commands';
import { ExcelHost, makeEnv, type ExcelLike } from '../../src/host/excel';
import { startPane } from '../../src/shell/excel/start';
import { createFakeOffice } from '../fakes/office';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const fake = createFakeOffice({ apiMinor: 18 });
  fake.user.addSheet('Sheet1', [['随手记']]);
  const host = new ExcelHost(makeEnv(fake.Excel as unknown as ExcelLike, fake.Office));
  const reads: string[] = [];
  const readGrid = host.readGrid.bind(host);
  host.readGrid = (sheet) => {
    reads.push(sheet);
    return readGrid(sheet);
  };
  return { fake, host, reads };
}

afterEach(() => {
  resetRuntimeSession();
  document.body.innerHTML = '';
});

test('start-up checks once, although Office reports the pane visible while it opens', async () => {
  const { fake, host, reads } = setup();
  const root = document.createElement('div');
  document.body.appendChild(root);
  await act(async () => {
    startPane(fake.Office, root, () => host);
    for (let i = 0; i < 20; i++) await tick();
  });
  expect(reads).toEqual(['Sheet1']);
  // Reopening the pane later checks again.
  await act(async () => {
    await fake.Office.addin.hide();
    for (let i = 0; i < 5; i++) await tick();
  });
  await act(async () => {
    await fake.Office.addin.showAsTaskpane();
    for (let i = 0; i < 20; i++) await tick();
  });
  expect(reads).toEqual(['Sheet1', 'Sheet1']);
});

test('the ribbon’s 校验本表 opens the pane and says a check is running before the check is done', async () => {
  const { fake, host } = setup();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const readGrid = host.readGrid.bind(host);
  host.readGrid = async (sheet) => {
    await gate;
    return readGrid(sheet);
  };
  const session = runtimeSession(() => host);
  const done = validateSheet(fake.Office, session);
  for (let i = 0; i < 5; i++) await tick();
  expect(fake.shown.taskpane).toBe(1);
  expect(session.state.notice).toBe('正在校验当前工作表…');
  release();
  const text = await done;
  expect(text).toMatch(/不是部门整体绩效目标申报表/);
  // One message per outcome: the pane's not-a-form section says it, no notice repeats it.
  expect(session.state.phase).toBe('not-form');
  expect(session.state.notice).toBeNull();
});

test('the ribbon’s 校验本表 on a form with errors on a protected sheet: one message per outcome, each in its colour', async () => {
  const { fake, host } = setup();
  const session = runtimeSession(() => host);
  const sheet = (await session.generate({ department: '阳新县信访局', budgetYear: 2026, projectRows: 4 }))!;
  await session.clear(sheet);
  fake.user.setValue(`${sheet}!E7`, 100);
  fake.user.setValue(`${sheet}!E11`, 50);
  fake.user.setValue(`${sheet}!G11`, 0.9);
  fake.user.protect(sheet);
  const text = await validateSheet(fake.Office, session);
  expect(text).toMatch(/错误 [1-9]/);
  // The counts, as a warning (not a green success bar), and only once: the reason the cells are
  // not marked is said by its own bar (state.unflagged), not appended to the counts again.
  expect(session.state.notice).toBe(text);
  expect(session.state.noticeIntent).toBe('warning');
  expect(session.state.notice).not.toMatch(/受保护/);
  expect(session.state.unflagged).toMatch(/工作表受保护/);
});

test('the ribbon’s 校验本表 on a clean form says so in a success bar', async () => {
  const { host } = setup();
  const session = runtimeSession(() => host);
  const sheet = (await session.generate({ department: '阳新县信访局', budgetYear: 2026, projectRows: 4 }))!;
  const r = await session.validate(sheet);
  const errors = r.report!.summary.errors;
  const text = await validateSheet({ ...createFakeOffice().Office, actions: { associate: () => undefined } }, session);
  expect(session.state.noticeIntent).toBe(errors === 0 ? 'success' : 'warning');
  expect(session.state.notice).toBe(text);
});

test('the pane follows an Office theme change while it is open (Excel raises no event: focus and a poll)', async () => {
  const { fake, host } = setup();
  const root = document.createElement('div');
  document.body.appendChild(root);
  // Fluent UI inserts the theme's CSS variables as rules of a style sheet (no text content).
  const styles = () =>
    [...document.querySelectorAll('style')]
      .flatMap((s) => [...(s.sheet?.cssRules ?? [])].map((r) => r.cssText))
      .join('\n');
  await act(async () => {
    startPane(fake.Office, root, () => host);
    for (let i = 0; i < 20; i++) await tick();
  });
  expect(styles()).not.toMatch(/#262626/i);
  // The user picks Office's Black theme in File → Account; the property changes, no event comes.
  fake.Office.context.officeTheme = { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' };
  await act(async () => {
    window.dispatchEvent(new Event('focus'));
    for (let i = 0; i < 5; i++) await tick();
  });
  expect(styles()).toMatch(/--colorNeutralBackground1:\s*#262626/i);
});
