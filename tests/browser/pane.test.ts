/**
 * The real built task pane (webpack production build) in headless Chromium,
 * against the fake Office.js over an in-memory workbook served in place of
 * office.js: generate the template, type a wrong 占比, see the flag and the
 * finding, 修正, type in an indicator row, 清除标记 and find the workbook's own
 * formatting back. No network: every request that does not go to the local
 * server is aborted. UPDATE_SCREENSHOTS=1 writes docs/images/pane*.png.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EXAMPLE_FILE, EXAMPLE_SHEET } from '../../scripts/make-example';
import { worksheetToGrid } from '../../src/host/exceljs/grid';
import type { Grid } from '../../src/sheet/grid';
import { buildTemplate } from '../../src/template';
import { readDeclaration } from '../../src/read';
import { rollForward } from '../../src/next/roll';
import { applyToGrid } from '../next/helpers';
import type { FakeOffice } from '../fakes/office';
import { buildAddin, paneScripts } from './build';
import { serve } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';

let outDir: string;
let fakeScript: string;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
const problems: string[] = [];

jest.setTimeout(180_000);

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium（${CHROMIUM}）：请先运行 apt-get install -y chromium，或用 CHROMIUM_PATH 指定`);
  }
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-pane-'));
  await buildAddin(outDir);
  const bundled = await esbuild.build({
    entryPoints: [path.join(ROOT, 'tests/fakes/office/browser.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
  });
  fakeScript = bundled.outputFiles[0]!.text;
  server = await serve(outDir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

async function openPane(width = 350, hash = ''): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height: 1000 }, locale: 'zh-CN' });
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  p.on('pageerror', (e) => problems.push(e.message));
  await p.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js') {
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeScript });
    } else if (url.startsWith(server.url)) {
      await route.continue();
    } else {
      problems.push(`network request blocked: ${url}`);
      await route.abort();
    }
  });
  await p.goto(`${server.url}taskpane.html${hash}`);
  return p;
}

/** The example form (附件2) in the fake workbook, checked through the pane. */
async function loadExample(p: Page): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_FILE);
  const grid: Grid = worksheetToGrid(wb.getWorksheet(EXAMPLE_SHEET)!);
  await fake(p, (f, g) => f.user.addGrid(g as Grid), grid);
  await p.getByRole('button', { name: '校验本表' }).click();
  await p.getByTestId('verdict').waitFor();
}

/** Buttons drawn as primary (Fluent's brand background), by their text. */
const primaryButtons = async (p: Page) => {
  // Away from hover and focus, which change a button's background.
  await p.mouse.move(1, 1);
  await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await p.waitForTimeout(300);
  return p.evaluate(() => {
    const probe = document.createElement('button');
    probe.className = 'fui-Button';
    const brand = getComputedStyle(document.querySelector('.fui-FluentProvider')!).getPropertyValue(
      '--colorBrandBackground',
    );
    probe.style.backgroundColor = brand.trim();
    document.body.appendChild(probe);
    const brandRgb = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [...document.querySelectorAll('#root button')]
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .filter((b) => getComputedStyle(b).backgroundColor === brandRgb)
      .map((b) => b.textContent?.trim() ?? '');
  });
};

/** Runs code against the fake workbook inside the page. */
function fake<T>(p: Page, fn: (f: FakeOffice, arg: unknown) => T, arg?: unknown): Promise<T> {
  return p.evaluate(
    ([src, a]) => {
      const f = (window as unknown as { __jixiao: FakeOffice }).__jixiao;
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the test's own function, sent into the page as text
      return new Function('f', 'a', `return (${src})(f, a);`)(f, a) as T;
    },
    [fn.toString(), arg] as const,
  );
}

const finding = (p: Page, cell: string, rule?: string) =>
  p.locator(`li[data-cell="${cell}"]${rule ? `[data-rule="${rule}"]` : ''}`);

const PARAMS = { department: '阳新县信访局', budgetYear: 2026, projectRows: 4, prefillCommon: true };

