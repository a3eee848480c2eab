/** The build switches, read from webpack.config.js itself (no build needed). */
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
  const script = fs.readFileSync(path.resolve(__dirname, '../../src/taskpane/ie-check.js'), 'utf8').trim();
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
