/**
 * What in a piece of CSS is newer than the WPS floor (wps/floor.json: Chromium 58), and whether each such
 * thing is paired with a fallback an engine at the floor uses instead. Used by tests/wps/pane-css.test.ts on
 * the CSS the pane injects at run time.
 *
 * "Paired with a fallback" means (docs/wps.md, 浏览器内核):
 * - a selector with `:focus-visible` (Chromium 86) or `:focus-within` (60): on an engine without them, the
 *   same rule (same conditions, same declarations) is also there with `:focus-visible` → `:focus` and
 *   `:focus-within` → `[data-jixiao-focus-within]` (the attribute src/ui/floor-css.ts keeps on the focused
 *   element and its ancestors). A selector list holding one unknown selector is dropped whole by such an
 *   engine, so the twin is the whole list with the replacement;
 * - a logical property (`padding-block`, `inset`, …): the same declaration block declares, before it, the
 *   physical longhands with the same values (left-to-right, as the pane is);
 * - a newer value (`conic-gradient()`, `max()`, 8-digit hex, …) or a property an engine knows only prefixed
 *   (`mask-image`, `appearance`): the same block declares the same property (or its `-webkit-` form) earlier
 *   with a value at the floor; `content-visibility` only where the same block already hides the element by
 *   older means (opacity, visibility: Fluent's focus-trap helpers);
 * - flex/grid `gap`: not here — the test checks the rendered pane instead: taking every gap away moves no
 *   element (the spacing is carried by margins). A gap declaration in the CSS is reported in `gaps`.
 * Rules inside `@media` whose condition needs a media feature newer than the floor (`forced-colors`,
 * `prefers-reduced-motion`, …) never apply on such an engine, which then renders as for a user without that
 * setting; rules inside `@supports (-moz-…)` never apply in any Chromium. Both are skipped.
 */

export interface CssRule {
  /** Preludes of the enclosing at-rules, outermost first ("@media (forced-colors: active)"). */
  context: string[];
  selector: string;
  /** Declarations in source order (duplicates kept: a fallback is an earlier duplicate). */
  decls: [string, string][];
}

/** Splits CSS text into style rules (comments dropped, at-rule blocks entered). */
export function parseCss(text: string, context: string[] = []): CssRule[] {
  const css = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: CssRule[] = [];
  let i = 0;
  while (i < css.length) {
    const open = findTop(css, i, '{');
    if (open < 0) break;
    const prelude = css.slice(i, open).trim();
    const close = matching(css, open);
    const body = css.slice(open + 1, close);
    if (prelude.startsWith('@')) {
      if (/^@(-webkit-)?keyframes\b/.test(prelude) || /^@font-face\b/.test(prelude)) {
        for (const r of parseCss(body, [...context, prelude])) out.push({ ...r, selector: '' });
      } else {
        out.push(...parseCss(body, [...context, prelude]));
      }
    } else if (prelude) {
      out.push({ context, selector: prelude, decls: declarations(body) });
    }
    i = close + 1;
  }
  return out;
}

function findTop(s: string, from: number, ch: string): number {
  let quote: string | null = null;
  let paren = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') paren++;
    else if (c === ')') paren--;
    else if (c === ch && paren === 0) return i;
  }
  return -1;
}

function matching(s: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return s.length;
}

/** The declarations of one block, in order. */
export function declarations(body: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < body.length) {
    let end = findTop(body, i, ';');
    if (end < 0) end = body.length;
    const decl = body.slice(i, end);
    const colon = decl.indexOf(':');
    if (colon > 0) {
      const prop = decl.slice(0, colon).trim().toLowerCase();
      const value = decl
        .slice(colon + 1)
        .replace(/!\s*important\s*$/i, '')
        .trim();
      if (prop) out.push([prop, value]);
    }
    i = end + 1;
  }
  return out;
}

/** Selectors newer than Chromium 58, with the version that brought them. */
const NEW_SELECTORS: { re: RegExp; since: number; name: string }[] = [
  { re: /:focus-visible\b/, since: 86, name: ':focus-visible' },
  { re: /:focus-within\b/, since: 60, name: ':focus-within' },
  { re: /:is\(/, since: 88, name: ':is()' },
  { re: /:where\(/, since: 88, name: ':where()' },
  { re: /:has\(/, since: 105, name: ':has()' },
  { re: /::marker\b/, since: 86, name: '::marker' },
  { re: /:dir\(/, since: 120, name: ':dir()' },
  { re: /:any-link\b/, since: 65, name: ':any-link' },
  { re: /::file-selector-button\b/, since: 89, name: '::file-selector-button' },
  { re: /:autofill\b/, since: 110, name: ':autofill' },
  { re: /:user-(in)?valid\b/, since: 119, name: ':user-valid' },
  { re: /:(popover-open|modal)\b/, since: 105, name: ':popover-open/:modal' },
  { re: /:nth-(last-)?child\([^)]*\bof\b/, since: 111, name: ':nth-child(… of S)' },
];

/** The selector an engine without `:focus-visible` / `:focus-within` gets instead (the twin). */
export const FOCUS_WITHIN_ATTR = 'data-jixiao-focus-within';
export function twinSelector(selector: string): string {
  return selector.replace(/:focus-visible\b/g, ':focus').replace(/:focus-within\b/g, `[${FOCUS_WITHIN_ATTR}]`);
}

/** `:not(…)` with more than one simple selector inside (a list or a combinator): Chromium 88. */
function complexNot(selector: string): boolean {
  const re = /:not\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(selector))) {
    let depth = 1;
    let j = m.index + 5;
    for (; j < selector.length && depth > 0; j++) {
      if (selector[j] === '(') depth++;
      else if (selector[j] === ')') depth--;
    }
    const inner = selector.slice(m.index + 5, j - 1);
    if (/,|\s|>|\+|~/.test(inner.replace(/\([^)]*\)|\[[^\]]*\]/g, ''))) return true;
  }
  return false;
}

