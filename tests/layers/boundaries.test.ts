/**
 * The layers are kept by the linter (eslint.config.mjs) and the core tsconfig
 * (tsconfig.core.json). These tests pin both: an import pointing up, or a core
 * file reaching for a host's globals, must be reported.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Lints probe texts with the project's config, the boundary rule alone (the
 * type-aware rules need files on disk). In a child process: ESLint loads its
 * config with a dynamic import, which jest's module system does not offer.
 */
function lintProbes(probes: [file: string, code: string][]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const probes = JSON.parse(process.argv[1]);
    const eslint = new ESLint({
      overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    });
    const out = [];
    for (const [file, code] of probes) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

const UP: [string, string][] = [
  ['src/rules/probe.ts', "import type { Host } from '../host/types';"],
  ['src/read/probe.ts', "import { Session } from '../app/session';"],
  ['src/form/probe.ts', "import { App } from '../ui/App';"],
  ['src/check.ts', "import { run } from './cli/main';"],
  ['src/template/probe.ts', "import { registerCommands } from '../shell/excel/commands';"],
  ['src/next/probe.ts', "import { readFileSync } from 'fs';"],
  ['src/report/probe.ts', "import ExcelJS from 'exceljs';"],
  ['src/report/probe.ts', "import { ALL_RULES } from '../rules';"],
  ['src/report/probe.ts', "import { readDeclaration } from '../read';"],
  ['src/rules/probe.ts', "import { XlsxPackage } from '../xlsx/package/package';"],
  ['src/sheet/probe.ts', "import type { Field } from '../form/types';"],
  ['src/sheet/probe.ts', "import { parseExplanations } from '../report/explanations';"],
  ['src/sheet/probe.ts', "import type { Host } from '../host/types';"],
  ['src/xlsx/probe.ts', "import type { Host } from '../host/types';"],
  ['src/xlsx/reader/probe.ts', "import { PackageWorkbook } from '../../host/file';"],
  ['src/xlsx/probe.ts', "import { Session } from '../app/session';"],
  ['src/xlsx/probe.ts', "import { run } from '../cli/main';"],
  ['src/xlsx/probe.ts', "import { ruleMeta } from '../rules';"],
  ['src/xlsx/probe.ts', "import ExcelJS from 'exceljs';"],
  ['src/host/exceljs/probe.ts', "import { App } from '../../ui/App';"],
  ['src/app/probe.ts', "import { wpsRibbon } from '../shell/wps/wiring';"],
];
const DOWN: [string, string][] = [
  ['src/rules/probe.ts', "import { textAt } from '../sheet/grid';"],
  ['src/read/probe.ts', "import type { Field } from '../form/types';"],
  ['src/sheet/probe.ts', "import Decimal from 'decimal.js';"],
  ['src/host/exceljs/probe.ts', "import { check } from '../../check';"],
  ['src/host/file/probe.ts', "import { XlsxPackage } from '../../xlsx/package/package';"],
  ['src/xlsx/probe.ts', "import type { Grid } from '../sheet/grid';"],
  ['src/xlsx/probe.ts', "import type { Finding } from '../report/types';"],
  ['src/xlsx/probe.ts', "import { parseAmount } from '../form/values';"],
  ['src/report/probe.ts', "import { parseAmount } from '../form/values';"],
  ['src/rules/probe.ts', "import type { Finding } from '../report/types';"],
  ['src/app/probe.ts', "import type { Host } from '../host/types';"],
  ['src/ui/probe.ts', "import { Session } from '../app/session';"],
  ['src/shell/wps/probe.ts', "import { WpsHost } from '../../host/wps';"],
];

describe('imports point down the layers', () => {
  const results = lintProbes([...UP, ...DOWN]);
  test.each(UP.map((p, i) => [...p, i] as const))('%s: %s is reported', (_file, _code, i) => {
    expect(results[i]).not.toEqual([]);
  });
  test.each(DOWN.map((p, i) => [...p, UP.length + i] as const))('%s: %s is allowed', (_file, _code, i) => {
    expect(results[i]).toEqual([]);
  });
});

describe('the core tsconfig has no DOM, node, jest or host typings', () => {
  test('a core file using document, process or Office does not compile', () => {
    const config = JSON.parse(
      readFileSync(path.join(ROOT, 'tsconfig.core.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
    ) as { compilerOptions: { lib: string[]; types: string[] }; include: string[] };
    expect(config.compilerOptions.lib.some((l) => /dom/i.test(l))).toBe(false);
    expect(config.compilerOptions.types).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'jixiao-core-'));
    try {
      writeFileSync(
        path.join(dir, 'probe.ts'),
        'export const a = typeof document;\nexport const b = process.env;\nexport const c = Office;\n',
      );
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: path.join(ROOT, 'tsconfig.core.json'), include: ['probe.ts'] }),
      );
      let out = '';
      try {
        execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir, '--noEmit'], {
          encoding: 'utf8',
        });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout);
      }
      expect(out).toMatch(/Cannot find name 'document'/);
      expect(out).toMatch(/Cannot find name 'process'/);
      expect(out).toMatch(/Cannot find name 'Office'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
