/**
 * The review summary on paper: a batch of forms from three departments is
 * checked with --summary, the workbook is rendered to PDF by LibreOffice and
 * read back. Every page is A4 landscape and carries the review date and the
 * folder checked in its header and its number in the footer; each department's
 * block of 问题明细 starts a page; the body type prints at 9 pt or more; the
 * amounts share one number format. Needs libreoffice-calc, fonts-noto-cjk and
 * poppler-utils (skipped without them, except in CI).
 */
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { memoryIO } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { PRINT_WIDTH, fitWidths, pageHeader } from '../../src/cli/output/summary';
import { withDepartment } from '../helpers/department';
import { parts } from '../next/helpers';
import { describeRendered, pageImage, pdfPages, RENDER_TIMEOUT_MS, toPdf } from '../helpers/render-pdf';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
const DEPARTMENTS = ['阳新县信访局', '阳新县审计局', '阳新县统计局'];
/** A4 landscape in points, give or take rounding. */
const A4 = { width: 841.9, height: 595.3 };

const squeeze = (s: string) => s.replace(/\s+/g, '');

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Page sizes (points) of a PDF, from pdfinfo's per-page lines. */
function pageSizes(pdf: string): { width: number; height: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** The heights (points) of the words on each page, from pdftotext -bbox. */
function wordHeights(pdf: string): { word: string; height: number }[][] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return html
    .split(/<page /)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ word: m[3]!, height: Number(m[2]) - Number(m[1]) }),
      ),
    );
}

describe('the summary fits A4 landscape', () => {
  test('widths are held to the printable width, taken from the wrapped columns only', () => {
    const layout = { wrap: [2, 3], max: {} };
    const widths = fitWidths([6, 80, 100, 14], layout);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(PRINT_WIDTH);
    expect(widths[0]).toBe(6);
    expect(widths[3]).toBe(14);
    expect(fitWidths([6, 20, 14], layout)).toEqual([6, 20, 14]);
  });

  test('the header names the local date and the sources as given, "&" doubled, never over 255 characters', () => {
    const d = new Date(2026, 11, 7, 23, 30);
    expect(pageHeader(d, ['a&b']).left).toBe('审核日期：2026-12-07');
    expect(pageHeader(d, ['a&b', 'c']).right).toBe(`来源：a&&b；c`);
    const long = pageHeader(d, ['x'.repeat(400)]).right;
    expect(long).toContain('…');
    expect(long.length).toBeLessThanOrEqual('来源：'.length + 120);
    expect(pageHeader(d, []).right).toBe('');
  });
});