/** Properties newer than Chromium 58 (unprefixed), with the version and the floor-level alternative. */
const LOGICAL: Record<string, string[]> = {
  'padding-block': ['padding-top', 'padding-bottom'],
  'padding-inline': ['padding-left', 'padding-right'],
  'margin-block': ['margin-top', 'margin-bottom'],
  'margin-inline': ['margin-left', 'margin-right'],
  inset: ['top', 'right', 'bottom', 'left'],
  'inset-block': ['top', 'bottom'],
  'inset-inline': ['left', 'right'],
  'padding-block-start': ['padding-top'],
  'padding-block-end': ['padding-bottom'],
  'padding-inline-start': ['padding-left'],
  'padding-inline-end': ['padding-right'],
  'margin-block-start': ['margin-top'],
  'margin-block-end': ['margin-bottom'],
  'margin-inline-start': ['margin-left'],
  'margin-inline-end': ['margin-right'],
  'inset-block-start': ['top'],
  'inset-block-end': ['bottom'],
  'inset-inline-start': ['left'],
  'inset-inline-end': ['right'],
};

const NEW_PROPERTIES: Record<string, number> = {
  'padding-block': 87,
  'padding-inline': 87,
  'margin-block': 87,
  'margin-inline': 87,
  inset: 87,
  'inset-block': 87,
  'inset-inline': 87,
  'padding-block-start': 69,
  'padding-block-end': 69,
  'padding-inline-start': 69,
  'padding-inline-end': 69,
  'margin-block-start': 69,
  'margin-block-end': 69,
  'margin-inline-start': 69,
  'margin-inline-end': 69,
  'inset-block-start': 87,
  'inset-block-end': 87,
  'inset-inline-start': 87,
  'inset-inline-end': 87,
  'aspect-ratio': 88,
  'place-items': 59,
  'place-content': 59,
  'place-self': 59,
  appearance: 84,
  'mask-image': 120,
  mask: 120,
  'mask-size': 120,
  'mask-position': 120,
  'mask-repeat': 120,
  'backdrop-filter': 76,
  'overscroll-behavior': 63,
  'scrollbar-gutter': 94,
  'scrollbar-width': 121,
  'scrollbar-color': 121,
  'text-underline-offset': 87,
  'text-decoration-thickness': 89,
  'accent-color': 93,
  'content-visibility': 85,
  translate: 104,
  rotate: 104,
  scale: 104,
  'text-wrap': 114,
  'container-type': 105,
  container: 105,
  'forced-color-adjust': 89,
};
const GAP = new Set(['gap', 'row-gap', 'column-gap', 'grid-gap']);

