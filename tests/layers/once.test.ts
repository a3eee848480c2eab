/**
 * Spreadsheet knowledge lives in src/sheet and nowhere else: column letters,
 * A1 quoting, empty grids, the 1900 date system, number-format parsing. A
 * second copy anywhere in src fails here (the copies this replaced were each
 * written differently, and drifted).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const outsideSheet = sources(SRC)
  .filter((f) => !f.startsWith(path.join(SRC, 'sheet') + path.sep))
  .map((f) => ({ file: path.relative(SRC, f), text: readFileSync(f, 'utf8') }));

test.each([
  ['column letters → index', /charCodeAt\(0\)\s*-\s*6[45]/],
  ['index → column letters', /String\.fromCharCode\(\s*65/],
  ['a quoted sheet name', /replace\(\/'\/g,\s*"''"\)/],
  ['an empty grid', /values:\s*\[\],\s*text:\s*\[\]/],
  ['the 1900 date system', /Date\.UTC\(1899|25569/],
  ['number-format sections', /function\s+(splitSections|formatCore|isPercentFormat|isDateFormat|formatDecimals)\b/],
])('%s is written only in src/sheet', (_what, pattern) => {
  expect(outsideSheet.filter((f) => pattern.test(f.text)).map((f) => f.file)).toEqual([]);
});

test("jixiao's own sheets are named only in src/report/sheets.ts", () => {
  // The four names were written in four places (explanations, the result sheet, two hosts' state sheets).
  const naming = /(=|return|\?\?)\s*'(_jixiao_flags|jixiao_state|校验结果|校验说明)'/;
  const named = sources(SRC)
    .filter((f) => naming.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(SRC, f).split(path.sep).join('/'));
  expect(named).toEqual(['report/sheets.ts']);
});