test('generate, type a wrong 占比, see flag and finding, 修正, type an indicator, 清除标记 restores the workbook', async () => {
  page = await openPane();

  // A new workbook: the pane says the sheet is not a form and offers the template.
  await page.getByText('不是部门整体绩效目标申报表').waitFor();
  await page.getByRole('button', { name: '生成申报表' }).first().click();
  await page.getByLabel('部门（单位）名称').fill(PARAMS.department);
  await page.getByLabel('预算年度').fill('2026');
  expect(await page.getByLabel('长期目标截止年份').inputValue()).toBe('2029');
  await page.locator('form').getByRole('button', { name: '生成申报表' }).click();
  await page.getByTestId('verdict').waitFor();

  const sheet = await fake(page, (f) => f.wb.activeSheet);
  expect(sheet).toBe('绩效目标申报表');
  expect(await fake(page, (f) => f.wb.sheet('Sheet1') !== undefined)).toBe(true);
  const q = (a: string) => `${sheet}!${a}`;

  // The user's own formatting, which clearing must leave as it was.
  await fake(
    page,
    (f, s) => {
      f.user.setFill(`${s}!G11`, '#00B050');
      f.user.setNote(`${s}!E7`, '张三：数据来自财政局批复');
    },
    sheet,
  );
  // The workbook's own look of every cell: fill, the user's note (jixiao's text not counted), validation.
  const ownLook = () =>
    fake(
      page,
      (f, s) => {
        const out: Record<string, string> = {};
        for (const [k, c] of f.wb.sheet(s as string)!.cells) {
          const [r, col] = k.split(',').map(Number) as [number, number];
          const note = f.inspect.userNote(`${s}!${String.fromCharCode(65 + col)}${r + 1}`);
          out[k] = JSON.stringify([c.fill, note, c.validation]);
        }
        return out;
      },
      sheet,
    );
  const changed = (a: Record<string, string>, b: Record<string, string>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);

  // Funding amounts as in the example, then a wrong 占比 typed over the formula.
  await fake(
    page,
    (f, s) => {
      const set = (a: string, v: number) => f.user.setValue(`${s}!${a}`, v);
      set('E7', 374.13);
      set('E8', 0);
      set('E9', 0);
      set('E11', 314.72);
      set('E12', 26.41);
      set('E13', 33);
    },
    sheet,
  );
  await page.waitForTimeout(600);
  const before = await ownLook();
  await fake(page, (f, s) => f.user.setValue(`${s}!G11`, 0.8399), sheet);

  const share = finding(page, q('G11'), 'funding-share');
  await share.waitFor();
  await expect(share.innerText()).resolves.toContain('G11');
  const flag = await fake(page, (f, s) => f.inspect.flag(`${s}!G11`), sheet);
  expect(flag?.severity).toBe('error');
  expect(flag?.text).toContain('占比');
  // The flag is drawn by a conditional format: the user's own green fill is still the cell's fill.
  expect(await fake(page, (f, s) => f.inspect.fill(`${s}!G11`), sheet)).toBe('#00B050');
  expect(await fake(page, (f, s) => f.inspect.shownFill(`${s}!G11`), sheet)).toBe('#FFC7CE');

  // 修正: the finding goes, and so does the flag.
  await share.getByRole('button', { name: '修正' }).click();
  await share.waitFor({ state: 'detached' });
  await page.getByText(/已修正/).waitFor();
  expect(await fake(page, (f, s) => f.inspect.flag(`${s}!G11`), sheet)).toBeNull();

  // Typing in an indicator row is checked as it happens.
  const plan = buildTemplate(PARAMS);
  const l3 = plan.cells.find((c) => c.value === '公用经费控制率')!;
  const valueCell = q(`${String.fromCharCode(65 + l3.col + 1)}${l3.row + 1}`);
  await fake(page, (f, c) => f.user.setValue(c as string, '≥%'), valueCell);
  await finding(page, valueCell, 'indicator-value').waitFor();
  expect((await fake(page, (f, c) => f.inspect.flag(c as string), valueCell))?.severity).toBe('error');

  // 清除标记: every flag gone, the user's fill and note and the template's own look as they were.
  await page.getByRole('button', { name: '清除标记' }).click();
  await page.getByText('已清除标记').waitFor();
  const flags = await fake(
    page,
    (f, s) => {
      const sh = f.wb.sheet(s as string)!;
      const found: string[] = [];
      for (const k of sh.cells.keys()) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        const a = `${s}!${String.fromCharCode(65 + c)}${r + 1}`;
        if (f.inspect.flag(a)) found.push(a);
      }
      return { found, rules: f.inspect.conditionalFormats(s as string).length };
    },
    sheet,
  );
  expect(flags).toEqual({ found: [], rules: 0 });
  expect(changed(await ownLook(), before)).toEqual([]);
  expect(await fake(page, (f, s) => f.inspect.userNote(`${s}!E7`), sheet)).toBe('张三：数据来自财政局批复');

  expect(problems).toEqual([]);
});

