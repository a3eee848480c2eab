/**
 * How findings are put into words wherever they are shown (terminal, pane,
 * WPS messages): one count word, and the expected value shown once.
 */
import type { SectionCode } from '../form/types';
import type { CellRange } from '../sheet/cell-range';
import type { Finding } from './types';

/** The one word findings are counted in, everywhere: 错误 3 项. */
export const FINDING_COUNT_WORD = '项';
/** Blanks (cells left empty) are counted in places: 待填写 236 处. */
export const BLANK_COUNT_WORD = '处';

/** Findings as they are counted for people: blanks (待填写) apart from errors and 提示. */
export interface ShownCounts {
  /** Errors that are not blanks. */
  errors: number;
  /** Cells left empty (errors or 提示 marked `blank`, not explained). */
  blanks: number;
  /** 提示 that are neither blanks nor explained. */
  warnings: number;
  explained: number;
}

/** A blank that is not explained: counted and listed under 待填写, not among the problems. */
export function isOpenBlank(f: Finding): boolean {
  return f.blank === true && !f.explained;
}

/** The 待填写 list: per section in `order` (sections without blanks left out), the first cell of each blank. */
export function blanksBySection(
  findings: readonly Finding[],
  order: readonly SectionCode[],
): { section: SectionCode; cells: CellRange[] }[] {
  const out: { section: SectionCode; cells: CellRange[] }[] = [];
  for (const section of order) {
    const cells = findings.filter((f) => f.section === section && isOpenBlank(f)).flatMap((f) => f.cells.slice(0, 1));
    if (cells.length) out.push({ section, cells });
  }
  return out;
}

export function shownCounts(findings: readonly Finding[]): ShownCounts {
  const c: ShownCounts = { errors: 0, blanks: 0, warnings: 0, explained: 0 };
  for (const f of findings) {
    if (f.explained) c.explained++;
    else if (f.blank) c.blanks++;
    else if (f.severity === 'error') c.errors++;
    else c.warnings++;
  }
  return c;
}

/** Sums of counts (a batch's total). */
export function addCounts(a: ShownCounts, b: ShownCounts): ShownCounts {
  return {
    errors: a.errors + b.errors,
    blanks: a.blanks + b.blanks,
    warnings: a.warnings + b.warnings,
    explained: a.explained + b.explained,
  };
}

/** "错误 6 项，提示 30 项，已说明 0 项", with "待填写 236 处" after the errors when there are blanks. */
export function findingCounts(c: ShownCounts): string {
  const w = FINDING_COUNT_WORD;
  const blanks = c.blanks > 0 ? `，待填写 ${c.blanks} ${BLANK_COUNT_WORD}` : '';
  return `错误 ${c.errors} ${w}${blanks}，提示 ${c.warnings} ${w}，已说明 ${c.explained} ${w}`;
}

/**
 * What stands between the form and the bureau, as the verdict line says it: "还有 3 项错误和 236 处
 * 待填写，改正、填完后才能提交". Only errors block (a blank error blocks; a blank 提示 does not).
 */
export function verdictText(sheet: string, c: ShownCounts, blocking: number): string {
  if (blocking === 0) {
    const left = [c.blanks ? `${c.blanks} 处待填写` : '', c.warnings ? `${c.warnings} 项提示` : '']
      .filter(Boolean)
      .join('、');
    return `“${sheet}”可以提交${left ? `（还有 ${left}，建议修正或填写说明）` : ''}`;
  }
  if (c.errors === 0) return `“${sheet}”还有 ${c.blanks} 处待填写，填完后才能提交`;
  if (c.blanks === 0) return `“${sheet}”还有 ${c.errors} 项错误，修正后才能提交`;
  return `“${sheet}”还有 ${c.errors} 项错误和 ${c.blanks} 处待填写，改正、填完后才能提交`;
}

/** Characters that, next to a number, make it part of a longer one ("0%" inside "100%", "84.1" inside "84.12"). */
const NUMBER_CHAR = /[0-9.０-９．%％]/;

/** True when `text` contains `value` as a whole (not the tail or head of a longer number). */
function mentions(text: string, value: string): boolean {
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
    const before = text[i - 1];
    const after = text[i + value.length];
    const startsNumeric = NUMBER_CHAR.test(value[0]!) || value[0] === '-';
    const endsNumeric = NUMBER_CHAR.test(value[value.length - 1]!);
    if (startsNumeric && before !== undefined && NUMBER_CHAR.test(before)) continue;
    if (endsNumeric && after !== undefined && NUMBER_CHAR.test(after)) continue;
    return true;
  }
  return false;
}

/**
 * The expected value to show beside a finding's message ("应为：…"), or null
 * when there is none or the message already says it: every display asks
 * here, so no message repeats its own expected value.
 */
export function expectedToShow(f: Pick<Finding, 'message' | 'expected'>): string | null {
  const e = f.expected?.trim();
  if (!e) return null;
  return mentions(f.message, e) ? null : e;
}

/** From this many findings of one rule and one message in one section, the text output and the pane show them as one item. */
export const GROUP_FROM = 3;

/**
 * A section's findings in order, repeated ones together (the text output's lines, the pane's items): findings of one rule, one message
 * template and one severity — the six “预算支出标准” rows of a table — become one group, placed where
 * the first of them was; explained ones and ones with their own expected value stay on their own
 * lines. The JSON keeps one entry per finding.
 */
export function groupRepeated(findings: Finding[]): Finding[][] {
  // A finding with its own expected value or fix (each 占比 its own amount) is never folded into another's line.
  const key = (f: Finding) =>
    f.explained || f.messageId === undefined || f.expected || f.fix
      ? null
      : `${f.rule}\u0000${f.messageId}\u0000${f.severity}`;
  const count = new Map<string, number>();
  for (const f of findings) {
    const k = key(f);
    if (k !== null) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const groups: Finding[][] = [];
  const open = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = key(f);
    if (k === null || (count.get(k) ?? 0) < GROUP_FROM) {
      groups.push([f]);
      continue;
    }
    const g = open.get(k);
    if (g) g.push(f);
    else {
      const fresh = [f];
      open.set(k, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}
