// The baseline of the batch benchmark: ExcelJS alone loading every .xlsx of a folder, one at a time,
// read from disk the way `jixiao check` reads them (readFileSync, then ExcelJS's load), and nothing else.
'use strict';
const fs = require('fs');
const path = require('path');
const ExcelJS = require('exceljs');

async function main(dir) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  let sheets = 0;
  for (const f of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(path.join(dir, f)));
    sheets += wb.worksheets.length;
  }
  process.stdout.write(`${files.length} files, ${sheets} sheets\n`);
}

main(process.argv[2]).catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
