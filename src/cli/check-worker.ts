/**
 * Worker thread of `jixiao check` (bundled into dist/check-worker.js): checks
 * the files it is sent one after the other, in the order sent, and posts the
 * results back in that order. The pool keeps several files waiting here so the
 * worker never idles between files; whatever goes wrong in here is the pool's
 * to report, and the main thread never shares this heap.
 *
 * Results go back in batches: each message wakes the main thread, and on a
 * small machine that wake-up takes the core this worker runs on. So results
 * wait here until BATCH of them are ready or there is nothing left to check.
 * After each file the worker counts it in `progress` (memory shared with the
 * pool): if the worker then fails, the pool knows which file it failed on,
 * and checks again the finished ones whose results had not left yet.
 */
import './quiet-deprecations';
import { parentPort, workerData } from 'worker_threads';
import { checkOne } from './check-one';
import { joinStopGate } from './fs-safe';
import type { CheckTask } from './pool';
import { renderResult, withoutFindings, type Rendered } from './output/render';
import type { FileResult } from './result';
import { openWorkbook } from './xlsx-workbook';

const BATCH = 4;

const shared = (workerData as { progress?: unknown } | undefined)?.progress;
const progress = shared instanceof SharedArrayBuffer ? new Int32Array(shared) : null;
joinStopGate((workerData as { stopGate?: unknown } | undefined)?.stopGate);

const queue: CheckTask[] = [];
let held: string[] = [];
let finished = 0;
let busy = false;

function flush(): void {
  if (!held.length) return;
  parentPort!.postMessage(held.length === 1 ? held[0] : held);
  held = [];
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  for (let task = queue.shift(); task; task = queue.shift()) {
    if (task.next) {
      // `jixiao next`: its whole work here, under this worker's memory cap and the pool's time limit.
      const { produceNext } = await import('./next-command');
      held.push(JSON.stringify({ next: await produceNext(task.next.command, openWorkbook, task.next.color) }));
      finished++;
      if (progress) Atomics.store(progress, 0, finished);
      flush();
      continue;
    }
    if (task.probe) {
      // One of last year's forms (--previous): read and spooled, for the checks that pair with it.
      const { probePrevious } = await import('./previous');
      held.push(
        JSON.stringify({ probe: await probePrevious(task.file, task.probe.spool, openWorkbook, task.probe.cache) }),
      );
      finished++;
      if (progress) Atomics.store(progress, 0, finished);
      if (held.length >= BATCH || queue.length === 0) flush();
      continue;
    }
    const result = await checkOne(task, openWorkbook);
    let message: FileResult | Rendered = result;
    if (task.render) {
      const { result: shown, text } = renderResult(result, task.render);
      message = { rendered: true, text, result: task.render.keepFindings ? shown : withoutFindings(shown) };
    }
    // As JSON text: a string crosses to the main thread much cheaper than a structured clone of the report.
    held.push(JSON.stringify(message));
    finished++;
    if (progress) Atomics.store(progress, 0, finished);
    if (held.length >= BATCH || queue.length === 0) flush();
  }
  busy = false;
}

parentPort?.on('message', (task: CheckTask) => {
  queue.push(task);
  void drain();
});
