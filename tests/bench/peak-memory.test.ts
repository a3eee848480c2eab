/**
 * The memory sampler the hostile-file suite and the benchmarks preload into a child process must report
 * the child's own peak RSS. Linux's getrusage maxRSS does not: a child started by fork + exec inherits
 * its parent's high-water mark, so every child of a large jest worker looked as large as the worker.
 */
import { spawnSync } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const SAMPLER = path.resolve(__dirname, '../../bench/peak-memory.cjs');

test('a small child of a large parent is measured small', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-peak-'));
  try {
    const out = path.join(dir, 'mem.json');
    // The parent (this jest worker) holds 400 MB, touched, while it starts a child that holds nothing.
    const ballast = Buffer.alloc(400 * 1024 * 1024, 1);
    const r = spawnSync(process.execPath, ['-r', SAMPLER, '-e', '0'], {
      env: { ...process.env, JIXIAO_BENCH_MEM: out },
    });
    expect(ballast.length).toBeGreaterThan(0);
    expect(r.status).toBe(0);
    const { maxRSS } = JSON.parse(readFileSync(out, 'utf8')) as { maxRSS: number };
    expect(maxRSS).toBeGreaterThan(5 * 1024 * 1024);
    expect(maxRSS).toBeLessThan(200 * 1024 * 1024);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
