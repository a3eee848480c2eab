/**
 * `npm run bench`: runs every bench/*.bench.ts in name order. Each exports
 * `run(): Promise<void>` and prints its own figures with their goals. Nothing
 * here asserts a time: speed depends on the machine, so it is reported, not tested.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

interface BenchModule {
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = (await fs.readdir(__dirname))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `jixiao benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores (${cpu}), ${os.platform()}`,
  );
  let failed = 0;
  for (const file of files) {
    console.log(`\n## ${file}`);
    try {
      const mod = (await import(path.join(__dirname, file))) as BenchModule;
      await mod.run();
    } catch (err) {
      failed++;
      console.log(`  FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

void main();
