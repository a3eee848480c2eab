// Bundles the command line (src/cli/main.ts) into dist/cli.js, and the worker thread that checks one file
// (src/cli/check-worker.ts) into dist/check-worker.js. Every library is bundled in (ExcelJS, large and needed only
// by template, next, --annotate and --summary, into dist/exceljs.js beside cli.js), so dist/ runs with plain Node
// and no node_modules: the npm package (`npm pack`, through `prepack`) is dist/ and bin/ alone.
// Run by `npm run build:cli`, by `prepack`, and by `prepare` (`node scripts/build-cli.mjs --prepare`), so `npm ci`
// leaves `npx jixiao` ready; with --prepare it does nothing where esbuild is not installed (`npm ci --omit=dev`)
// or where `prepack` builds anyway (`npm pack`, `npm publish`).
// Built beside dist/ and renamed into place, so a command line running meanwhile (tests run in parallel) never
// loads a half-written bundle.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'fs';
import * as os from 'os';
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
 * the example form a few times, then its roll to the next year against the example as last year's form (from the
 * cache of last year's forms, as every re-check with --previous does), so the functions both ways of checking need
 * are compiled; then it writes the cache. Only a speed-up: when it cannot be made, workers compile the bundle as
 * before (and functions the warm-up did not run are compiled when first used).
 */
const EXAMPLE = path.join('examples', '部门整体绩效目标申报表-示例.xlsx');
const BIN = path.join('bin', 'jixiao.js');
const WARM_UP = 12;
if (existsSync(EXAMPLE)) {
  const warmDir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-build-warm-'));
  // The build's own runs of the command line: their cache of last year's forms is the build's.
  const warmEnv = { ...process.env, JIXIAO_RELAUNCHED: '1', JIXIAO_CACHE_DIR: path.join(warmDir, 'cache') };
  try {
    const previous = previousWarmUp(warmDir, warmEnv);
    try {
      await makeWorkerCache(
        path.resolve('dist', 'check-worker.js'),
        path.resolve('dist', 'check-worker.cache'),
        previous,
      );
    } catch (err) {
      console.warn(`build-cli: no code cache for the worker (${err && err.message ? err.message : err})`);
    }

    /**
     * V8's code cache for the command line itself (dist/cli.cache, read by bin/jixiao.js): a check in this process's
     * own way of starting, then the cache is written at exit. The check is of the example's roll against the example
     * as last year's form, found in the cache (what a re-check with --previous does, and everything a check alone
     * does too); without that, of the example alone. Only a speed-up, like the worker's.
     */
    const args = previous
      ? ['check', previous.rolled, '--previous', previous.lastDir, '--format', 'json', '--jobs', '1']
      : ['check', EXAMPLE, '--format', 'json', '--jobs', '1'];
    const run = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...warmEnv, JIXIAO_WRITE_CLI_CACHE: '1' },
      stdio: 'ignore',
    });
    if (run.status === null || run.status > 1 || !existsSync(path.join('dist', 'cli.cache'))) {
      console.warn(`build-cli: no code cache for the command line (the check exited ${run.status})`);
    }
  } finally {
    rmSync(warmDir, { recursive: true, force: true });
  }
}

/**
 * In `dir`: last year's folder (the example), this year's form (the example rolled by `jixiao next`), and the
 * example read into the cache of last year's forms of `env` (JIXIAO_CACHE_DIR) by a first `check --previous`; with the index a check task is
 * given to pair with it (previous.ts's PreviousIndex). Null when any step fails: the caches are then made without.
 */
function previousWarmUp(dir, env) {
  try {
    const lastDir = path.join(dir, '上年');
    mkdirSync(lastDir);
    const last = path.join(lastDir, '示例.xlsx');
    copyFileSync(EXAMPLE, last);
    const rolled = path.join(dir, '本年.xlsx');
    const cache = env.JIXIAO_CACHE_DIR;
    const next = spawnSync(process.execPath, [BIN, 'next', EXAMPLE, rolled], { env, stdio: 'ignore' });
    if (next.status !== 0) throw new Error(`next exited ${next.status}`);
    const first = spawnSync(process.execPath, [BIN, 'check', rolled, '--previous', lastDir, '--format', 'json'], {
      env,
      stdio: 'ignore',
    });
    if (first.status === null || first.status > 1) throw new Error(`check --previous exited ${first.status}`);
    const folder = readdirSync(cache).find((d) => d.startsWith('previous-'));
    const name = folder && readdirSync(path.join(cache, folder)).find((f) => f.endsWith('.form'));
    if (!name) throw new Error('no cache entry');
    const spool = path.join(cache, folder, name);
    const text = readFileSync(spool, 'utf8');
    const meta = JSON.parse(text.slice(0, text.indexOf('\n')));
    const index = path.join(dir, 'index.json');
    const entry = { file: last, key: meta.key, department: meta.department, budgetYear: meta.budgetYear };
    writeFileSync(
      index,
      JSON.stringify({ mode: 'department', entries: [{ ...entry, spool, cached: true }], source: lastDir }),
    );
    return { lastDir, rolled, index };
  } catch (err) {
    console.warn(`build-cli: the caches are made without --previous (${err && err.message ? err.message : err})`);
    return null;
  }
}

async function makeWorkerCache(script, cache, previous) {
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
      // As a check run asks (its output made in the worker), alone and then against last year's form.
      const render = { format: 'json', color: false, keepFindings: false };
      const tasks = [];
      for (let i = 0; i < WARM_UP; i++) tasks.push({ file: path.resolve(EXAMPLE), render });
      if (previous)
        for (let i = 0; i < WARM_UP; i++) tasks.push({ file: previous.rolled, previous: previous.index, render });
      // The worker sends its results in batches (an array) or one by one.
      worker.on('message', (m) => {
        const before = seen;
        seen += Array.isArray(m) ? m.length : 1;
        if (before < tasks.length && seen >= tasks.length) {
          port1.once('message', resolve);
          port1.postMessage('write');
        }
      });
      for (const task of tasks) worker.postMessage(task);
    });
  } finally {
    port1.close();
    await worker.terminate();
  }
}
