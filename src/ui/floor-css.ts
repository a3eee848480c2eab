/**
 * The pane's style renderer: Griffel's DOM renderer (the one Fluent UI writes its styles through) with
 * fallbacks for engines older than Fluent UI's own floor (Chromium 84). WPS's embedded Chromium can be as
 * old as the add-in's declared floor (wps/floor.json, docs/wps.md 浏览器内核: Chromium 58), where:
 *
 * - a rule whose selector list names `:focus-visible` (Chromium 86) or `:focus-within` (60) is a syntax
 *   error and dropped whole: Fluent's pressed states (`.x:hover:active, .x:active:focus-visible`) and its
 *   input underline and error border vanish. On an engine that refuses these selectors (detected once with
 *   querySelector), each such rule is inserted a second time, right after it in the same style sheet, with
 *   `:focus-visible` → `:focus` and `:focus-within` → `[data-jixiao-focus-within]`, an attribute kept on
 *   the focused element and its ancestors (trackFocusWithin);
 * - logical properties (`padding-block`, `inset`, … Chromium 69/87) are ignored: every rule declares the
 *   physical longhands first, with the same values (the pane is left-to-right);
 * - `max()`/`min()` (Chromium 79) are ignored: the declaration is preceded by one with the function's last
 *   argument (Fluent writes `max(2px, var(--borderRadiusMedium))`: the token is the intended size, the
 *   first argument a lower bound the themes never undercut).
 *
 * Flex `gap` cannot be fixed rule by rule (the direction of the container is in another rule): the pane's
 * own styles space with margins instead (src/ui/spacing.ts), and tests/wps/pane-css.test.ts checks that
 * no rendered container depends on a gap.
 */
import { createDOMRenderer, type GriffelRenderer } from '@fluentui/react-components';

export const FOCUS_WITHIN_ATTR = 'data-jixiao-focus-within';

/** Whether the engine knows a selector (an unknown pseudo-class makes querySelector throw). */
export function knowsSelector(doc: Document, selector: string): boolean {
  try {
    doc.querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

export interface Lacks {
  focusVisible: boolean;
  focusWithin: boolean;
}

const LOGICAL: Record<string, string[]> = {
  'padding-block': ['padding-top', 'padding-bottom'],
  'padding-inline': ['padding-left', 'padding-right'],
  'margin-block': ['margin-top', 'margin-bottom'],
  'margin-inline': ['margin-left', 'margin-right'],
  'inset-block': ['top', 'bottom'],
  'inset-inline': ['left', 'right'],
  inset: ['top', 'right', 'bottom', 'left'],
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

/** Splits at top-level occurrences of a character (not inside parentheses or quotes). */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (sep === ' ' ? /\s/.test(c) : c === sep)) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim() !== '').map((s) => s.trim());
}

function physical(prop: string, value: string): [string, string][] {
  const targets = LOGICAL[prop]!;
  if (targets.length === 1) return [[targets[0]!, value]];
  const parts = splitTop(value, ' ');
  if (targets.length === 2)
    return [
      [targets[0]!, parts[0] ?? value],
      [targets[1]!, parts[1] ?? parts[0] ?? value],
    ];
  const [t = value, r = t, b = t, l = r] = parts;
  return [
    ['top', t],
    ['right', r],
    ['bottom', b],
    ['left', l],
  ];
}

