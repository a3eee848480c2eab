/**
 * What a workbook can hold as the text of one cell: no character XML 1.0 forbids (C0 controls other than tab,
 * line feed and carriage return, U+FFFE, U+FFFF, unpaired surrogates), and at most Excel's 32,767 characters.
 * Text that is written into a workbook (the annotated copy, the review summary) goes through `storableText`, so
 * one filer's odd department name can never make the whole workbook unreadable.
 */

/** Excel's limit on one cell's text, in UTF-16 code units (what Excel counts). */
export const MAX_CELL_TEXT = 32767;

/** Put where a character was that a workbook cannot hold. */
export const REPLACEMENT = '\ufffd';

export interface StorableText {
  text: string;
  /** Characters replaced by U+FFFD. */
  replaced: number;
  /** The text was longer than the limit and was cut, with a marker saying so at its end. */
  truncated: boolean;
}

// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The marker that ends a cut text; it says how long the original was. */
export function truncationMarker(length: number, max: number = MAX_CELL_TEXT): string {
  return `…（以下已截断：原文 ${length} 字，超过单元格上限 ${max} 字）`;
}

export function storableText(s: string, max: number = MAX_CELL_TEXT): StorableText {
  let text = s;
  let replaced = 0;
  if (SUSPECT.test(s)) {
    const parts: string[] = [];
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (isHigh(c) && isLow(s.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      const bad =
        (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || isHigh(c) || isLow(c) || c === 0xfffe || c === 0xffff;
      if (!bad) continue;
      parts.push(s.slice(from, i), REPLACEMENT);
      from = i + 1;
      replaced++;
    }
    parts.push(s.slice(from));
    text = parts.join('');
  }
  if (text.length <= max) return { text, replaced, truncated: false };
  const marker = truncationMarker(text.length, max);
  let cut = Math.max(0, max - marker.length);
  // Never half a surrogate pair.
  if (cut > 0 && isHigh(text.charCodeAt(cut - 1))) cut--;
  return { text: text.slice(0, cut) + marker, replaced, truncated: true };
}