test('the example form: its 占比 errors come with 修正, a warning takes a 说明', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_FILE);
  const grid: Grid = worksheetToGrid(wb.getWorksheet(EXAMPLE_SHEET)!);
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await fake(p, (f, g) => f.user.addGrid(g as Grid), grid);
  await p.getByRole('button', { name: '校验本表' }).click();
  await p.getByTestId('verdict').waitFor();
  const shares = p.locator('li[data-rule="funding-share"]');
  expect(await shares.count()).toBe(3);
  await expect(shares.first().getByRole('button', { name: '修正' }).isVisible()).resolves.toBe(true);
  if (SHOTS) {
    // The picture shows the pane at rest (no check running, buttons enabled, nothing hovered).
    await p.waitForFunction(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === '清除标记' && !b.disabled),
    );
    await p.mouse.move(1, 999);
    fs.mkdirSync(path.join(ROOT, 'docs/images'), { recursive: true });
    await p.screenshot({ path: path.join(ROOT, 'docs/images/pane.png') });
  }

  // 说明 on the first warning: written to 校验说明, and the warning counts as explained.
  const candidate = p.locator('li', { has: p.getByRole('button', { name: '说明', exact: true }) }).first();
  const cell = (await candidate.getAttribute('data-cell'))!;
  const rule = (await candidate.getAttribute('data-rule'))!;
  const warning = p.locator(`li[data-cell="${cell}"][data-rule="${rule}"]`).first();
  await warning.getByRole('button', { name: '说明', exact: true }).click();
  await warning.getByRole('textbox').fill('本单位情况特殊，已与财政局核实');
  await warning.getByRole('button', { name: '保存说明' }).click();
  await p.getByText('说明已写入“校验说明”工作表').waitFor();
  await warning.getByText('已说明').waitFor();
  const explanations = await fake(p, (f) => JSON.stringify(f.inspect.sheetValues('校验说明')));
  expect(explanations).toContain('已与财政局核实');
  await p.close();
  expect(problems).toEqual([]);
});

test('the example form: a 预算支出标准 warning offers the other four 依据; one click writes the value and keeps the cell’s look; 说明 stays offered', async () => {
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await loadExample(p);
  const warnings = p.locator('li[data-rule="indicator-cost-basis"]');
  expect(await warnings.count()).toBeGreaterThan(0);
  const item = warnings.first();
  const cell = (await item.getAttribute('data-cell'))!;
  const choices = item.getByRole('group', { name: /可选的值/ });
  await expect(choices.getByRole('button').allTextContents()).resolves.toEqual([
    '计划标准',
    '历史标准',
    '行业标准',
    '其他标准',
  ]);
  // The option to explain instead is still there.
  await expect(item.getByRole('button', { name: '说明', exact: true }).isVisible()).resolves.toBe(true);
  const look = (c: string) =>
    fake(
      p,
      (f, a) => {
        const ref = a as string;
        const [sheetName, addr] = [
          ref.slice(0, ref.lastIndexOf('!')).replace(/^'|'$/g, ''),
          ref.slice(ref.lastIndexOf('!') + 1),
        ];
        const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
        const cellObj = f.wb.sheet(sheetName)!.cells.get(`${Number(m[2]) - 1},${m[1]!.charCodeAt(0) - 65}`);
        return JSON.stringify([
          cellObj?.fill ?? null,
          cellObj?.numFmt ?? null,
          cellObj?.style ?? null,
          cellObj?.validation ?? null,
        ]);
      },
      c,
    );
  const before = await look(cell);
  await choices.getByRole('button', { name: '历史标准' }).click();
  await p.getByText(/改为“历史标准”/).waitFor();
  expect(await fake(p, (f, c) => f.inspect.value(c as string), cell)).toBe('历史标准');
  await p.locator(`li[data-cell="${cell}"][data-rule="indicator-cost-basis"]`).waitFor({ state: 'detached' });
  expect(await fake(p, (f, c) => f.inspect.flag(c as string), cell)).toBeNull();
  expect(await look(cell)).toBe(before);
  await p.close();
  expect(problems).toEqual([]);
});

