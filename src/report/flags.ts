/**
 * What every host shows at a flagged cell, decided once: colours, the note
 * text, and how several findings on one cell combine. Adapters only apply it.
 */
import { type MergeArea } from '../sheet/grid';
import type { Finding, Severity } from './types';
import { bottomOf, rightOf, type CellRange } from '../sheet/cell-range';

/** Fill colours (Excel's own "bad" and "neutral" styles, familiar to users). */
export const FLAG_FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
};

/** Font colour paired with the fill, for hosts that flag with a conditional format. */
export const FLAG_FONT: Record<Severity, string> = {
  error: '#9C0006',
  warning: '#9C5700',
};

/**
 * The border line of a flagged cell, for hosts that can draw one without touching the user's own
 * borders (Excel's conditional formats): solid for an error, dashed for a 提示, so the two differ on a
 * black-and-white page, where the fills print as the same grey.
 */
export const FLAG_BORDER: Record<Severity, 'Continuous' | 'Dash'> = {
  error: 'Continuous',
  warning: 'Dash',
};

/** Marks text written by jixiao, so it is never mistaken for the user's. */
export const NOTE_MARK = '【绩效申报助手】';

export interface CellFlag {
  /** The cell or range as the (first) finding on this cell gave it. */
  cell: CellRange;
  sheet: string;
  row: number;
  col: number;
  /** The worst severity among the findings on this cell. */
  severity: Severity;
  /**
   * The findings on this cell by their place in the findings list, 1-based: the 序号 of the
   * 校验结果 sheet (every cell of a range finding carries its number, noted or only coloured).
   */
  numbers: number[];
  /** One line per finding ("错误：…" / "提示：…"); empty for a cell that is only coloured. */
  lines: string[];
  /** The note text jixiao shows at the cell ('' for a cell that is only coloured). */
  text: string;
}

export interface FlagOptions {
  /**
   * One note per finding, on its first visible cell; the finding's other cells are only coloured.
   * (Without it every cell of a range gets the message.)
   */
  notesOnFirstCell?: boolean;
  /** The sheet's merged areas: a cell hidden inside one is flagged on the area's shown (top-left) cell. */
  merges?: MergeArea[];
  /** Lines start with the finding's 序号 ("〔3〕错误：…"), as on the annotated copy, where the result sheet lists them by it. */
  numbered?: boolean;
}

/** The 序号 of a finding as a flag's note writes it: the 序号 column of the 校验结果 sheet, in brackets. */
export function findingNumber(n: number): string {
  return `〔${n}〕`;
}

/**
 * The 序号 of a cell's findings as the mark printed on the cell shows them: runs of three or more
 * shortened ("3-5,9"); past `max` characters the rest become "…".
 */
export function numberTag(numbers: number[], max = 12): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  let out = '';
  for (const p of parts) {
    const next = out ? `${out},${p}` : p;
    if (out && next.length > max) return `${out}…`;
    out = next;
  }
  return out;
}

const SEVERITY_WORD: Record<Severity, string> = { error: '错误', warning: '提示' };

/**
 * Groups findings by cell. Explained warnings are not flagged (the reviewer
 * reads them in 校验说明). Cells of other sheets than `sheet` are skipped.
 */
export function flagsForSheet(sheet: string, findings: Finding[], options: FlagOptions = {}): CellFlag[] {
  const byCell = new Map<string, CellFlag>();
  const merges = options.merges ?? [];
  const shown = (r: number, c: number) => {
    const m = merges.find((a) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right);
    return m ? { r: m.top, c: m.left } : { r, c };
  };
  findings.forEach((f, index) => {
    if (f.explained) return;
    const number = index + 1;
    const line = `${options.numbered ? findingNumber(number) : ''}${SEVERITY_WORD[f.severity]}：${f.message}`;
    let noted = false;
    for (const cell of f.cells) {
      const p = cell;
      if (p.sheet !== sheet) continue;
      const bottom = bottomOf(p);
      const right = rightOf(p);
      // A range (a whole column of a table) is flagged on each of its cells, bounded to stay cheap.
      for (let r0 = p.row; r0 <= bottom && r0 - p.row < 5000; r0++) {
        for (let c0 = p.col; c0 <= right && c0 - p.col < 50; c0++) {
          const { r, c } = options.notesOnFirstCell ? shown(r0, c0) : { r: r0, c: c0 };
          const key = `${r},${c}`;
          let flag = byCell.get(key);
          if (!flag) {
            flag = { cell, sheet, row: r, col: c, severity: f.severity, numbers: [], lines: [], text: '' };
            byCell.set(key, flag);
          }
          if (f.severity === 'error') flag.severity = 'error';
          if (!flag.numbers.includes(number)) flag.numbers.push(number);
          if (options.notesOnFirstCell && noted) continue;
          noted = true;
          if (!flag.lines.includes(line)) flag.lines.push(line);
        }
      }
    }
  });
  const flags = [...byCell.values()];
  for (const f of flags) f.text = f.lines.length ? `${NOTE_MARK}\n${f.lines.join('\n')}` : '';
  flags.sort((a, b) => a.row - b.row || a.col - b.col);
  return flags;
}

/** The note to show on a cell that already has the user's own note: theirs first, untouched, then ours. */
export function combinedNote(userNote: string | null, flagText: string): string {
  return userNote ? `${userNote}\n\n${flagText}` : flagText;
}
