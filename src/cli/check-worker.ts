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
import { renderResult, withoutFindings, type Rendered } from './render';
import type { FileResult } from './result';
import { openWorkbook } from './xlsx-workbook';

const queue: CheckTask[] = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  for (let task = queue.shift(); task; task = queue.shift()) {
    const result = await checkOne(task, openWorkbook);
    let message: FileResult | Rendered = result;
    if (task.render) {
      const { result: shown, text } = renderResult(result, task.render);
      message = { rendered: true, text, result: task.render.keepFindings ? shown : withoutFindings(shown) };
    }
    // As JSON text: a string crosses to the main thread much cheaper than a structured clone of the report.
    parentPort!.postMessage(JSON.stringify(message));
  }
  busy = false;
}

parentPort?.on('message', (task: CheckTask) => {
  queue.push(task);
  void drain();
});
