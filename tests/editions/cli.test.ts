/**
 * docs/spec/editions.md through the command line, as a finance bureau runs it
 * on a folder: the edition named in the JSON (`edition`), the text heading and
 * the 审核汇总's 版本 column (point 1); another province's form declined with
 * its reason (point 8); the bureau's previous 审核汇总, left in the folder under
 * another name, listed as 不是申报表 (point 9).
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { memoryIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { specToXlsx } from '../next/helpers';
import { typedForm } from '../read/fixtures';
import { editionBForm, hunanForm } from './fixtures';

let dir: string;
let inputs: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-editions-'));
  inputs = path.join(dir, '各单位报表');
  fs.mkdirSync(inputs);
  fs.writeFileSync(path.join(inputs, '1-现行版.xlsx'), await specToXlsx(typedForm()));
  fs.writeFileSync(path.join(inputs, '2-早期版.xlsx'), await specToXlsx(editionBForm({ historyError: true })));
  fs.writeFileSync(path.join(inputs, '3-湖南.xlsx'), await specToXlsx(hunanForm(), 'Sheet1'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Entry {
  file: string;
  form: boolean;
  edition?: string;
  reason?: string;
  findings: { rule: string }[];
}

async function checkJson(args: string[]): Promise<Entry[]> {
  const io = memoryIO();
  await run(['check', ...args, '--format', 'json'], io);
  return (JSON.parse(io.stdout) as { files: Entry[] }).files;
}

test('the JSON names each form’s edition and declines the other province’s form with its reason', async () => {
  const files = await checkJson([inputs]);
  const by = (name: string) => files.find((f) => f.file.endsWith(name))!;
  expect(by('1-现行版.xlsx')).toMatchObject({ form: true, edition: 'hubei-a' });
  expect(by('2-早期版.xlsx')).toMatchObject({ form: true, edition: 'hubei-b' });
  expect(by('2-早期版.xlsx').findings.map((f) => f.rule)).toEqual(['funding-total', 'funding-balance']);
  expect(by('3-湖南.xlsx').form).toBe(false);
  expect(by('3-湖南.xlsx').edition).toBeUndefined();
  expect(by('3-湖南.xlsx').reason).toMatch(/另一种格式的整体绩效目标表（湖南省/);
});

test('the text heading names an edition other than the current one', async () => {
  const io = memoryIO();
  await run(['check', path.join(inputs, '2-早期版.xlsx')], io);
  expect(io.stdout.split('\n')[0]).toMatch(
    /2-早期版\.xlsx（工作表：申报表，部门：某某县人民政府办公室，版本：湖北省早期版（部门整体支出绩效目标申报表））$/,
  );
  const current = memoryIO();
  await run(['check', path.join(inputs, '1-现行版.xlsx')], current);
  expect(current.stdout).not.toContain('版本：');
});

test('the 审核汇总 has a 版本 column; left in the folder under another name, it is 不是申报表', async () => {
  const summary = path.join(dir, '审核汇总.xlsx');
  await run(['check', inputs, '--summary', summary], memoryIO());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const ws = wb.getWorksheet('汇总')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const col = header.indexOf('版本') + 1;
  expect(col).toBeGreaterThan(0);
  expect([2, 3, 4].map((r) => ws.getRow(r).getCell(col).value ?? '')).toEqual([
    '湖北省现行版（部门整体绩效目标申报表）',
    '湖北省早期版（部门整体支出绩效目标申报表）',
    '',
  ]);

  fs.copyFileSync(summary, path.join(inputs, '4-上次的结果.xlsx'));
  const files = await checkJson([inputs]);
  const old = files.find((f) => f.file.endsWith('4-上次的结果.xlsx'))!;
  expect(old.form).toBe(false);
  expect(old.reason).toMatch(/绩效申报助手生成的审核汇总/);
  expect(old.findings).toEqual([]);
});
