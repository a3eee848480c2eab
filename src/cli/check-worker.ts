/**
 * Worker thread of `jixiao check` (bundled into dist/check-worker.js): checks
 * the files it is sent one after the other, in the order sent, and posts each
 * FileResult back. The pool keeps a second file waiting here so the worker
 * never idles between files; whatever goes wrong in here is the pool's to
 * report, and the main thread never shares this heap.
 */
import { parentPort } from 'worker_threads';
import { checkOne } from './check-one';
import type { CheckTask } from './pool';
import { openWorkbook } from './xlsx-workbook';

const queue: CheckTask[] = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  for (let task = queue.shift(); task; task = queue.shift()) {
    const result = await checkOne(task, openWorkbook);
    // As JSON text: a string crosses to the main thread much cheaper than a structured clone of the report.
    parentPort!.postMessage(JSON.stringify(result));
  }
  busy = false;
}

parentPort?.on('message', (task: CheckTask) => {
  queue.push(task);
  void drain();
});
