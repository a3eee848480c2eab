/**
 * The bureau's review workbook (审核汇总, docs/spec/review.md): 汇总 (one row
 * per file, a total row), 问题明细 (one row per finding) and 规则统计 (per rule,
 * most frequent first).
 *
 * Memory stays flat in the number of files: while the run streams, each row is
 * appended to a spool file on disk (one JSON line) and only the column widths,
 * the totals and the per-rule counts are kept; at the end the workbook is
 * written with ExcelJS's streaming writer, one committed row at a time, sheet
 * after sheet. Every text goes through `storableText` (no character XML
 * cannot hold, nothing over 32,767 characters), and a link to an annotated
 * copy is a relative path under the annotate folder, percent-encoded, so a
 * submitted file name can never make it a network path or a web address.
 */
import { COLUMN } from '../../report/columns';
import ExcelJS from 'exceljs';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, createReadStream } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInterface } from 'readline';
import { FLAG_FILL, FLAG_FONT } from '../../report/flags';
import { editionById } from '../../form/editions';
import { ruleMeta } from '../../rules/index';
import { refText } from '../../sheet/cell-range';
import { storableText } from '../../sheet/storable';
import type { Finding } from '../../report/types';
import { sectionName } from './format-text';
import { trackTemp, untrackTemp } from '../fs-safe';
import type { FileResult } from '../result';

export const SUMMARY_SHEETS = ['汇总', '问题明细', '规则统计'] as const;

export type Verdict = '通过' | '仅有提示' | '有错误，需退回' | '无法读取' | '不是申报表';

const PASS_FILL = '#C6EFCE';
const PASS_FONT = '#006100';
const GREY_FILL = '#E7E6E6';

const OVERVIEW_HEADER = [
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
];
/** With --previous: the number of cross-year findings (previous-*), or why the form was not compared. */
const PREVIOUS_COLUMN = '与上年对比';
// Named as in every other table (report/columns.ts): the rule's title leads, its id comes last.
const DETAIL_HEADER = [
  COLUMN.file,
  COLUMN.department,
  COLUMN.section,
  COLUMN.severity,
  COLUMN.ruleTitle,
  COLUMN.cell,
  COLUMN.problem,
  COLUMN.expected,
  COLUMN.explanation,
  COLUMN.ruleId,
];
const RULE_HEADER = [COLUMN.ruleTitle, COLUMN.severity, COLUMN.files, COLUMN.count, COLUMN.ruleId];

export interface Layout {
  wrap: number[];
  max: Record<number, number>;
}
const OVERVIEW_LAYOUT: Layout = { wrap: [2, 3, 5, 12, 13, 14], max: { 12: 48, 2: 28, 14: 24 } };
const DETAIL_LAYOUT: Layout = { wrap: [1, 2, 3, 4, 5, 7, 8, 9, 10], max: { 1: 28, 5: 24, 7: 56, 9: 36 } };
const RULE_LAYOUT: Layout = { wrap: [1, 5], max: { 1: 40 } };

/**
 * On paper: A4 landscape with 0.4-inch side margins leaves 10.89 inches (784 pt) across. A column of width w
 * (in widths of the digit 0 of the workbook's default 11-point font, 7 px) takes about 7·w px = 5.25·w pt, and
 * fitting to the page width scales the sheet by min(1, 784 / (5.25 · Σw)). The body type is 10 pt, so it prints
 * at 9 pt or more while the widths add up to no more than 784 / 0.9 / 5.25 ≈ 166: the widths are held to
 * PRINT_WIDTH (a margin under that), narrowing the wrapped columns, and the rows grow taller instead.
 */
export const PRINT_WIDTH = 158;
/** The narrowest a wrapped column is made to fit the page (four CJK characters and a little). */
const MIN_WRAPPED = 9;
/** Excel keeps at most 1,026 manual page breaks on a sheet. */
export const MAX_ROW_BREAKS = 1026;

