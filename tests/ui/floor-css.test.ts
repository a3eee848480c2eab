/**
 * @jest-environment jsdom
 *
 * The pane renderer's fallbacks for old engines (src/ui/floor-css.ts) and the checker the browser test uses
 * (tests/wps/browser/css-floor.ts), on rules as Griffel writes them.
 */
import {
  FOCUS_WITHIN_ATTR,
  trackFocusWithin,
  twinRule,
  withDeclarationFallbacks,
  withFallbacks,
} from '../../src/ui/floor-css';
import { checkFloor, parseCss } from '../wps/browser/css-floor';

const BOTH = { focusVisible: true, focusWithin: true };

test('logical properties get the physical longhands first, with the same values', () => {
  expect(withDeclarationFallbacks('.a{padding-block:calc(var(--s) - var(--t));color:red;}')).toBe(
    '.a{padding-top:calc(var(--s) - var(--t));padding-bottom:calc(var(--s) - var(--t));padding-block:calc(var(--s) - var(--t));color:red;}',
  );
  expect(withDeclarationFallbacks('.a::after{inset:0px 2px;}')).toBe(
    '.a::after{top:0px;right:2px;bottom:0px;left:2px;inset:0px 2px;}',
  );
  expect(withDeclarationFallbacks('.a{margin-inline-start:4px;}')).toBe('.a{margin-left:4px;margin-inline-start:4px;}');
  // Inside a media rule too; other rules unchanged.
  expect(withDeclarationFallbacks('@media (min-width: 1px){.a{padding-inline:1px 2px;}}')).toBe(
    '@media (min-width: 1px){.a{padding-left:1px;padding-right:2px;padding-inline:1px 2px;}}',
  );
  expect(withDeclarationFallbacks('.a{box-shadow:0 0 0 1px red inset;}')).toBe('.a{box-shadow:0 0 0 1px red inset;}');
});

test('max() and min() are preceded by their last argument', () => {
  expect(withDeclarationFallbacks('.a::after{height:max(2px, var(--borderRadiusMedium));}')).toBe(
    '.a::after{height:var(--borderRadiusMedium);height:max(2px, var(--borderRadiusMedium));}',
  );
  expect(withDeclarationFallbacks('.a{width:calc(min(100%, 20px) - 1px);}')).toBe(
    '.a{width:calc(20px - 1px);width:calc(min(100%, 20px) - 1px);}',
  );
  // Custom properties are left alone (their value is substituted where used).
  expect(withDeclarationFallbacks('.a{--x:max(1px, 2px);}')).toBe('.a{--x:max(1px, 2px);}');
});

test('twins replace :focus-visible by :focus and :focus-within by the tracked attribute, in selectors only', () => {
  expect(twinRule('.x:hover:active,.x:active:focus-visible{color:red;}', BOTH)).toBe(
    '.x:hover:active,.x:active:focus{color:red;}',
  );
  expect(twinRule('.x:not(:focus-within){border-color:red;}', BOTH)).toBe(
    `.x:not([${FOCUS_WITHIN_ATTR}]){border-color:red;}`,
  );
  expect(twinRule('@media (forced-colors: active){.a{color:red;}.a:focus-visible{color:blue;}}', BOTH)).toBe(
    '@media (forced-colors: active){.a{color:red;}.a:focus{color:blue;}}',
  );
  expect(twinRule('.a{content:":focus-visible";}', BOTH)).toBeNull();
  expect(twinRule('.a:focus-visible{color:red;}', { focusVisible: false, focusWithin: true })).toBeNull();
});

test('a twin goes right after its rule, with its metadata; none on an engine that knows the selectors', () => {
  const meta = { m: '(forced-colors: active)' };
  expect(withFallbacks(['.a:focus-visible{color:red;}', ['.b{color:blue;}', meta]], BOTH)).toEqual([
    '.a:focus-visible{color:red;}',
    '.a:focus{color:red;}',
    ['.b{color:blue;}', meta],
  ]);
  expect(withFallbacks(['.a:focus-visible{color:red;}'], { focusVisible: false, focusWithin: false })).toEqual([
    '.a:focus-visible{color:red;}',
  ]);
});

test('the focus-within attribute follows focus: the focused element and its ancestors, cleared on leaving', () => {
  document.body.innerHTML =
    '<div id="outer"><div id="inner"><input id="field"></div></div><button id="other"></button>';
  const stop = trackFocusWithin(document);
  const has = (id: string) => document.getElementById(id)!.hasAttribute(FOCUS_WITHIN_ATTR);
  document.getElementById('field')!.focus();
  expect(['field', 'inner', 'outer', 'other'].map(has)).toEqual([true, true, true, false]);
  document.getElementById('other')!.focus();
  expect(['field', 'inner', 'outer', 'other'].map(has)).toEqual([false, false, false, true]);
  (document.activeElement as HTMLElement).blur();
  expect(has('other')).toBe(false);
  stop();
});

test('the checker: newer selectors, properties and values need their fallback; gated media rules are skipped', () => {
  const report = (css: string) => checkFloor(parseCss(css));
  expect(report('.a:focus-visible{outline:none}').problems.map((p) => p.what)).toEqual([
    ':focus-visible without its twin',
  ]);
  expect(report('.a:focus-visible{outline:none}.a:focus{outline:none}').problems).toEqual([]);
  expect(report('.a{padding-block:1px}').problems.map((p) => p.since)).toEqual([87]);
  expect(report('.a{padding-top:1px;padding-bottom:1px;padding-block:1px}').problems).toEqual([]);
  expect(report('.a{background-image:conic-gradient(red 10deg, blue 10deg)}').problems.map((p) => p.since)).toEqual([
    69,
  ]);
  expect(
    report('.a{background-image:linear-gradient(red, red);background-image:conic-gradient(red 1deg, blue 1deg)}')
      .problems,
  ).toEqual([]);
  expect(report('.a{color:#11223344}').problems.map((p) => p.since)).toEqual([62]);
  expect(report('.a:is(.b){color:red}').problems.map((p) => p.since)).toEqual([88]);
  expect(report('.a:not(.b .c){color:red}').problems.map((p) => p.since)).toEqual([88]);
  expect(report('@media (forced-colors: active){.a:focus-visible{forced-color-adjust:none}}').problems).toEqual([]);
  expect(report('.a{display:flex;column-gap:8px}').gaps).toHaveLength(1);
});
