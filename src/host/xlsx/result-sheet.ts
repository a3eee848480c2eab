/**
 * The 校验结果 sheet `jixiao check --annotate` adds: one row per finding,
 * each cell address a link to the flagged cell.
 */
import type ExcelJS from 'exceljs';
import { quotedSheet } from '../../sheet/ref';
import type { Finding, Report } from '../../rules/support/types';
import { refA1, refText, type CellRange } from '../../sheet/cell-range';
import { solidFill } from './style';
import { FLAG_FILL } from '../flags';

export const RESULT_SHEET = '校验结果';
/** Title in A1 that marks a result sheet as jixiao's own, so a later run may replace it. */
export const RESULT_TITLE = '校验结果（绩效申报助手生成）';
export const RESULT_HEADER = ['序号', '严重程度', '规则', '单元格', '说明', '期望值', '填报说明'];

const FONT = { name: '宋体', size: 11 };

function severityText(f: Finding): string {
  if (f.severity === 'error') return '错误';
  return f.explained ? '提示（已说明）' : '提示';
}

/** A name for the sheet: jixiao's earlier result sheet is replaced, a user's sheet of that name is left alone. */
export function resultSheetName(wb: ExcelJS.Workbook): string {
  const taken = (name: string) => wb.worksheets.some((w) => w.name.toLowerCase() === name.toLowerCase());
  for (let i = 1; ; i++) {
    const name = i === 1 ? RESULT_SHEET : `${RESULT_SHEET} (${i})`;
    const ws = wb.getWorksheet(name);
    if (ws && ws.getCell('A1').value === RESULT_TITLE) {
      wb.removeWorksheet(ws.id);
      return name;
    }
    if (!taken(name)) return name;
  }
}

export function writeResultSheet(wb: ExcelJS.Workbook, report: Report, source: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(resultSheetName(wb));
  const { errors, warnings, explained } = report.summary;
  ws.getCell('A1').value = RESULT_TITLE;
  ws.getCell('A1').font = { ...FONT, size: 14, bold: true };
  ws.mergeCells('A1:G1');
  const parts = [
    `文件：${source}`,
    `工作表：${report.sheet}`,
    `错误 ${errors} 项，提示 ${warnings} 项，已说明 ${explained} 项`,
    ...(report.options.budgetYear ? [`预算年度：${report.options.budgetYear}`] : []),
  ];
  // Separated by an ideographic space, as Chinese forms do.
  ws.getCell('A2').value = parts.join('\u3000');
  ws.mergeCells('A2:G2');
  ws.getCell('A2').font = FONT;

  const header = ws.getRow(4);
  header.values = RESULT_HEADER;
  header.eachCell((c) => {
    c.font = { ...FONT, bold: true };
    c.fill = solidFill('#D9D9D9');
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  report.findings.forEach((f, i) => {
    const row = ws.getRow(5 + i);
    row.values = [i + 1, severityText(f), f.rule, '', f.message, f.expected ?? '', f.explanation ?? ''];
    const first = f.cells[0];
    if (first) row.getCell(4).value = link(first, f.cells.length);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.font = { ...FONT };
      c.alignment = { vertical: 'top', wrapText: true };
    });
    if (!f.explained) row.getCell(2).fill = solidFill(FLAG_FILL[f.severity]);
  });
  if (!report.findings.length) ws.getCell('A5').value = '未发现问题。';
  for (const [i, w] of [6, 14, 24, 18, 60, 14, 30].entries()) ws.getColumn(i + 1).width = w;
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 0, topLeftCell: 'A5' }];
  ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: RESULT_HEADER.length } };
  return ws;
}

/** The cell as a link to itself ("表!E11"), "…等 3 处" when the finding names several. */
function link(cell: CellRange, count: number): ExcelJS.CellValue {
  const address = refText(cell);
  const text = count > 1 ? `${address} 等 ${count} 处` : address;
  return { text, hyperlink: `#${quotedSheet(cell.sheet)}!${refA1(cell)}` };
}
