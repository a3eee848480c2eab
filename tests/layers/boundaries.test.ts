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
  // The hosts: below the app, and no adapter imports another; the pane's adapters run in a browser page.
  ['src/host/types.ts', "import type { ExcelHost } from './excel';"],
  ['src/host/file/probe.ts', "import { Session } from '../../app/session';"],
  ['src/host/excel/probe.ts', "import { WpsHost } from '../wps';"],
  ['src/host/excel/probe.ts', "import { PackageWorkbook } from '../file';"],
  ['src/host/excel/probe.ts', "import { readFileSync } from 'fs';"],
  ['src/host/excel/probe.ts', "import ExcelJS from 'exceljs';"],
  ['src/host/wps/probe.ts', "import type { Xl } from '../excel/api';"],
  ['src/host/wps/probe.ts', "import { readFile } from 'node:fs/promises';"],
  ['src/host/exceljs/probe.ts', "import { WpsHost } from '../../host/wps';"],
  ['src/host/file/probe.ts', "import { XlsxHost } from '../exceljs';"],
  // The app: the Host interface, never a pane adapter by name; no node, ExcelJS or React.
  ['src/app/probe.ts', "import { ExcelHost } from '../host/excel';"],
  ['src/app/probe.ts', "import { WpsHost } from '../host/wps';"],
  ['src/app/probe.ts', "import { XlsxHost } from '../host/exceljs';"],
  ['src/app/probe.ts', "import { readFileSync } from 'fs';"],
  ['src/app/probe.ts', "import { useState } from 'react';"],
  ['src/app/probe.ts', "import { Button } from '@fluentui/react-components';"],
  // The pane: only the app (and the core) below it; no host, file format, CLI, shell or node.
  ['src/ui/probe.tsx', "import type { Host } from '../host/types';"],
  ['src/ui/probe.tsx', "import { ExcelHost } from '../host/excel';"],
  ['src/ui/probe.tsx', "import { XlsxPackage } from '../xlsx/package/package';"],
  ['src/ui/probe.tsx', "import { run } from '../cli/main';"],
  ['src/ui/probe.tsx', "import { registerCommands } from '../shell/excel/commands';"],
  ['src/ui/probe.tsx', "import { readFileSync } from 'fs';"],
  ['src/ui/probe.tsx', "import * as path from 'node:path';"],
  ['src/ui/probe.tsx', "import ExcelJS from 'exceljs';"],
  // The CLI: no Session, pane, shell, Office.js/WPS adapter or React.
  ['src/cli/probe.ts', "import { Session } from '../app/session';"],
  ['src/cli/output/probe.ts', "import { App } from '../../ui/App';"],
  ['src/cli/probe.ts', "import { wpsRibbon } from '../shell/wps/wiring';"],
  ['src/cli/probe.ts', "import { ExcelHost } from '../host/excel';"],
  ['src/cli/probe.ts', "import { WpsHost } from '../host/wps';"],
  ['src/cli/probe.ts', "import { createElement } from 'react';"],
  ['src/cli/probe.ts', "import { Button } from '@fluentui/react-components';"],
  // The shells: never the CLI, never the other host's shell or adapter, no node.
  ['src/shell/excel/probe.ts', "import { run } from '../../cli/main';"],
  ['src/shell/wps/probe.ts', "import { run } from '../../cli/main';"],
  ['src/shell/excel/probe.ts', "import { wpsRibbon } from '../wps/wiring';"],
  ['src/shell/excel/probe.ts', "import { WpsHost } from '../../host/wps';"],
  ['src/shell/excel/probe.ts', "import { XlsxHost } from '../../host/exceljs';"],
  ['src/shell/excel/probe.ts', "import { readFileSync } from 'fs';"],
  ['src/shell/wps/probe.ts', "import { registerCommands } from '../excel/commands';"],
  ['src/shell/wps/probe.ts', "import { ExcelHost } from '../../host/excel';"],
  ['src/shell/wps/probe.ts', "import { tmpdir } from 'os';"],
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
  ['src/shell/wps/probe.ts', "import { mountPane } from '../../ui/mount';"],
  ['src/shell/wps/probe.ts', "import { Session } from '../../app/session';"],
  ['src/shell/excel/probe.ts', "import { ExcelHost } from '../../host/excel';"],
  ['src/shell/excel/probe.ts', "import { Button } from '@fluentui/react-components';"],
  ['src/host/types.ts', "import type { SheetPlan } from '../template/plan';"],
  ['src/host/excel/probe.ts', "import type { Host } from '../types';"],
  ['src/host/excel/probe.ts', "import { Sheets } from './sheets';"],
  ['src/host/wps/probe.ts', "import type { Grid } from '../../sheet/grid';"],
  ['src/host/file/probe.ts', "import { promises as fs } from 'fs';"],
  ['src/host/exceljs/probe.ts', "import ExcelJS from 'exceljs';"],
  ['src/app/probe.ts', "import { openPackageBytes } from '../host/file/open';"],
  ['src/app/probe.ts', "import { check } from '../check';"],
  ['src/ui/probe.tsx', "import type { SessionView } from '../app/view';"],
  ['src/ui/probe.tsx', "import type { Finding } from '../report/types';"],
  ['src/ui/probe.tsx', "import { useState } from 'react';"],
  ['src/ui/probe.tsx', "import { Button } from '@fluentui/react-components';"],
  ['src/cli/probe.ts', "import { PackageWorkbook } from '../host/file';"],
  ['src/cli/probe.ts', "import { XlsxHost } from '../host/exceljs';"],
  ['src/cli/probe.ts', "import type { Host } from '../host/types';"],
  ['src/cli/probe.ts', "import { XlsxPackage } from '../xlsx/package/package';"],
  ['src/cli/probe.ts', "import { Worker } from 'worker_threads';"],
  ['src/cli/output/probe.ts', "import ExcelJS from 'exceljs';"],
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

/** The files of src/ whose config sets no `no-restricted-imports` (every folder must have its boundary). */
function filesWithoutImportRule(): string[] {
  const script = `
    import { ESLint } from 'eslint';
    import { readdirSync } from 'fs';
    import * as path from 'path';
    const eslint = new ESLint();
    const files = [];
    const walk = (dir) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    walk('src');
    const open = [];
    for (const file of files) {
      const config = await eslint.calculateConfigForFile(file);
      const setting = config?.rules?.['no-restricted-imports'];
      const level = Array.isArray(setting) ? setting[0] : setting;
      if (level !== 2 && level !== 'error') open.push(file);
    }
    process.stdout.write(JSON.stringify({ files: files.length, open }));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const { files, open } = JSON.parse(stdout) as { files: number; open: string[] };
  expect(files).toBeGreaterThan(100);
  return open;
}

describe('every folder of src has an import boundary', () => {
  test('no source file is left without a no-restricted-imports rule', () => {
    expect(filesWithoutImportRule()).toEqual([]);
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
