// Preloaded (node -r) into a benchmarked child process: samples the V8 heap every 5 ms and,
// at exit, writes the peak heap and the peak RSS (from the kernel) to $JIXIAO_BENCH_MEM.
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
  const out = process.env.JIXIAO_BENCH_MEM;
  if (out) fs.writeFileSync(out, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024, peakHeap }));
});
