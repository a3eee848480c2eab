/**
 * How findings are put into words wherever they are shown (terminal, pane,
 * WPS messages): one count word, and the expected value shown once.
 */
import type { Finding } from './types';

/** The one word findings are counted in, everywhere: 错误 3 项. */
export const FINDING_COUNT_WORD = '项';

/** "错误 6 项，提示 30 项，已说明 0 项". */
export function findingCounts(errors: number, warnings: number, explained: number): string {
  const w = FINDING_COUNT_WORD;
  return `错误 ${errors} ${w}，提示 ${warnings} ${w}，已说明 ${explained} ${w}`;
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
