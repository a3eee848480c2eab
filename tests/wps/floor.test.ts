/**
 * The browser floor of the WPS package (docs/wps.md, "浏览器内核"): every
 * script of the BUILT package parses at the floor's ECMAScript level with a
 * strict parser (acorn), including the patterns handed to `new RegExp(...)`,
 * and the build is told to hold that floor.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type Node } from 'acorn';
import ts from 'typescript';
import { buildPackage, ROOT, type BuiltPackage } from './package';

let pkg: BuiltPackage;
const floor = JSON.parse(readFileSync(join(ROOT, 'wps', 'floor.json'), 'utf8')) as {
  ecmaVersion: 2017;
  chromium: number;
};
const FLOOR_ECMA = floor.ecmaVersion;
const FLOOR_CHROME = floor.chromium;

beforeAll(() => {
  pkg = buildPackage();
});

afterAll(() => rmSync(pkg.out, { recursive: true, force: true }));

function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? scripts(p) : /\.m?js$/.test(n) ? [p] : [];
  });
}

/** Every node of an acorn tree. */
function* nodes(node: unknown): Generator<Node & Record<string, unknown>> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* nodes(n);
    return;
  }
  const n = node as Node & Record<string, unknown>;
  if (typeof n.type === 'string') yield n;
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') yield* nodes(v);
}

test('the floor is one stated fact: ES2017 syntax, Chromium 58, in the build and in docs/wps.md', () => {
  expect(FLOOR_ECMA).toBe(2017);
  expect(FLOOR_CHROME).toBe(58);
  const build = readFileSync(join(ROOT, 'scripts', 'build-wps.mjs'), 'utf8');
  expect(build).toContain("'wps', 'floor.json'");
  expect(build).toMatch(/target: TARGET/);
  const docs = readFileSync(join(ROOT, 'docs', 'wps.md'), 'utf8');
  expect(docs).toContain(`Chromium ${FLOOR_CHROME}`);
  expect(docs).toContain(`ES${FLOOR_ECMA}`);
});

test('every script of the built package parses at the floor’s ECMAScript level', () => {
  const files = scripts(pkg.dir);
  expect(files.map((f) => f.slice(pkg.dir.length + 1)).sort()).toEqual(['main.js', 'taskpane.js']);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let error = '';
    try {
      parse(text, { ecmaVersion: FLOOR_ECMA, sourceType: 'script' });
    } catch (e) {
      const pos = (e as { pos?: number }).pos ?? 0;
      error = `${file}: ${(e as Error).message} near ${JSON.stringify(text.slice(Math.max(0, pos - 60), pos + 60))}`;
    }
    expect(error).toBe('');
  }
});

test('patterns built at run time (new RegExp with literal text) are valid at the floor too', () => {
  let checked = 0;
  for (const file of scripts(pkg.dir)) {
    const tree = parse(readFileSync(file, 'utf8'), { ecmaVersion: FLOOR_ECMA, sourceType: 'script' });
    for (const n of nodes(tree)) {
      if (n.type !== 'NewExpression' && n.type !== 'CallExpression') continue;
      const callee = n.callee as { type: string; name?: string };
      if (callee.type !== 'Identifier' || callee.name !== 'RegExp') continue;
      const [source, flags] = n.arguments as { type: string; value?: unknown }[];
      if (source?.type !== 'Literal' || typeof source.value !== 'string') continue;
      const f = flags?.type === 'Literal' && typeof flags.value === 'string' ? flags.value : '';
      const literal = `/${source.value.replace(/\//g, '\\/') || '(?:)'}/${f}`;
      expect(() => parse(literal, { ecmaVersion: FLOOR_ECMA })).not.toThrow();
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
});

test('the sources the bundles come from use no regex feature newer than the floor (lookbehind, \\p{…}, named groups, /s)', () => {
  const newerBody = /\(\?<[=!]|\\[pP]\{|\(\?<[A-Za-z]/;
  const offenders: string[] = [];
  const visit = (file: ts.SourceFile, node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file);
      const slash = text.lastIndexOf('/');
      if (newerBody.test(text.slice(1, slash)) || text.slice(slash + 1).includes('s')) {
        offenders.push(`${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${text}`);
      }
    }
    node.forEachChild((child) => visit(file, child));
  };
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(n)) {
        const file = ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);
        visit(file, file);
      }
    }
  };
  walk(join(ROOT, 'src'));
  expect(offenders).toEqual([]);
});

