/**
 * The CSS the WPS pane injects at run time, against the declared floor (wps/floor.json: Chromium 58).
 *
 * The BUILT WPS package runs in headless Chromium over the fake WPS, on a page that plays an engine
 * without `:focus-visible` (Chromium 86) and `:focus-within` (60): selector APIs refuse them and a style
 * rule naming them is a syntax error, as on such an engine. Every rule the pane inserts
 * (CSSStyleSheet.insertRule, which is how Griffel and Fluent inject theirs), every <style> element and
 * every inline style is collected after each view the pane can show (template form with errors, the
 * spinner, the list, the explanation editor with its error, a fix, the next-year confirmation, the rolled
 * report, a sheet that is not a form, a failed action, a failed check) and checked by tests/wps/browser/css-floor.ts: anything newer
 * than the floor must be paired with a fallback (what that means is written there and in docs/wps.md).
 * Flex/grid gap is checked on the rendered pane: taking every gap away must move nothing.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { BUTTONS } from '../../src/shell/wps/ribbon';
import { checkFloor, parseCss, type CssRule } from './browser/css-floor';
import { buildPackage, type BuiltPackage } from './package';

const CHROMIUM = '/usr/bin/chromium';
jest.setTimeout(240_000);

let pkg: BuiltPackage;
let server: Server;
let base: string;
let browser: Browser;
let initScript: string;

/** Records every rule inserted into a style sheet, in every frame, before the add-in's scripts run. */
const RECORD_CSS = `(function () {
  var log = (window.__insertedCss = []);
  var insert = CSSStyleSheet.prototype.insertRule;
  CSSStyleSheet.prototype.insertRule = function (rule) {
    log.push(String(rule));
    return insert.apply(this, arguments);
  };
})();`;

/**
 * An engine without :focus-visible and :focus-within (below Chromium 60): the selector APIs throw a
 * SyntaxError on them and a rule whose selectors (or any selector of its list) name them is refused.
 * Installed before RECORD_CSS, so the record still holds what the pane tried to insert.
 */
const OLD_SELECTORS = `(function () {
  var NEW = /:focus-visible\\b|:focus-within\\b/;
  function check(sel) {
    if (NEW.test(String(sel))) throw new DOMException("'" + sel + "' is not a valid selector.", 'SyntaxError');
  }
  var apis = [
    [Document.prototype, 'querySelector'], [Document.prototype, 'querySelectorAll'],
    [DocumentFragment.prototype, 'querySelector'], [DocumentFragment.prototype, 'querySelectorAll'],
    [Element.prototype, 'querySelector'], [Element.prototype, 'querySelectorAll'],
    [Element.prototype, 'matches'], [Element.prototype, 'closest'],
  ];
  apis.forEach(function (a) {
    var orig = a[0][a[1]];
    a[0][a[1]] = function (sel) { check(sel); return orig.apply(this, arguments); };
  });
  var insert = CSSStyleSheet.prototype.insertRule;
  CSSStyleSheet.prototype.insertRule = function (rule) {
    var heads = String(rule);
    for (var i = 0; i < 3; i++) heads = heads.replace(/\\{[^{}]*\\}/g, '');
    if (NEW.test(heads)) throw new DOMException('Failed to parse the rule', 'SyntaxError');
    return insert.apply(this, arguments);
  };
})();`;

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
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }[extname(file)];
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' });
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

interface Opened {
  page: Page;
  pane: FrameLocator;
  errors: string[];
}

/** The main page on the old engine, and the pane opened from the ribbon (打开助手 or 生成申报表). */
async function openPane(button: string, fakeOptions?: Record<string, unknown>): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => void d.accept());
  await page.route('**/*', (route) =>
    route.request().url().startsWith(base) || route.request().url().startsWith('data:')
      ? route.continue()
      : route.abort(),
  );
  if (fakeOptions) {
    await page.addInitScript((o) => {
      (window as unknown as { __fakeOptions: unknown }).__fakeOptions = o;
    }, fakeOptions);
  }
  await page.addInitScript(initScript);
  await page.addInitScript(OLD_SELECTORS);
  await page.addInitScript(RECORD_CSS);
  await page.goto(`${base}/index.html`);
  await page.evaluate(
    (id) => (window as unknown as { ribbon: { OnAction(c: { Id: string }): void } }).ribbon.OnAction({ Id: id }),
    button,
  );
  return { page, pane: page.frameLocator('#jixiao-pane-1'), errors };
}

/**
 * Flex and grid containers of the rendered pane whose children move when their gap is taken away (an
 * engine below Chromium 84 has no flex gap): each one names the container and the children that moved.
 */