describeRendered('the review summary on paper', () => {
  let dir: string;
  let inputs: string;
  let summaryPath: string;
  let pdf: string;
  /** The pages (0-based) of each sheet. */
  let pages: Record<'汇总' | '问题明细' | '规则统计', number[]>;
  let started: Date;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-summary-print-'));
    inputs = path.join(dir, '2027年各单位报表');
    fs.mkdirSync(inputs);
    const bytes = fs.readFileSync(EXAMPLE);
    const names = [DEPARTMENTS[0]!, DEPARTMENTS[1]!, DEPARTMENTS[2]!];
    for (const [i, name] of names.entries())
      fs.writeFileSync(path.join(inputs, `${i + 1}-${name}.xlsx`), await withDepartment(bytes, name));
    summaryPath = path.join(dir, '审核汇总.xlsx');
    started = new Date();
    const io = memoryIO();
    await run(['check', inputs, '--summary', summaryPath], io);
    expect(fs.existsSync(summaryPath)).toBe(true);
    // LibreOffice prints every sheet into one PDF, numbering the pages through; each page's header names its sheet.
    pdf = toPdf(summaryPath);
    const all = pdfPages(pdf);
    pages = { 汇总: [], 问题明细: [], 规则统计: [] };
    all.forEach((p, i) => {
      const sheet = (['汇总', '问题明细', '规则统计'] as const).find((n) => squeeze(p).includes(`审核汇总—${n}`));
      if (!sheet) throw new Error(`page ${i + 1} names no sheet: ${p}`);
      pages[sheet].push(i);
    });
    const renders = process.env.JIXIAO_RENDERS;
    if (renders) {
      fs.mkdirSync(renders, { recursive: true });
      pageImage(pdf, pages['汇总'][0]! + 1, path.join(renders, 'summary-汇总-p1'), { dpi: 80 });
      pageImage(pdf, pages['问题明细'][0]! + 1, path.join(renders, 'summary-问题明细-p1'), { dpi: 80 });
    }
  }, 4 * RENDER_TIMEOUT_MS);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every page is A4 landscape, and every sheet has pages', () => {
    const sizes = pageSizes(pdf);
    expect(sizes.length).toBe(pdfPages(pdf).length);
    for (const s of sizes) {
      expect(Math.abs(s.width - A4.width)).toBeLessThan(2);
      expect(Math.abs(s.height - A4.height)).toBeLessThan(2);
    }
    for (const n of Object.values(pages)) expect(n.length).toBeGreaterThan(0);
  });

  test('every page carries the review date, the folder checked and its page number', () => {
    const days = [localDay(started), localDay(new Date())];
    const all = pdfPages(pdf).map(squeeze);
    all.forEach((p, i) => {
      expect(days.some((d) => p.includes(`审核日期：${d}`))).toBe(true);
      expect(p).toContain(squeeze(`来源：${inputs}`));
      expect(p).toContain(`第${i + 1}页，共${all.length}页`);
    });
  });

  test('each page repeats the column headings', () => {
    const all = pdfPages(pdf).map(squeeze);
    const headings = {
      汇总: ['序号', '部门（单位）名称', '收入合计'],
      问题明细: ['部门', '规则名称', '问题'],
      规则统计: ['规则名称', '问题数'],
    };
    for (const [name, on] of Object.entries(pages))
      for (const i of on)
        for (const h of headings[name as keyof typeof headings]) expect(`page ${i + 1}: ${all[i]}`).toContain(h);
  });

  test("each department's block of 问题明细 starts a page", () => {
    const all = pdfPages(pdf).map(squeeze);
    // The department column holds the name on every row of its block: a page holds one department only,
    // and each department starts on a page of its own, in the order checked.
    const on = pages['问题明细'].map((i) => DEPARTMENTS.filter((d) => all[i]!.includes(d)));
    expect(on.length).toBeGreaterThanOrEqual(DEPARTMENTS.length);
    for (const [i, ds] of on.entries()) expect(`page ${i + 1}: ${ds.join(',')}`).toBe(`page ${i + 1}: ${ds[0]}`);
    const firstPages = DEPARTMENTS.map((d) => on.findIndex((ds) => ds.includes(d)));
    expect(firstPages.every((p) => p >= 0)).toBe(true);
    expect([...firstPages].sort((a, b) => a - b)).toEqual(firstPages);
    expect(new Set(firstPages).size).toBe(DEPARTMENTS.length);
  });

  test('the body type prints at 9 pt or more', () => {
    const words = wordHeights(pdf);
    for (const [name, on] of Object.entries(pages)) {
      // A CJK glyph's box is one em high. The department names are body text of 汇总 and 问题明细; 强制性 of 规则统计.
      const probe = name === '规则统计' ? '强制性' : '阳新县';
      const heights = on.flatMap((i) => words[i]!.filter((w) => w.word.includes(probe)).map((w) => w.height));
      expect(`${name}: ${heights.length}`).not.toBe(`${name}: 0`);
      for (const h of heights) expect(`${name}: ${h}`).toBe(`${name}: ${Math.max(h, 9)}`);
    }
  });

  test('in the XML: widths within the printable width, 10-pt body type, one manual break per later department, the header', async () => {
    const p = await parts(fs.readFileSync(summaryPath));
    for (let i = 1; i <= 3; i++) {
      const xml = p.text.get(`xl/worksheets/sheet${i}.xml`)!;
      const widths = [...xml.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(widths.length).toBeGreaterThan(4);
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(PRINT_WIDTH);
      expect(xml).toMatch(/<oddHeader>&amp;L[^<]*审核日期：\d{4}-\d\d-\d\d[^<]*&amp;R[^<]*来源：/);
      const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
      expect(breaks.length).toBe(i === 2 ? DEPARTMENTS.length - 1 : 0);
    }
    const sizes = [...p.text.get('xl/styles.xml')!.matchAll(/<sz val="([\d.]+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
  });

  test('the amounts share one number format', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summaryPath);
    const ws = wb.getWorksheet('汇总')!;
    const formats = new Set<string>();
    for (let r = 2; r <= ws.rowCount; r++) for (const c of [9, 10]) formats.add(ws.getRow(r).getCell(c).numFmt);
    expect([...formats]).toEqual(['#,##0.00']);
    expect(ws.getRow(ws.rowCount).getCell(1).value).toBe('合计');
  });
});
