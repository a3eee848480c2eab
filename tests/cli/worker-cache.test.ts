/**
 * The worker loader (dist/check-worker-loader.js) starts a worker from V8's
 * code cache only when the cache was made from that very script. V8 itself
 * checks only the source's length, so a cache left from an earlier build of
 * the same length would run the earlier code: the loader must refuse it.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, Worker } from 'worker_threads';
import { buildCli, ROOT } from './run-cli';

const LOADER = path.join(ROOT, 'dist', 'check-worker-loader.js');

let tmp: string;

beforeAll(async () => {
  buildCli();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-cache-'));
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A worker script answering every message with its own letter; A and B have the same length. */
const script = (letter: string) =>
  `require('worker_threads').parentPort.on('message', () => require('worker_threads').parentPort.postMessage('${letter}'));\n`;

/** Starts the loader on `file`; with `write`, makes the cache after one answer. Resolves with the first answer. */
async function start(file: string, cache: string, write: boolean): Promise<string> {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(LOADER, {
    workerData: write ? { script: file, cache, control: port2 } : { script: file, cache },
    transferList: write ? [port2] : [],
  });
  try {
    return await new Promise<string>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (answer: string) => {
        if (!write) return resolve(answer);
        port1.once('message', () => resolve(answer));
        port1.postMessage('write');
      });
      worker.postMessage('who');
    });
  } finally {
    port1.close();
    await worker.terminate();
  }
}

test('a cache made from another script of the same length is not used', async () => {
  const file = path.join(tmp, 'worker.js');
  const cache = path.join(tmp, 'worker.cache');
  expect(script('A').length).toBe(script('B').length);
  await fs.writeFile(file, script('A'));
  expect(await start(file, cache, true)).toBe('A');
  expect((await fs.stat(cache)).size).toBeGreaterThan(32);
  // The cache is used for the script it was made from…
  expect(await start(file, cache, false)).toBe('A');
  // …and the script that replaced it runs as written.
  await fs.writeFile(file, script('B'));
  expect(await start(file, cache, false)).toBe('B');
});

test('a missing or damaged cache only costs the speed-up', async () => {
  const file = path.join(tmp, 'plain.js');
  await fs.writeFile(file, script('C'));
  expect(await start(file, path.join(tmp, 'none.cache'), false)).toBe('C');
  const damaged = path.join(tmp, 'damaged.cache');
  await fs.writeFile(damaged, Buffer.alloc(100, 7));
  expect(await start(file, damaged, false)).toBe('C');
});
