/**
 * One reading engine over one file, in a process of its own (for peak memory
 * and for files that would take the process down): prints {ms, cells} or the
 * error. Run by engine.bench.ts as `node -r tsx/cjs bench/engine-child.ts ENGINE FILE`.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { Readable } from 'stream';
import { performance } from 'perf_hooks';
import { worksheetToGrid } from '../src/host/exceljs/grid';
import { readExplanations } from '../src/report/explanations';
import { PackageWorkbook } from '../src/host/file/index';
import type { Grid } from '../src/sheet/grid';

function count(g: Grid): number {
  let n = 0;
  for (const r of g.values) r?.forEach((v) => (n += v === null ? 0 : 1));
  return n;
}

export async function readWith(engine: string, bytes: Buffer): Promise<number> {
  if (engine === 'exceljs') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb.worksheets.reduce((n, ws) => n + count(worksheetToGrid(ws)), 0);
  }
  if (engine === 'exceljs-stream') {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
    });
    let n = 0;
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        row.eachCell({ includeEmpty: false }, (c) => {
          if (c.value !== null && c.value !== undefined) n++;
        });
      }
    }
    return n;
  }
  if (engine === 'package') {
    const wb = PackageWorkbook.open(bytes);
    let n = 0;
    // What check does: sheets in order up to the form (here: every sheet, as a worst case), and 校验说明.
    for (const s of await wb.sheetNames()) n += count(await wb.readGrid(s));
    await readExplanations(wb);
    return n;
  }
  throw new Error(`unknown engine ${engine}`);
}

if (require.main === module) {
  const [engine, file] = process.argv.slice(2);
  const bytes = readFileSync(file!);
  const t0 = performance.now();
  readWith(engine!, bytes).then(
    (cells) => process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cells })),
    (err: Error) => {
      process.stdout.write(JSON.stringify({ ms: performance.now() - t0, error: err.message.split('\n')[0] }));
    },
  );
}
