/**
 * The BUILT WPS package in headless Chromium: index.html (the main page) and
 * the pane page, served from 127.0.0.1 with the fake ET Application injected
 * before the add-in's scripts. Every ribbon callback named in ribbon.xml
 * exists as a global once the page is parsed and works; 校验本表 flags the
 * example's wrong 占比 in the fake sheet; the pane is the shared React UI over
 * WPS. No request may leave 127.0.0.1.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { MemoryWorkbook } from '../fakes/memory/workbook';
import { parseAddress } from '../../src/sheet/ref';
import { BUTTONS, IMAGES } from '../../src/shell/wps/ribbon';
import { loadExampleForm } from './forms';
import { typedForm } from '../read/fixtures';
import type { CellValue } from '../../src/sheet/grid';
import { specToXlsx } from '../next/helpers';
import { buildPackage, ROOT, type BuiltPackage } from './package';

const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.png': 'image/png',
};

let pkg: BuiltPackage;
let server: Server;
let base: string;
let browser: Browser;
let initScript: string;
const outside: string[] = [];

/** The 人员类 占比 cell of the example (the fake page loads the same form). */
const shareCell = loadExampleForm(new MemoryWorkbook());
const share = parseAddress(shareCell)!;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium"`,
    );
  }
  pkg = buildPackage();
  const fake = await build({
    entryPoints: [join(__dirname, 'browser', 'fake-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    logLevel: 'silent',
  });
  initScript = `${fake.outputFiles[0]!.text}\n${readFileSync(join(__dirname, 'browser', 'init.js'), 'utf8')}`;
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(pkg.dir, path);
    if (!file.startsWith(pkg.dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (pkg) rmSync(pkg.out, { recursive: true, force: true });
});

afterEach(() => {
  expect(outside).toEqual([]);
});

interface Opened {
  page: Page;
  dialogs: string[];
  errors: string[];
}

/**
 * Takes away what browsers newer than the floor (wps/floor.json: Chromium 58) added, in every frame, after
 * the fake WPS is set up and before any of the add-in's scripts run. Each entry is the Chromium version that
 * brought it.
 */
const OLD_ENGINE = `(function () {
  var gone = [
    [window, 'globalThis'], // 71
    [Object, 'fromEntries'], // 73
    [Array.prototype, 'flat'], // 69
    [Array.prototype, 'flatMap'], // 69
    [String.prototype, 'matchAll'], // 73
    [String.prototype, 'replaceAll'], // 85
    [String.prototype, 'trimStart'], // 66
    [String.prototype, 'trimEnd'], // 66
    [Array.prototype, 'at'], // 92
    [Promise, 'allSettled'], // 76
    [Promise, 'any'], // 85
    [Promise.prototype, 'finally'], // 63
    [Object, 'hasOwn'], // 93
    [window, 'structuredClone'], // 98
    [window, 'queueMicrotask'], // 71
    [window, 'WeakRef'], // 84
    [window, 'FinalizationRegistry'], // 84
    [window, 'ResizeObserver'], // 64
    [window, 'AbortController'], // 66
    [window, 'DOMRect'], // 61
    [window, 'DOMRectReadOnly'], // 61
    [Blob.prototype, 'arrayBuffer'], // 76
    [Blob.prototype, 'text'], // 76
  ];
  for (var i = 0; i < gone.length; i++) {
    var target = gone[i][0], name = gone[i][1];
    delete target[name];
    if (name in target) throw new Error('could not remove ' + name);
  }
  if (typeof crypto !== 'undefined') delete Object.getPrototypeOf(crypto).randomUUID; // 92
})();`;

async function openMainPage(width = 1280, oldEngine = false, fakeOptions?: Record<string, unknown>): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url === 'about:blank') return route.continue();
    outside.push(url);
    return route.abort();
  });
  if (fakeOptions) {
    await page.addInitScript((o) => {
      (window as unknown as { __fakeOptions: unknown }).__fakeOptions = o;
    }, fakeOptions);
  }
  await page.addInitScript(initScript);
  if (oldEngine) await page.addInitScript(OLD_ENGINE);
  // Records what the page holds the moment parsing ends: callbacks defined later (async) would be missing.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const r = (window as unknown as { ribbon?: Record<string, unknown> }).ribbon;
      (window as unknown as { __atDomReady: string[] }).__atDomReady = r
        ? Object.keys(r).filter((k) => typeof r[k] === 'function')
        : [];
    });
  });
  await page.goto(`${base}/index.html`);
  return { page, dialogs, errors };
}

