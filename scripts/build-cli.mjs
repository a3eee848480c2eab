// Bundles the command line (src/cli/main.ts) into dist/cli.js, and the worker thread that checks one file
// (src/cli/check-worker.ts) into dist/check-worker.js; run by `prepare`, so `npm ci` leaves `npx jixiao` ready.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts', 'check-worker': 'src/cli/check-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