test('the example form: the six 预算支出标准 warnings are one item, the first in full and the other five as cells to go to', async () => {
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await loadExample(p);
  const items = p.locator('li[data-rule="indicator-cost-basis"]');
  expect(await items.count()).toBe(1);
  const item = items.first();
  const repeats = item.getByTestId('repeats');
  await expect(repeats.innerText()).resolves.toContain('同样的问题另有 5 处（共 6 处）');
  const cells = repeats.getByRole('button');
  expect(await cells.count()).toBe(5);
  // Every cell is one of the rule's findings, and a click goes to it.
  const target = (await cells.nth(3).getAttribute('data-cell'))!;
  expect(target).toMatch(/^附件2!H\d+$/);
  await cells.nth(3).click();
  await p.waitForFunction(
    (t) => (window as unknown as { __jixiao: FakeOffice }).__jixiao.inspect.selected() === t,
    target,
  );
  // The first keeps its message, its choices and 说明.
  await expect(item.getByRole('group', { name: /可选的值/ }).isVisible()).resolves.toBe(true);
  await expect(item.getByRole('button', { name: '说明', exact: true }).isVisible()).resolves.toBe(true);
  await p.close();
  expect(problems).toEqual([]);
});

test('生成下一年度: a copy named 2027年度 after the form, rolled forward, selected and checked; the form stays', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_FILE);
  const grid: Grid = worksheetToGrid(wb.getWorksheet(EXAMPLE_SHEET)!);
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await fake(p, (f, g) => f.user.addGrid(g as Grid), grid);
  await fake(p, (f) => f.user.addSheet('2027年度', [['用户自己的表']]));
  await fake(p, (f, s) => f.user.activate(s as string), EXAMPLE_SHEET);
  await p.getByRole('button', { name: '校验本表' }).click();
  await p.getByTestId('verdict').waitFor();
  await p.getByRole('button', { name: '生成下一年度' }).click();
  // Excel cannot undo a sheet copy: the pane says so and asks again.
  const confirm = p.getByTestId('next-year-confirm');
  await expect(confirm.textContent()).resolves.toContain('不能用 Ctrl+Z 撤消');
  await confirm.getByRole('button', { name: '生成' }).click();
  const rolled = p.getByTestId('rolled');
  await rolled.waitFor();
  await expect(rolled.textContent()).resolves.toContain('2027 年度申报表还需要填写或复核');
  await p.getByText('已生成 2027 年度申报表“2027年度 (2)”').waitFor();
  await expect(rolled.textContent()).resolves.toContain('项目本年度预算已清空');
  const after = await fake(p, (f) => ({
    sheets: f.wb.sheets.map((s) => s.name),
    active: f.wb.activeSheet,
    selection: f.wb.selection,
    own: f.wb.sheet('2027年度')!.get(0, 0)?.value,
    h6: f.wb.sheet('2027年度 (2)')!.get(5, 7)?.value,
    h11: f.wb.sheet('2027年度 (2)')!.get(10, 7)?.value,
    i11: f.wb.sheet('2027年度 (2)')!.get(10, 8)?.value,
    e11: f.wb.sheet('2027年度 (2)')!.get(10, 4)?.value ?? null,
    sourceI11: f.wb.sheet('附件2')!.get(10, 8)?.value,
  }));
  expect(after.sheets.slice(0, 3)).toEqual(['Sheet1', '附件2', '2027年度 (2)']);
  expect(after.own).toBe('用户自己的表');
  expect(after.active).toBe('2027年度 (2)');
  expect(after.selection).toMatch(/^'?2027年度 \(2\)'?!/);
  expect([after.h6, after.h11, after.i11, after.sourceI11]).toEqual(['2025年', 229.85, 314.72, 229.85]);
  expect(after.e11 === null || after.e11 === '').toBe(true);
  // The new sheet is checked: what is left to fill is listed under 待填写, the projects' amounts among it.
  await p.getByTestId('blanks-projects').waitFor();
  expect(await p.getByTestId('blanks-projects').textContent()).toMatch(/项目支出情况 \d+ 处：F\d+/);
  expect(await p.locator('li[data-rule="funding-share"]').count()).toBe(0);
  if (SHOTS) await p.screenshot({ path: path.join(ROOT, 'docs/images/pane-next-year.png') });
  await p.close();
  expect(problems).toEqual([]);
});

