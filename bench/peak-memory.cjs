// Preloaded (node -r) into a benchmarked child process: samples the V8 heap every 5 ms and,
// at exit, writes the peak heap, the peak RSS (from the kernel) and, when the child runs with
// --expose-gc, the heap still in use after a full collection (what the run retained) to $JIXIAO_BENCH_MEM.
'use strict';
const fs = require('fs');
let peakHeap = 0;
const sample = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeap) peakHeap = used;
};
setInterval(sample, 5).unref();
process.on('exit', () => {
  sample();
  let retained = null;
  if (typeof global.gc === 'function') {
    global.gc();
    retained = process.memoryUsage().heapUsed;
  }
  const out = process.env.JIXIAO_BENCH_MEM;
  if (out) fs.writeFileSync(out, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024, peakHeap, retained }));
});
