// Bundles the command line (src/cli/main.ts) into dist/cli.js; run by `prepare`, so `npm ci` leaves `npx jixiao` ready.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
