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

type Rendered = Awaited<ReturnType<typeof render>>;

async function render(apiMinor = 18) {
  const { fake, host } = excelSetup({ apiMinor });
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

/**
 * A generated form with wrong amounts and a value typed over the 占比 formula in G11 (a locked cell), checked:
 * the pane lists findings with 修正. Returns the sheet's name.
 */
async function checkedFormWithErrors(
  fake: Rendered['fake'],
  session: Rendered['session'],
  run: Rendered['run'],
): Promise<string> {
  let sheet = '';
  await run(async () => {
    sheet = (await session.generate({ department: '阳新县信访局', budgetYear: 2026, projectRows: 4 }))!;
    fake.user.setValue(`${sheet}!E7`, 100);
    fake.user.setValue(`${sheet}!E11`, 50);
    fake.user.setValue(`${sheet}!G11`, 0.9);
    await session.validate(sheet);
  });
  return sheet;
}

const buttons = (el: HTMLElement, name: string) =>
  [...el.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent === name);

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
  // A fresh template's findings are all blanks: listed under 待填写, per section, with links to the cells.
  expect(el.querySelector('[data-testid="blanks"]')?.textContent).toMatch(/待填写（\d+ 处空着的单元格）/);
  expect(el.querySelector('[data-testid="blanks-funding"]')?.textContent).toMatch(/部门总体资金情况 \d+ 处：E7/);
  expect(el.querySelector('[data-testid="verdict"]')?.textContent).toMatch(/还有 \d+ 处待填写，填完后才能提交/);
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

test('after Excel refused the flags on a protected sheet, 修正 is off (the fix would be refused too)', async () => {
  const { fake, session, el, run } = await render();
  const sheet = await checkedFormWithErrors(fake, session, run);
  const fixes = () => buttons(el, '修正');
  expect(fixes().length).toBeGreaterThan(0);
  expect(fixes().every((b) => !b.disabled)).toBe(true);
  fake.user.protect(sheet);
  // The officer types into an input cell (allowed on the protected sheet); the new flags are refused.
  fake.user.setValue(`${sheet}!G11`, 0.8);
  await run(() => session.validate(sheet));
  expect(session.state.writeDenied).toBe(sheet);
  expect(fixes().length).toBeGreaterThan(0);
  expect(fixes().every((b) => b.disabled)).toBe(true);
  // Protection off: the next check marks the cells again and 修正 comes back.
  fake.user.protect(sheet, false);
  await run(() => session.validate(sheet));
  expect(fixes().every((b) => !b.disabled)).toBe(true);
});

test('修正 refused by Excel (the sheet was protected after the check): one error, and 修正 is off on that sheet', async () => {
  const { fake, session, el, run } = await render();
  const sheet = await checkedFormWithErrors(fake, session, run);
  expect(session.state.writeDenied).toBeNull();
  const fixes = () => buttons(el, '修正');
  expect(fixes().length).toBeGreaterThan(0);
  expect(fixes().every((b) => !b.disabled)).toBe(true);
  // Protection comes on without an edit (no check runs); the officer clicks 修正 on the locked 占比 cell.
  fake.user.protect(sheet);
  const g11 = [...el.querySelectorAll<HTMLElement>('li[data-rule]')].find((li) => li.textContent?.includes('G11'));
  const fix = [...(g11?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent === '修正');
  expect(fix).toBeDefined();
  await run(async () => fix!.click());
  await run(async () => undefined);
  expect(fake.inspect.value(`${sheet}!G11`)).toBe(0.9);
  expect(session.state.error).toMatch(/^修正失败：.*工作表受保护/);
  expect(session.state.writeDenied).toBe(sheet);
  expect(fixes().length).toBeGreaterThan(0);
  expect(fixes().every((b) => b.disabled)).toBe(true);
});

test('below ExcelApi 1.20: the pane says once that marking clears undo; live results wait for 标出问题', async () => {
  window.localStorage.clear();
  const { fake, session, el, run } = await render(18);
  expect(el.querySelector('[data-testid="undo-warning"]')?.textContent).toContain('清空 Excel 的撤消记录');
  let sheet = '';
  await run(async () => {
    sheet = (await session.generate({ department: '阳新县信访局', budgetYear: 2026, projectRows: 4 }))!;
  });
  const before = fake.inspect.conditionalFormats(sheet).length;
  fake.user.setValue(`${sheet}!E7`, 100);
  await run(() => session.validate(sheet, { auto: true }));
  expect(fake.inspect.conditionalFormats(sheet).length).toBe(before);
  expect(el.querySelector('[data-testid="flags-pending"]')?.textContent).toContain('标出问题');
  await run(async () => buttons(el, '标出问题')[0]!.click());
  await run(async () => undefined);
  expect(el.querySelector('[data-testid="flags-pending"]')).toBeNull();
  await run(async () => buttons(el, '知道了')[0]!.click());
  expect(el.querySelector('[data-testid="undo-warning"]')).toBeNull();
  // Said once: a new pane on this computer does not say it again.
  const second = await render(18);
  expect(second.el.querySelector('[data-testid="undo-warning"]')).toBeNull();
  expect(session.state.error).toBeNull();
});

test('ExcelApi 1.20: no undo warning, and live checks mark as before', async () => {
  window.localStorage.clear();
  const { el } = await render(20);
  expect(el.querySelector('[data-testid="undo-warning"]')).toBeNull();
});