/** A row of 汇总 as spooled: the 13 values (the link cell holds the copy's link, or null) and the verdict. */
interface LinkValue {
  text: string;
  hyperlink: string;
  tooltip: string;
}
type CellValue = string | number | null | LinkValue;

export function verdictOf(result: FileResult): Verdict {
  if (result.kind === 'unreadable') return '无法读取';
  if (result.kind === 'not-form') return '不是申报表';
  const s = result.report.summary;
  if (s.errors > 0) return '有错误，需退回';
  if (s.warnings > 0) return '仅有提示';
  return '通过';
}

function severityWord(f: Finding): string {
  if (f.severity === 'error') return '强制性';
  return f.explained ? '提示性（已说明）' : '提示性';
}

/** Characters kept as they are in a link target: unreserved ASCII and storable non-ASCII (CJK names stay legible). */
function keepInLink(ch: string): boolean {
  if (/^[A-Za-z0-9\-._~]$/.test(ch)) return true;
  const c = ch.codePointAt(0)!;
  return c > 0xa0 && c !== 0xfffe && c !== 0xffff && !(c >= 0xd800 && c <= 0xdfff) && !/\s/.test(ch);
}

/**
 * The link from the summary to an annotated copy: the copy's path relative to the summary's folder, each
 * segment percent-encoded (":" "\\" "%" "#" "?", spaces and controls included), so whatever the submitted file
 * was called the target is a relative file path: never a scheme (https:), a network path (\\\\server) or a
 * drive. Null when the copy is not under the annotate folder or no relative path leads there (another drive).
 */
export function copyLink(summaryPath: string, copy: string, annotateDir: string): string | null {
  const dir = path.resolve(annotateDir);
  const target = path.resolve(copy);
  const inside = path.relative(dir, target);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  const rel = path.relative(path.dirname(path.resolve(summaryPath)), target);
  if (rel === '' || path.isAbsolute(rel)) return null;
  return rel
    .split(path.sep)
    .map((seg) =>
      seg === '..'
        ? seg
        : Array.from(seg)
            .map((ch) =>
              keepInLink(ch)
                ? ch
                : Array.from(Buffer.from(ch, 'utf8'))
                    .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
                    .join(''),
            )
            .join(''),
    )
    .join('/');
}

/** Rows appended to a file on disk as JSON lines; read back once, in order, when the workbook is written. */
class Spool {
  private fd: number | null = null;
  private buffer: string[] = [];
  private size = 0;
  count = 0;

  constructor(readonly file: string) {}

  push(row: unknown): void {
    const line = JSON.stringify(row) + '\n';
    this.buffer.push(line);
    this.size += line.length;
    this.count++;
    if (this.size > 256 * 1024) this.flush();
  }

