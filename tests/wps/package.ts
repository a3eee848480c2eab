/** Builds the WPS package (npm run build:wps) into a temporary folder for a test file. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuiltPackage {
  /** The --out folder: publish.xml, jsplugins.xml and the add-in folder. */
  out: string;
  /** The add-in folder jixiao_<version>. */
  dir: string;
  version: string;
  folder: string;
}

export const ROOT = join(__dirname, '..', '..');

export function buildPackage(): BuiltPackage {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-wps-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-wps.mjs'), '--out', out], { stdio: 'pipe' });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const folder = `jixiao_${version}`;
  return { out, dir: join(out, folder), version, folder };
}