async function gapDependence(pane: FrameLocator): Promise<string[]> {
  return pane.locator('body').evaluate(() => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${[...el.classList]
        .filter((c) => c.startsWith('fui-'))
        .map((c) => `.${c}`)
        .join('')}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}`;
    const zero = (v: string) => v === 'normal' || v === '0px';
    const out: string[] = [];
    for (const el of Array.from(document.body.getElementsByTagName('*'))) {
      const cs = getComputedStyle(el);
      if (!/flex|grid/.test(cs.display) || (zero(cs.rowGap) && zero(cs.columnGap))) continue;
      const kids = Array.from(el.children);
      const before = kids.map((k) => k.getBoundingClientRect());
      const style = (el as HTMLElement).style;
      style.setProperty('row-gap', '0px', 'important');
      style.setProperty('column-gap', '0px', 'important');
      const after = kids.map((k) => k.getBoundingClientRect());
      style.removeProperty('row-gap');
      style.removeProperty('column-gap');
      const moved = kids.filter((_, i) =>
        (['left', 'top', 'width', 'height'] as const).some((p) => Math.abs(before[i]![p] - after[i]![p]) > 0.5),
      );
      if (moved.length) {
        const path: string[] = [];
        for (let p: Element | null = el; p && p !== document.body && path.length < 4; p = p.parentElement)
          path.unshift(name(p));
        out.push(`${path.join(' > ')} (gap ${cs.rowGap} / ${cs.columnGap}) moves ${moved.map(name).join(', ')}`);
      }
    }
    return out;
  });
}

/** Everything the pane's page styles itself with: the inserted rules, <style> elements, inline styles. */
async function injectedCss(pane: FrameLocator): Promise<CssRule[]> {
  const parts = await pane.locator('body').evaluate(() => ({
    inserted: (window as unknown as { __insertedCss: string[] }).__insertedCss,
    elements: Array.from(document.getElementsByTagName('style')).map((s) => s.textContent ?? ''),
    inline: Array.from(document.body.getElementsByTagName('*'))
      .map((e) => e.getAttribute('style'))
      .filter((s): s is string => !!s),
  }));
  return [
    ...parts.inserted.flatMap((r) => parseCss(r)),
    ...parts.elements.flatMap((t) => parseCss(t)),
    ...parts.inline.flatMap((s) => parseCss(`[style]{${s}}`)),
  ];
}

const rules: CssRule[] = [];
const gapProblems = new Set<string>();

async function view(pane: FrameLocator, what: string): Promise<void> {
  for (const g of await gapDependence(pane)) gapProblems.add(`${what}: ${g}`);
}

test('every view of the pane on an engine at the floor: nothing newer than Chromium 58 without its fallback, no gap the layout depends on', async () => {
  // 生成申报表: the template form, then its errors.
  const a = await openPane(BUTTONS.generate);
  const form = a.pane.getByRole('form', { name: '生成申报表' });
  await form.waitFor();
  await view(a.pane, 'template form');
  await form.getByRole('textbox', { name: '预算年度' }).fill('abc');
  await form.getByRole('button', { name: '生成申报表' }).click();
  await a.pane.getByText('预算年度应为').waitFor();
  await view(a.pane, 'template form with errors');
  // The check view before any check: the spinner.
  await a.pane.getByRole('tab', { name: '校验' }).click();
  await a.pane.getByRole('progressbar').waitFor();
  await view(a.pane, 'spinner');
  // The list, the explanation editor and its error, a fix, the rolled report.
  await a.pane.getByRole('button', { name: '校验本表' }).click();
  await a.pane.getByTestId('verdict').waitFor();
  await view(a.pane, 'findings');
  await a.pane.getByRole('button', { name: '说明', exact: true }).first().click();
  await a.pane.getByRole('button', { name: '保存说明' }).click();
  await a.pane.getByText('请写明情况').waitFor();
  await view(a.pane, 'explanation editor');
  await a.pane.getByRole('button', { name: '取消' }).click();
  await a.pane.getByRole('button', { name: '修正' }).first().click();
  await a.pane.getByText(/^已修正/).waitFor();
  await view(a.pane, 'fixed');
  await a.pane.getByRole('button', { name: '生成下一年度' }).click();
  const confirm = a.pane.getByTestId('next-year-confirm');
  await confirm.waitFor();
  await view(a.pane, 'next-year confirmation');
  await confirm.getByRole('button', { name: '生成', exact: true }).click();
  await a.pane.getByTestId('rolled').waitFor();
  await a.pane.getByText(/已移动和保留/).click();
  await view(a.pane, 'rolled report');
  // A sheet that is not a form.
  await a.page.evaluate(() => {
    const wb = (window as unknown as { __fake: { workbook: { addSheet(n: string): unknown; activeSheet: string } } })
      .__fake.workbook;
    wb.addSheet('空白表');
    wb.activeSheet = '空白表';
  });
  await a.pane.getByRole('button', { name: '校验本表' }).click();
  await a.pane.getByTestId('not-form').waitFor();
  await view(a.pane, 'not a form');
  rules.push(...(await injectedCss(a.pane)));
  expect(a.errors).toEqual([]);
  await a.page.close();

  // A failed action (a WPS without Worksheet.Copy) and a failed check (Value2 refused).
  const b = await openPane(BUTTONS.pane, { noSheetCopy: true });
  await b.pane.getByTestId('verdict').waitFor();
  await b.pane.getByRole('button', { name: '生成下一年度' }).click();
  await b.pane.getByTestId('next-year-confirm').getByRole('button', { name: '生成', exact: true }).click();
  await b.pane.getByText(/生成下一年度失败/).waitFor();
  await view(b.pane, 'failed action');
  rules.push(...(await injectedCss(b.pane)));
  await b.page.close();
  const c = await openPane(BUTTONS.pane, { refuse: ['read:Value2'] });
  await c.pane.getByText('没能完成校验').waitFor();
  await view(c.pane, 'failed check');
  rules.push(...(await injectedCss(c.pane)));
  await c.page.close();

  const report = checkFloor(rules);
  const problems = [...new Set(report.problems.map((p) => `${p.what} (Chromium ${p.since}): ${p.rule}`))];
  expect({ problems, gaps: [...gapProblems] }).toEqual({ problems: [], gaps: [] });
  // The check saw the pane's CSS, fallbacks included (not an empty or pruned record).
  expect(rules.length).toBeGreaterThan(300);
  expect(report.paired).toBeGreaterThan(20);
});

/** A computed value once Fluent's transitions are over: the expected one, or the last read after 4 s. */
async function settled(read: () => Promise<string>, expected: string): Promise<string> {
  let value = await read();
  for (let i = 0; i < 40 && value !== expected; i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

test('on the old engine: a pressed button shows its pressed colour, keyboard focus is visible, an invalid field is red, a focused input underlined', async () => {
  const { page, pane, errors } = await openPane(BUTTONS.generate);
  const form = pane.getByRole('form', { name: '生成申报表' });
  await form.waitFor();
  const token = (name: string) =>
    pane
      .locator('.fui-FluentProvider')
      .first()
      .evaluate((el, n) => {
        const probe = document.createElement('div');
        probe.style.color = getComputedStyle(el).getPropertyValue(n).trim();
        el.appendChild(probe);
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      }, name);

  // An invalid 预算年度: its Input is drawn with the error colour while focus is elsewhere.
  const year = form.getByRole('textbox', { name: '预算年度' });
  await year.fill('abc');
  await form.getByRole('button', { name: '生成申报表' }).click();
  await pane.getByText('预算年度应为').waitFor();
  await pane.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const yearBox = year.locator('xpath=..');
  expect(await yearBox.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe(
    await token('--colorPaletteRedBorder2'),
  );

  // A focused input shows its underline (::after scaled to full width).
  const dept = form.getByRole('textbox', { name: '部门（单位）名称' });
  await dept.focus();
  const underline = await settled(
    () => dept.locator('xpath=..').evaluate((e) => getComputedStyle(e, '::after').transform),
    'matrix(1, 0, 0, 1, 0, 0)',
  );
  expect(underline).toBe('matrix(1, 0, 0, 1, 0, 0)');

  // The primary button pressed with the mouse takes Fluent's pressed colour.
  const submit = form.getByRole('button', { name: '生成申报表' });
  const box = (await submit.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const pressedColour = await token('--colorBrandBackgroundPressed');
  const pressed = await settled(() => submit.evaluate((e) => getComputedStyle(e).backgroundColor), pressedColour);
  await page.mouse.up();
  expect(pressed).toBe(pressedColour);

  // A finding reached with the keyboard has a visible focus ring.
  await pane.getByRole('tab', { name: '校验' }).click();
  await pane.getByRole('button', { name: '校验本表' }).click();
  await pane.getByTestId('verdict').waitFor();
  const locate = pane.locator('li[data-rule] > button').first();
  await locate.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const ring = await pane.locator('body').evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    const after = getComputedStyle(el, '::after');
    return {
      isLocate: el.matches('li[data-rule] > button'),
      outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
      after: after.content !== 'none' && after.borderTopStyle !== 'none' && parseFloat(after.borderTopWidth) > 0,
    };
  });
  expect(ring.isLocate).toBe(true);
  expect(ring.outline || ring.after).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});
