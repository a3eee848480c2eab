/** Human-readable Chinese report: per file a heading, findings by section, summary lines. */
import { editionById } from '../../form/editions';
import { SECTION_NAME, SECTION_ORDER } from '../../form/sections';
import type { SectionCode } from '../../form/types';
import type { Finding } from '../../report/types';
import { refA1, refText, type CellRange } from '../../sheet/cell-range';
import { expectedToShow, findingCounts } from '../../report/wording';
import { oneLine, printableName } from './printable';
import type { FileResult, RunSummary } from '../result';

export function sectionName(code: SectionCode): string {
  return SECTION_NAME[code] ?? code;
}

export interface TextStyle {
  color: boolean;
}

const ANSI = { red: '31', yellow: '33', green: '32', bold: '1', dim: '2' } as const;

function paint(style: TextStyle, code: keyof typeof ANSI, s: string): string {
  return style.color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s;
}

function severityWord(f: Finding, style: TextStyle): string {
  if (f.explained) return paint(style, 'green', '已说明');
  // Padded so that two-character words line up with 已说明 (CJK characters are two columns wide).
  return f.severity === 'error' ? paint(style, 'red', '错误  ') : paint(style, 'yellow', '提示  ');
}

/** Addresses without the sheet when it is the heading's sheet; at most three, then a count. */
function cellList(cells: CellRange[], sheet: string): string {
  const shown = cells.slice(0, 3).map((c) => printableName(c.sheet === sheet ? refA1(c) : refText(c)));
  const more = cells.length > 3 ? ` 等 ${cells.length} 处` : '';
  return (shown.join('、') || '—') + more;
}

function findingLine(f: Finding, sheet: string, style: TextStyle): string {
  let line = `    ${severityWord(f, style)}  ${cellList(f.cells, sheet)}  ${oneLine(f.message)}`;
  const expected = expectedToShow(f);
  if (expected !== null) line += `（应为：${oneLine(expected)}）`;
  if (f.explained && f.explanation) line += `\n          说明：${oneLine(f.explanation)}`;
  return line;
}

export function summaryLine(errors: number, warnings: number, explained: number): string {
  return findingCounts(errors, warnings, explained);
}

/** Why a workbook is not a form; the reader's reasons mostly say so themselves, and are not prefixed again. */
function notFormLine(reason: string): string {
  const r = oneLine(reason);
  return r.includes('申报表') ? r : `不是部门整体绩效目标申报表：${r}`;
}

/** The block printed for one file, ending with a blank line. */
export function formatFileText(result: FileResult, style: TextStyle): string {
  const file = printableName(result.file);
  if (result.kind === 'unreadable') {
    return `${paint(style, 'bold', file)}\n  ${paint(style, 'red', '无法读取')}：${oneLine(result.error)}\n\n`;
  }
  const department = result.kind === 'form' && result.department ? `，部门：${printableName(result.department)}` : '';
  // The current edition goes without saying; any other is named, so the reader knows which lines were checked.
  const edition = result.kind === 'form' ? editionById(result.report.edition) : null;
  const editionNote = edition && !edition.current ? `，版本：${edition.name}` : '';
  const heading = `${paint(style, 'bold', file)}（工作表：${printableName(result.sheet)}${department}${editionNote}）`;
  if (result.kind === 'not-form') {
    return `${heading}\n  ${notFormLine(result.reason)}\n\n`;
  }
  const lines = [heading];
  const { findings, summary } = result.report;
  if (findings.length === 0) lines.push('  未发现问题。');
  const groups = [...SECTION_ORDER];
  for (const f of findings) {
    // A section code added later still gets printed, after the known ones.
    if (!groups.includes(f.section)) groups.push(f.section);
  }
  for (const section of groups) {
    const inSection = findings.filter((f) => f.section === section);
    if (inSection.length === 0) continue;
    lines.push(`  ${paint(style, 'bold', sectionName(section))}`);
    for (const f of inSection) lines.push(findingLine(f, result.sheet, style));
  }
  lines.push(`  ${summaryLine(summary.errors, summary.warnings, summary.explained)}`);
  if (result.annotated) lines.push(`  已写出标注副本：${printableName(result.annotated)}`);
  if (result.annotateError) lines.push(`  ${paint(style, 'red', '标注副本未写出')}：${oneLine(result.annotateError)}`);
  return `${lines.join('\n')}\n\n`;
}

/** The closing line of a run. */
export function formatRunText(run: RunSummary): string {
  const parts = [`有错误的 ${run.withErrors} 个`, `无法读取的 ${run.unreadable} 个`];
  if (run.notForms > 0) parts.push(`不是申报表的 ${run.notForms} 个`);
  return `共检查 ${run.files} 个文件：${parts.join('，')}。合计${summaryLine(run.errors, run.warnings, run.explained)}。\n`;
}