const ribbonCallbacks = (): string[] =>
  [...readFileSync(join(ROOT, 'wps', 'ribbon.xml'), 'utf8').matchAll(/\b(?:on|get)[A-Z]\w*="([^"]+)"/g)].map(
    (m) => m[1]!,
  );

/** Clicks a ribbon button of the WPS page, as WPS calls the add-in's OnAction callback. */
function press(page: Page, id: string): Promise<void> {
  return page.evaluate(
    (i) => (window as unknown as { ribbon: { OnAction(c: { Id: string }): void } }).ribbon.OnAction({ Id: i }),
    id,
  );
}

async function cellLook(page: Page, sheet: string, row: number, col: number) {
  return page.evaluate(
    ([s, r, c]) => {
      const fake = (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake;
      const cell = fake.workbook.sheet(s)?.get(r, c);
      return { fill: cell?.fill ?? null, note: cell?.note ?? null, value: cell?.value ?? null };
    },
    [sheet, row, col] as const,
  );
}

async function until(fn: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('index.html loads main.js synchronously and every callback named in ribbon.xml is a global function by the end of parsing', async () => {
  const html = readFileSync(join(pkg.dir, 'index.html'), 'utf8');
  const tag = /<script\b[^>]*\bsrc="main\.js"[^>]*>/.exec(html)?.[0] ?? '';
  expect(tag).not.toBe('');
  expect(tag).not.toMatch(/\b(async|defer|type="module")\b/);
  expect(html.indexOf(tag)).toBeLessThan(html.indexOf('</head>'));

  const { page, errors } = await openMainPage();
  const atDomReady = await page.evaluate(() => (window as unknown as { __atDomReady: string[] }).__atDomReady);
  const names = ribbonCallbacks();
  expect(names.length).toBeGreaterThanOrEqual(4);
  for (const name of names) {
    const [object, fn] = name.split('.');
    expect(object).toBe('ribbon');
    expect(atDomReady).toContain(fn);
  }
  // None of them hands a promise back to WPS.
  const results = await page.evaluate(() => {
    const r = (window as unknown as { ribbon: Record<string, (...a: unknown[]) => unknown> }).ribbon;
    return [r.OnAddinLoad!({}), r.GetEnabled!({ Id: 'jixiaoValidate' }), r.GetImage!({ Id: 'jixiaoPane' })].map((v) =>
      v instanceof Promise ? 'promise' : v,
    );
  });
  expect(results).toEqual([true, true, IMAGES[BUTTONS.pane]]);
  expect(errors).toEqual([]);
  await page.close();
});

test('GetImage gives each button an icon the page can load from the package', async () => {
  const { page } = await openMainPage();
  for (const id of Object.values(BUTTONS)) {
    const src = await page.evaluate(
      (i) => (window as unknown as { ribbon: { GetImage(c: { Id: string }): string } }).ribbon.GetImage({ Id: i }),
      id,
    );
    const loaded = await page.evaluate(
      (s) =>
        new Promise<number>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(img.naturalWidth);
          img.onerror = () => resolve(-1);
          img.src = s;
        }),
      src,
    );
    expect(loaded).toBe(32);
  }
  await page.close();
});

