// Bundles the command line (src/cli/main.ts) into dist/cli.js, and the worker thread that checks one file
// (src/cli/check-worker.ts) into dist/check-worker.js. Every library is bundled in (ExcelJS, large and needed only
// by template, next, --annotate and --summary, into dist/exceljs.js beside cli.js), so dist/ runs with plain Node
// and no node_modules: the npm package (`npm pack`, through `prepack`) is dist/ and bin/ alone.
// Run by `npm run build:cli`, by `prepack`, and by `prepare` (`node scripts/build-cli.mjs --prepare`), so `npm ci`
// leaves `npx jixiao` ready; with --prepare it does nothing where esbuild is not installed (`npm ci --omit=dev`)
// or where `prepack` builds anyway (`npm pack`, `npm publish`).
// Built beside dist/ and renamed into place, so a command line running meanwhile (tests run in parallel) never
// loads a half-written bundle.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { cliNotices, withoutStreamingReader } from './cli-bundle.mjs';
import { MessageChannel, Worker } from 'worker_threads';
import { spawnSync } from 'child_process';

if (process.argv.includes('--prepare')) {
  if (['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);
  try {
    await import('esbuild');
  } catch {
    console.log('build-cli: esbuild is not installed (npm ci --omit=dev): the command line is not built');
    process.exit(0);
  }
}
const { build } = await import('esbuild');

/** `exceljs` in cli.js is dist/exceljs.js, loaded only by the commands that write or annotate workbooks. */
const exceljsApart = {
  name: 'exceljs-apart',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.js', external: true }));
  },
};


// A sibling of dist/, so the source maps' relative paths stay right after the move.
const tmp = `.dist-build-${process.pid}`;
mkdirSync(tmp, { recursive: true });
mkdirSync('dist', { recursive: true });
try {
  const common = {
    outdir: tmp,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  };
  const cli = await build({
    ...common,
    entryPoints: {
      cli: 'src/cli/main.ts',
      'check-worker-loader': 'src/cli/check-worker-loader.ts',
      'code-cache': 'src/cli/code-cache.ts',
    },
    plugins: [exceljsApart],
    metafile: true,
  });
  const excel = await build({
    ...common,
    entryPoints: { exceljs: 'exceljs' },
    sourcemap: false,
    plugins: [withoutStreamingReader],
    metafile: true,
  });
  // The worker carries its libraries (decimal.js, fflate, saxes) inside: V8's code cache then covers them too,
  // and a new worker compiles none of their source.
  const worker = await build({ ...common, entryPoints: { 'check-worker': 'src/cli/check-worker.ts' }, metafile: true });
  writeFileSync(path.join(tmp, 'THIRD-PARTY-NOTICES.txt'), cliNotices([cli.metafile, excel.metafile, worker.metafile]));
  // The worker first: a new cli.js must never start an old worker that lacks what it expects.
  const files = readdirSync(tmp).sort(
    (a, b) => Number(b.startsWith('check-worker')) - Number(a.startsWith('check-worker')),
  );
  for (const f of files) renameSync(path.join(tmp, f), path.join('dist', f));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * V8's code cache for the worker (dist/check-worker.cache, read by check-worker-loader.js): the worker checks
 * the example form a few times, so the functions checking needs are compiled, then writes the cache. Only a
 * speed-up: when it cannot be made, workers compile the bundle as before.
 */
const EXAMPLE = path.join('examples', '部门整体绩效目标申报表-示例.xlsx');
const WARM_UP = 12;
if (existsSync(EXAMPLE)) {
  try {
    await makeWorkerCache(path.resolve('dist', 'check-worker.js'), path.resolve('dist', 'check-worker.cache'));
  } catch (err) {
    console.warn(`build-cli: no code cache for the worker (${err && err.message ? err.message : err})`);
  }
}

/**
 * V8's code cache for the command line itself (dist/cli.cache, read by bin/jixiao.js): a check of the example, in
 * this process's own way of starting, then the cache is written at exit. Only a speed-up, like the worker's.
 */
if (existsSync(EXAMPLE)) {
  const run = spawnSync(
    process.execPath,
    [path.join('bin', 'jixiao.js'), 'check', EXAMPLE, '--format', 'json', '--jobs', '1'],
    {
      env: { ...process.env, JIXIAO_WRITE_CLI_CACHE: '1', JIXIAO_RELAUNCHED: '1' },
      stdio: 'ignore',
    },
  );
  if (run.status === null || run.status > 1 || !existsSync(path.join('dist', 'cli.cache'))) {
    console.warn(`build-cli: no code cache for the command line (the check exited ${run.status})`);
  }
}

async function makeWorkerCache(script, cache) {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(path.resolve('dist', 'check-worker-loader.js'), {
    workerData: { script, cache, control: port2 },
    transferList: [port2],
  });
  try {
    await new Promise((resolve, reject) => {
      let seen = 0;
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`worker exited ${code}`)));
      // The worker sends its results in batches (an array) or one by one.
      worker.on('message', (m) => {
        const before = seen;
        seen += Array.isArray(m) ? m.length : 1;
        if (before < WARM_UP && seen >= WARM_UP) {
          port1.once('message', resolve);
          port1.postMessage('write');
        }
      });
      for (let i = 0; i < WARM_UP; i++) worker.postMessage({ file: path.resolve(EXAMPLE) });
    });
  } finally {
    port1.close();
    await worker.terminate();
  }
}
