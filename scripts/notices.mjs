// THIRD-PARTY-NOTICES for a bundle: the npm packages whose code a build put into it (from the bundler's list of
// input files), each with its name, version, declared licence and the licence text(s) it ships. Used by
// scripts/build-cli.mjs (the command line), scripts/build-wps.mjs (the WPS package) and scripts/release.mjs
// (the Excel web files). A package that declares no licence and ships no licence text fails the build: it may not
// be bundled until someone has settled what its terms are (see the `unlicensed` note below).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** The package folders (…/node_modules/<name> or …/node_modules/@scope/<name>) that the given files belong to. */
export function packageDirsOf(files, root) {
  const dirs = new Set();
  for (const f of files) {
    const abs = resolve(root, f.replace(/^\.\//, ''));
    const parts = abs.split(sep);
    const at = parts.lastIndexOf('node_modules');
    if (at < 0 || at + 1 >= parts.length) continue;
    const len = parts[at + 1].startsWith('@') ? 2 : 1;
    let dir = parts.slice(0, at + 1 + len).join(sep);
    // A package's own nested package.json (e.g. lib/esm/package.json {"type":"module"}) is not the package.
    while (!existsSync(join(dir, 'package.json')) && dir.length > 1) dir = resolve(dir, '..');
    dirs.add(dir);
  }
  return [...dirs];
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return null;
}

function licenceFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8').trim() }));
}

/** One entry per package: { name, version, licence, files: [{name, text}], dir }. */
export function describePackages(dirs) {
  const byKey = new Map();
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (byKey.has(key)) continue;
    const files = licenceFiles(dir);
    const licence = licenceOf(pkg);
    if (!licence && files.length === 0) {
      throw new Error(
        `${key} (${dir}) declares no licence and ships no licence text: it must not be bundled (see scripts/notices.mjs)`,
      );
    }
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    byKey.set(key, { name: pkg.name, version: pkg.version, licence, files, author, repo, dir });
  }
  return [...byKey.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The notices file's text. `what` names the artefact (Chinese and English), `extra` adds entries that are not npm
 * packages found among the inputs (e.g. the bundler's own run-time helpers), `notes` adds plain paragraphs.
 */
export function renderNotices({ what, packages, extra = [], notes = [] }) {
  const all = [...packages, ...extra];
  const lines = [
    `THIRD-PARTY NOTICES — ${what}`,
    '',
    '本文件列出上述发布文件中包含的第三方软件、它们的许可证及许可证原文。',
    'This file lists the third-party software included in the artefact named above, with its licence and the',
    'licence text the software ships. jixiao itself is under the MIT licence (LICENSE).',
    '',
    ...(notes.length ? [...notes, ''] : []),
    `Included (${all.length}):`,
    ...all.map(
      (p) => `  ${p.name}@${p.version}  ${p.licence ?? '(licence text only, see below)'}${p.role ? `  (${p.role})` : ''}`,
    ),
    '',
  ];
  for (const p of all) {
    lines.push('='.repeat(78), `${p.name}@${p.version}${p.role ? ` (${p.role})` : ''}`, `Licence: ${p.licence ?? '(not declared in package.json)'}`);
    if (p.author) lines.push(`Author: ${p.author}`);
    if (p.repo) lines.push(`Source: ${p.repo}`);
    lines.push('');
    if (p.files.length === 0) {
      lines.push(
        `(The package ships no licence file; its package.json declares "${p.licence}". The standard text of that`,
        'licence applies, with the copyright of the author named above.)',
        '',
      );
    }
    for (const f of p.files) lines.push(`--- ${f.name} ---`, f.text, '');
  }
  return lines.join('\n') + '\n';
}

/** Where a package sits relative to the project, for messages. */
export function shortPath(root, dir) {
  return relative(root, dir) || '.';
}
