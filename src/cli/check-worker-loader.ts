/**
 * Starts the checking worker (dist/check-worker.js) from V8's code cache
 * (dist/check-worker.cache, made by scripts/build-cli.mjs after a warm-up
 * run), so each worker skips compiling the functions that checking a form
 * needs (see code-cache.ts). The cache is only a speed-up: when it is missing
 * or V8 rejects it (a different Node), the bundle is compiled as usual.
 *
 * With `control` (a MessagePort, build time only), the worker writes the cache
 * when told to, after it has checked some files.
 */
import { workerData, type MessagePort } from 'worker_threads';
import { loadWithCache } from './code-cache';

interface LoaderData {
  script: string;
  cache: string;
  control?: MessagePort;
}

const data = workerData as LoaderData;
// At build time (with `control`) the bundle is compiled afresh, so the cache written covers what the checks compiled.
const loaded = loadWithCache(data.script, data.cache, !data.control);

if (data.control) {
  const control = data.control;
  control.on('message', () => {
    loaded.writeCache();
    control.postMessage('written');
    control.close();
  });
}
