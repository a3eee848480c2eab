/** The built command line (`node bin/jixiao.js`) runs `next` and `check --summary` end to end. */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCli, EXAMPLE, jixiao } from '../cli/run-cli';

jest.setTimeout(120_000);
let dir: string;

beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-next-bin-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('jixiao next, then jixiao check --summary over LAST and NEXT', async () => {
  const last = path.join(dir, '2026.xlsx');
  fs.copyFileSync(EXAMPLE, last);
  const out = path.join(dir, '2027.xlsx');
  const run = jixiao(['next', last, out]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/已生成 2027 年度申报表/);
  expect(run.stdout).toMatch(/新申报表的校验结果/);
  expect(run.stdout).not.toContain('\u001b[');
  expect(jixiao(['next', last, out]).code).toBe(2);

  const summary = path.join(dir, '审核汇总.xlsx');
  const check = jixiao(['check', last, out, '--summary', summary]);
  expect(check.code).toBe(1);
  expect(check.stdout).toMatch(/已写出审核汇总/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const ws = wb.getWorksheet('汇总')!;
  expect([ws.getRow(2).getCell(4).value, ws.getRow(3).getCell(4).value]).toEqual([2026, 2027]);
});
