/** Report → what the pane lists: findings grouped by section in form order, and the summary line. */
import { SECTION_NAME, SECTION_ORDER } from '../form/sections';
import type { SectionCode } from '../form/types';
import { refA1, refText, type CellRange } from '../sheet/cell-range';
import type { Finding, Report } from '../report/types';
import type { ComparedWith } from './session';
import { blanksBySection, expectedToShow, groupRepeated, isOpenBlank } from '../report/wording';

/** The pane spells out what the 表头 holds, since its cells sit far apart on the sheet. */
export const SECTION_TITLE: Record<SectionCode, string> = {
  ...SECTION_NAME,
  header: '表头：部门名称、填报人、联系电话、填报日期',
};

export interface FindingGroup {
  section: SectionCode;
  title: string;
  findings: Finding[];
  /**
   * The findings as the pane lists them: one item per finding, except three or more of one rule and
   * one message (the six 预算支出标准 rows of a table), which are one item — the first in full, the
   * rest as cells to go to (groupRepeated, as in the text output). The JSON keeps one entry each.
   */
  items: Finding[][];
  errors: number;
  warnings: number;
}

/** The blanks of one section: how many, and the first cell of each (to go to). */
export interface BlankGroup {
  section: SectionCode;
  title: string;
  cells: CellRange[];
}

/** Cells left empty, per section in form order (the pane's 待填写 list). */
export function blankGroups(report: Report): BlankGroup[] {
  return blanksBySection(report.findings, SECTION_ORDER).map((g) => ({ ...g, title: SECTION_NAME[g.section] }));
}

/**
 * The problems (blanks apart), by section. Errors first within a section, then unexplained
 * warnings, then explained ones; otherwise the report's order.
 */
export function groupFindings(report: Report): FindingGroup[] {
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : f.explained ? 2 : 1);
  const groups: FindingGroup[] = [];
  for (const section of SECTION_ORDER) {
    const findings = report.findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.section === section && !isOpenBlank(f))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
    if (!findings.length) continue;
    groups.push({
      section,
      title: SECTION_TITLE[section],
      findings,
      items: groupRepeated(findings),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning' && !f.explained).length,
    });
  }
  return groups;
}

/** The cell to show for a finding ("E11", or "'附件2'!E11" when on another sheet than the one checked). */
export function cellLabel(cell: CellRange, sheet: string | null): string {
  return cell.sheet === sheet ? refA1(cell) : refText(cell);
}

export function canSubmit(report: Report): boolean {
  return report.summary.errors === 0;
}

/** A piece of a finding's message: plain text, or an arithmetic expression that must not break across lines. */
export interface MessagePart {
  text: string;
  expression: boolean;
}

/** Numbers joined by ÷ × + − - = ("314.72 ÷ 374.13 × 100"). */
const EXPRESSION = /\d[\d,]*(?:\.\d+)?%?(?:\s*[÷×+\-−=]\s*\d[\d,]*(?:\.\d+)?%?)+/g;

/** Splits a message so each arithmetic expression can be kept on one line. */
export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let at = 0;
  // An exec loop rather than matchAll, which the WPS floor (Chromium 58) lacks.
  const expression = new RegExp(EXPRESSION.source, 'g');
  for (let m = expression.exec(message); m !== null; m = expression.exec(message)) {
    const start = m.index;
    if (start > at) parts.push({ text: message.slice(at, start), expression: false });
    parts.push({ text: m[0], expression: true });
    at = start + m[0].length;
  }
  if (at < message.length) parts.push({ text: message.slice(at), expression: false });
  return parts;
}

/** The grey "应为：…" line only when the message does not already say it. */
export function expectedLine(finding: Finding): string | null {
  const expected = expectedToShow(finding);
  return expected === null ? null : `应为：${expected}`;
}

/** One sentence ending in Chinese punctuation. */
function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[。！？!?]$/.test(t) ? t : `${t}。`;
}

/** The empty state's text when the sheet is not a declaration form: the reason once, in proper Chinese. */
export function notFormText(reason: string | null): { title: string; body: string } {
  const why = sentence(reason ?? '');
  return {
    title: '这张工作表不是申报表',
    body: `${why}请切换到申报表所在的工作表，或生成一张新的申报表。`,
  };
}

/** What a check compared with, in words: “已与《2026年度》对比（工作表“附件2”）” or （文件“….xlsx”）; null when it compared with nothing. */
export function comparedText(compared: ComparedWith | null | undefined): string | null {
  if (!compared) return null;
  const year = compared.year !== null ? `${compared.year}年度` : '上年申报表';
  return `已与《${year}》对比（${compared.kind === 'file' ? '文件' : '工作表'}“${compared.name}”）`;
}
