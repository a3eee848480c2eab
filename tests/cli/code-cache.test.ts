/**
 * loadWithCache (src/cli/code-cache.ts), which loads the command line
 * (bin/jixiao.js → dist/cli.js) and the worker: a cache is used only with the
 * bundle it was made from, a missing or foreign cache costs nothing but the
 * compile, and the file runs as Node runs a CommonJS file.
 */
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadWithCache } from '../../src/cli/code-cache';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-code-cache-'));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Two modules of the same length: V8 alone would take A's cache for B. */
const source = (letter: string) =>
  `exports.letter = () => '${letter}'; exports.where = __dirname; exports.req = typeof require('./side.js');\n`;

describe('loadWithCache', () => {
  it('runs the file as a CommonJS module (exports, its own require and __dirname), with or without a cache', async () => {
    const file = path.join(tmp, 'a.js');
    const cache = path.join(tmp, 'a.cache');
    await fs.writeFile(path.join(tmp, 'side.js'), 'module.exports = {};');
    await fs.writeFile(file, source('A'));
    const first = loadWithCache(file, cache);
    const m = first.exports as { letter(): string; where: string; req: string };
    expect([m.letter(), m.where, m.req]).toEqual(['A', tmp, 'object']);
    first.writeCache();
    const digest = readFileSync(cache).subarray(0, 32);
    expect(digest.length).toBe(32);
    expect((loadWithCache(file, cache).exports as { letter(): string }).letter()).toBe('A');
  });

  it('a cache made from other code of the same length is not used: the file runs as written', async () => {
    const a = path.join(tmp, 'same-a.js');
    const b = path.join(tmp, 'same-b.js');
    const cache = path.join(tmp, 'same.cache');
    await fs.writeFile(a, source('A'));
    await fs.writeFile(b, source('B'));
    const loaded = loadWithCache(a, cache);
    // Called once, so its compiled code is in the cache too (a function never called is compiled from the source).
    expect((loaded.exports as { letter(): string }).letter()).toBe('A');
    loaded.writeCache();
    expect((loadWithCache(b, cache).exports as { letter(): string }).letter()).toBe('B');
  });

  it('a missing, empty or damaged cache is no error', async () => {
    const file = path.join(tmp, 'c.js');
    await fs.writeFile(file, source('C'));
    expect((loadWithCache(file, path.join(tmp, 'none.cache')).exports as { letter(): string }).letter()).toBe('C');
    const broken = path.join(tmp, 'broken.cache');
    await fs.writeFile(broken, Buffer.alloc(10));
    expect((loadWithCache(file, broken).exports as { letter(): string }).letter()).toBe('C');
  });
});