/** Built-ins newer than the floor, with the Chromium version that brought each. */
const NEWER_GLOBALS: Record<string, number> = {
  globalThis: 71,
  structuredClone: 98,
  queueMicrotask: 71,
  WeakRef: 84,
  FinalizationRegistry: 84,
  ResizeObserver: 64,
  AbortController: 66,
  AbortSignal: 66,
  AggregateError: 85,
  BigInt: 67,
};
const NEWER_STATICS: Record<string, number> = {
  'Object.fromEntries': 73,
  'Object.hasOwn': 93,
  'Promise.allSettled': 76,
  'Promise.any': 85,
  'Intl.Segmenter': 87,
  'Intl.ListFormat': 72,
  'Intl.RelativeTimeFormat': 71,
  'Intl.PluralRules': 63,
};
/** Prototype methods newer than the floor whose names no library here uses for its own methods. */
const NEWER_METHODS: Record<string, number> = {
  matchAll: 73,
  replaceAll: 85,
  flatMap: 69,
  trimStart: 66,
  trimEnd: 66,
  allSettled: 76,
  toSorted: 110,
  toReversed: 110,
};
/** What src/shell/wps/legacy.ts fills in (the browser test runs the package with the real ones removed). */
const FILLED_IN = new Set([
  'globalThis',
  'queueMicrotask',
  'WeakRef',
  'ResizeObserver',
  'Object.fromEntries',
  'flatMap',
  'trimStart',
  'trimEnd',
]);

const has = (table: Record<string, number>, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

test('every built-in newer than the floor that the bundles name is one legacy.ts fills in', () => {
  for (const version of [...Object.values(NEWER_GLOBALS), ...Object.values(NEWER_STATICS)])
    expect(version).toBeGreaterThan(FLOOR_CHROME);
  const used = new Map<string, Set<string>>();
  const note = (what: string, file: string) => used.set(what, (used.get(what) ?? new Set()).add(file));
  for (const file of scripts(pkg.dir)) {
    const name = file.slice(pkg.dir.length + 1);
    const tree = parse(readFileSync(file, 'utf8'), { ecmaVersion: FLOOR_ECMA, sourceType: 'script' });
    const walk = (node: unknown, parent: Record<string, unknown> | null, key: string): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const n of node) walk(n, parent, key);
        return;
      }
      const n = node as Record<string, unknown> & { type?: string; name?: string };
      if (n.type === 'Identifier' && typeof n.name === 'string') {
        const isPropertyName =
          parent &&
          ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
            (parent.type === 'Property' && key === 'key'));
        if (has(NEWER_GLOBALS, n.name) && !isPropertyName) note(n.name, name);
        if (isPropertyName && parent.type === 'MemberExpression') {
          if (has(NEWER_GLOBALS, n.name)) note(n.name, name); // window.ResizeObserver, view.queueMicrotask
          if (has(NEWER_METHODS, n.name)) note(n.name, name);
          const object = parent.object as { type?: string; name?: string };
          const full = object.type === 'Identifier' ? `${object.name}.${n.name}` : '';
          if (has(NEWER_STATICS, full)) note(full, name);
        }
      }
      for (const [k, v] of Object.entries(n)) if (k !== 'type' && v && typeof v === 'object') walk(v, n, k);
    };
    walk(tree, null, '');
  }
  const missing = [...used.entries()]
    .filter(([what]) => !FILLED_IN.has(what))
    .map(([w, f]) => `${w} in ${[...f].join(', ')}`);
  expect(missing).toEqual([]);
  // The check sees what it should: globalThis is named (and filled in) by both bundles.
  expect([...(used.get('globalThis') ?? [])].sort()).toEqual(['main.js', 'taskpane.js']);
});