  flush(): void {
    if (!this.buffer.length) return;
    this.fd ??= openSync(this.file, 'a');
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Forgets the rows not yet on disk and closes the file (the folder is removed by the caller). */
  drop(): void {
    this.buffer = [];
    this.size = 0;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  async *rows<T>(): AsyncGenerator<T> {
    this.close();
    if (this.count === 0) return;
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as T;
  }
}

/** Column widths from the content (a CJK character counts two), grown as rows are added. */
class Widths {
  readonly w: number[];
  constructor(header: string[]) {
    this.w = header.map((h) => textWidth(h) + 2);
  }
  see(values: CellValue[]): void {
    values.forEach((v, i) => {
      const t = shown(v);
      // textWidth is at least a third of the length: a long text cannot be narrower than the cap, so it is not measured.
      const w = t.length > 3 * 200 ? 400 : textWidth(t) + 2;
      if (w > (this.w[i] ?? 0)) this.w[i] = w;
    });
  }
  final(layout: Layout): number[] {
    return fitWidths(
      this.w.map((w, i) => Math.min(w, layout.max[i + 1] ?? 24)),
      layout,
    );
  }
}

/**
 * Widths that add up to at most PRINT_WIDTH: the excess is taken from the wrapped columns, each in proportion
 * to what it has over MIN_WRAPPED (their text wraps onto more lines instead). Unwrapped columns (numbers,
 * years) keep their width.
 */
export function fitWidths(widths: number[], layout: Layout): number[] {
  const total = widths.reduce((a, b) => a + b, 0);
  const excess = total - PRINT_WIDTH;
  if (excess <= 0) return widths;
  const spare = widths.map((w, i) => (layout.wrap.includes(i + 1) ? Math.max(0, w - MIN_WRAPPED) : 0));
  const room = spare.reduce((a, b) => a + b, 0);
  if (room <= 0) return widths;
  const share = Math.min(1, excess / room);
  return widths.map((w, i) => Math.floor((w - spare[i]! * share) * 10) / 10);
}

function shown(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.text;
  if (typeof v === 'number') return v.toFixed(2);
  return v;
}

export interface ReviewSummaryOptions {
  /** --previous was given: 汇总 gains the column 与上年对比. */
  previous?: boolean;
  /** The folders and files given to check: printed in each page's header. */
  sources?: string[];
}

export class ReviewSummary {
  private readonly dir: string;
  private readonly overview: Spool;
  private readonly details: Spool;
  private readonly previous: boolean;
  private readonly sources: string[];
  private readonly overviewHeader: string[];
  private readonly overviewLayout: Layout;
  private readonly overviewWidths: Widths;
  private readonly compared = { paired: 0, unpaired: 0 };
  private readonly detailWidths = new Widths(DETAIL_HEADER);
  private readonly rules = new Map<string, { files: number; lastFile: number; count: number }>();
  private readonly verdicts = new Map<Verdict, number>();
  private readonly totals = { errors: 0, warnings: 0, explained: 0, income: 0, expenditure: 0, projects: 0 };
  private files = 0;
  /** Texts that had characters a workbook cannot hold, and texts cut at 32,767 characters. */
  private replaced = 0;
  private truncated = 0;

  /** `annotateDir`: the folder of the annotated copies (links only ever point under it). */
  constructor(
    private readonly summaryPath: string,
    private readonly annotateDir: string | null = null,
    options: ReviewSummaryOptions = {},
  ) {
    this.previous = options.previous === true;
    this.sources = options.sources ?? [];
    this.overviewHeader = this.previous ? [...OVERVIEW_HEADER, PREVIOUS_COLUMN] : OVERVIEW_HEADER;
    const column = OVERVIEW_HEADER.length + 1;
    this.overviewLayout = this.previous
      ? { wrap: [...OVERVIEW_LAYOUT.wrap, column], max: { ...OVERVIEW_LAYOUT.max, [column]: 36 } }
      : OVERVIEW_LAYOUT;
    this.overviewWidths = new Widths(this.overviewHeader);
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-summary-'));
    trackTemp(this.dir);
    this.overview = new Spool(path.join(this.dir, 'overview.jsonl'));
    this.details = new Spool(path.join(this.dir, 'details.jsonl'));
  }

  private text(s: string): string {
    const t = storableText(s);
    if (t.replaced > 0) this.replaced++;
    if (t.truncated) this.truncated++;
    return t.text;
  }

  add(result: FileResult): void {
    const index = this.files++;
    const verdict = verdictOf(result);
    this.verdicts.set(verdict, (this.verdicts.get(verdict) ?? 0) + 1);
    let values: CellValue[];
    if (result.kind !== 'form') {
      const reason = result.kind === 'unreadable' ? result.error : result.reason;
      values = [
        index + 1,
        this.text(result.file),
        '',
        null,
        verdict,
        null,
        null,
        null,
        null,
        null,
        null,
        this.text(reason),
        null,
        '',
      ];
      if (this.previous) values.push(null);
    } else {
      const { report } = result;
      const department = this.text(result.department ?? '');
      const firstError = report.findings.find((f) => f.severity === 'error');
      const firstWarning = report.findings.find((f) => f.severity === 'warning' && !f.explained);
      const income = result.overview?.income ?? null;
      const expenditure = result.overview?.expenditure ?? null;
      const projects = result.overview?.projects ?? null;
      this.totals.errors += report.summary.errors;
      this.totals.warnings += report.summary.warnings;
      this.totals.explained += report.summary.explained;
      this.totals.income += income ?? 0;
      this.totals.expenditure += expenditure ?? 0;
      this.totals.projects += projects ?? 0;
      const file = this.text(result.file);
      let link: LinkValue | null = null;
      if (result.annotated !== undefined && this.annotateDir !== null) {
        const target = copyLink(this.summaryPath, result.annotated, this.annotateDir);
        if (target !== null)
          link = {
            text: this.text(path.basename(result.annotated)),
            hyperlink: target,
            tooltip: this.text(result.annotated),
          };
      }
      values = [
        index + 1,
        file,
        department,
        report.options.budgetYear,
        verdict,
        report.summary.errors,
        report.summary.warnings,
        report.summary.explained,
        income,
        expenditure,
        projects,
        this.text((firstError ?? firstWarning)?.message ?? ''),
        link,
        editionById(report.edition).name,
      ];
      if (this.previous) {
        if (typeof result.previous === 'string') {
          this.compared.paired++;
          values.push(report.findings.filter((f) => f.rule.startsWith('previous-')).length);
        } else {
          this.compared.unpaired++;
          values.push(this.text(`未对比：${result.previousNote ?? '没有找到上年申报表'}`));
        }
      }
      for (const f of report.findings) {
        const detail = [
          file,
          department,
          sectionName(f.section),
          severityWord(f),
          ruleMeta(f.rule)?.title ?? f.rule,
          f.cells[0] ? this.text(refText(f.cells[0])) : '',
          this.text(f.message),
          this.text(f.expected ?? ''),
          this.text(f.explanation ?? ''),
          f.rule,
        ];
        this.detailWidths.see(detail);
        this.details.push(detail);
        const r = this.rules.get(f.rule) ?? { files: 0, lastFile: -1, count: 0 };
        if (r.lastFile !== index) r.files++;
        r.lastFile = index;
        r.count++;
        this.rules.set(f.rule, r);
      }
    }
    this.overviewWidths.see(values);
    this.overview.push(values);
  }

  /**
   * Writes the workbook to `file` (a temporary file the caller renames). Returns what must be said about it:
   * texts that had to be changed to fit a workbook. The spooled rows are removed afterwards.
   */
  async write(file: string): Promise<string[]> {
    try {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
      wb.creator = '绩效申报助手';
      const header = pageHeader(new Date(), this.sources);
      await this.writeOverview(wb, header);
      await this.writeDetails(wb, header);
      this.writeRules(wb, header);
      await wb.commit();
    } finally {
      this.discard();
    }
    const notes: string[] = [];
    if (this.replaced > 0)
      notes.push(
        `审核汇总中有 ${this.replaced} 处文字含有工作簿不能保存的字符（控制字符、U+FFFE、U+FFFF 等），已换成 �`,
      );
    if (this.truncated > 0)
      notes.push(`审核汇总中有 ${this.truncated} 处文字超过单元格上限 32,767 字，已截断并在末尾注明`);
    return notes;
  }

  /** Removes the spooled rows (a run that stops without writing the summary). */
  discard(): void {
    this.overview.drop();
    this.details.drop();
    rmSync(this.dir, { recursive: true, force: true });
    untrackTemp(this.dir);
  }

  private async writeOverview(wb: ExcelJS.stream.xlsx.WorkbookWriter, header: PageHeader): Promise<void> {
    const count = (v: Verdict) => this.verdicts.get(v) ?? 0;
    const verdicts = (['通过', '仅有提示', '有错误，需退回', '无法读取', '不是申报表'] as Verdict[])
      .map((v) => `${v} ${count(v)}`)
      .join(' · ');
    const t = this.totals;
    const total: CellValue[] = [
      '合计',
      `${this.files} 个文件`,
      null,
      null,
      `需退回 ${count('有错误，需退回')}`,
      t.errors,
      t.warnings,
      t.explained,
      round2(t.income),
      round2(t.expenditure),
      t.projects,
      verdicts,
      null,
      null,
    ];
    if (this.previous) total.push(`已对比 ${this.compared.paired} 张，未对比 ${this.compared.unpaired} 张`);
    this.overviewWidths.see(total);
    const layout = this.overviewLayout;
    const columns = this.overviewHeader;
    const widths = this.overviewWidths.final(layout);
    const ws = sheet(wb, SUMMARY_SHEETS[0], columns, widths, this.files + 1, header);
    for await (const values of this.overview.rows<CellValue[]>()) {
      const row = ws.addRow(values);
      const verdict = values[4] as Verdict;
      style(row, columns.length, layout, widths);
      const [fill, font] =
        verdict === '通过'
          ? [PASS_FILL, PASS_FONT]
          : verdict === '仅有提示'
            ? [FLAG_FILL.warning, FLAG_FONT.warning]
            : verdict === '有错误，需退回'
              ? [FLAG_FILL.error, FLAG_FONT.error]
              : [GREY_FILL, '#000000'];
      const cell = row.getCell(5);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
      cell.font = { ...FONT, bold: true, color: { argb: argb(font) } };
      if (values[12]) row.getCell(13).font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
      for (const c of AMOUNT_COLUMNS) row.getCell(c).numFmt = AMOUNT_FORMAT;
      row.commit();
    }
    const row = ws.addRow(total);
    style(row, columns.length, layout, widths, true);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = { ...FONT, bold: true };
    });
    for (const c of AMOUNT_COLUMNS) row.getCell(c).numFmt = AMOUNT_FORMAT;
    row.commit();
    ws.commit();
  }