test('校验本表 flags the wrong 占比 in the fake sheet (fill and comment) and tells the counts', async () => {
  const { page, dialogs, errors } = await openMainPage();
  const before = await cellLook(page, '附件2', share.row, share.col);
  expect(before).toEqual({ fill: null, note: null, value: 0.8399 });
  await press(page, BUTTONS.validate);
  await until(async () => dialogs.length > 0, 'the 校验本表 dialog');
  expect(dialogs[0]).toMatch(/^校验完成：错误 \d+ 项，提示 \d+ 项/);
  const after = await cellLook(page, '附件2', share.row, share.col);
  expect(after.fill).toBe(FLAG_FILL.error);
  expect(after.note).toContain(NOTE_MARK);
  expect(after.note).toContain('84.12%');
  expect(after.value).toBe(0.8399);
  expect(errors).toEqual([]);
  await page.close();
});

test('打开助手 shows the pane page (the shared React pane over WPS) and toggles it; 修正 in the pane fixes the cell', async () => {
  const { page, errors } = await openMainPage();
  const act = (id: string) => press(page, id);
  await act(BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  expect(await frame.getByTestId('verdict').textContent()).toMatch(/还有 \d+ 项错误/);
  const item = frame.locator(`li[data-rule="funding-share"][data-cell="${shareCell}"]`);
  await expect(item.textContent()).resolves.toContain('84.12%');
  expect((await cellLook(page, '附件2', share.row, share.col)).fill).toBe(FLAG_FILL.error);

  await item.getByRole('button', { name: '修正' }).click();
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).value === 0.8412, 'the fix');
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).fill === null, 'the flag to go');
  expect((await cellLook(page, '附件2', share.row, share.col)).note).toBeNull();

  await act(BUTTONS.pane);
  expect(await page.locator('#jixiao-pane-1').isVisible()).toBe(false);
  await act(BUTTONS.pane);
  expect(await page.locator('#jixiao-pane-1').isVisible()).toBe(true);
  expect(await page.locator('iframe').count()).toBe(1);
  expect(errors).toEqual([]);
  await page.close();
});

test('with the pane open, typing in the sheet updates the flags (live check in the pane), and 清除标记 restores the cell', async () => {
  const { page } = await openMainPage();
  await press(page, BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  await until(
    async () => (await cellLook(page, '附件2', share.row, share.col)).fill === FLAG_FILL.error,
    'the first flag',
  );
  await page.evaluate(
    (cell) =>
      (window as unknown as { __fake: { user: { type(c: string, v: string): void } } }).__fake.user.type(
        cell,
        '84.12%',
      ),
    shareCell,
  );
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).fill === null, 'the live check');
  await page.evaluate(
    (cell) =>
      (window as unknown as { __fake: { user: { type(c: string, v: number): void } } }).__fake.user.type(cell, 0.5),
    shareCell,
  );
  await until(
    async () => (await cellLook(page, '附件2', share.row, share.col)).fill === FLAG_FILL.error,
    'the flag to come back',
  );
  await frame.getByRole('button', { name: '清除标记' }).click();
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).fill === null, 'the flags to clear');
  expect((await cellLook(page, '附件2', share.row, share.col)).note).toBeNull();
  await page.close();
});

