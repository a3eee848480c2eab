#!/usr/bin/env node
// Checks Office add-in manifests the strict way, offline:
//   1. a conforming XML 1.0 parser with namespaces (saxes): any well-formedness error fails
//      (fast-xml-parser, used elsewhere, is lenient and let a "--" inside a comment through);
//   2. Microsoft's own reader (office-addin-manifest, the parser `npm start` and
//      `office-addin-manifest info` use), which must read the add-in's id, version and host.
//
//   node scripts/check-manifests.mjs manifest.xml dist/excel/manifest.xml …
//   node scripts/check-manifests.mjs --json manifest.xml     (one JSON line per file, for tests)
//
// Exits 1 when any file fails. Microsoft's online validation is `npm run validate` (needs the internet).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SaxesParser } from 'saxes';

const require = createRequire(import.meta.url);
const { OfficeAddinManifest } = require('office-addin-manifest');

/** Well-formedness and namespace errors from a strict XML 1.0 parser ([] when there are none). */
export function strictXmlErrors(xml) {
  const errors = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('error', (e) => errors.push(e.message));
  try {
    parser.write(xml).close();
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  return errors;
}

async function checkOne(file) {
  const result = { file, ok: false, strict: [], reader: null, info: null };
  let xml;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (e) {
    result.strict = [`cannot read: ${e.message}`];
    return result;
  }
  result.strict = strictXmlErrors(xml);
  try {
    const info = await OfficeAddinManifest.readManifestFile(file);
    result.info = {
      id: info.id ?? null,
      version: info.version ?? null,
      hosts: info.hosts ?? [],
      displayName: info.displayName ?? null,
      officeAppType: info.officeAppType ?? null,
      sourceLocation: info.defaultSettings?.sourceLocation ?? null,
    };
    if (!info.id || !info.version || !(info.hosts ?? []).length) result.reader = 'the reader found no id, version or host';
  } catch (e) {
    result.reader = (e instanceof Error ? e.message : String(e)).trim();
  }
  result.ok = result.strict.length === 0 && result.reader === null;
  return result;
}

const args = process.argv.slice(2);
const json = args[0] === '--json';
const files = json ? args.slice(1) : args;
if (!files.length) {
  console.error('usage: node scripts/check-manifests.mjs [--json] manifest.xml …');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const r = await checkOne(file);
  if (!r.ok) failed++;
  if (json) {
    console.log(JSON.stringify(r));
  } else if (r.ok) {
    console.log(`ok   ${file}: ${r.info.displayName} ${r.info.version} (${r.info.hosts.join(', ')}) ${r.info.sourceLocation}`);
  } else {
    console.log(`FAIL ${file}`);
    for (const e of r.strict) console.log(`     strict XML: ${e}`);
    if (r.reader) console.log(`     office-addin-manifest: ${r.reader.replace(/\s+/g, ' ')}`);
  }
}
process.exit(failed ? 1 : 0);
