/**
 * The ribbon callbacks as the main page installs them, driven with the fake
 * ET Application: 校验本表 flags the example's wrong 占比 and tells the
 * counts; 打开助手 toggles one pane kept in PluginStorage; 生成申报表 opens
 * the pane on its template form; everything answers synchronously.
 */
import { resetRuntimeSession } from '../../src/app/runtime';
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { PANE_ID_KEY } from '../../src/host/wps/pane';
import { parseAddress } from '../../src/sheet/ref';
import { BUTTONS, GENERATE_HASH, IMAGES } from '../../src/shell/wps/ribbon';
import { wpsRibbon } from '../../src/shell/wps/wiring';
import { createFakeEt, type FakeEtOptions } from '../fakes/wps';
import { loadExampleForm } from './forms';

function page(options: FakeEtOptions = {}) {
  const fake = createFakeEt(options);
  const alerts: string[] = [];
  const win = {
    Application: fake.app,
    location: { href: 'file:///jsaddons/jixiao_0.1.0/index.html' },
    alert: (m: string) => alerts.push(m),
  };
  const ribbon = wpsRibbon(win);
  return { fake, alerts, ribbon };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

afterEach(() => resetRuntimeSession());

test('校验本表 flags the wrong 占比 at its cell and reports the counts', async () => {
  const { fake, alerts, ribbon } = page();
  const cell = loadExampleForm(fake.workbook);
  const result = ribbon.OnAction({ Id: BUTTONS.validate });
  expect(result).toBeUndefined();
  await until(() => alerts.length > 0);
  const p = parseAddress(cell)!;
  const flagged = fake.workbook.sheet('附件2')!.get(p.row, p.col)!;
  expect(flagged.fill).toBe(FLAG_FILL.error);
  expect(flagged.note).toContain(NOTE_MARK);
  expect(flagged.note).toContain('84.12%');
  expect(flagged.value).toBe(0.8399);
  expect(alerts[0]).toMatch(/^校验完成：错误 \d+ 项，提示 \d+ 项/);
});

test('校验本表 on a sheet that is not a form says so and offers 生成申报表', async () => {
  const { fake, alerts, ribbon } = page();
  fake.user.addSheet('随便', [['你好']]);
  ribbon.OnAction({ Id: BUTTONS.validate });
  await until(() => alerts.length > 0);
  expect(alerts[0]).toContain('不是部门整体绩效目标申报表');
  expect(alerts[0]).toContain('生成申报表');
});

test('without a workbook the buttons say what to do instead of failing', () => {
  const { alerts, ribbon } = page({ noWorkbook: true });
  ribbon.OnAction({ Id: BUTTONS.validate });
  ribbon.OnAction({ Id: BUTTONS.pane });
  expect(alerts).toEqual(['请先打开或新建一个工作簿。', '请先打开或新建一个工作簿。']);
});

test('打开助手 creates the pane once, keeps its id in PluginStorage, and toggles it', () => {
  const { fake, ribbon } = page();
  fake.user.addSheet('表', [[1]]);
  ribbon.OnAction({ Id: BUTTONS.pane });
  expect(fake.panes.size).toBe(1);
  const [pane] = [...fake.panes.values()];
  expect(pane!.url).toBe('file:///jsaddons/jixiao_0.1.0/taskpane.html');
  expect(pane!.Visible).toBe(true);
  expect(Number(fake.ctx.storage.get(PANE_ID_KEY))).toBe(pane!.ID);
  ribbon.OnAction({ Id: BUTTONS.pane });
  expect(pane!.Visible).toBe(false);
  ribbon.OnAction({ Id: BUTTONS.pane });
  expect(pane!.Visible).toBe(true);
  expect(fake.panes.size).toBe(1);
});

test('生成申报表 opens the pane on the template form (navigating an open pane there)', () => {
  const { fake, ribbon } = page();
  fake.user.addSheet('表', [[1]]);
  ribbon.OnAction({ Id: BUTTONS.generate });
  const [pane] = [...fake.panes.values()];
  expect(pane!.url).toBe(`file:///jsaddons/jixiao_0.1.0/taskpane.html${GENERATE_HASH}-1`);
  expect(pane!.Visible).toBe(true);
  ribbon.OnAction({ Id: BUTTONS.pane });
  ribbon.OnAction({ Id: BUTTONS.generate });
  expect(fake.panes.size).toBe(1);
  expect(pane!.Visible).toBe(true);
  // A new hash each time: a pane already on the form (or switched back to the list) still follows.
  expect(pane!.url).toBe(`file:///jsaddons/jixiao_0.1.0/taskpane.html${GENERATE_HASH}-2`);
});

test('GetImage and GetEnabled answer synchronously for every button; OnAddinLoad returns true', () => {
  const { ribbon } = page();
  for (const id of Object.values(BUTTONS)) {
    expect(ribbon.GetImage({ Id: id })).toBe(IMAGES[id]);
    expect(ribbon.GetEnabled({ Id: id })).toBe(true);
  }
  expect(ribbon.OnAddinLoad({})).toBe(true);
});

test('after 校验本表, the main page keeps the flags current while the pane is hidden, and leaves it to the pane when shown', async () => {
  const { fake, alerts, ribbon } = page();
  const cell = loadExampleForm(fake.workbook);
  ribbon.OnAction({ Id: BUTTONS.validate });
  await until(() => alerts.length > 0);
  const p = parseAddress(cell)!;
  const s = fake.workbook.sheet('附件2')!;
  fake.user.type(cell, '84.12%');
  await until(() => s.get(p.row, p.col)!.note === null);
  expect(s.get(p.row, p.col)!.note).toBeNull();
  expect(s.get(p.row, p.col)!.fill).toBeNull();

  ribbon.OnAction({ Id: BUTTONS.pane });
  fake.user.type(cell, 0.5);
  await new Promise((r) => setTimeout(r, 700));
  expect(s.get(p.row, p.col)!.note).toBeNull();
});
