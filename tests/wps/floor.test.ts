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
