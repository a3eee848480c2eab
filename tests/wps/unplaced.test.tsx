/**
 * @jest-environment jsdom
 */
/**
 * When WPS refuses to put a flag on its cell (a protected sheet, a comment the build will not let the
 * add-in read), the pane and the ribbon's 校验本表 say so in Chinese instead of going quiet.
 */
import { act } from 'react';
import { resetRuntimeSession } from '../../src/app/runtime';
import { NOTE_MARK } from '../../src/report/flags';
import { Session } from '../../src/app/session';
import { WpsHost, type EtApplication } from '../../src/host/wps';
import { mountPane } from '../../src/ui/mount';
import { BUTTONS } from '../../src/shell/wps/ribbon';
import { wpsRibbon } from '../../src/shell/wps/wiring';
import { createFakeEt, type FakeEtOptions } from '../fakes/wps';
import { ManualTimers } from '../app/timers';
import { loadExampleForm } from './forms';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

afterEach(() => {
  document.body.innerHTML = '';
  resetRuntimeSession();
});

async function paneOver(
  options: FakeEtOptions,
  prepare: (fake: ReturnType<typeof createFakeEt>, cell: string) => void,
) {
  const fake = createFakeEt(options);
  const cell = loadExampleForm(fake.workbook);
  prepare(fake, cell);
  const session = new Session(new WpsHost(fake.app as EtApplication), { timers: new ManualTimers() });
  const el = document.createElement('div');
  document.body.appendChild(el);
  await act(async () => {
    mountPane(el, session, { today: new Date(2025, 10, 26) });
  });
  await act(async () => {
    await session.validate();
  });
  return { el, session, fake, cell };
}

test('a protected sheet: the pane lists the problems and says that the cells carry no flag, and why', async () => {
  const { el, session } = await paneOver({}, (fake) => fake.ctx.protectedSheets.add(fake.workbook.sheet('附件2')!));
  expect(session.state.report!.findings.length).toBeGreaterThan(0);
  const warning = el.querySelector('[data-testid="flag-warning"]');
  expect(warning?.textContent).toMatch(/有 \d+ 个单元格没能标上标记/);
  expect(warning?.textContent).toContain('工作表受保护');
  expect(warning?.textContent).toContain('清单');
});

test('a comment that cannot be read: that cell is named, the others are flagged', async () => {
  const { el, fake, cell } = await paneOver({ comments: 'no-text' }, (f, c) => f.user.setNote(c, '审核意见：待核实'));
  const warning = el.querySelector('[data-testid="flag-warning"]');
  expect(warning?.textContent).toContain(cell.split('!')[1]);
  expect(warning?.textContent).toContain('原有批注');
  const flagged = [...fake.workbook.sheet('附件2')!.cells.values()].filter((c) => c.note?.includes(NOTE_MARK));
  expect(flagged.length).toBeGreaterThan(0);
});

test('every flag placed: no warning', async () => {
  const { el } = await paneOver({}, () => undefined);
  expect(el.querySelector('[data-testid="flag-warning"]')).toBeNull();
});

test('校验本表 on a protected sheet tells that the flags are missing and where to see the list', async () => {
  const fake = createFakeEt();
  loadExampleForm(fake.workbook);
  fake.ctx.protectedSheets.add(fake.workbook.sheet('附件2')!);
  const alerts: string[] = [];
  const ribbon = wpsRibbon({
    Application: fake.app,
    location: { href: 'file:///jsaddons/jixiao_0.1.0/index.html' },
    alert: (m) => alerts.push(m),
  });
  ribbon.OnAction({ Id: BUTTONS.validate });
  for (let i = 0; i < 200 && alerts.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  expect(alerts[0]).toMatch(/^校验完成：错误 \d+ 项/);
  expect(alerts[0]).toContain('没能标上标记');
  expect(alerts[0]).toContain('工作表受保护');
  expect(alerts[0]).not.toContain('问题已标在单元格上');
});