  private async writeDetails(wb: ExcelJS.stream.xlsx.WorkbookWriter, header: PageHeader): Promise<void> {
    const widths = this.detailWidths.final(DETAIL_LAYOUT);
    const ws = sheet(wb, SUMMARY_SHEETS[1], DETAIL_HEADER, widths, this.details.count + 1, header);
    // Each department's block starts a page (a manual break after the row above it), except the first.
    let block: string | null = null;
    let breaks = 0;
    for await (const values of this.details.rows<string[]>()) {
      const key = values[1] || values[0]!;
      const row = ws.addRow(values);
      if (block !== null && key !== block && breaks < MAX_ROW_BREAKS) {
        breaks++;
        // The streaming writer keeps its rowBreaks until the sheet is committed; a break "after row n" has id n.
        (ws as unknown as { rowBreaks: { id: number; max: number; man: number }[] }).rowBreaks.push({
          id: row.number - 1,
          max: 16383,
          man: 1,
        });
      }
      block = key;
      style(row, DETAIL_HEADER.length, DETAIL_LAYOUT, widths);
      const severity = values[3];
      const fill = severity === '强制性' ? FLAG_FILL.error : severity === '提示性' ? FLAG_FILL.warning : null;
      if (fill) row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
      row.commit();
    }
    ws.commit();
  }

