/**
 * `jixiao check` relaunches itself once with --v8-pool-size=0 on machines of
 * four cores or fewer (bin/jixiao.js): the launcher only waits, the relaunched
 * process does the work. What a user sees must not change: the output, the
 * exit code, an interrupt; and an option the user gave is respected.
 */
import { spawn, spawnSync } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, buildCli, EXAMPLE, type JsonOutput } from './run-cli';

const CORES = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const RELAUNCHES = CORES <= 4;

let tmp: string;
/** Preloaded into every process of a run: appends its pid, parent pid and Node options to $JIXIAO_TEST_PROCS. */
let probe: string;

beforeAll(async () => {
  buildCli();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-relaunch-'));
  probe = path.join(tmp, 'probe.cjs');
  await fs.writeFile(
    probe,
    `const fs = require('fs');
if (require('worker_threads').isMainThread && process.env.JIXIAO_TEST_PROCS)
  fs.appendFileSync(process.env.JIXIAO_TEST_PROCS, JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv }) + '\\n');
`,
  );
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

interface Proc {
  pid: number;
  ppid: number;
  execArgv: string[];
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const procs = path.join(tmp, `procs-${Math.random().toString(36).slice(2)}.jsonl`);
  const r = spawnSync(process.execPath, ['-r', probe, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, JIXIAO_RELAUNCHED: undefined, ...env, JIXIAO_TEST_PROCS: procs },
    timeout: 60_000,
  });
  const lines = readFileSync(procs, 'utf8').trim().split('\n');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, procs: lines.map((l) => JSON.parse(l) as Proc) };
}

describe('check relaunches itself with a V8 thread pool sized to the machine', () => {
  it('the work runs in one relaunched process with --v8-pool-size=0 (on four cores or fewer); the output is whole', () => {
    const r = run(['check', EXAMPLE, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as JsonOutput;
    expect(out.files).toHaveLength(1);
    expect(out.files[0]!.summary.errors).toBeGreaterThan(0);
    if (RELAUNCHES) {
      expect(r.procs).toHaveLength(2);
      const [launcher, worker] = r.procs as [Proc, Proc];
      expect(launcher.execArgv).not.toContain('--v8-pool-size=0');
      expect(worker.ppid).toBe(launcher.pid);
      // The launcher's own options go along (here: the probe), then the pool size.
      expect(worker.execArgv).toEqual(expect.arrayContaining(['-r', probe, '--v8-pool-size=0']));
    } else {
      expect(r.procs).toHaveLength(1);
    }
  });

  it('an option the user gave is kept, and nothing is relaunched: on the command line or in NODE_OPTIONS', () => {
    const viaEnv = run(['check', EXAMPLE, '--format', 'json'], { NODE_OPTIONS: '--v8-pool-size=2' });
    expect(viaEnv.code).toBe(1);
    expect(viaEnv.procs).toHaveLength(1);
    const r = spawnSync(process.execPath, ['--v8-pool-size=3', BIN, 'check', EXAMPLE, '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as JsonOutput).files).toHaveLength(1);
  });

  it('other commands are never relaunched', () => {
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.procs).toHaveLength(1);
  });

  it('the exit code and the error lines come through: 2 for a file that does not exist', () => {
    const r = run(['check', path.join(tmp, '没有这个文件.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/找不到该文件或文件夹/);
  });

  (RELAUNCHES ? it : it.skip)(
    'stopping the launcher (SIGTERM) stops the relaunched process too: nothing is left running',
    async () => {
      const dir = path.join(tmp, 'many');
      await fs.mkdir(dir, { recursive: true });
      // Long enough (a few seconds) that only a forwarded signal, not the end of the work, can stop it in time.
      const first = path.join(dir, '单位0.xlsx');
      await fs.copyFile(EXAMPLE, first);
      for (let i = 1; i < 1500; i++) await fs.link(first, path.join(dir, `单位${i}.xlsx`));
      const procs = path.join(tmp, 'procs-term.jsonl');
      const child = spawn(process.execPath, ['-r', probe, BIN, 'check', dir, '--format', 'json'], {
        env: { ...process.env, JIXIAO_RELAUNCHED: undefined, JIXIAO_TEST_PROCS: procs },
        stdio: 'ignore',
      });
      // Once the relaunched process has started, the launcher is told to stop.
      const started = Date.now();
      let worker: Proc | undefined;
      while (!worker && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 20));
        const lines = await fs.readFile(procs, 'utf8').catch(() => '');
        worker = lines
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Proc)
          .find((p) => p.ppid === child.pid);
      }
      expect(worker).toBeDefined();
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      const killedAt = Date.now();
      child.kill('SIGTERM');
      const ended = await exit;
      // Stopped, not finished: the batch takes seconds.
      expect(Date.now() - killedAt).toBeLessThan(1_000);
      // The launcher ends the way the work ended: by the same signal.
      expect(ended.signal ?? ended.code).toBeTruthy();
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      const until = Date.now() + 1_000;
      while (alive(worker!.pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(alive(worker!.pid)).toBe(false);
    },
    60_000,
  );
});
