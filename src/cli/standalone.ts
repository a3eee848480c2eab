/**
 * Entry of the single executables (jixiao.exe and the Linux ones, built by scripts/release.mjs with Node's
 * single-executable-applications feature): the whole command line in one bundle, no node_modules, no dist/.
 * There is no bundled worker beside an executable, so `check` reads files one at a time in this process
 * (main.ts's workerPool finds no dist/check-worker.js); results are the same.
 */
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`jixiao：内部错误：${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
