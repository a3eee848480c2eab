/**
 * A form written by a program that does not recalculate: the values are
 * filled in, but the formulas keep the results they had in the blank
 * template (0) or have none. Excel and WPS would show the computed results;
 * the check must too, and say once that the saved results were stale.
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../../src/cli/check-command';
import { memoryIO } from '../../src/cli/io';
import { runTemplate } from '../../src/cli/template-command';
import { createWorkbook, openWorkbook } from '../../src/cli/xlsx-workbook';
import type { JsonOutput } from './run-cli';
import { fillTemplate } from './fill';

let tmp: string;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-stale-'));
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A completely filled template, every formula's saved result then set by `result` (undefined: none saved). */
async function staleForm(
  result: (formula: string) => number | undefined,
): Promise<{ file: string; formulas: string[] }> {
  const file = path.join(tmp, '申报表.xlsx');
  const made = await runTemplate(
    {
      kind: 'template',
      out: file,
      department: '',
      budgetYear: 2026,
      projectRows: 1,
      prefillCommon: true,
      force: false,
    },
    memoryIO(),
    createWorkbook,
  );
  expect(made).toBe(0);
  await fillTemplate(file);
  // What a script does: plain ExcelJS, formulas written with a result of its own, no recalculation.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const formulas: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const formula = cell.formula;
        formulas.push(`${ws.name}!${cell.address}`);
        const r = result(formula);
        cell.value = r === undefined ? { formula } : { formula, result: r };
      }),
    );
  }
  wb.calcProperties = { fullCalcOnLoad: false };
  await wb.xlsx.writeFile(file);
  return { file, formulas };
}

async function checkJson(file: string): Promise<{ code: number; out: JsonOutput }> {
  const io = memoryIO();
  const code = await runCheck({ kind: 'check', paths: [file], format: 'json' }, io, openWorkbook);
  return { code, out: JSON.parse(io.stdout) as JsonOutput };
}

describe('stale formula results', () => {
  it('saved results of 0: no false 合计/占比 errors, one formula-stale warning, no fix over a formula', async () => {
    const { file, formulas } = await staleForm(() => 0);
    expect(formulas.length).toBeGreaterThan(8);
    const { code, out } = await checkJson(file);
    const entry = out.files[0]!;
    expect(entry.form).toBe(true);
    expect(entry.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    expect(code).toBe(0);
    const stale = entry.findings.filter((f) => f.rule === 'formula-stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.severity).toBe('warning');
    expect(stale[0]!.message).toMatch(
      /^有 \d+ 项公式的保存结果与按公式计算的结果不一致（如 [A-Z]+\d+：保存为 0(?:\.00)?%?，按公式 =[A-Z]+\(/,
    );
    // Every stale cell is a formula cell of the file; the ones whose true result is 0 are not among them.
    expect(stale[0]!.cells.length).toBeGreaterThan(0);
    for (const c of stale[0]!.cells)
      expect(formulas.map((f) => f.replace(/^[^!]*!/, ''))).toContain(c.replace(/^.*!/, ''));
    // No finding anywhere offers to overwrite a formula.
    const formulaCells = new Set(formulas.map((f) => f.replace(/^[^!]*!/, '')));
    for (const f of entry.findings) if (f.fix) expect(formulaCells.has(f.fix.cell.replace(/^.*!/, ''))).toBe(false);
  });

  it('formulas without saved results (a generator that leaves them to the spreadsheet): computed, no warning', async () => {
    const { file } = await staleForm(() => undefined);
    const { code, out } = await checkJson(file);
    const entry = out.files[0]!;
    expect(entry.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(entry.findings.filter((f) => f.rule === 'formula-stale')).toEqual([]);
    expect(code).toBe(0);
  });

  it('the file is never changed by the check, and the annotated copy keeps every formula', async () => {
    const { file, formulas } = await staleForm(() => 0);
    const before = await fs.readFile(file);
    const io = memoryIO();
    await runCheck(
      { kind: 'check', paths: [file], format: 'json', annotateDir: path.join(tmp, 'out') },
      io,
      openWorkbook,
    );
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(path.join(tmp, 'out', '申报表.xlsx'));
    for (const ref of formulas) {
      const [sheet, address] = ref.split('!');
      expect(copy.getWorksheet(sheet)!.getCell(address!).type).toBe(ExcelJS.ValueType.Formula);
    }
  });
});
