/**
 * The template on paper: the generated workbook is rendered to A4 by
 * LibreOffice and its pages are read back as text. Every page that carries
 * rows of an indicator table carries that table's column headings, every page
 * has its number, and no table (so no merged group label in it) is cut by a
 * page break. Needs libreoffice-calc, fonts-noto-cjk and poppler-utils
 * (skipped without them, except in CI).
 */
import { mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XlsxHost } from '../../src/host/exceljs';
import type { IndicatorTableKind } from '../../src/form/types';
import { readDeclaration } from '../../src/read';
import { buildTemplate } from '../../src/template';
import type { SheetPlan } from '../../src/template/plan';
import { describeRendered, pdfPages, RENDER_TIMEOUT_MS, toPdf } from '../helpers/render-pdf';
import { exampleWrites, readExample, templateRows } from './example-fill';

const params = { department: '阳新县信访局', budgetYear: 2026, filler: '张三', phone: '0714-7654321' };

/** The column headings each table prints above its rows. */
const HEADINGS: Record<IndicatorTableKind, string[]> = {
  longTerm: ['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据', '指标分类'],
  annual: ['一级指标', '二级指标', '三级指标', '近两年指标值', '前年', '上年', '预期当年实现值', '指标值确定依据'],
};

/** Spaces and line breaks out: pdftotext lays a wrapped cell over several lines. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

async function render(plan: SheetPlan, fill: boolean, name: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-print-'));
  const host = XlsxHost.create();
  const sheet = await host.createSheet(plan);
  if (fill) {
    // Filled in the same workbook, as a filer types into the generated sheet (ExcelJS does not read page breaks back).
    const read = readDeclaration(await host.readGrid(sheet));
    if (!read.form) throw new Error(read.reason);
    await host.write(exampleWrites(await readExample(), read.declaration, plan, sheet));
  }
  const file = path.join(dir, `${name}.xlsx`);
  await host.save(file);
  return pdfPages(toPdf(file));
}

/**
 * Each page's text split by table: the long-term table's part runs up to the
 * label 年度目标：, the annual table's part from there on (both tables hold the same 三级 names).
 */
function tableParts(pages: string[]): Record<IndicatorTableKind, string>[] {
  let annual = false;
  return pages.map((p) => {
    const text = squeeze(p);
    if (annual) return { longTerm: '', annual: text };
    const at = text.indexOf('年度目标：');
    if (at < 0) return { longTerm: text, annual: '' };
    annual = true;
    return { longTerm: text.slice(0, at), annual: text.slice(at) };
  });
}

/** The pages (0-based) on which a row of the table prints. */
function pagesOfRows(pages: string[], kind: IndicatorTableKind, names: string[]): number[] {
  return tableParts(pages)
    .map((parts, i) => (names.some((n) => parts[kind].includes(squeeze(n))) ? i : -1))
    .filter((i) => i >= 0);
}

function expectPrintable(pages: string[], plan: SheetPlan, names: Record<IndicatorTableKind, string[]>): void {
  // A page number on every page, counting all pages.
  pages.forEach((p, i) => expect(squeeze(p)).toContain(`第${i + 1}页，共${pages.length}页`));
  const parts = tableParts(pages);
  for (const kind of ['longTerm', 'annual'] as const) {
    const on = pagesOfRows(pages, kind, names[kind]);
    expect(on.length).toBeGreaterThan(0);
    for (const i of on) for (const h of HEADINGS[kind]) expect(`page ${i + 1}: ${parts[i]![kind]}`).toContain(h);
  }
  // A section that starts a page does not share it with the section above it.
  const labelAt = (r: number) => squeeze(String(plan.cells.find((c) => c.row === r && c.col === 0)?.value ?? ''));
  const pageOf = (label: string) => parts.findIndex((p) => p.longTerm.includes(label) || p.annual.includes(label));
  for (const r of plan.print.rowBreaks ?? []) {
    let above = r - 1;
    while (above > 0 && !labelAt(above)) above--;
    expect(pageOf(labelAt(r))).toBeGreaterThan(pageOf(labelAt(above)));
  }
}

describeRendered('the template printed on A4 (LibreOffice)', () => {
  const plan = buildTemplate(params);
  const names = (kind: IndicatorTableKind) =>
    templateRows(plan, kind)
      .map((r) => r.level3)
      .filter((n) => n.length >= 6);

  test(
    'the empty template: three pages, each indicator table whole on its own page under its headings',
    async () => {
      const pages = await render(plan, false, 'template');
      expect(pages).toHaveLength(3);
      expectPrintable(pages, plan, { longTerm: names('longTerm'), annual: names('annual') });
      // The long-term table prints only on page 2, the annual one only on page 3: no table and no merged label is cut.
      expect(pagesOfRows(pages, 'longTerm', names('longTerm'))).toEqual([1]);
      expect(pagesOfRows(pages, 'annual', names('annual'))).toEqual([2]);
      expect(squeeze(pages[1]!)).toContain('长期绩效指标');
      expect(squeeze(pages[2]!)).toContain('年度绩效指标');
      expect(squeeze(pages[0]!)).toContain('项目支出情况');
      expect(squeeze(pages[0]!)).not.toContain('一级指标');
    },
    RENDER_TIMEOUT_MS,
  );

  test(
    'filled with the example: every page with indicator rows shows that table’s headings',
    async () => {
      const pages = await render(plan, true, 'filled');
      const example = await readExample();
      const own = (kind: IndicatorTableKind) =>
        (kind === 'annual' ? example.annualIndicators : example.longTermIndicators)!.rows
          .map((r) => r.level3.text)
          .filter((n) => n.length >= 6);
      expectPrintable(pages, plan, { longTerm: own('longTerm'), annual: own('annual') });
    },
    RENDER_TIMEOUT_MS,
  );
});
