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
  expect(session.state.notice).toBe(text);
});
