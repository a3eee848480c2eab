// Bundles the command line (src/cli/main.ts) into dist/cli.js, and the worker thread that checks one file
// (src/cli/check-worker.ts) into dist/check-worker.js; run by `prepare`, so `npm ci` leaves `npx jixiao` ready.
// Built beside dist/ and renamed into place, so a command line running meanwhile (tests run in parallel) never
// loads a half-written bundle.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'fs';
import * as path from 'path';

// A sibling of dist/, so the source maps' relative paths stay right after the move.
const tmp = `.dist-build-${process.pid}`;
mkdirSync(tmp, { recursive: true });
mkdirSync('dist', { recursive: true });
try {
  await build({
    entryPoints: { cli: 'src/cli/main.ts', 'check-worker': 'src/cli/check-worker.ts' },
    outdir: tmp,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // The worker first: a new cli.js must never start an old worker that lacks what it expects.
  const files = readdirSync(tmp).sort(
    (a, b) => Number(b.startsWith('check-worker')) - Number(a.startsWith('check-worker')),
  );
  for (const f of files) renameSync(path.join(tmp, f), path.join('dist', f));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
