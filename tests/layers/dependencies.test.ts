/**
 * package.json keeps only what the project uses, and pins what the code leans
 * on beyond its public API (ExcelJS: src/host/exceljs reads its private fields).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(name)) out.push(full);
  }
  return out;
}

/** Everything that can name a package: code, tests, scripts, configs and the npm scripts. */
const corpus = [
  ...['src', 'tests', 'bench', 'scripts'].flatMap((d) => files(path.join(ROOT, d))),
  ...['webpack.config.js', 'jest.config.js', 'eslint.config.mjs', 'tsconfig.json'].map((f) => path.join(ROOT, f)),
]
  .map((f) => readFileSync(f, 'utf8'))
  // Tests about package.json itself name packages without using them.
  .filter((text) => !text.includes('devDependencies'))
  .concat(Object.values(pkg.scripts))
  .join('\n');

/** Packages used without being named in an import: how each one is used instead. */
const IMPLICIT: Record<string, RegExp> = {
  '@swc/core': /@swc\/jest|swc-loader/, // the compiler both of them drive
  'jest-environment-jsdom': /@jest-environment jsdom/,
  'webpack-cli': /\bwebpack --mode/,
  'webpack-dev-server': /webpack serve/,
  '@types/node': /"node"/,
  '@types/jest': /"jest"/,
  '@types/office-js': /"office-js"/,
  '@types/react': /from 'react'/,
  '@types/react-dom': /from 'react-dom\/client'/,
};

test('every dependency is used somewhere', () => {
  const unused = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => {
    const how = IMPLICIT[name];
    if (how) return !how.test(corpus);
    return !corpus.includes(`'${name}`) && !corpus.includes(`"${name}`) && !corpus.includes(`${name} `);
  });
  expect(unused).toEqual([]);
});

test('exceljs is pinned to the exact version installed (a build-time dependency: the CLI bundles it)', () => {
  expect(pkg.dependencies?.exceljs).toBeUndefined();
  const spec = pkg.devDependencies.exceljs;
  const installed = (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules/exceljs/package.json'), 'utf8')) as { version: string }
  ).version;
  expect(spec).toBe(installed);
});