  private writeRules(wb: ExcelJS.stream.xlsx.WorkbookWriter, header: PageHeader): void {
    const rows = [...this.rules.entries()]
      .sort((a, b) => b[1].count - a[1].count || b[1].files - a[1].files || a[0].localeCompare(b[0]))
      .map(([id, r]): CellValue[] => {
        const meta = ruleMeta(id);
        const severity =
          meta?.severity === 'error' ? '强制性' : meta?.severity === 'warning' ? '提示性' : '强制性/提示性';
        return [meta?.title ?? id, severity, r.files, r.count, id];
      });
    const w = new Widths(RULE_HEADER);
    rows.forEach((r) => w.see(r));
    const widths = w.final(RULE_LAYOUT);
    const ws = sheet(wb, SUMMARY_SHEETS[2], RULE_HEADER, widths, rows.length + 1, header);
    for (const values of rows) {
      const row = ws.addRow(values);
      style(row, RULE_HEADER.length, RULE_LAYOUT, widths);
      row.commit();
    }
    ws.commit();
  }
}

const FONT = { name: '宋体', size: 10 };
/** The one number format of amounts (收入合计, 支出合计), in the rows and the total row alike. */
export const AMOUNT_FORMAT = '#,##0.00';
const AMOUNT_COLUMNS = [9, 10];

