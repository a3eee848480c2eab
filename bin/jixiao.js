#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');

/**
 * Node gives V8 a fixed pool of four helper threads (optimizing compilers, garbage collection), whatever the
 * machine. `check` runs its files in worker threads; on a machine of four cores or fewer, the workers, the main
 * thread and those four helpers then want more cores than there are, and a batch takes a seventh to a third longer
 * (docs/performance.md). So `check` relaunches itself once with --v8-pool-size=0, which lets Node size the pool
 * to the machine, unless that option was given already (on the command line or in NODE_OPTIONS).
 */
function relaunchCheck() {
  if (process.argv[2] !== 'check' || process.env.JIXIAO_RELAUNCHED === '1') return false;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores > 4) return false;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS || '').split(/\s+/)];
  if (given.some((a) => /^--v8-pool-size(=|$)/.test(a))) return false;
  let child;
  try {
    child = require('child_process').spawn(
      process.execPath,
      [...process.execArgv, '--v8-pool-size=0', __filename, ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        env: { ...process.env, JIXIAO_RELAUNCHED: '1' },
        windowsHide: true,
      },
    );
  } catch {
    return false;
  }
  // This process only waits; tools that measure it (bench/peak-memory.cjs) are told so.
  process.env.JIXIAO_LAUNCHER = '1';
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward(s));
  child.on('error', (err) => {
    process.stderr.write(`jixiao：无法启动校验进程（${err && err.message ? err.message : String(err)}）\n`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Ends the way the child ended: by the same signal.
      for (const s of signals) process.removeAllListeners(s);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code === null ? 2 : code);
  });
  return true;
}

/**
 * dist/cli.js, from V8's code cache (dist/cli.cache, made by scripts/build-cli.mjs; see src/cli/code-cache.ts), so
 * the command line does not compile its half-megabyte bundle at every start. With JIXIAO_WRITE_CLI_CACHE set (the
 * build), the cache is written at exit.
 */
function loadCli(file) {
  const { loadWithCache } = require(path.join(path.dirname(file), 'code-cache.js'));
  const loaded = loadWithCache(file, file.replace(/\.js$/, '.cache'));
  if (process.env.JIXIAO_WRITE_CLI_CACHE) process.on('exit', () => loaded.writeCache());
  return loaded.exports;
}

if (!relaunchCheck()) {
  // The command line is bundled into dist/cli.js by `npm run build:cli` (run by `npm ci` through `prepare`).
  const built = path.join(__dirname, '..', 'dist', 'cli.js');
  if (!fs.existsSync(built)) {
    process.stderr.write('jixiao：找不到 dist/cli.js，请先运行 npm ci 或 npm run build:cli。\n');
    process.exit(2);
  }
  loadCli(built)
    .main(process.argv.slice(2))
    .then(
      (code) => process.exit(code),
      (err) => {
        process.stderr.write(`jixiao：内部错误：${err && err.message ? err.message : String(err)}\n`);
        process.exit(2);
      },
    );
}