test('与上年对比: the sheet 生成下一年度 made is compared with the form it came from, and a change to 上年 is flagged in place', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_FILE);
  const grid: Grid = worksheetToGrid(wb.getWorksheet(EXAMPLE_SHEET)!);
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await fake(p, (f, g) => f.user.addGrid(g as Grid), grid);
  // Another department's form of the same year stands beside it: never compared with.
  await fake(p, (f, g) => f.user.addGrid({ ...(g as Grid), sheet: '别的单位' }), grid);
  await fake(p, (f) => f.user.setValue('别的单位!B4', '阳新县财政局'));
  await fake(p, (f, s) => f.user.activate(s as string), EXAMPLE_SHEET);
  await p.getByRole('button', { name: '校验本表' }).click();
  await p.getByTestId('verdict').waitFor();
  // The 2026 form: no form of 2025 in the workbook, nothing said.
  expect(await p.getByTestId('compared').count()).toBe(0);
  await p.getByRole('button', { name: '生成下一年度' }).click();
  await p.getByTestId('next-year-confirm').getByRole('button', { name: '生成' }).click();
  await p.getByText('已生成 2027 年度申报表“2027年度”').waitFor();
  const compared = p.getByTestId('compared');
  await compared.waitFor();
  expect(await compared.textContent()).toBe(`已与《2026年度》对比（工作表“${EXAMPLE_SHEET}”）`);
  // A form freshly rolled has nothing for these checks to find.
  expect(await p.locator('li[data-rule^="previous-"]').count()).toBe(0);

  // The officer types another 上年 for 人员类 (I11; last year's 当年 was 314.72): the live check finds it.
  await fake(p, (f) => f.user.setValue('2027年度!I11', 320));
  const drift = p.locator('li[data-rule="previous-funding"]');
  await drift.waitFor();
  expect(await drift.getAttribute('data-cell')).toMatch(/^'?2027年度'?!I11$/);
  await expect(drift.innerText()).resolves.toContain('314.72');
  expect(await compared.textContent()).toContain('已与《2026年度》对比');
  // Flagged in place like every other finding.
  expect(await fake(p, (f) => f.inspect.flag('2027年度!I11'))).toBeTruthy();
  await p.close();
  expect(problems).toEqual([]);
});

test('与上年对比 with a picked file: read in the pane, compared with until 不再对比; a bad file gets one Chinese message', async () => {
  // The workbook holds only this year's form: the example rolled to 2027, 人员类 上年 (I11) changed from 314.72.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_FILE);
  const source: Grid = worksheetToGrid(wb.getWorksheet(EXAMPLE_SHEET)!);
  const read = readDeclaration(source);
  if (!read.form) throw new Error(read.reason);
  const roll = rollForward(read.declaration, source);
  if (!roll.ok) throw new Error(roll.message);
  const rolled = { ...applyToGrid(source, roll.edits), sheet: '2027年度' };
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await fake(p, (f, g) => f.user.addGrid(g as Grid), rolled);
  await fake(p, (f) => f.user.setValue('2027年度!I11', 320));
  await fake(p, (f) => f.user.activate('2027年度'));
  await p.getByRole('button', { name: '校验本表' }).click();
  await p.getByTestId('verdict').waitFor();
  expect(await p.getByTestId('compared').count()).toBe(0);
  expect(await p.locator('li[data-rule^="previous-"]').count()).toBe(0);
  await expect(p.getByTestId('previous-file').textContent()).resolves.toContain('不会上传');

  // The officer picks last year's workbook: nothing goes over the network (every request off the server is refused).
  await p.locator('input[type="file"]').setInputFiles(EXAMPLE_FILE);
  const name = path.basename(EXAMPLE_FILE);
  const compared = p.getByTestId('compared');
  await p.getByText(`已与《2026年度》对比（文件“${name}”）`).waitFor();
  await expect(p.getByTestId('previous-file-name').textContent()).resolves.toBe(`上年申报表：${name}，2026年度`);
  const drift = p.locator('li[data-rule="previous-funding"]');
  await drift.waitFor();
  expect(await drift.getAttribute('data-cell')).toMatch(/^'?2027年度'?!I11$/);
  await expect(drift.innerText()).resolves.toContain('314.72');
  expect(await fake(p, (f) => f.inspect.flag('2027年度!I11'))).toBeTruthy();
  // It lasts: typing elsewhere re-checks, still against the file.
  await fake(p, (f) => f.user.setValue('2027年度!F3', '2026年11月20日'));
  await p.waitForTimeout(800);
  expect(await compared.textContent()).toContain(`文件“${name}”`);
  expect(await drift.count()).toBe(1);

  await p.getByRole('button', { name: '不再对比' }).click();
  await p.getByRole('button', { name: '选择上年度申报表…' }).waitFor();
  expect(await p.getByTestId('compared').count()).toBe(0);
  expect(await p.locator('li[data-rule^="previous-"]').count()).toBe(0);

  // A file that is no workbook: one Chinese message, the sheet checked on its own.
  await p.locator('input[type="file"]').setInputFiles({
    name: '上年.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from('这不是工作簿'),
  });
  const error = p.getByTestId('previous-file-error');
  await error.waitFor();
  expect(await error.textContent()).toBe(
    '无法使用上年申报表“上年.xlsx”：文件已损坏，或不是 .xlsx 格式。本表已单独校验，未与上年对比。',
  );
  await p.getByTestId('verdict').waitFor();
  expect(await p.getByTestId('compared').count()).toBe(0);
  await p.close();
  expect(problems).toEqual([]);
});