/** The last argument of the outermost max()/min() in a value, or null. */
function lastArgument(value: string): string | null {
  const m = /(^|[^-\w])(max|min)\(/.exec(value);
  if (!m) return null;
  const open = m.index + m[0].length - 1;
  let depth = 0;
  for (let i = open; i < value.length; i++) {
    if (value[i] === '(') depth++;
    else if (value[i] === ')' && --depth === 0) {
      const args = splitTop(value.slice(open + 1, i), ',');
      const last = args[args.length - 1];
      return last ? value.slice(0, m.index + m[1]!.length) + last + value.slice(i + 1) : null;
    }
  }
  return null;
}

/** Adds floor-level declarations before the logical properties and max()/min() of every block. */
export function withDeclarationFallbacks(rule: string): string {
  if (!/(padding|margin|inset)-?(block|inline)|inset:|(max|min)\(/.test(rule)) return rule;
  return rule.replace(/\{([^{}]*)\}/g, (whole, body: string) => {
    const decls = splitTop(body, ';');
    const out: string[] = [];
    for (const decl of decls) {
      const colon = decl.indexOf(':');
      const prop = colon > 0 ? decl.slice(0, colon).trim().toLowerCase() : '';
      const value = colon > 0 ? decl.slice(colon + 1).trim() : '';
      if (LOGICAL[prop]) {
        for (const [p, v] of physical(prop, value.replace(/\s*!important$/, ''))) {
          out.push(`${p}:${v}${/!important$/.test(value) ? ' !important' : ''}`);
        }
      } else if (prop && !prop.startsWith('--')) {
        const plain = lastArgument(value);
        if (plain !== null && !/(^|[^-\w])(max|min|clamp)\(/.test(plain)) out.push(`${prop}:${plain}`);
      }
      out.push(decl);
    }
    return `{${out.join(';')};}`;
  });
}

/** The selector an engine without :focus-visible / :focus-within uses instead. */
export function twinRule(rule: string, lacks: Lacks): string | null {
  // Only the selector parts (outside declaration blocks) are rewritten.
  let changed = false;
  const twin = rule.replace(/(^|\})([^{}]*)\{/g, (whole, before: string, selector: string) => {
    let s = selector;
    if (lacks.focusVisible) s = s.replace(/:focus-visible\b/g, ':focus');
    if (lacks.focusWithin) s = s.replace(/:focus-within\b/g, `[${FOCUS_WITHIN_ATTR}]`);
    if (s !== selector) changed = true;
    return `${before}${s}{`;
  });
  return changed ? twin : null;
}

type BucketEntry = string | [string, Record<string, unknown>];
type CssRulesByBucket = Parameters<GriffelRenderer['insertCSSRules']>[0];

/** One bucket's entries with the fallbacks: declarations in place, twins right after their rule. */
export function withFallbacks(entries: BucketEntry[], lacks: Lacks): BucketEntry[] {
  const out: BucketEntry[] = [];
  for (const entry of entries) {
    const [css, meta] = typeof entry === 'string' ? [entry, undefined] : entry;
    const fixed = withDeclarationFallbacks(css);
    out.push(meta ? [fixed, meta] : fixed);
    const twin = lacks.focusVisible || lacks.focusWithin ? twinRule(fixed, lacks) : null;
    if (twin) out.push(meta ? [twin, meta] : twin);
  }
  return out;
}

/**
 * Keeps FOCUS_WITHIN_ATTR on the focused element and each of its ancestors (what `:focus-within`
 * matches), for engines without `:focus-within`.
 */
export function trackFocusWithin(doc: Document): () => void {
  let marked: Element[] = [];
  const clear = () => {
    for (const el of marked) el.removeAttribute(FOCUS_WITHIN_ATTR);
    marked = [];
  };
  const onFocusIn = (e: Event) => {
    clear();
    for (let el = e.target as Element | null; el && el.nodeType === 1; el = el.parentElement) {
      el.setAttribute(FOCUS_WITHIN_ATTR, '');
      marked.push(el);
    }
  };
  // Focus leaving for nothing (no element gets it next): nothing is focused within.
  const onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    if (!next || next.nodeType !== 1) clear();
  };
  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('focusout', onFocusOut, true);
  return () => {
    doc.removeEventListener('focusin', onFocusIn, true);
    doc.removeEventListener('focusout', onFocusOut, true);
    clear();
  };
}

/** Griffel's DOM renderer for the pane's document, with the fallbacks above. */
export function createPaneRenderer(doc: Document): GriffelRenderer {
  const renderer = createDOMRenderer(doc);
  const lacks: Lacks = {
    focusVisible: !knowsSelector(doc, ':focus-visible'),
    focusWithin: !knowsSelector(doc, ':focus-within'),
  };
  if (lacks.focusWithin) trackFocusWithin(doc);
  const insert = renderer.insertCSSRules.bind(renderer);
  renderer.insertCSSRules = (cssRules: CssRulesByBucket) => {
    const out: Record<string, BucketEntry[]> = {};
    for (const bucket of Object.keys(cssRules)) {
      out[bucket] = withFallbacks((cssRules as Record<string, BucketEntry[]>)[bucket]!, lacks);
    }
    insert(out);
  };
  return renderer;
}
