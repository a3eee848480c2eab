/** The build switches, read from webpack.config.js itself (no build needed). */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

type Plugin = {
  constructor: { name: string };
  userOptions?: Record<string, unknown>;
  patterns?: { from: string; to: string }[];
};
type Config = { plugins: Plugin[]; output: { path: string } };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const make = require('../../webpack.config.js') as ((
  env: Record<string, unknown>,
  argv: { mode: string },
) => Config) & {
  transformManifest(xml: string, url: string): string;
};

const html = (c: Config) => c.plugins.find((p) => p.constructor.name === 'HtmlWebpackPlugin')!.userOptions!;
const copies = (c: Config) =>
  (c.plugins.find((p) => p.constructor.name === 'CopyPlugin') as unknown as { patterns: { from: string }[] }).patterns;

test('default build: office.js from Microsoft’s CDN, and the CSP allows that CDN and nothing else outside', () => {
  const c = make({ quiet: true }, { mode: 'production' });
  expect(html(c).officeJs).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  const csp = String(html(c).csp);
  expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
  expect(csp.match(/https:\/\/[^\s;']+/g)!.every((u) => u === 'https://appsforoffice.microsoft.com')).toBe(true);
  expect(copies(c).some((p) => p.from.includes('office-js'))).toBe(false);
  expect(c.output.path).toBe(path.resolve(__dirname, '../../dist/excel'));
});

test('offline build (--env officejs=local): office.js copied from @microsoft/office-js and served from our origin; no CDN in the CSP', () => {
  const c = make({ officejs: 'local', quiet: true }, { mode: 'production' });
  expect(html(c).officeJs).toBe('office-js/office.js');
  expect(String(html(c).csp)).not.toContain('microsoft.com');
  expect(copies(c).some((p) => p.from === 'node_modules/@microsoft/office-js/dist')).toBe(true);
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts['build:offline']).toContain('--env officejs=local');
});

test('the CSP pins the inline IE11 check by its hash (no unsafe-inline for scripts)', () => {
  const c = make({ quiet: true }, { mode: 'production' });
  const script = fs.readFileSync(path.resolve(__dirname, '../../src/shell/excel/ie-check.js'), 'utf8').trim();
  const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
  expect(String(html(c).csp)).toContain(`'sha256-${hash}'`);
  expect(String(html(c).csp)).not.toMatch(/script-src[^;]*unsafe/);
  expect(html(c).ieCheckTag).toBe(`<script>${script}</script>`);
});

test('the manifest origin: https only, with a trailing slash added', () => {
  const xml = '<a href="https://localhost:3000/taskpane.html"/>';
  expect(make.transformManifest(xml, 'https://intranet.example/jixiao')).toBe(
    '<a href="https://intranet.example/jixiao/taskpane.html"/>',
  );
  expect(() => make.transformManifest(xml, 'http://intranet.example/')).toThrow(/https/);
});

describe('Office tooling', () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
    config?: Record<string, unknown>;
  };

  test('Microsoft’s tools are pinned to exact versions and run from node_modules (nothing fetched at run time)', () => {
    for (const name of [
      'office-addin-debugging',
      'office-addin-dev-certs',
      'office-addin-manifest',
      'eslint-plugin-office-addins',
    ]) {
      expect({ name, version: pkg.devDependencies[name] }).toEqual({
        name,
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      });
    }
    expect(pkg.devDependencies['office-addin-mock']).toBeUndefined();
    expect(pkg.scripts.start).toBe('office-addin-debugging start manifest.xml');
    expect(pkg.scripts.stop).toBe('office-addin-debugging stop manifest.xml');
    expect(pkg.scripts.validate).toBe('office-addin-manifest validate manifest.xml');
    expect(Object.values(pkg.scripts).join('\n')).not.toMatch(/npx/);
    // The block office-addin-debugging reads (as in Microsoft's React task-pane template).
    expect(pkg.config).toEqual({ app_to_debug: 'excel', app_type_to_debug: 'desktop', dev_server_port: 3000 });
  });

  test('the dev server serves with office-addin-dev-certs’ certificates; a production build never asks for them', async () => {
    jest.resetModules();
    const calls: string[] = [];
    jest.doMock('office-addin-dev-certs', () => ({
      getHttpsServerOptions: async () => {
        calls.push('getHttpsServerOptions');
        return { ca: 'CA', key: 'KEY', cert: 'CERT' };
      },
    }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fresh = require('../../webpack.config.js') as (
      env: Record<string, unknown>,
      argv: { mode: string },
    ) => Config | Promise<Config & { devServer: { server: unknown } }>;
    const prod = fresh({ quiet: true }, { mode: 'production' });
    expect(prod).not.toBeInstanceOf(Promise);
    expect(calls).toEqual([]);
    const dev = (await fresh({ WEBPACK_SERVE: true }, { mode: 'development' })) as Config & {
      devServer: { server: unknown; port: number };
    };
    expect(calls).toEqual(['getHttpsServerOptions']);
    expect(dev.devServer.server).toEqual({ type: 'https', options: { ca: 'CA', key: 'KEY', cert: 'CERT' } });
    jest.dontMock('office-addin-dev-certs');
  });

  test('the lint runs eslint-plugin-office-addins’ recommended rules, and they bite', () => {
    // ESLint's flat config is an ES module: run the real CLI in a child process, as `npm run lint` does.
    const root = path.resolve(__dirname, '../..');
    const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');
    const printed = JSON.parse(
      execFileSync(process.execPath, [eslintBin, '--print-config', 'src/host/excel/read.ts'], {
        cwd: root,
        encoding: 'utf8',
      }),
    ) as { rules: Record<string, unknown> };
    const office = Object.keys(printed.rules).filter((r) => r.startsWith('office-addins/'));
    expect(office).toEqual(
      expect.arrayContaining(['office-addins/load-object-before-read', 'office-addins/no-context-sync-in-loop']),
    );
    // A property read before the sync is reported in the Excel adapter's folder.
    const probe = [
      'export async function f(context: Excel.RequestContext): Promise<string> {',
      '  const ws = context.workbook.worksheets.getActiveWorksheet();',
      "  ws.load('name');",
      '  const name = ws.name;',
      '  await context.sync();',
      '  return name;',
      '}',
      '',
    ].join('\n');
    // The probe is text, not a file: the type-aware rules (which need the file on disk) are left out.
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({
        overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
        ruleFilter: ({ ruleId }) => ruleId.startsWith('office-addins/'),
      });
      const results = await eslint.lintText(process.argv[1], { filePath: 'src/host/excel/lint-probe.ts' });
      process.stdout.write(JSON.stringify(results));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, probe], {
      cwd: root,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(out) as { messages: { ruleId: string }[] }[];
    expect(result!.messages.map((m) => m.ruleId)).toContain('office-addins/call-sync-before-read');
  });
});
