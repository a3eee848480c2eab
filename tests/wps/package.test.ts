/**
 * The offline package as built by `npm run build:wps`: every asset local, no
 * office.js or CDN, no network request in the pages or bundles, nothing WPS's
 * embedded Chromium lacks (crypto.randomUUID), the version filled in.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildPackage, ROOT, type BuiltPackage } from './package';

let pkg: BuiltPackage;

beforeAll(() => {
  pkg = buildPackage();
});

afterAll(() => rmSync(pkg.out, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('the package folder holds the shell, the bundles, the icons and the install scripts', () => {
  const list = files(pkg.dir)
    .map((f) => relative(pkg.dir, f))
    .sort();
  expect(list).toEqual(
    [
      'LICENSE.txt',
      'THIRD-PARTY-NOTICES.txt',
      'images/generate.png',
      'images/pane.png',
      'images/validate.png',
      'index.html',
      'install-macos.sh',
      'install.bat',
      'install.ps1',
      'install.sh',
      'jsaddons.sh',
      'main.js',
      'manifest.xml',
      'ribbon.xml',
      'taskpane.html',
      'taskpane.js',
      'uninstall-macos.sh',
      'uninstall.bat',
      'uninstall.ps1',
      'uninstall.sh',
      '安装说明.txt',
    ].sort(),
  );
  expect(readFileSync(join(pkg.dir, 'manifest.xml'), 'utf8')).toContain(`<Version>${pkg.version}</Version>`);
  expect(readFileSync(join(pkg.out, 'jsplugins.xml'), 'utf8')).toContain(`version="${pkg.version}"`);
  for (const f of files(pkg.dir)) expect(readFileSync(f).toString('utf8')).not.toContain('@VERSION@');
});

test('the package names every npm package its bundles hold, with the licence text, and carries the MIT licence', () => {
  const notices = readFileSync(join(pkg.dir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const name of ['react@', 'react-dom@', '@fluentui/react-tabs@', '@griffel/core@', 'decimal.js@', 'tabster@'])
    expect(notices).toContain(`\n  ${name}`);
  expect(notices).toContain('Permission is hereby granted');
  expect(readFileSync(join(pkg.dir, 'LICENSE.txt'), 'utf8')).toContain('MIT License');
});

test('the ribbon icons are the Excel add-in’s (assets/), 32×32 PNG', () => {
  const shared: Record<string, string> = {
    'validate.png': 'validate-32.png',
    'pane.png': 'pane-32.png',
    'generate.png': 'template-32.png',
  };
  for (const [name, asset] of Object.entries(shared)) {
    const png = readFileSync(join(pkg.dir, 'images', name));
    expect(png).toEqual(readFileSync(join(ROOT, 'assets', asset)));
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
  }
});

test('no network at run time: pages and bundles load only files of the package', () => {
  const text = files(pkg.dir)
    .filter((f) => /\.(html|js|xml|css)$/.test(f))
    .map((f) => [f, readFileSync(f, 'utf8')] as const);
  for (const [f, t] of text) {
    expect({ f, hits: t.match(/\b(?:src|href)\s*=\s*["'`]?\s*(?:https?:)?\/\/[^"'`\s]*/gi) ?? [] }).toEqual({
      f,
      hits: [],
    });
    expect({ f, hits: t.match(/\bfetch\s*\(\s*["'`]https?:[^"'`]*/gi) ?? [] }).toEqual({ f, hits: [] });
    expect({ f, hits: t.match(/url\(\s*["']?https?:[^)]*/gi) ?? [] }).toEqual({ f, hits: [] });
    expect(t).not.toMatch(/office\.js|appsforoffice|cdn\./i);
  }
  for (const page of ['index.html', 'taskpane.html']) {
    const html = readFileSync(join(pkg.dir, page), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(() => statSync(join(pkg.dir, ref))).not.toThrow();
    expect(html).toContain("object-src 'none'");
  }
});

test('the bundles avoid what WPS’s embedded Chromium lacks, and the main page carries no React', () => {
  const main = readFileSync(join(pkg.dir, 'main.js'), 'utf8');
  const pane = readFileSync(join(pkg.dir, 'taskpane.js'), 'utf8');
  for (const js of [main, pane]) {
    expect(js).not.toContain('randomUUID');
  }
  expect(main).not.toContain('react.element');
  expect(pane).toContain('react');
});

test('the package’s own README (安装说明.txt) states the WPS versions that work and the trust files', () => {
  const text = readFileSync(join(pkg.dir, '安装说明.txt'), 'utf8');
  for (const floor of ['11.1.0.9566', '11.8.2.8808', '11.8.2.9346']) expect(text).toContain(floor);
  expect(text).toMatch(/Linux 个人版：金山没有公开说明；有公开报告称 11\.1\.0\.117xx 能加载/);
  // Numbered steps, the manual install with the exact publish.xml line, the trust-file entries, a blocked PowerShell.
  for (const heading of ['二、安装（Windows）', '五、PowerShell 被单位禁止时', '六、手动安装'])
    expect(text).toContain(heading);
  expect(text).toContain(
    `<jsplugin name="jixiao" type="et" url="jixiao_${pkg.version}" version="${pkg.version}" enable="enable_dev" install="null" customDomain=""/>`,
  );
  expect(text).toContain('<website origin="null" name="jixiao" status="enable"/>');
  expect(text).not.toContain('docs/wps.md');
  for (const f of ['authaddin.json', 'authwebsite.xml', 'jsaddinblockhost.ini']) expect(text).toContain(f);
  const docs = readFileSync(join(ROOT, 'docs', 'wps.md'), 'utf8');
  for (const floor of ['11.1.0.9566', '11.8.2.8808', '11.8.2.9346']) expect(docs).toContain(floor);
  for (const f of ['authaddin.json', 'authwebsite.xml', 'jsaddinblockhost.ini', '"null"']) expect(docs).toContain(f);
});
