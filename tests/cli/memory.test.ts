/**
 * The run's memory, accounted (issue 21): for every --jobs, the workers the pool may start and their heap caps,
 * with what each holds outside its heap, the input bytes in flight and the main thread, stay under 600 MB. What
 * the accounting assumes is measured through the real command line in tests/hostile (peak RSS asserted).
 */
import {
  accountedMb,
  FILE_BYTES_MB,
  MAX_OLD_MB,
  MIN_OLD_MB,
  RESERVED_MB,
  RUN_MEMORY_MB,
  WORKER_BASE_MB,
  WORKER_NATIVE_MB,
  workerLimits,
} from '../../src/cli/memory';

describe('worker limits for --jobs', () => {
  it('stay under 600 MB for any --jobs from 1 to 1,024', () => {
    expect(RUN_MEMORY_MB).toBe(600);
    for (let jobs = 1; jobs <= 1024; jobs++) {
      const l = workerLimits(jobs);
      expect(l.workers).toBeGreaterThanOrEqual(1);
      expect(l.workers).toBeLessThanOrEqual(jobs);
      expect(l.oldMb).toBeGreaterThanOrEqual(MIN_OLD_MB);
      expect(l.oldMb).toBeLessThanOrEqual(MAX_OLD_MB);
      const total = RESERVED_MB + FILE_BYTES_MB + l.workers * (WORKER_BASE_MB + WORKER_NATIVE_MB + l.oldMb + l.youngMb);
      expect(accountedMb(l)).toBe(total);
      expect(total).toBeLessThanOrEqual(RUN_MEMORY_MB);
    }
  });

  it('one worker gets the most heap: the cap a file is retried under when it ran out beside others', () => {
    const one = workerLimits(1);
    for (const jobs of [2, 3, 4, 8, 64]) expect(workerLimits(jobs).oldMb).toBeLessThanOrEqual(one.oldMb);
    expect(one).toEqual({ workers: 1, oldMb: 246, youngMb: 32 });
    expect(workerLimits(64)).toEqual({ workers: 2, oldMb: 87, youngMb: 16 });
  });

  it('a fraction of --jobs is never zero workers', () => {
    expect(workerLimits(0).workers).toBe(1);
    expect(workerLimits(1.5).workers).toBe(1);
  });
});
