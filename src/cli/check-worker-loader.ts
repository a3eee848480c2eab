/**
 * Starts the checking worker (dist/check-worker.js) from V8's code cache
 * (dist/check-worker.cache, made by scripts/build-cli.mjs after a warm-up
 * run), so each worker skips compiling the functions that checking a form
 * needs. The cache is only a speed-up: when it is missing or V8 rejects it (a
 * different Node), the bundle is compiled as usual. It is loaded the way
 * Node loads a CommonJS file: same wrapper, its own require. V8 checks a
 * cache against the length of the source only, so the cache starts with the
 * SHA-256 of the bundle it was made from, and is used only with that bundle.
 *
 * With `control` (a MessagePort, build time only), the worker writes the cache
 * when told to, after it has checked some files.
 */
import { createHash } from 'crypto';
import { readFileSync, renameSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { workerData, type MessagePort } from 'worker_threads';

interface LoaderData {
  script: string;
  cache: string;
  control?: MessagePort;
}

const data = workerData as LoaderData;
const bytes = readFileSync(data.script);
const source = bytes.toString('utf8');
const digest = createHash('sha256').update(bytes).digest();
let cachedData: Buffer | undefined;
try {
  const cache = data.control ? null : readFileSync(data.cache);
  if (cache && cache.length > digest.length && cache.subarray(0, digest.length).equals(digest))
    cachedData = cache.subarray(digest.length);
} catch {
  cachedData = undefined;
}
const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
const script = new vm.Script(wrapped, cachedData ? { filename: data.script, cachedData } : { filename: data.script });
const fn = script.runInThisContext() as (
  exports: unknown,
  require: NodeJS.Require,
  module: unknown,
  filename: string,
  dirname: string,
) => void;
const mod = { exports: {} as unknown, filename: data.script, id: data.script };
fn.call(mod.exports, mod.exports, createRequire(data.script), mod, data.script, path.dirname(data.script));

if (data.control) {
  const control = data.control;
  control.on('message', () => {
    const temp = `${data.cache}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([digest, script.createCachedData()]));
    renameSync(temp, data.cache);
    control.postMessage('written');
    control.close();
  });
}
