#!/usr/bin/env node
// npm run build:wps — the offline WPS 表格 add-in package:
//   build/wps/jixiao_<version>/   the add-in folder (every asset local) + install/uninstall scripts
//   build/wps/publish.xml         its registration entry, as the install scripts write it
//   build/wps/jsplugins.xml       template for an enterprise intranet deployment
// Options: --out <dir> (default build/wps), --no-minify.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePackages, packageDirsOf, renderNotices } from './notices.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const outRoot = resolve(outArg >= 0 ? args[outArg + 1] : join(root, 'build', 'wps'));
const minify = !args.includes('--no-minify');

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const NAME = 'jixiao';
const folder = `${NAME}_${version}`;
const pkg = join(outRoot, folder);
const wps = join(root, 'wps');

// WPS's embedded Chromium is older than current browsers on many desktops (domestic Linux builds
// above all). The floor (docs/wps.md, 浏览器内核) is stated once, in wps/floor.json; esbuild lowers
// syntax to it, tests/wps/floor.test.ts parses the built scripts at its ECMAScript level, and
// src/shell/wps/legacy.ts fills in the library calls newer than it.
const floor = JSON.parse(readFileSync(join(root, 'wps', 'floor.json'), 'utf8'));
const TARGET = [`es${floor.ecmaVersion}`, `chrome${floor.chromium}`];

const withVersion = (text) => text.replaceAll('@VERSION@', version);
const toCrlf = (text) => text.replace(/\r?\n/g, '\r\n');

/** The files each bundle took from npm packages: their licences go into THIRD-PARTY-NOTICES.txt. */
const bundledInputs = [];

/**
 * The package reader (last year's workbook picked in the pane) inflates in stream with fflate where node's zlib is
 * missing (src/xlsx/package/zip.ts): an empty module stands in for it.
 */
const noZlib = {
  name: 'no-zlib',
  setup(b) {
    b.onResolve({ filter: /^zlib$/ }, () => ({ path: 'zlib', namespace: 'no-zlib' }));
    b.onLoad({ filter: /.*/, namespace: 'no-zlib' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

async function bundle(entry, outfile) {
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: TARGET,
    minify,
    sourcemap: false,
    charset: 'utf8',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
    plugins: [noZlib],
  });
  for (const o of Object.values(result.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(o.inputs)) if (bytesInOutput > 0) bundledInputs.push(input);
}

/** Fails the build on anything that would fetch from a network at run time. */
function assertOffline(dir) {
  const patterns = [
    /\b(?:src|href)\s*=\s*["'`]?\s*(?:https?:)?\/\//i,
    /\bfetch\s*\(\s*["'`]https?:/i,
    /\.open\s*\(\s*["'`][A-Z]+["'`]\s*,\s*["'`]https?:/i,
    /@import\s+(?:url\()?["']?https?:/i,
    /url\(\s*["']?https?:/i,
    /\bimportScripts\s*\(\s*["'`]https?:/i,
  ];
  const offenders = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(html|js|css|xml)$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        for (const re of patterns) {
          const m = re.exec(text);
          if (m) offenders.push(`${p}: ${text.slice(Math.max(0, m.index - 40), m.index + 80)}`);
        }
      }
    }
  };
  walk(dir);
  if (offenders.length) throw new Error(`network reference in the offline package:\n${offenders.join('\n')}`);
}

rmSync(outRoot, { recursive: true, force: true });
mkdirSync(join(pkg, 'images'), { recursive: true });

await bundle('src/shell/wps/main.ts', join(pkg, 'main.js'));
await bundle('src/shell/wps/pane.tsx', join(pkg, 'taskpane.js'));

// The bundles are minified without their licence comments: the licences travel beside them, in full.
const esbuildPkg = describePackages([join(root, 'node_modules', 'esbuild')])[0];
writeFileSync(
  join(pkg, 'THIRD-PARTY-NOTICES.txt'),
  '\ufeff' +
    toCrlf(
      renderNotices({
        what: `jixiao WPS 表格加载项 ${version}（main.js、taskpane.js）`,
        packages: describePackages(packageDirsOf(bundledInputs, root)),
        extra: [{ ...esbuildPkg, role: 'run-time helpers emitted into the bundles' }],
      }),
    ),
);
writeFileSync(join(pkg, 'LICENSE.txt'), toCrlf(readFileSync(join(root, 'LICENSE'), 'utf8')));

for (const f of ['index.html', 'taskpane.html', 'ribbon.xml']) copyFileSync(join(wps, f), join(pkg, f));
writeFileSync(join(pkg, 'manifest.xml'), withVersion(readFileSync(join(wps, 'manifest.xml'), 'utf8')));
// The ribbon icons are the Excel add-in's (assets/, drawn by scripts/make-icons.mjs): both hosts look the same.
const ICONS = { 'validate.png': 'validate-32.png', 'pane.png': 'pane-32.png', 'generate.png': 'template-32.png' };
for (const [name, shared] of Object.entries(ICONS)) copyFileSync(join(root, 'assets', shared), join(pkg, 'images', name));

// The install scripts travel inside the package: an officer copies one folder and runs one script.
const install = join(wps, 'install');
for (const f of readdirSync(install)) {
  const text = withVersion(readFileSync(join(install, f), 'utf8'));
  const target = join(pkg, f === 'README.txt' ? '安装说明.txt' : f);
  if (f.endsWith('.sh')) {
    writeFileSync(target, text.replace(/\r\n/g, '\n'));
    chmodSync(target, 0o755);
  } else if (f.endsWith('.ps1')) {
    // Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page: the Chinese messages need the BOM.
    writeFileSync(target, '\ufeff' + toCrlf(text));
  } else if (f.endsWith('.bat')) {
    writeFileSync(target, toCrlf(text));
  } else if (f.endsWith('.txt')) {
    // Notepad on older Windows guesses the encoding; the BOM makes the Chinese readable there.
    writeFileSync(target, '\ufeff' + toCrlf(text));
  } else {
    writeFileSync(target, text);
  }
}

writeFileSync(
  join(outRoot, 'publish.xml'),
  [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<jsplugins>',
    // The attributes Kingsoft's `wpsjs build` writes for an offline add-in (its CreatePublishXml), in its order.
    `  <jsplugin name="${NAME}" type="et" url="${folder}" version="${version}" enable="enable_dev" install="null" customDomain=""/>`,
    '</jsplugins>',
    '',
  ].join('\n'),
);
writeFileSync(join(outRoot, 'jsplugins.xml'), withVersion(readFileSync(join(wps, 'jsplugins.xml'), 'utf8')));

assertOffline(pkg);

const size = (f) => statSync(join(pkg, f)).size;
console.log(`WPS add-in package: ${pkg}`);
console.log(`  main.js ${(size('main.js') / 1024).toFixed(1)} KB, taskpane.js ${(size('taskpane.js') / 1024).toFixed(1)} KB`);
console.log(`  ${join(outRoot, 'publish.xml')}`);
console.log(`  ${join(outRoot, 'jsplugins.xml')} (enterprise template: set the server URL)`);