test('the ribbon’s 校验本表 tells the counts and selects the first problem; 生成申报表 opens the form', async () => {
  const p = await openPane();
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  // Make a form through the pane's session, then run the ribbon function as Office would.
  await p.getByRole('button', { name: '生成申报表' }).first().click();
  await p.locator('form').getByRole('button', { name: '生成申报表' }).click();
  await p.getByTestId('verdict').waitFor();
  const done = await p.evaluate(async () => {
    const f = (window as unknown as { __jixiao: FakeOffice }).__jixiao;
    let completed = false;
    await f.associated.get('validateSheet')!({ completed: () => (completed = true) });
    return { completed, selection: f.wb.selection, shown: f.shown.taskpane };
  });
  expect(done.completed).toBe(true);
  expect(done.selection).toBeTruthy();
  expect(done.shown).toBeGreaterThan(0);
  await p.getByText(/校验完成：错误 \d+ 项(，待填写 \d+ 处)?，提示 \d+ 项，已说明 \d+ 项/).waitFor();

  await p.evaluate(async () => {
    const f = (window as unknown as { __jixiao: FakeOffice }).__jixiao;
    await f.associated.get('openTemplateForm')!({ completed: () => undefined });
  });
  await p.getByLabel('预算年度').waitFor();
  if (SHOTS) await p.screenshot({ path: path.join(ROOT, 'docs/images/pane-template.png') });
  await p.close();
  expect(problems).toEqual([]);
});

