/**
 * Bundle size: the JavaScript the Excel task pane loads from the add-in's own
 * origin (office.js excluded, it comes from Microsoft's CDN or is the
 * unchanged @microsoft/office-js copy), gzip level 9, against the 300 KB goal.
 * Builds the production bundle into a temporary folder first.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildAddin, paneScripts } from '../tests/browser/build';

const GOAL_KB = 300;

export async function run(): Promise<void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bundle-'));
  try {
    const started = process.hrtime.bigint();
    await buildAddin(outDir);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const scripts = paneScripts(outDir);
    const kb = (n: number) => (n / 1024).toFixed(1);
    for (const s of scripts) console.log(`  ${s.file}: ${kb(s.bytes)} KB, gzip ${kb(s.gzip)} KB`);
    const total = scripts.reduce((a, s) => a + s.gzip, 0);
    const raw = scripts.reduce((a, s) => a + s.bytes, 0);
    console.log(
      `  pane JavaScript (office.js excluded): ${kb(raw)} KB, gzip ${kb(total)} KB — goal ≤ ${GOAL_KB} KB: ${
        total <= GOAL_KB * 1024 ? 'met' : 'NOT met'
      } (${((total / (GOAL_KB * 1024)) * 100).toFixed(0)}% of the goal)`,
    );
    console.log(`  production build took ${seconds.toFixed(1)} s on this machine`);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
