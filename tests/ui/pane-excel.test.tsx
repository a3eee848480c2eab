/**
 * @jest-environment jsdom
 */
/** The pane over the Excel host on the fake Office.js: what a real Excel's refusals look like in the pane. */
import { act } from 'react';
import { Session } from '../../src/app/session';
import { AUTO_SHOW } from '../../src/host/excel/template';
import { mountPane } from '../../src/ui/mount';
import { excelSetup, settle } from '../excel/harness';
import { ManualTimers } from '../app/timers';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

afterEach(() => {
  document.body.innerHTML = '';
});

async function render() {
  const { fake, host } = excelSetup({ apiMinor: 18 });
  fake.user.addSheet('Sheet1', [[null]]);
  const session = new Session(host, { timers: new ManualTimers() });
  const el = document.createElement('div');
  document.body.appendChild(el);
  await act(async () => {
    mountPane(el, session, { today: new Date(2025, 10, 26) });
  });
  const run = async (f: () => Promise<unknown>) => {
    await act(async () => {
      await f();
      await settle(fake);
    });
  };
  return { fake, session, el, run };
}

test('a protected sheet: the findings are listed and the pane says in Chinese why the cells are not marked', async () => {
  const { fake, session, el, run } = await render();
  let sheet = '';
  await run(async () => {
    sheet = (await session.generate({ department: '阳新县信访局', budgetYear: 2026 }))!;
    await session.clear(sheet);
  });
  fake.user.protect(sheet);
  await run(() => session.validate(sheet));
  expect(el.textContent).toContain('单元格上没有标出问题：');
  expect(el.textContent).toContain('工作表受保护');
  expect(el.querySelectorAll('li[data-rule]').length).toBeGreaterThan(0);
  expect(el.textContent).not.toMatch(/AccessDenied|没能完成校验/);
});

test('the auto-open switch: off by default, on and off again by the user', async () => {
  const { fake, el, run } = await render();
  await run(async () => undefined);
  const box = () =>
    [...el.querySelectorAll('input[type="checkbox"]')].find((i) =>
      i.closest('div')?.parentElement?.textContent?.includes('自动打开助手'),
    ) as HTMLInputElement;
  expect(box()).toBeDefined();
  expect(box().checked).toBe(false);
  await run(async () => {
    box().click();
    await new Promise((r) => setTimeout(r, 20));
  });
  expect(fake.state.settings.get(AUTO_SHOW)).toBe(true);
  expect(box().checked).toBe(true);
  await run(async () => {
    box().click();
    await new Promise((r) => setTimeout(r, 20));
  });
  expect(fake.state.settings.has(AUTO_SHOW)).toBe(false);
});