test('usable at 320 px: nothing overflows sideways', async () => {
  const p = await openPane(320);
  await p.getByText('不是部门整体绩效目标申报表').waitFor();
  await p.getByRole('button', { name: '生成申报表' }).first().click();
  await p.locator('form').getByRole('button', { name: '生成申报表' }).click();
  await p.getByTestId('verdict').waitFor();
  const overflow = () =>
    p.evaluate(() =>
      [...document.querySelectorAll('#root *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => `${e.tagName}.${e.className}`.slice(0, 60)),
    );
  expect(await overflow()).toEqual([]);
  await p.getByRole('tab', { name: '生成申报表' }).click();
  await p.getByLabel('联系电话').waitFor();
  expect(await overflow()).toEqual([]);
  await p.getByRole('tab', { name: '校验' }).click();
  // Keyboard: Tab reaches the first finding's button (a fresh form's findings are blanks: a cell link
  // under 待填写) and Enter selects its cell.
  const before = await fake(p, (f) => f.wb.selection);
  const first = p.locator('li[data-cell] button, [data-testid="blanks"] button').first();
  await first.focus();
  await p.keyboard.press('Enter');
  await p.waitForFunction(
    (prev) => (window as unknown as { __jixiao: FakeOffice }).__jixiao.wb.selection !== prev,
    before,
  );
  await p.close();
  expect(problems).toEqual([]);
});

test('the pane at 320 px: an informational empty state, one primary action per view, a summary that stays, whole expressions, Chinese fonts', async () => {
  const p = await openPane(320);
  await p.getByText('不是部门整体绩效目标申报表').first().waitFor();
  // The empty state: the reason once, Chinese punctuation between sentences, text using the pane's width.
  const text = (await p.locator('#root').innerText()).replace(/\s*\n\s*/g, '\n');
  expect(text.split('不是部门整体绩效目标申报表').length - 1).toBe(1);
  expect(text).not.toMatch(/[\u4e00-\u9fff。，”] [\u4e00-\u9fff“]/);
  const empty = p.getByTestId('not-form');
  const widths = await empty.locator('span').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
  expect(Math.max(...widths)).toBeGreaterThan(240);
  const hue = await empty.evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(hue).not.toMatch(/rgb\(2[45]\d, 2[0-4]\d, 1\d\d\)/); // no warning yellow/orange
  expect(await primaryButtons(p)).toEqual(['生成申报表']);
  if (SHOTS) await p.screenshot({ path: path.join(ROOT, 'docs/images/pane-empty.png') });

  await loadExample(p);
  expect(await primaryButtons(p)).toEqual(['校验本表']);
  // No grey 应为 line repeating what the message already says.
  expect(await p.getByText(/^应为：/).count()).toBe(0);
  // "314.72 ÷ 374.13 × 100" on one line.
  const exprs = await p.locator('[data-expr]').evaluateAll((els) => els.map((e) => e.getClientRects().length));
  expect(exprs.length).toBeGreaterThan(2);
  expect(exprs.every((n) => n === 1)).toBe(true);
  // Chinese text in a Chinese font stack, inside Fluent.
  const font = await p
    .locator('li[data-rule] span')
    .first()
    .evaluate((e) => getComputedStyle(e).fontFamily);
  expect(font.startsWith('"Microsoft YaHei UI"')).toBe(true);
  // The summary stays in view while the list scrolls.
  await p.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const top = await p.getByTestId('summary').evaluate((e) => e.getBoundingClientRect().top);
  expect(await p.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(10);
  await p.evaluate(() => window.scrollTo(0, 0));

  await p.getByRole('tab', { name: '生成申报表' }).click();
  await p.getByLabel('联系电话').waitFor();
  expect(await primaryButtons(p)).toEqual(['生成申报表']);
  await p.close();
  expect(problems).toEqual([]);
});

test('Office’s dark theme gives a dark pane with light text', async () => {
  const p = await openPane(350, '#dark');
  await p.getByText('不是部门整体绩效目标申报表').first().waitFor();
  await loadExample(p);
  const colours = await p.evaluate(() => {
    const provider = document.querySelector('.fui-FluentProvider')!;
    const li = document.querySelector('li[data-rule] span')!;
    return [getComputedStyle(provider).backgroundColor, getComputedStyle(li).color];
  });
  const lum = (rgb: string) => {
    const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  expect(lum(colours[0]!)).toBeLessThan(0.25);
  expect(lum(colours[1]!)).toBeGreaterThan(0.7);
  if (SHOTS) await p.screenshot({ path: path.join(ROOT, 'docs/images/pane-dark.png') });
  await p.close();
  expect(problems).toEqual([]);
});

test('the pane loads at most 300 KB of its own gzipped JavaScript (office.js excluded)', () => {
  const scripts = paneScripts(outDir);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.reduce((a, s) => a + s.gzip, 0)).toBeLessThanOrEqual(300 * 1024);
});

test('an IE11 (Trident) webview gets the plain message, not a blank pane', async () => {
  const context = await browser.newContext({
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
    viewport: { width: 350, height: 600 },
  });
  const p = await context.newPage();
  await p.route('**/*', (route) =>
    route.request().url().startsWith(server.url)
      ? route.continue()
      : route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeScript }),
  );
  await p.goto(`${server.url}taskpane.html`);
  await expect(p.getByText('需要 Office 2021 或 Microsoft 365').isVisible()).resolves.toBe(true);
  expect(await p.locator('#root').isVisible()).toBe(false);
  await context.close();
});
