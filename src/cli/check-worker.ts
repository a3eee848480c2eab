/**
 * Worker thread of `jixiao check` (bundled into dist/check-worker.js): checks
 * one file per message and posts its FileResult back. Whatever goes wrong in
 * here is the pool's to report; the main thread never shares this heap.
 */
import { parentPort } from 'worker_threads';
import { checkOne } from './check-command';
import type { CheckTask } from './pool';
import { openWorkbook } from './xlsx-workbook';

parentPort?.on('message', (task: CheckTask) => {
  // As JSON text: a string crosses to the main thread much cheaper than a structured clone of the report.
  void checkOne(task, openWorkbook).then((result) => parentPort!.postMessage(JSON.stringify(result)));
});
