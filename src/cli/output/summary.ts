/**
 * The bureau's review workbook (审核汇总, docs/spec/review.md): 汇总 (one row
 * per file, a total row), 问题明细 (one row per finding) and 规则统计 (per rule,
 * most frequent first). Rows are collected while the run streams (small
 * records, not workbooks) and the workbook is written once at the end.
 */
import ExcelJS from 'exceljs';
import * as path from 'path';
import { FLAG_FILL, FLAG_FONT } from '../../report/flags';
import { editionById } from '../../form/editions';
import { ruleMeta } from '../../rules/index';
import { refText } from '../../sheet/cell-range';
import type { Finding } from '../../report/types';
import { sectionName } from './format-text';
import type { FileResult } from '../result';

export const SUMMARY_SHEETS = ['汇总', '问题明细', '规则统计'] as const;

export type Verdict = '通过' | '仅有提示' | '有错误，需退回' | '无法读取' | '不是申报表';

const PASS_FILL = '#C6EFCE';
const PASS_FONT = '#006100';
const GREY_FILL = '#E7E6E6';

interface FileRow {
  file: string;
  department: string;
  budgetYear: number | null;
  verdict: Verdict;
  errors: number | null;
  warnings: number | null;
  explained: number | null;
  income: number | null;
  expenditure: number | null;
  projects: number | null;
  mainProblem: string;
  annotated: string | null;
  /** The edition's Chinese name (forms only). */
  edition: string;
}

interface DetailRow {
  file: string;
  department: string;
  section: string;
  severity: string;
  rule: string;
  cell: string;
  message: string;
  expected: string;
  explanation: string;
}

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

export class ReviewSummary {
  private readonly files: FileRow[] = [];
  private readonly details: DetailRow[] = [];
  private readonly rules = new Map<string, { files: Set<number>; count: number }>();

  add(result: FileResult): void {
    const index = this.files.length;
    if (result.kind !== 'form') {
      this.files.push({
        file: result.file,
        department: '',
        budgetYear: null,
        verdict: verdictOf(result),
        errors: null,
        warnings: null,
        explained: null,
        income: null,
        expenditure: null,
        projects: null,
        mainProblem: result.kind === 'unreadable' ? result.error : result.reason,
        annotated: null,
        edition: '',
      });
      return;
    }
    const { report } = result;
    const department = result.department ?? '';
    const firstError = report.findings.find((f) => f.severity === 'error');
    const firstWarning = report.findings.find((f) => f.severity === 'warning' && !f.explained);
    this.files.push({
      file: result.file,
      department,
      budgetYear: report.options.budgetYear,
      verdict: verdictOf(result),
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      explained: report.summary.explained,
      income: result.overview?.income ?? null,
      expenditure: result.overview?.expenditure ?? null,
      projects: result.overview?.projects ?? null,
      mainProblem: (firstError ?? firstWarning)?.message ?? '',
      annotated: result.annotated ?? null,
      edition: editionById(report.edition).name,
    });
    for (const f of report.findings) {
      this.details.push({
        file: result.file,
        department,
        section: sectionName(f.section),
        severity: severityWord(f),
        rule: f.rule,
        cell: f.cells[0] ? refText(f.cells[0]) : '',
        message: f.message,
        expected: f.expected ?? '',
        explanation: f.explanation ?? '',
      });
      const r = this.rules.get(f.rule) ?? { files: new Set<number>(), count: 0 };
      r.files.add(index);
      r.count++;
      this.rules.set(f.rule, r);
    }
  }

  /** The workbook; links to annotated copies are made relative to `summaryPath`'s folder. */
  build(summaryPath: string): ExcelJS.Workbook {
    const wb = new ExcelJS.Workbook();
    wb.creator = '绩效申报助手';
    this.overviewSheet(wb, summaryPath);
    this.detailSheet(wb);
    this.ruleSheet(wb);
    return wb;
  }

  async write(summaryPath: string): Promise<void> {
    await this.build(summaryPath).xlsx.writeFile(summaryPath);
  }

