/**
 * `jixiao check … --summary 审核汇总.xlsx`: the three sheets of
 * docs/spec/review.md, every file with its row, links to annotated copies,
 * printable and filterable, never over an input or an existing file without
 * --force; the text and JSON outputs name the department.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { memoryIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { textWidth } from '../../src/cli/output/summary';
import { parts } from '../next/helpers';
import { typedForm, withJunkAround } from '../read/fixtures';
import { specToXlsx } from '../next/helpers';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
let dir: string;
let inputs: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-summary-'));
  inputs = path.join(dir, '各单位报表');
  fs.mkdirSync(inputs);
  fs.copyFileSync(EXAMPLE, path.join(inputs, '1-信访局.xlsx'));
  fs.writeFileSync(
    path.join(inputs, '2-工资表.xlsx'),
    await specToXlsx({ rows: [['工资表'], ['张三', 1]], merges: [], numFmt: {} }, '工资'),
  );
  fs.writeFileSync(path.join(inputs, '3-损坏.xlsx'), 'not a zip');
  const shifted = withJunkAround(typedForm(), 4, 2);
  fs.writeFileSync(path.join(inputs, '4-移位.xlsx'), await specToXlsx(shifted));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1);
}

describe('the review summary', () => {
  let summaryPath: string;
  let wb: ExcelJS.Workbook;
  let stdout: string;
  let annotateDir: string;

  beforeAll(async () => {
    summaryPath = path.join(dir, '审核汇总.xlsx');
    annotateDir = path.join(dir, '已标注');
    const io = memoryIO();
    const code = await run(['check', inputs, '--summary', summaryPath, '--annotate', annotateDir], io);
    expect(code).toBe(2);
    stdout = io.stdout;
    wb = await load(summaryPath);
  });

  test('three sheets in order, with the columns of review.md', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题明细', '规则统计']);
    expect(rowValues(wb.getWorksheet('汇总')!, 1)).toEqual([
      '序号',
      '文件',
      '部门（单位）名称',
      '预算年度',
      '结论',
      '错误',
      '提示',
      '已说明',
      '收入合计',
      '支出合计',
      '项目数',
      '主要问题',
      '标注副本',
      '版本',
    ]);
    expect(rowValues(wb.getWorksheet('问题明细')!, 1)).toEqual([
      '文件',
      '部门',
      '栏目',
      '严重程度',
      '规则名称',
      '单元格',
      '问题',
      '应为',
      '填报说明',
      '规则编号',
    ]);
    expect(rowValues(wb.getWorksheet('规则统计')!, 1)).toEqual([
      '规则名称',
      '严重程度',
      '涉及文件数',
      '问题数',
      '规则编号',
    ]);
  });

  test('every file has its row, in the order checked, with its verdict coloured, then a total row', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.rowCount).toBe(1 + 4 + 1);
    const byFile = (n: number) => rowValues(ws, n + 1);
    expect(byFile(1).slice(0, 5)).toEqual([
      1,
      path.join(inputs, '1-信访局.xlsx'),
      '阳新县信访局',
      2026,
      '有错误，需退回',
    ]);
    expect(byFile(1)[8]).toBe(374.13);
    expect(byFile(1)[9]).toBe(374.13);
    expect(byFile(1)[10]).toBe(4);
    expect(String(byFile(1)[11])).toMatch(/占比应为 84\.12%/);
    expect(byFile(2)[4]).toBe('不是申报表');
    expect(String(byFile(2)[11])).toMatch(/没有部门整体绩效目标申报表/);
    expect(byFile(3)[4]).toBe('无法读取');
    expect(String(byFile(3)[11])).toMatch(/损坏/);
    expect(byFile(4)[2]).toBe('阳新县信访局');
    const fill = (r: number) => (ws.getRow(r).getCell(5).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill(2)).toBe('FFFFC7CE');
    const total = rowValues(ws, 6);
    expect(total[0]).toBe('合计');
    expect(total[4]).toBe('需退回 2');
    expect(String(total[11])).toMatch(/通过 0 · 仅有提示 0 · 有错误，需退回 2 · 无法读取 1 · 不是申报表 1/);
    expect(total[5]).toBe((byFile(1)[5] as number) + (byFile(4)[5] as number));
  });

  test('links to the annotated copies, relative to the summary', () => {
    const ws = wb.getWorksheet('汇总')!;
    const link = ws.getRow(2).getCell(13).value as ExcelJS.CellHyperlinkValue;
    expect(link.hyperlink).toBe('已标注/1-信访局.xlsx');
    expect(fs.existsSync(path.join(dir, link.hyperlink))).toBe(true);
    expect(ws.getRow(3).getCell(13).value).toBeNull();
  });

  test('问题明细 has one row per finding; 规则统计 counts them, most frequent first', () => {
    const errors = /合计错误 (\d+) 项，提示 (\d+) 项，已说明 (\d+) 项/.exec(stdout)!;
    const findings = Number(errors[1]) + Number(errors[2]) + Number(errors[3]);
    const detail = wb.getWorksheet('问题明细')!;
    expect(detail.rowCount - 1).toBe(findings);
    expect(rowValues(detail, 2).slice(0, 6)).toEqual([
      path.join(inputs, '1-信访局.xlsx'),
      '阳新县信访局',
      '部门总体资金情况',
      expect.stringMatching(/^(强制性|提示性)/),
      expect.stringMatching(/[\u4e00-\u9fff]/),
      expect.any(String),
    ]);
    expect(String(rowValues(detail, 2)[9])).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    const rules = wb.getWorksheet('规则统计')!;
    const counts: number[] = [];
    let sum = 0;
    for (let r = 2; r <= rules.rowCount; r++) {
      const v = rowValues(rules, r);
      counts.push(v[3] as number);
      sum += v[3] as number;
      expect(v[2] as number).toBeLessThanOrEqual(2);
      // The Chinese title leads, the rule id comes last.
      expect(String(v[0])).toMatch(/[\u4e00-\u9fff]/);
      expect(String(v[4])).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    }
    expect(sum).toBe(findings);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  test('printable and filterable: frozen header, auto filter, widths for Chinese, wrap, A4 landscape fit to width, repeated header, page numbers', async () => {
    const p = await parts(fs.readFileSync(summaryPath));
    const workbookXml = p.text.get('xl/workbook.xml')!;
    for (const [i, name] of ['汇总', '问题明细', '规则统计'].entries()) {
      const xml = p.text.get(`xl/worksheets/sheet${i + 1}.xml`)!;
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(xml).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"\/>/);
      expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      expect(xml).toMatch(
        /<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/,
      );
      expect(xml).toMatch(/<oddFooter>[^<]*&amp;P[^<]*&amp;N/);
      expect(workbookXml).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">&apos;${name}&apos;!$1:$1</definedName>`,
      );
    }
    expect(p.text.get('xl/styles.xml')).toMatch(/wrapText="1"/);
    const ws = wb.getWorksheet('汇总')!;
    // The filter covers the files, not the total row.
    expect(p.text.get('xl/worksheets/sheet1.xml')).toContain('<autoFilter ref="A1:N5"/>');
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(textWidth('阳新县信访局'));
    expect(ws.getColumn(12).width).toBeLessThanOrEqual(48);
    // A wrapped long message gets the rows it needs.
    expect(ws.getRow(3).height).toBeGreaterThan(15);
    expect(ws.getRow(2).getCell(12).alignment?.wrapText).toBe(true);
  });

  test('the text output and the JSON name the department', async () => {
    expect(stdout).toMatch(/1-信访局\.xlsx（工作表：附件2，部门：阳新县信访局）/);
    const io = memoryIO();
    await run(['check', inputs, '--format', 'json'], io);
    const json = JSON.parse(io.stdout) as { files: { department?: string | null; form: boolean }[] };
    expect(json.files.filter((f) => f.form).map((f) => f.department)).toEqual(['阳新县信访局', '阳新县信访局']);
  });
});

describe('where the summary may be written', () => {
  test('not over an existing file without --force; with --force it is replaced', async () => {
    const target = path.join(dir, '已有.xlsx');
    fs.writeFileSync(target, 'keep me');
    const io = memoryIO();
    expect(await run(['check', EXAMPLE, '--summary', target], io)).toBe(2);
    expect(io.stderr).toMatch(/文件已存在.*--force/);
    expect(io.stdout).toBe('');
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    expect(await run(['check', EXAMPLE, '--summary', target, '--force'], memoryIO())).toBe(1);
    expect((await load(target)).worksheets.map((w) => w.name)).toEqual(['汇总', '问题明细', '规则统计']);
  });

  test('never over an input, even with --force', async () => {
    const input = path.join(dir, 'input-copy.xlsx');
    fs.copyFileSync(EXAMPLE, input);
    const before = fs.readFileSync(input);
    const io = memoryIO();
    expect(await run(['check', input, '--summary', input, '--force'], io)).toBe(2);
    expect(io.stderr).toMatch(/不能写在要校验的文件上/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test('an earlier summary inside the checked folder is not taken as an input', async () => {
    const folder = path.join(dir, 'again');
    fs.mkdirSync(folder);
    fs.copyFileSync(EXAMPLE, path.join(folder, 'a.xlsx'));
    const target = path.join(folder, '审核汇总.xlsx');
    expect(await run(['check', folder, '--summary', target], memoryIO())).toBe(1);
    const io = memoryIO();
    expect(await run(['check', folder, '--summary', target, '--force'], io)).toBe(1);
    expect(io.stdout).toMatch(/共检查 1 个文件/);
  });

  test('--force without --summary and a summary name without .xlsx are usage errors', async () => {
    const a = memoryIO();
    expect(await run(['check', EXAMPLE, '--force'], a)).toBe(2);
    expect(a.stderr).toMatch(/只在写审核汇总或标注副本时接受 --force/);
    const b = memoryIO();
    expect(await run(['check', EXAMPLE, '--summary', 'x.csv'], b)).toBe(2);
    expect(b.stderr).toMatch(/应以 \.xlsx 结尾/);
  });
});