/** The left and right parts of each page's header: the review date and the folders checked. */
interface PageHeader {
  left: string;
  right: string;
}

/** Text for a header section: "&" doubled (a lone "&" starts a code), at most `max` characters, cut in the middle. */
function headerText(s: string, max: number): string {
  const chars = Array.from(s).map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? ' ' : ch));
  const cut = chars.length > max ? [...chars.slice(0, 12), '…', ...chars.slice(chars.length - (max - 13))] : chars;
  return cut.join('').replace(/&/g, '&&');
}

/**
 * The page header: 审核日期 (the local date the summary is written) on the left, 来源 (the folders and files
 * as given on the command line, as the 文件 column names them) on the right. Excel refuses a header longer than 255 characters, so the sources are
 * shortened in the middle to keep the whole header (with the sheet's title in the centre) under that.
 */
export function pageHeader(date: Date, sources: string[]): PageHeader {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const given = sources.join('；');
  return { left: `审核日期：${day}`, right: given ? `来源：${headerText(given, 120)}` : '' };
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A sheet with its header row written: frozen, filtered down to `filterTo`, printed A4 landscape one page wide, the page header (date, sources) and footer (page numbers) on every page. */
function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  header: string[],
  widths: number[],
  filterTo: number,
  page: PageHeader,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '1:1',
    },
    headerFooter: {
      oddHeader: `&L&"宋体,常规"&9${page.left}&C&"宋体,加粗"&10审核汇总 — ${name}&R&"宋体,常规"&9${page.right}`,
      oddFooter: '&C&"宋体,常规"&9第 &P 页，共 &N 页',
    },
  });
  ws.columns = widths.map((width) => ({ width }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, filterTo), column: header.length } };
  const row = ws.addRow(header);
  row.height = 22;
  row.eachCell((c) => {
    c.font = { ...FONT, bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    c.border = THIN;
  });
  row.commit();
  return ws;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Display width of a text: a CJK character counts two, the longest line wins. */
export function textWidth(s: string): number {
  let best = 0;
  for (const line of s.split('\n')) {
    let w = 0;
    for (const ch of line) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
    if (w > best) best = w;
  }
  return best;
}

/**
 * A body row's look: the font, top alignment, wrapping in the long columns, thin borders (a double line above
 * the total row), and the height its wrapped text needs (not every spreadsheet program sizes rows on opening).
 */
function style(row: ExcelJS.Row, columns: number, layout: Layout, widths: number[], total = false): void {
  let lines = 1;
  for (const col of layout.wrap) {
    const t = shown(row.getCell(col).value as CellValue);
    const width = Math.max(4, (widths[col - 1] ?? 10) - 1);
    // Each line needs at least one row line; a very long text is counted by its length (the height is capped anyway).
    const need =
      t.length > 20000
        ? Math.ceil((t.length * 2) / width)
        : t.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / width)), 0);
    if (need > lines) lines = need;
  }
  // Excel's largest row height is 409 points.
  row.height = Math.min(409, Math.max(15, lines * 13.5 + 2));
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.font = { ...FONT };
    cell.alignment = { vertical: 'top', wrapText: layout.wrap.includes(c) };
    cell.border = total ? { ...THIN, top: { style: 'double' } } : THIN;
  }
}
