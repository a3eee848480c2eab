/**
 * @jest-environment jsdom
 */
/** The pane's states rendered with React in jsdom, over a Session on the memory host. */
import { act } from 'react';
import { Session } from '../../src/app/session';
import { MemoryHost } from '../fakes/memory';
import { mountPane } from '../../src/ui/mount';
import { ManualTimers } from '../app/timers';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has no layout: Fluent's MessageBar only needs ResizeObserver to exist.
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

async function render(host: MemoryHost) {
  const session = new Session(host, { timers: new ManualTimers() });
  const el = document.createElement('div');
  document.body.appendChild(el);
  let root!: ReturnType<typeof mountPane>;
  await act(async () => {
    root = mountPane(el, session, { today: new Date(2025, 10, 26) });
  });
  const click = async (label: string) => {
    const b = [...el.querySelectorAll('button')].find((x) => x.textContent?.trim() === label);
    if (!b) throw new Error(`no button ${label}: ${el.textContent}`);
    await act(async () => {
      b.click();
      await new Promise((r) => setTimeout(r, 20));
    });
  };
  const run = async (f: () => Promise<unknown>) => {
    await act(async () => {
      await f();
    });
  };
  return { session, el, root, click, run };
}

afterEach(() => {
  document.body.innerHTML = '';
});

test('a failure shows a Chinese message and 重试, which checks again', async () => {
  class Flaky extends MemoryHost {
    fail = true;
    override async readGrid(sheet: string) {
      if (this.fail) throw new Error('网络中断');
      return super.readGrid(sheet);
    }
  }
  const host = new Flaky();
  host.workbook.addSheet('Sheet1').cell(0, 0).value = '随手记';
  const { el, session, click, run, root } = await render(host);
  await run(() => session.validate());
  expect(el.textContent).toContain('没能完成校验');
  expect(el.textContent).toContain('校验失败：网络中断');
  host.fail = false;
  await click('重试');
  await run(() => session.validate());
  expect(el.textContent).toContain('“Sheet1”不是部门整体绩效目标申报表');
  root.unmount();
});

test('the template form shows a message per wrong field and generates nothing', async () => {
  const host = new MemoryHost();
  host.workbook.addSheet('Sheet1');
  const { el, session, root } = await render(host);
  await act(async () => session.showView('template'));
  const input = (name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  expect(input('budgetYear').value).toBe('2026');
  expect(input('horizonYear').value).toBe('2029');
  const setValue = async (name: string, value: string) => {
    const i = input(name);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    await act(async () => {
      setter.call(i, value);
      i.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };
  await setValue('budgetYear', '2030');
  expect(input('horizonYear').value).toBe('2033');
  await setValue('projectRows', '很多');
  await setValue('phone', '电话');
  const form = el.querySelector('form')!;
  const submit = [...form.querySelectorAll('button')].find((b) => b.textContent === '生成申报表')!;
  await act(async () => submit.click());
  expect(el.textContent).toContain('项目行数应为 0–500 之间的整数');
  expect(el.textContent).toContain('联系电话只能包含数字');
  expect(host.workbook.sheets).toHaveLength(1);
  await setValue('projectRows', '6');
  await setValue('phone', '0714-7654321');
  await act(async () => submit.click());
  await act(async () => {
    await new Promise((r) => setTimeout(r, 200));
  });
  expect(host.workbook.sheets.map((s) => s.name)).toContain('绩效目标申报表');
  expect(el.textContent).toContain('错误');
  root.unmount();
});

test('the live-check switch turns live checking off in the session', async () => {
  const host = new MemoryHost();
  host.workbook.addSheet('Sheet1');
  const { el, session, root } = await render(host);
  await act(async () => session.validate());
  const sw = el.querySelector<HTMLInputElement>('input[role="switch"]')!;
  expect(sw.checked).toBe(true);
  await act(async () => sw.click());
  expect(session.state.liveCheck).toBe(false);
  root.unmount();
});

test('a finding whose message gives the expected value does not show it again as 应为：…', async () => {
  const host = new MemoryHost();
  const maker = new Session(host, { timers: new ManualTimers() });
  const sheet = (await maker.generate({
    department: '信访局',
    budgetYear: 2026,
    projectRows: 1,
    prefillCommon: true,
  }))!;
  const q = (a: string) => `${sheet}!${a}`;
  host.userSetValue(q('E7'), 374.13);
  host.userSetValue(q('E8'), 0);
  host.userSetValue(q('E9'), 0);
  host.userSetValue(q('E11'), 314.72);
  host.userSetValue(q('E12'), 26.41);
  host.userSetValue(q('E13'), 33);
  // The filer types a share over the formula.
  host.userSetValue(q('G11'), 0.8399);
  const { el, session, run, root } = await render(host);
  await run(() => session.validate(sheet));
  const item = el.querySelector('[data-rule="funding-share"]');
  expect(item?.textContent).toContain('占比应为 84.12%');
  expect(item?.textContent).not.toContain('应为：');
  root.unmount();
});
