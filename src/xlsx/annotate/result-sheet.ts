/**
 * The 校验结果 sheet of an annotated copy, written as a new worksheet part:
 * one row per finding with the rule's Chinese title beside its id and the
 * cell as a link to it; printable as it is (A4 landscape, fit to the page
 * width, wrapped text, the header row repeated on every page, page numbers).
 */
import { COLUMN } from '../../report/columns';
import type { Finding, Report } from '../../report/types';
import { findingCounts, shownCounts } from '../../report/wording';
import { a1, quotedSheet } from '../../sheet/ref';
import { refA1, refText } from '../../sheet/cell-range';
import { xmlText, escapeXml } from '../package/xml';
import { storableText } from '../../sheet/storable';
import type { ResultStyles } from './styles';

/** Title in A1 that marks a result sheet as jixiao's own, so a later run may replace it. */
export const RESULT_TITLE = '校验结果（绩效申报助手生成）';
/** The columns, named as in every other table (report/columns.ts): the rule's title leads, its id comes last. */
export const RESULT_COLUMNS: { title: string; width: number }[] = [
  { title: COLUMN.index, width: 6 },
  { title: COLUMN.severity, width: 9 },
  { title: COLUMN.ruleTitle, width: 20 },
  { title: COLUMN.cell, width: 16 },
  { title: COLUMN.problem, width: 66 },
  { title: COLUMN.expected, width: 14 },
  { title: COLUMN.explanation, width: 26 },
  { title: COLUMN.ruleId, width: 22 },
];
/** The column holding the link to the finding's cell. */
const CELL_COLUMN = RESULT_COLUMNS.findIndex((c) => c.title === COLUMN.cell);
/** The header row (1-based), repeated on every printed page. */
export const RESULT_HEADER_ROW = 4;

/** Row 3 says how the flagged cells of the form are marked, for a reader of the printed pages. */
export const RESULT_LEGEND =
  '申报表上每个有问题的单元格左上角印有它在本表中的序号：黑底白字为错误，白底虚线框为提示（黑白打印时两种底色看不出区别，以序号框为准）。';

/** Points per line of 11-point text. */
const LINE_HEIGHT = 14.5;

/** Lines a text takes in a wrapped column `width` characters wide (a CJK character is two). */
export function linesOf(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  let lines = 0;
  for (const part of text.split('\n')) {
    let w = 0;
    for (const ch of part)
      w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
    lines += Math.max(1, Math.ceil(w / room));
  }
  return lines;
}

function severityText(f: Finding): string {
  if (f.severity === 'error') return '错误';
  return f.explained ? '提示（已说明）' : '提示';
}

function cell(row: number, col: number, value: string | number, style: number): string {
  const ref = a1(row, col);
  if (typeof value === 'number') return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  if (value === '') return `<c r="${ref}" s="${style}"/>`;
  // A character XML cannot hold becomes U+FFFD; text over Excel's 32,767 characters is cut with a marker.
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${xmlText(storableText(value).text)}</t></is></c>`;
}

export interface ResultSheetXml {
  xml: string;
  /** Print titles for the defined name _xlnm.Print_Titles, and the filter range. */
  printTitles: string;
  filterRange: string;
}

/** `ruleTitle` gives a rule's Chinese title for its id (the format library does not know the rules). */
export function resultSheetXml(
  report: Report,
  source: string,
  st: ResultStyles,
  sheetName: string,
  ruleTitle: (id: string) => string,
): ResultSheetXml {
  const ncol = RESULT_COLUMNS.length;
  const last = a1(0, ncol - 1).replace(/\d+$/, '');
  const parts = [
    `文件：${source}`,
    `工作表：${report.sheet}`,
    findingCounts(shownCounts(report.findings)),
    ...(report.options.budgetYear ? [`预算年度：${report.options.budgetYear}`] : []),
  ];
  const rows: string[] = [];
  rows.push(`<row r="1" ht="24" customHeight="1">${cell(0, 0, RESULT_TITLE, st.title)}</row>`);
  // Separated by an ideographic space, as Chinese forms do.
  const summary = parts.join('\u3000');
  const total = RESULT_COLUMNS.reduce((n, c) => n + c.width, 0);
  rows.push(
    `<row r="2" ht="${(linesOf(summary, total) * LINE_HEIGHT + 4).toFixed(1)}" customHeight="1">${cell(1, 0, summary, st.text)}</row>`,
  );
  if (report.findings.some((f) => !f.explained))
    rows.push(
      `<row r="3" ht="${(linesOf(RESULT_LEGEND, total) * LINE_HEIGHT + 4).toFixed(1)}" customHeight="1">${cell(2, 0, RESULT_LEGEND, st.text)}</row>`,
    );
  rows.push(
    `<row r="${RESULT_HEADER_ROW}">${RESULT_COLUMNS.map((c, i) => cell(RESULT_HEADER_ROW - 1, i, c.title, st.header)).join('')}</row>`,
  );
  const links: string[] = [];
  report.findings.forEach((f, i) => {
    const r = RESULT_HEADER_ROW + i; // 0-based row of this finding
    const first = f.cells[0];
    const firstText = first ? refText(first) : '';
    const where = first ? (f.cells.length > 1 ? `${firstText} 等 ${f.cells.length} 处` : firstText) : '';
    const values: (string | number)[] = [
      i + 1,
      severityText(f),
      ruleTitle(f.rule),
      where,
      f.message,
      f.expected ?? '',
      f.explanation ?? '',
      f.rule,
    ];
    const cells = values.map((v, c) => {
      let s = st.text;
      if (c === 1 && !f.explained) s = st.severity[f.severity];
      if (c === CELL_COLUMN && first) s = st.link;
      return cell(r, c, v, s);
    });
    // Row heights are set, not left to the reader: neither Excel nor LibreOffice fits a row to wrapped text on opening.
    const lines = Math.max(...values.map((v, c) => linesOf(String(v), RESULT_COLUMNS[c]!.width)));
    rows.push(
      `<row r="${r + 1}" ht="${(lines * LINE_HEIGHT + 3).toFixed(1)}" customHeight="1">${cells.join('')}</row>`,
    );
    if (first) {
      const location = `${quotedSheet(first.sheet)}!${refA1(first)}`;
      links.push(
        `<hyperlink ref="${a1(r, CELL_COLUMN)}" location="${escapeXml(location)}" display="${escapeXml(where)}"/>`,
      );
    }
  });
  if (!report.findings.length)
    rows.push(`<row r="${RESULT_HEADER_ROW + 1}">${cell(RESULT_HEADER_ROW, 0, '未发现问题。', st.text)}</row>`);
  const lastRow = RESULT_HEADER_ROW + Math.max(1, report.findings.length);
  const cols = RESULT_COLUMNS.map(
    (c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`,
  ).join('');
  const quoted = quotedSheet(sheetName);
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${last}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${RESULT_HEADER_ROW}" topLeftCell="A${RESULT_HEADER_ROW + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${RESULT_HEADER_ROW + 1}" sqref="A${RESULT_HEADER_ROW + 1}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A${RESULT_HEADER_ROW}:${last}${lastRow}"/>` +
    `<mergeCells count="3"><mergeCell ref="A1:${last}1"/><mergeCell ref="A2:${last}2"/><mergeCell ref="A3:${last}3"/></mergeCells>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    '<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>' +
    '</worksheet>';
  return {
    xml,
    printTitles: `${quoted}!$${RESULT_HEADER_ROW}:$${RESULT_HEADER_ROW}`,
    filterRange: `${quoted}!$A$${RESULT_HEADER_ROW}:$${last}$${lastRow}`,
  };
}