/** Values newer than Chromium 58. */
const NEW_VALUES: { re: RegExp; since: number; name: string; prop?: RegExp }[] = [
  { re: /\b(repeating-)?conic-gradient\(/, since: 69, name: 'conic-gradient()' },
  { re: /(^|[^-\w])(max|min|clamp)\(/, since: 79, name: 'max()/min()/clamp()' },
  { re: /\benv\(/, since: 69, name: 'env()' },
  { re: /\b(color-mix|lab|lch|oklab|oklch)\(/, since: 111, name: 'color-mix()/lab()/oklch()' },
  { re: /\bhwb\(/, since: 101, name: 'hwb()' },
  { re: /#(?:[0-9a-f]{8}|[0-9a-f]{4})\b/i, since: 62, name: '#rrggbbaa' },
  { re: /\b(rgba?|hsla?)\(\s*[^,()]+\s+[^,()]+\s+[^,()]+(\/[^)]*)?\)/, since: 65, name: 'rgb(r g b / a)' },
  { re: /\d(dvh|svh|lvh|dvw|svw|lvw|cqw|cqh|cqi|cqb|lh|rlh)\b/, since: 108, name: 'dvh/cq/lh units' },
  { re: /^clip$/, since: 90, name: 'overflow: clip', prop: /^overflow(-x|-y)?$/ },
  { re: /^anywhere$/, since: 80, name: 'overflow-wrap: anywhere', prop: /^overflow-wrap$/ },
  { re: /^contents$/, since: 65, name: 'display: contents', prop: /^display$/ },
];

/** Media features newer than the floor: a query needing them is false there. */
const NEW_MEDIA = /\((forced-colors|prefers-reduced-motion|prefers-color-scheme|prefers-contrast|dynamic-range)\b/;

export interface FloorProblem {
  rule: string;
  what: string;
  since: number;
}

export interface FloorReport {
  problems: FloorProblem[];
  /** Every newer feature found and paired (for the count in the test's message). */
  paired: number;
  /** Rules with a gap declaration (checked on the rendered pane, not here). */
  gaps: string[];
}

const show = (r: CssRule) =>
  `${r.context.map((c) => `${c} { `).join('')}${r.selector} { ${r.decls.map(([p, v]) => `${p}: ${v}`).join('; ')} }`;

function newValue(prop: string, value: string) {
  return NEW_VALUES.find((v) => (!v.prop || v.prop.test(prop)) && v.re.test(value));
}

/** A value's space-separated parts (spaces inside parentheses kept). */
function splitWords(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of value) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (/\s/.test(c) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** A logical shorthand's value as the physical longhands it stands for (1–4 values, as margin). */
function physical(prop: string, value: string): [string, string][] {
  const targets = LOGICAL[prop]!;
  const parts = splitWords(value);
  if (targets.length === 1) return [[targets[0]!, value]];
  if (targets.length === 2)
    return [
      [targets[0]!, parts[0]!],
      [targets[1]!, parts[1] ?? parts[0]!],
    ];
  const [t, r = t, b = t, l = r] = parts;
  return [
    ['top', t!],
    ['right', r!],
    ['bottom', b!],
    ['left', l!],
  ];
}

export function checkFloor(rules: CssRule[]): FloorReport {
  const problems: FloorProblem[] = [];
  const gaps: string[] = [];
  let paired = 0;
  const key = (r: CssRule, selector: string) =>
    `${r.context.join(' ')}|${selector}|${r.decls.map(([p, v]) => `${p}:${v}`).join(';')}`;
  const present = new Set(rules.map((r) => key(r, r.selector)));

  for (const r of rules) {
    if (r.context.some((c) => c.startsWith('@media') && NEW_MEDIA.test(c))) continue;
    if (r.context.some((c) => /^@supports\s*\(\s*-moz-/.test(c))) continue;
    for (const c of r.context) {
      if (/^@(layer|container|property|scope|starting-style)\b/.test(c))
        problems.push({ rule: show(r), what: c.split(/\s/)[0]!, since: 99 });
    }

    // Selectors.
    const newer = NEW_SELECTORS.filter((s) => s.re.test(r.selector));
    const notComplex = complexNot(r.selector);
    if (newer.length || notComplex) {
      const twinnable = newer.every((s) => s.name === ':focus-visible' || s.name === ':focus-within');
      if (!notComplex && twinnable && present.has(key(r, twinSelector(r.selector)))) paired++;
      else {
        for (const s of newer) problems.push({ rule: show(r), what: `${s.name} without its twin`, since: s.since });
        if (notComplex) problems.push({ rule: show(r), what: ':not() with a complex selector', since: 88 });
      }
    }

    // Declarations.
    r.decls.forEach(([prop, value], i) => {
      const before = r.decls.slice(0, i);
      if (GAP.has(prop)) {
        if (!/^(0|0px|normal)$/.test(value)) gaps.push(show(r));
        return;
      }
      const since = NEW_PROPERTIES[prop];
      if (since !== undefined) {
        if (prop === 'content-visibility') {
          // Only a rendering shortcut where the block hides the element by older means too.
          const hidden = r.decls.some(
            ([p, v]) => (p === 'opacity' && parseFloat(v) <= 0.01) || (p === 'visibility' && v === 'hidden'),
          );
          if (hidden) paired++;
          else problems.push({ rule: show(r), what: 'content-visibility on a visible element', since });
        } else if (LOGICAL[prop]) {
          const ok = physical(prop, value).every(([p, v]) => before.some(([bp, bv]) => bp === p && bv === v));
          if (ok) paired++;
          else problems.push({ rule: show(r), what: `${prop} without the physical longhands before it`, since });
        } else {
          const ok = r.decls.some(([bp, bv]) => bp === `-webkit-${prop}` && !newValue(bp, bv));
          if (ok) paired++;
          else problems.push({ rule: show(r), what: `${prop} without -webkit-${prop}`, since });
        }
        return;
      }
      const v = newValue(prop, value);
      if (v) {
        const ok = before.some(
          ([bp, bv]) => (bp === prop || bp === `-webkit-${prop}` || `-webkit-${bp}` === prop) && !newValue(bp, bv),
        );
        if (ok) paired++;
        else
          problems.push({
            rule: show(r),
            what: `${prop}: ${v.name} without a plain ${prop} before it`,
            since: v.since,
          });
      }
    });
  }
  return { problems, paired, gaps };
}
