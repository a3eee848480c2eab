// Preloaded (node -r) into a benchmarked child process: samples the V8 heap every 5 ms and,
// at exit, writes the peak heap, the peak RSS (from the kernel) and, when the child runs with
// --expose-gc, the heap still in use after a full collection (what the run retained) to $JIXIAO_BENCH_MEM.
// When the program relaunches itself (bin/jixiao.js does for `check`), the relaunched process carries this
// sampler too (it is in execArgv): its figures are the run's, plus the launcher's RSS.
'use strict';
const fs = require('fs');
let peakHeap = 0;

// The peak RSS of this program image. On Linux getrusage's maxRSS is no good here: a child started by
// fork + exec inherits the parent's high-water mark at the fork, so a child of a large process (a jest
// worker that has run many tests) reports at least the parent's size. VmHWM belongs to the new image.
function peakRss() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: fall back to the kernel's rusage
  }
  return process.resourceUsage().maxRSS * 1024;
}
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
  if (!out) return;
  if (process.env.JIXIAO_LAUNCHER === '1') {
    // This process only started the one that did the work (bin/jixiao.js relaunches `check`), and that one wrote
    // its figures before this exit: they stand, with this process's own peak added to the RSS (both ran at once).
    let child = null;
    try {
      child = JSON.parse(fs.readFileSync(out, 'utf8'));
    } catch {
      child = null;
    }
    if (child) {
      const own = peakRss();
      fs.writeFileSync(out, JSON.stringify({ ...child, maxRSS: child.maxRSS + own, launcherRSS: own }));
      return;
    }
  }
  fs.writeFileSync(out, JSON.stringify({ maxRSS: peakRss(), peakHeap, retained }));
});