  private overviewSheet(wb: ExcelJS.Workbook, summaryPath: string): void {
    const header = [
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
    const ws = sheet(wb, SUMMARY_SHEETS[0], header);
    this.files.forEach((f, i) => {
      const row = ws.addRow([
        i + 1,
        f.file,
        f.department,
        f.budgetYear,
        f.verdict,
        f.errors,
        f.warnings,
        f.explained,
        f.income,
        f.expenditure,
        f.projects,
        f.mainProblem,
        null,
        f.edition,
      ]);
      const verdict = row.getCell(5);
      const [fill, font] =
        f.verdict === '通过'
          ? [PASS_FILL, PASS_FONT]
          : f.verdict === '仅有提示'
            ? [FLAG_FILL.warning, FLAG_FONT.warning]
            : f.verdict === '有错误，需退回'
              ? [FLAG_FILL.error, FLAG_FONT.error]
              : [GREY_FILL, '#000000'];
      verdict.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
      verdict.font = { ...FONT, bold: true, color: { argb: argb(font) } };
      if (f.annotated) {
        const rel = path.relative(path.dirname(path.resolve(summaryPath)), path.resolve(f.annotated));
        const target = rel.split(path.sep).join('/');
        row.getCell(13).value = { text: path.basename(f.annotated), hyperlink: target, tooltip: f.annotated };
        row.getCell(13).font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
      }
      for (const c of [9, 10]) row.getCell(c).numFmt = '#,##0.00';
    });
    const count = (v: Verdict) => this.files.filter((f) => f.verdict === v).length;
    const sum = (pick: (f: FileRow) => number | null) => this.files.reduce((a, f) => a + (pick(f) ?? 0), 0);
    const verdicts = (['通过', '仅有提示', '有错误，需退回', '无法读取', '不是申报表'] as Verdict[])
      .map((v) => `${v} ${count(v)}`)
      .join(' · ');
    const total = ws.addRow([
      '合计',
      `${this.files.length} 个文件`,
      null,
      null,
      `需退回 ${count('有错误，需退回')}`,
      sum((f) => f.errors),
      sum((f) => f.warnings),
      sum((f) => f.explained),
      round2(sum((f) => f.income)),
      round2(sum((f) => f.expenditure)),
      sum((f) => f.projects),
      verdicts,
      null,
    ]);
    total.eachCell({ includeEmpty: true }, (c) => {
      c.font = { ...FONT, bold: true };
      c.border = { top: { style: 'double' } };
    });
    for (const c of [9, 10]) total.getCell(c).numFmt = '#,##0.00';
    finish(ws, header, { wrap: [2, 3, 5, 12, 14], max: { 12: 48, 2: 28, 14: 24 }, filterTo: this.files.length + 1 });
  }

  private detailSheet(wb: ExcelJS.Workbook): void {
    const header = ['文件', '部门', '栏目', '严重程度', '规则', '单元格', '问题', '应为', '说明'];
    const ws = sheet(wb, SUMMARY_SHEETS[1], header);
    for (const d of this.details) {
      const row = ws.addRow([
        d.file,
        d.department,
        d.section,
        d.severity,
        d.rule,
        d.cell,
        d.message,
        d.expected,
        d.explanation,
      ]);
      const fill = d.severity === '强制性' ? FLAG_FILL.error : d.severity === '提示性' ? FLAG_FILL.warning : null;
      if (fill) row.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(fill) } };
    }
    finish(ws, header, { wrap: [1, 2, 7, 8, 9], max: { 1: 28, 7: 56, 9: 36 } });
  }

  private ruleSheet(wb: ExcelJS.Workbook): void {
    const header = ['规则', '标题', '严重程度', '涉及文件数', '问题数'];
    const ws = sheet(wb, SUMMARY_SHEETS[2], header);
    const rows = [...this.rules.entries()].sort(
      (a, b) => b[1].count - a[1].count || b[1].files.size - a[1].files.size || a[0].localeCompare(b[0]),
    );
    for (const [id, r] of rows) {
      const meta = ruleMeta(id);
      const severity =
        meta?.severity === 'error' ? '强制性' : meta?.severity === 'warning' ? '提示性' : '强制性/提示性';
      ws.addRow([id, meta?.title ?? '', severity, r.files.size, r.count]);
    }
    finish(ws, header, { wrap: [2], max: { 2: 40 } });
  }
}

const FONT = { name: '宋体', size: 10 };

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[]): ExcelJS.Worksheet {
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
    headerFooter: { oddHeader: `&C&"宋体,加粗"审核汇总 — ${name}`, oddFooter: '&C第 &P 页，共 &N 页' },
  });
  const row = ws.addRow(header);
  row.height = 22;
  row.eachCell((c) => {
    c.font = { ...FONT, bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  return ws;
}

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

/** Column widths from the content (capped; long text wraps), borders, the auto filter. */
function finish(
  ws: ExcelJS.Worksheet,
  header: string[],
  o: { wrap: number[]; max: Record<number, number>; filterTo?: number },
): void {
  const widths = header.map((h) => textWidth(h) + 2);
  ws.eachRow((row) =>
    row.eachCell({ includeEmpty: false }, (c, col) => {
      const v = c.value;
      const t =
        v === null || v === undefined
          ? ''
          : typeof v === 'object' && 'text' in v
            ? String(v.text)
            : typeof v === 'number'
              ? v.toFixed(2)
              : String(v);
      widths[col - 1] = Math.max(widths[col - 1] ?? 0, textWidth(t) + 2);
    }),
  );
  const final = widths.map((w, i) => Math.min(w, o.max[i + 1] ?? 24));
  final.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Wrapped text gets the height it needs (not every spreadsheet program sizes rows by itself when opening).
  ws.eachRow((row, r) => {
    if (r === 1) return;
    let lines = 1;
    for (const col of o.wrap) {
      const v = row.getCell(col).value;
      const t = v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v);
      const width = Math.max(4, (final[col - 1] ?? 10) - 1);
      const need = t.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / width)), 0);
      if (need > lines) lines = need;
    }
    row.height = Math.max(15, lines * 13.5 + 2);
  });
  const last = ws.rowCount;
  ws.eachRow((row, r) => {
    if (r === 1) return;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      c.font = { ...FONT, ...(c.font ?? {}) };
      c.alignment = { vertical: 'top', wrapText: o.wrap.includes(col) };
    });
  });
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.border = {
        top: cell.border?.top ?? { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  }
  const filterTo = o.filterTo ?? last;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, filterTo), column: header.length } };
}