test('生成申报表 opens the pane on the template form, which writes a new sheet into the fake workbook', async () => {
  const { page, errors } = await openMainPage(1000);
  await press(page, BUTTONS.generate);
  const frame = page.frameLocator('#jixiao-pane-1');
  const form = frame.getByRole('form', { name: '生成申报表' });
  await form.waitFor();
  await form.getByRole('textbox', { name: '部门（单位）名称' }).fill('示例县财政局');
  await form.getByRole('button', { name: '生成申报表' }).click();
  await until(
    async () =>
      page.evaluate(
        () => (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake.workbook.sheets.length > 1,
      ),
    'the new sheet',
  );
  const sheets = await page.evaluate(() =>
    (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake.workbook.sheets.map((s) => s.name),
  );
  expect(sheets[0]).toBe('附件2');
  expect(sheets.length).toBeGreaterThanOrEqual(2);
  const created = await page.evaluate(() => {
    const wb = (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake.workbook;
    const s = wb.sheet(wb.activeSheet ?? '')!;
    return {
      name: s.name,
      merges: s.merges.length,
      texts: [...s.cells.values()].map((c) => c.value).filter((v) => typeof v === 'string'),
    };
  });
  expect(created.name).not.toBe('附件2');
  expect(created.merges).toBeGreaterThan(10);
  expect(created.texts).toContain('示例县财政局');
  // After generating, the pane is back on the list; 生成申报表 again brings the form back (a new hash each press).
  await frame.getByTestId('verdict').waitFor();
  await press(page, BUTTONS.generate);
  await form.waitFor();
  expect(await page.locator('iframe').count()).toBe(1);
  expect(errors).toEqual([]);
  await page.close();
});

test('生成下一年度 in the WPS pane: a copy named 2027年度 after the form, rolled forward, selected and checked', async () => {
  const { page, errors } = await openMainPage();
  await page.evaluate(() => {
    const fake = (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake;
    const own = fake.workbook.addSheet('2027年度');
    own.cell(0, 0).value = '用户自己的表';
  });
  await press(page, BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  await frame.getByRole('button', { name: '生成下一年度' }).click();
  // The shared pane asks once before copying the sheet (a sheet copy cannot be undone in Excel).
  await frame.getByTestId('next-year-confirm').getByRole('button', { name: '生成' }).click();
  const rolled = frame.getByTestId('rolled');
  await rolled.waitFor();
  await expect(rolled.textContent()).resolves.toContain('2027 年度申报表还需要填写或复核');
  await frame.getByText('已生成 2027 年度申报表“2027年度 (2)”').waitFor();
  const after = await page.evaluate(() => {
    const wb = (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake.workbook;
    const at = (s: string, r: number, c: number) => wb.sheet(s)?.get(r, c)?.value ?? null;
    return {
      sheets: wb.sheets.map((s) => s.name),
      active: wb.activeSheet,
      own: at('2027年度', 0, 0),
      // The typed example: history headers F6/G6, 人员类 on row 11 (D 当年, F 前年, G 上年).
      h6: at('2027年度 (2)', 5, 5),
      h11: at('2027年度 (2)', 10, 5),
      i11: at('2027年度 (2)', 10, 6),
      e11: at('2027年度 (2)', 10, 3),
      source: at('附件2', 10, 6),
    };
  });
  expect(after.sheets.indexOf('2027年度 (2)')).toBe(after.sheets.indexOf('附件2') + 1);
  expect(after.own).toBe('用户自己的表');
  expect(after.active).toBe('2027年度 (2)');
  expect([after.h6, after.h11, after.i11, after.source]).toEqual(['2025年', 229.85, 314.72, 229.85]);
  expect(after.e11 === null || after.e11 === '').toBe(true);
  await frame.getByTestId('blanks-projects').waitFor();
  // The copy carries no flag of the source's: its 占比 column was emptied and nothing there is flagged.
  expect((await cellLook(page, '2027年度 (2)', share.row, share.col)).fill).toBeNull();
  expect(errors).toEqual([]);
  await page.close();
});

test('与上年对比 in the WPS pane: the rolled sheet is compared with the form it came from; a changed 上年 is flagged', async () => {
  const { page, errors } = await openMainPage();
  await press(page, BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  expect(await frame.getByTestId('compared').count()).toBe(0);
  await frame.getByRole('button', { name: '生成下一年度' }).click();
  await frame.getByTestId('next-year-confirm').getByRole('button', { name: '生成' }).click();
  await frame.getByText('已生成 2027 年度申报表“2027年度”').waitFor();
  const compared = frame.getByTestId('compared');
  await compared.waitFor();
  expect(await compared.textContent()).toBe('已与《2026年度》对比（工作表“附件2”）');
  expect(await frame.locator('li[data-rule^="previous-"]').count()).toBe(0);
  // 人员类 上年 (G11) typed over last year's 当年 314.72 — not within the second after the roll wrote that cell, when
  // the host takes a change there for the echo of its own write (src/host/wps/events.ts).
  await page.waitForTimeout(1200);
  await page.evaluate(
    (cell) =>
      (window as unknown as { __fake: { user: { type(c: string, v: number): void } } }).__fake.user.type(cell, 320),
    '2027年度!G11',
  );
  const drift = frame.locator('li[data-rule="previous-funding"]');
  await drift.waitFor();
  await expect(drift.innerText()).resolves.toContain('314.72');
  await until(async () => (await cellLook(page, '2027年度', 10, 6)).fill === FLAG_FILL.warning, 'the flag');
  expect(errors).toEqual([]);
  await page.close();
});

test('与上年对比 in the WPS pane with a picked file, read by the package reader inside the pane on the floor’s engine; a bad file gets one Chinese message', async () => {
  const { page, errors } = await openMainPage(1280, true);
  await press(page, BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  expect(await frame.getByTestId('compared').count()).toBe(0);
  // The 2025 form of the same department (the typed form a year earlier), as an .xlsx file.
  const spec = typedForm();
  const rows: CellValue[][] = spec.rows.map((r) => [...r]);
  rows[2]![1] = '2024年11月26日';
  rows[5] = [null, null, null, null, null, '2023年', '2024年'];
  const buffer = await specToXlsx({ ...spec, rows }, '附件2');
  const input = frame.locator('input[type="file"]');
  await input.setInputFiles({ name: '2025年申报表.xlsx', mimeType: 'application/octet-stream', buffer });
  await frame.getByText('已与《2025年度》对比（文件“2025年申报表.xlsx”）').waitFor();
  // The typed 2025 form's 当年 and targets are this form's: 上年 differs (229.85 against 314.72), flagged in place.
  const drift = frame.locator('li[data-rule="previous-funding"]').first();
  await drift.waitFor();
  const cell = parseAddress((await drift.getAttribute('data-cell'))!)!;
  await until(async () => (await cellLook(page, '附件2', cell.row, cell.col)).fill === FLAG_FILL.warning, 'the flag');

  await frame.getByRole('button', { name: '不再对比' }).click();
  await frame.getByRole('button', { name: '选择上年度申报表…' }).waitFor();
  await until(async () => (await frame.locator('li[data-rule^="previous-"]').count()) === 0, 'the comparison to go');
  await input.setInputFiles({
    name: '坏.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\x03\x04坏'),
  });
  const error = frame.getByTestId('previous-file-error');
  await error.waitFor();
  expect(await error.textContent()).toMatch(
    /^无法使用上年申报表“坏\.xlsx”：文件已损坏.*。本表已单独校验，未与上年对比。$/,
  );
  expect(await frame.getByTestId('compared').count()).toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

test('生成下一年度 on a WPS without Worksheet.Copy says what is needed and adds no sheet', async () => {
  const { page, errors } = await openMainPage(1280, false, { noSheetCopy: true });
  await press(page, BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  const before = await page.evaluate(() =>
    (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake.workbook.sheets.map((s) => s.name),
  );
  await frame.getByRole('button', { name: '生成下一年度' }).click();
  // The shared pane asks once before copying the sheet (a sheet copy cannot be undone in Excel).
  await frame.getByTestId('next-year-confirm').getByRole('button', { name: '生成' }).click();
  await frame.getByText(/生成下一年度失败：.*缺少 Worksheet\.Copy/).waitFor();
  const after = await page.evaluate(() =>
    (window as unknown as { __fake: { workbook: MemoryWorkbook } }).__fake.workbook.sheets.map((s) => s.name),
  );
  expect(after).toEqual(before);
  // The form is flagged again after the failed attempt.
  await until(
    async () => (await cellLook(page, '附件2', share.row, share.col)).fill === FLAG_FILL.error,
    'the flags back',
  );
  expect(errors).toEqual([]);
  await page.close();
});

test('the pane page opened outside WPS says where to open it instead of failing', async () => {
  const page = await browser.newPage();
  await page.route('**/*', (route) =>
    route.request().url().startsWith(base) ? route.continue() : (outside.push(route.request().url()), route.abort()),
  );
  await page.goto(`${base}/taskpane.html`);
  await expect(page.locator('#root').textContent()).resolves.toContain('WPS 表格');
  await page.close();
});

test('the pane at 360 px (screenshot into docs/images/wps-pane.png with UPDATE_SCREENSHOTS=1)', async () => {
  const { page } = await openMainPage(1000);
  await press(page, BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  const width = await page
    .locator('#jixiao-pane-1')
    .evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().width);
  expect(width).toBe(360);
  const overflow = await frame.locator('body').evaluate((b) => b.scrollWidth > b.clientWidth);
  expect(overflow).toBe(false);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await page.locator('#jixiao-pane-1').screenshot({ path: join(ROOT, 'docs', 'images', 'wps-pane.png') });
  }
  await page.close();
});

test('on an engine at the floor (newer built-ins removed in every frame) the ribbon callbacks and the pane still work', async () => {
  const { page, dialogs, errors } = await openMainPage(1280, true);
  expect(await page.evaluate(() => typeof (window as unknown as { structuredClone?: unknown }).structuredClone)).toBe(
    'undefined',
  );
  const atDomReady = await page.evaluate(() => (window as unknown as { __atDomReady: string[] }).__atDomReady);
  for (const name of ribbonCallbacks()) expect(atDomReady).toContain(name.split('.')[1]);
  const act = (id: string) => press(page, id);
  await act(BUTTONS.validate);
  await until(async () => dialogs.length > 0, 'the 校验本表 dialog');
  expect(dialogs[0]).toMatch(/^校验完成：错误 \d+ 项，提示 \d+ 项/);
  expect((await cellLook(page, '附件2', share.row, share.col)).fill).toBe(FLAG_FILL.error);

  await act(BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  expect(
    await frame.locator('body').evaluate(() => typeof (window as { ResizeObserver?: unknown }).ResizeObserver),
  ).toBe('function');
  const item = frame.locator(`li[data-rule="funding-share"][data-cell="${shareCell}"]`);
  await item.getByRole('button', { name: '修正' }).click();
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).value === 0.8412, 'the fix');
  expect(errors).toEqual([]);
  await page.close();
});

test('a WPS that gives pages only window.wps (wps.EtApplication(), no window.Application): 校验本表 and the pane work', async () => {
  const { page, dialogs, errors } = await openMainPage(1280, false, { inject: 'wps' });
  expect(await page.evaluate(() => typeof (window as { Application?: unknown }).Application)).toBe('undefined');
  const act = (id: string) => press(page, id);
  await act(BUTTONS.validate);
  await until(async () => dialogs.length > 0, 'the 校验本表 dialog');
  expect(dialogs[0]).toMatch(/^校验完成：错误 \d+ 项，提示 \d+ 项/);
  expect((await cellLook(page, '附件2', share.row, share.col)).fill).toBe(FLAG_FILL.error);
  await act(BUTTONS.pane);
  const frame = page.frameLocator('#jixiao-pane-1');
  await frame.getByTestId('verdict').waitFor();
  expect(await frame.locator('body').evaluate(() => typeof (window as { Application?: unknown }).Application)).toBe(
    'undefined',
  );
  const item = frame.locator(`li[data-rule="funding-share"][data-cell="${shareCell}"]`);
  await item.getByRole('button', { name: '修正' }).click();
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).value === 0.8412, 'the fix');
  expect(errors).toEqual([]);
  await page.close();
});

/** Value2 reads per page so far: a page that checks a sheet reads its values; a muted page does not. */
async function valueReads(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const ctx = (window as unknown as { __fake: { ctx: { byPage: Map<string, Map<string, number>> } } }).__fake.ctx;
    const out: Record<string, number> = {};
    ctx.byPage.forEach((members, p) => (out[p] = members.get('Value2') ?? 0));
    return out;
  });
}

/** Types into the 占比 cell and tells which pages ran a check because of it. */
async function checkersOf(page: Page, value: number): Promise<string[]> {
  // Whatever an earlier step started (a pane's first check, a debounced live check) has finished.
  await new Promise((r) => setTimeout(r, 1200));
  const before = await valueReads(page);
  await page.evaluate(
    ([cell, v]) =>
      (window as unknown as { __fake: { user: { type(c: string, v: number): void } } }).__fake.user.type(cell, v),
    [shareCell, value] as const,
  );
  const wanted = value === 0.8412 ? null : FLAG_FILL.error;
  await until(async () => (await cellLook(page, '附件2', share.row, share.col)).fill === wanted, 'a live check');
  // Long enough for a second page's debounced check (400 ms) to have run too.
  await new Promise((r) => setTimeout(r, 1500));
  const after = await valueReads(page);
  return Object.keys(after)
    .filter((p) => after[p]! > (before[p] ?? 0))
    .sort();
}

test('one live checker at a time, in separate page contexts: the shown pane, else the main page (hide, show, close, reopen)', async () => {
  const { page, dialogs, errors } = await openMainPage();
  const act = (id: string) => press(page, id);
  // The main page checks the sheet from the ribbon: from then on it keeps it up to date while no pane is shown.
  await act(BUTTONS.validate);
  await until(async () => dialogs.length > 0, 'the 校验本表 dialog');
  expect(await checkersOf(page, 0.8412)).toEqual(['main']);

  await act(BUTTONS.pane);
  await page.frameLocator('#jixiao-pane-1').getByTestId('verdict').waitFor();
  // The pane is its own JavaScript context with its own Application object.
  expect(
    await page.evaluate(() => {
      const f = document.getElementById('jixiao-pane-1') as HTMLIFrameElement;
      const w = f.contentWindow as unknown as { Application: unknown; Object: unknown };
      return [w.Application !== (window as unknown as { Application: unknown }).Application, w.Object !== Object];
    }),
  ).toEqual([true, true]);
  expect(await checkersOf(page, 0.5)).toEqual(['jixiao-pane-1']);

  // Hidden: the pane's page (and its session) stays alive, but only the main page checks.
  await act(BUTTONS.pane);
  expect(await page.locator('#jixiao-pane-1').isVisible()).toBe(false);
  expect(await checkersOf(page, 0.8412)).toEqual(['main']);

  // Shown again: the pane checks, the main page is quiet.
  await act(BUTTONS.pane);
  expect(await checkersOf(page, 0.5)).toEqual(['jixiao-pane-1']);

  // Closed with its own ✕ (WPS hides the pane): the main page again.
  await page.evaluate(() => {
    const panes = (window as unknown as { __fake: { panes: Map<number, { Visible: boolean }> } }).__fake.panes;
    panes.get(1)!.Visible = false;
  });
  expect(await checkersOf(page, 0.8412)).toEqual(['main']);

  // Gone for good (Delete), then reopened from the ribbon: a new pane page, and only it checks.
  await page.evaluate(() => {
    const panes = (window as unknown as { __fake: { panes: Map<number, { Delete(): void }> } }).__fake.panes;
    panes.get(1)!.Delete();
  });
  await act(BUTTONS.pane);
  await page.frameLocator('#jixiao-pane-2').getByTestId('verdict').waitFor();
  expect(await checkersOf(page, 0.5)).toEqual(['jixiao-pane-2']);
  expect(errors).toEqual([]);
  await page.close();
  // About 20 s on a quiet machine (it samples which page checks over several seconds): room for a loaded one.
}, 120_000);
