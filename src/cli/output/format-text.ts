/** Human-readable Chinese report: per file a heading, findings by section, summary lines. */
import { editionById } from '../../form/editions';
import { SECTION_NAME, SECTION_ORDER } from '../../form/sections';
import type { SectionCode } from '../../form/types';
import type { Finding } from '../../report/types';
import { refA1, refText, type CellRange } from '../../sheet/cell-range';
import {
  blanksBySection,
  expectedToShow,
  findingCounts,
  groupRepeated,
  isOpenBlank,
  type ShownCounts,
  shownCounts,
} from '../../report/wording';
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

/** A cell as printed: without its sheet when on the heading's sheet, control characters escaped. */
function cellName(c: CellRange, sheet: string): string {
  return printableName(c.sheet === sheet ? refA1(c) : refText(c));
}

/** Addresses without the sheet when it is the heading's sheet; at most three, then a count. */
function cellList(cells: CellRange[], sheet: string): string {
  const shown = cells.slice(0, 3).map((c) => cellName(c, sheet));
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

/** One line for a group: the first finding's message, then where the same problem is found again. */
function groupLine(group: Finding[], sheet: string, style: TextStyle): string {
  const [first, ...rest] = group;
  if (!first || rest.length === 0) return first ? findingLine(first, sheet, style) : '';
  const where = (f: Finding) => (f.cells[0] ? cellName(f.cells[0], sheet) : '—');
  const others = rest.slice(0, 8).map(where).join('、') + (rest.length > 8 ? ' 等' : '');
  return `${findingLine(first, sheet, style)}\n          同样的问题另有 ${rest.length} 处：${others}（共 ${group.length} 处）`;
}

export function summaryLine(counts: ShownCounts): string {
  return findingCounts(counts);
}

/**
 * The blanks (cells left empty) of a form, one line per section: how many, and where (the first
 * cell of each, at most six). A fresh template or a rolled draft reads as what is left to fill.
 */
function blankLines(findings: Finding[], sheet: string, groups: SectionCode[], style: TextStyle): string[] {
  const bySection = blanksBySection(findings, groups);
  if (bySection.length === 0) return [];
  const lines = [`  ${paint(style, 'bold', '待填写')}（空着的单元格，按部分列出）`];
  for (const { section, cells } of bySection) {
    const shown = cells.slice(0, 6).map((c) => cellName(c, sheet));
    const more = cells.length > 6 ? ' 等' : '';
    lines.push(`    ${sectionName(section)} ${cells.length} 处：${shown.join('、')}${more}`);
  }
  return lines;
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
  for (const note of result.notes ?? []) lines.push(`  ${paint(style, 'yellow', '注意')}：${oneLine(note)}`);
  if (typeof result.previous === 'string') lines.push(`  与上年对比：${printableName(result.previous)}`);
  else if (result.previous === null)
    lines.push(`  ${paint(style, 'yellow', '未与上年对比')}：${oneLine(result.previousNote ?? '没有找到上年申报表')}`);
  const { findings } = result.report;
  if (findings.length === 0) lines.push('  未发现问题。');
  const groups = [...SECTION_ORDER];
  for (const f of findings) {
    // A section code added later still gets printed, after the known ones.
    if (!groups.includes(f.section)) groups.push(f.section);
  }
  // Blanks (unexplained) are listed apart, per section, after the problems.
  for (const section of groups) {
    const inSection = findings.filter((f) => f.section === section && !isOpenBlank(f));
    if (inSection.length === 0) continue;
    lines.push(`  ${paint(style, 'bold', sectionName(section))}`);
    for (const g of groupRepeated(inSection)) lines.push(groupLine(g, result.sheet, style));
  }
  lines.push(...blankLines(findings, result.sheet, groups, style));
  lines.push(`  ${summaryLine(shownCounts(findings))}`);
  if (result.annotated) lines.push(`  已写出标注副本：${printableName(result.annotated)}`);
  if (result.annotateError) lines.push(`  ${paint(style, 'red', '标注副本未写出')}：${oneLine(result.annotateError)}`);
  return `${lines.join('\n')}\n\n`;
}

/** The closing line of a run; with --previous, a line on the pairing naming the forms left unpaired. */
export function formatRunText(run: RunSummary, unpaired: string[] = []): string {
  // Blanks block a form like errors do (an empty required cell is an error): said so when there are any.
  const blocked = run.shown.blanks > 0 ? '有错误或待填写的' : '有错误的';
  const parts = [`${blocked} ${run.withErrors} 个`, `无法读取的 ${run.unreadable} 个`];
  if (run.notForms > 0) parts.push(`不是申报表的 ${run.notForms} 个`);
  let text = `共检查 ${run.files} 个文件：${parts.join('，')}。合计${summaryLine(run.shown)}。\n`;
  if (run.previous) {
    text += `与上年对比：${run.previous.paired} 张申报表已与上年申报表对比，${run.previous.unpaired} 张没有可对比的上年申报表`;
    if (unpaired.length > 0) {
      const shown = unpaired.slice(0, UNPAIRED_LISTED).map((f) => printableName(f));
      text += `：${shown.join('、')}${unpaired.length > shown.length ? ` 等 ${unpaired.length} 张` : ''}`;
    }
    text += '。\n';
  }
  return text;
}

/** Unpaired forms named in the closing line; the rest are counted (each file's own block says it too). */
const UNPAIRED_LISTED = 20;
