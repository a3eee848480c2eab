/**
 * The stop gate (src/cli/fs-safe.ts): a worker writes an annotated copy into a temporary file the main thread
 * chose and tracks; when the run is stopped (a signal, a closed stdout), the main thread removes that file. A
 * worker busy making the copy's bytes at that moment must not create the file after it was removed: the process
 * ends a moment later and the hidden `.jixiao-….tmp` would stay in the officer's folder (seen in CI, issue 21).
 *
 * The worker here is fs-safe itself, bundled as the real worker is, with the main thread's gate.
 */
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { buildSync } from 'esbuild';
import { abandonOutputs, joinStopGate, stopGateMemory, tempBeside, trackTemp } from '../../src/cli/fs-safe';

let tmp: string;
let bundle: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-stop-gate-'));
  bundle = path.join(tmp, 'fs-safe.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, '../../src/cli/fs-safe.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  // Each case is a fresh run: an open gate of its own.
  joinStopGate(new SharedArrayBuffer(8));
});

/**
 * A worker that writes `target` through `writeAtomically` with the temporary name this thread chose. Its write
 * first says 'writing', then takes `delayMs` (making the bytes), creates the temporary file and, with `dies`,
 * ends the thread there, as the process ending by the signal ends it: nothing of its own clean-up runs.
 */
function writer(
  target: string,
  temp: string,
  delayMs: number,
  dies: boolean,
): { worker: Worker; writing: Promise<void>; outcome: Promise<string> } {
  const code = `
    const { parentPort, workerData } = require('worker_threads');
    const fsSafe = require(workerData.bundle);
    const fs = require('fs/promises');
    fsSafe.joinStopGate(workerData.gate);
    fsSafe
      .writeAtomically(workerData.target, async (t) => {
        parentPort.postMessage('writing');
        await new Promise((r) => setTimeout(r, workerData.delayMs));
        await fs.writeFile(t, 'copy');
        if (workerData.dies) process.exit(0);
      }, { replace: false, temp: workerData.temp })
      .then(() => parentPort.postMessage('written'), (e) => parentPort.postMessage(e.name));
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: { bundle, gate: stopGateMemory(), target, temp, delayMs, dies },
  });
  let said!: () => void;
  const writing = new Promise<void>((r) => (said = r));
  const outcome = new Promise<string>((resolve) => {
    worker.on('message', (m: string) => (m === 'writing' ? said() : resolve(m)));
    worker.on('exit', () => resolve('exited'));
  });
  return { worker, writing, outcome };
}

it('a copy being made when the run stops leaves no temporary file, even if the process ends right after', async () => {
  const target = path.join(tmp, 'a', '信访局.xlsx');
  await fs.mkdir(path.dirname(target));
  const temp = tempBeside(target);
  trackTemp(temp);
  const w = writer(target, temp, 300, true);
  await w.writing;
  // Stopping: waits for the write under way, then removes what it made.
  abandonOutputs();
  await w.outcome;
  expect(existsSync(temp)).toBe(false);
});

it('a copy whose write ends normally while the run stops: no temporary file, and a copy there is whole', async () => {
  const target = path.join(tmp, 'b', '信访局.xlsx');
  await fs.mkdir(path.dirname(target));
  const temp = tempBeside(target);
  trackTemp(temp);
  const w = writer(target, temp, 200, false);
  await w.writing;
  abandonOutputs();
  // Written, or refused at publishing because its temporary file is gone: either way nothing half made stays.
  await w.outcome;
  await w.worker.terminate();
  expect(existsSync(temp)).toBe(false);
  if (existsSync(target)) expect(await fs.readFile(target, 'utf8')).toBe('copy');
});

it('a copy not yet begun when the run stops is never begun', async () => {
  const target = path.join(tmp, 'c', '信访局.xlsx');
  await fs.mkdir(path.dirname(target));
  const temp = tempBeside(target);
  trackTemp(temp);
  abandonOutputs();
  const w = writer(target, temp, 0, false);
  expect(await w.outcome).toBe('StoppingError');
  await w.worker.terminate();
  expect(existsSync(temp)).toBe(false);
  expect(existsSync(target)).toBe(false);
});
