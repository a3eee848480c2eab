/**
 * Value parsing for the rules. The reader records raw Fields only; every rule
 * reads amounts, shares, dates, phones and indicator values through these pure
 * functions, so a text amount or a full-width digit is understood the same way
 * everywhere. All arithmetic is decimal.js: money never touches binary floats.
 */
import Decimal from 'decimal.js';
import { isCellError, type CellValue } from '../sheet/grid';
import { formatDecimals, isDateFormat, isPercentFormat, serialToDate } from '../sheet/number-format';
import { NOT_APPLICABLE } from './catalogue';
import { NOT_PUNCTUATION } from './punctuation';
import type { Field } from './types';

/** Anything a value parser accepts: a Field, or nothing (the part is missing). */
type MaybeField = Pick<Field, 'value' | 'text' | 'numFmt' | 'formula'> | null | undefined;
/** What an indicator value is parsed from. */
type ParseInput = Pick<Field, 'value' | 'text' | 'numFmt'>;

// ---------------------------------------------------------------------------
// Text helpers

const NOT_NORMAL = /[^ -~\t\n\r\u4e00-\u9fff]/;

/** Full-width digits and punctuation → ASCII (NFKC), so `３７４．１３` reads as 374.13. */
export function toHalfWidth(s: string): string {
  // Plain ASCII and CJK ideographs are already normal: skip the (costly) normalisation for them.
  return NOT_NORMAL.test(s) ? s.normalize('NFKC') : s;
}

const SPACE = /[\s\u3000\u00a0\u200b\ufeff]/;
const SPACES = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** Removes every kind of whitespace, including the ideographic space and line breaks. */
export function stripSpaces(s: string): string {
  // The rules call this on every cell they look at, and most cells hold no whitespace:
  // testing first spares building a copy of those.
  return SPACE.test(s) ? s.replace(SPACES, '') : s;
}

/** A key for comparing names written by hand: half-width, no whitespace. */
export function nameKey(s: string): string {
  return stripSpaces(toHalfWidth(s));
}

/** The text a Field holds: the string value, or the displayed text of a number. */
export function fieldText(field: MaybeField): string {
  if (!field) return '';
  const v = field.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (isCellError(v)) return v.error;
  const t = field.text ?? '';
  return t !== '' ? t : String(v);
}

/** True when a Field is missing, empty or whitespace only. */
export function isBlank(field: MaybeField): boolean {
  const t = fieldText(field);
  if (t === '') return true;
  // Rules ask this of most cells of every row: a first character that is visible ASCII or a CJK ideograph settles
  // it without a regular expression.
  const c = t.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return stripSpaces(t) === '';
}

/** True when a text holds nothing but whitespace and punctuation (or symbols). */
export function isPunctuationOnly(s: string): boolean {
  // Stops at the first letter instead of rewriting a long paragraph.
  return !NOT_PUNCTUATION.test(s);
}

// ---------------------------------------------------------------------------
// Number formats

/** Decimals written in a number text ("83.99" → 2, "84" → 0). */
function writtenDecimals(s: string): number {
  const m = /\.(\d+)/.exec(s);
  return m ? m[1]!.length : 0;
}

/** A JS number as a Decimal without binary noise (0.1 + 0.2 → 0.3). */
export function cleanDecimal(n: number): Decimal {
  return new Decimal(Number(n.toPrecision(15)));
}

// ---------------------------------------------------------------------------
// Amounts (万元)

export type AmountKind = 'number' | 'text-number' | 'blank' | 'error' | 'invalid' | 'uncalculated';

export interface ParsedAmount {
  /**
   * number: a numeric cell; text-number: text that reads as a number;
   * blank; error: a formula error (#DIV/0!…); invalid: anything else;
   * uncalculated: a formula with no cached result (a file written by a
   * generator and never opened in a spreadsheet) — nothing can be checked.
   */
  kind: AmountKind;
  value?: Decimal;
  /** The text as written, for messages. */
  text: string;
}

/** Reads `1,234.56`, `３７４．１３`, `374.13万元`, ` 12 ` as a number; null when it is not one. */
export function parseNumberText(s: string): Decimal | null {
  let t = stripSpaces(toHalfWidth(s));
  t = t.replace(/万元$/, '');
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/.test(t) || !/\d/.test(t)) return null;
  try {
    return new Decimal(t.replace(/,/g, ''));
  } catch {
    return null;
  }
}

export function parseAmount(field: MaybeField): ParsedAmount {
  const text = fieldText(field).trim();
  if (!field) return { kind: 'blank', text };
  return parseAmountValue(field.value, field.formula ?? null, text);
}

function parseAmountValue(v: CellValue, formula: string | null, text: string): ParsedAmount {
  if (v === null || v === undefined) return { kind: formula ? 'uncalculated' : 'blank', text };
  if (isCellError(v)) return { kind: 'error', text: v.error };
  if (typeof v === 'number') {
    return Number.isFinite(v) ? { kind: 'number', value: new Decimal(v), text } : { kind: 'invalid', text };
  }
  if (typeof v === 'boolean') return { kind: 'invalid', text };
  if (stripSpaces(v) === '') return { kind: 'blank', text };
  const n = parseNumberText(v);
  return n ? { kind: 'text-number', value: n, text } : { kind: 'invalid', text };
}

/**
 * True when two cells are read as the same amount without parsing either: the same number (parseAmount reads a
 * number from its value alone), or the same value, text and format.
 */
export function sameAmountInput(a: ParseInput, b: ParseInput): boolean {
  return (typeof a.value === 'number' && a.value === b.value) || sameParseInput(a, b);
}

/** True when the amount is a usable number (numeric cell or text that reads as one). */
export function hasAmount(a: ParsedAmount): a is ParsedAmount & { value: Decimal } {
  return (a.kind === 'number' || a.kind === 'text-number') && a.value !== undefined;
}

/** Rounds to `decimals` places, half up (as the budget systems do). */
export function roundTo(d: Decimal, decimals = 2): Decimal {
  return d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/** "374.13": an amount for a message, always two decimals. */
export function formatAmount(d: Decimal): string {
  return roundTo(d, 2).toFixed(2);
}

/** Number of decimals an amount really has (noise of binary floats ignored). */
export function amountDecimals(field: MaybeField): number {
  if (!field) return 0;
  const v = field.value;
  if (typeof v === 'number' && Number.isFinite(v)) return cleanDecimal(v).decimalPlaces();
  const a = parseAmount(field);
  return a.value ? a.value.decimalPlaces() : 0;
}

// ---------------------------------------------------------------------------
// Shares (占比)

/** How the cell writes its share: 0.8412 with a % format, 84.12 as a plain number, or "84.12%" text. */
export type ShareRepresentation = 'percent-number' | 'plain-number' | 'text-percent' | 'text-plain';

export interface ParsedShare {
  kind: 'number' | 'text-number' | 'blank' | 'error' | 'invalid' | 'uncalculated';
  /** Percentage points (83.99 for 83.99%). */
  value?: Decimal;
  /** Decimals the cell shows; sets the tolerance. */
  decimals: number;
  representation?: ShareRepresentation;
  text: string;
}

const TOLERANCE_2 = new Decimal('0.01');
const TOLERANCE_1 = new Decimal('0.05');
const TOLERANCE_0 = new Decimal('0.5');

/** ±0.01 pp for two (or more) decimals, ±0.05 for one, ±0.5 for none. */
export function shareTolerance(decimals: number): Decimal {
  if (decimals >= 2) return TOLERANCE_2;
  return decimals === 1 ? TOLERANCE_1 : TOLERANCE_0;
}

export function parseShare(field: MaybeField): ParsedShare {
  const text = fieldText(field).trim();
  if (!field) return { kind: 'blank', decimals: 2, text };
  const v = field.value;
  if (v === null || v === undefined) return { kind: field.formula ? 'uncalculated' : 'blank', decimals: 2, text };
  if (isCellError(v)) return { kind: 'error', decimals: 2, text: v.error };
  if (typeof v === 'boolean') return { kind: 'invalid', decimals: 2, text };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'invalid', decimals: 2, text };
    const percent = isPercentFormat(field.numFmt);
    const shown = formatDecimals(field.numFmt);
    const raw = percent ? cleanDecimal(v).times(100) : cleanDecimal(v);
    const decimals = shown ?? writtenDecimals(stripSpaces(toHalfWidth(field.text ?? '')) || raw.toString());
    return {
      kind: 'number',
      // Compare what the reviewer sees: the value at the precision the cell shows.
      value: shown === null ? raw : roundTo(raw, shown),
      decimals,
      representation: percent ? 'percent-number' : 'plain-number',
      text,
    };
  }
  const t = stripSpaces(toHalfWidth(v));
  if (t === '') return { kind: 'blank', decimals: 2, text };
  const percent = t.endsWith('%');
  const n = parseNumberText(percent ? t.slice(0, -1) : t);
  if (!n) return { kind: 'invalid', decimals: 2, text };
  return {
    kind: 'text-number',
    value: n,
    decimals: writtenDecimals(t),
    representation: percent ? 'text-percent' : 'text-plain',
    text,
  };
}

/** The share `pp` (percentage points) written the way the cell writes shares. */
export function shareInRepresentation(pp: Decimal, representation: ShareRepresentation | undefined): number | string {
  switch (representation) {
    case 'plain-number':
      return pp.toNumber();
    case 'text-percent':
      return `${pp.toFixed(2)}%`;
    case 'text-plain':
      return pp.toFixed(2);
    default:
      return pp.dividedBy(100).toNumber();
  }
}

/** share = round(line / total × 100, 2). */
export function shareOf(line: Decimal, total: Decimal): Decimal {
  return roundTo(line.dividedBy(total).times(100), 2);
}

/** "84.12%": a share for a message (trailing zeros kept to two decimals). */
export function formatShare(pp: Decimal): string {
  return pp.isInteger() ? `${pp.toFixed(0)}%` : `${pp.toFixed(2)}%`;
}

// ---------------------------------------------------------------------------
// Dates (填报日期)

export interface ParsedDate {
  kind: 'date' | 'blank' | 'invalid';
  year?: number;
  month?: number;
  day?: number;
  /** The date part of the text, label and unit removed. */
  text: string;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/** The date text of a 填报日期 cell: the label (`填报日期：`) and a trailing `单位：万元` removed. */
export function fillDateText(s: string): string {
  return toHalfWidth(s)
    .replace(/^\s*填\s*报\s*日\s*期\s*[:：]?/, '')
    .replace(/单\s*位\s*[:：][\s\S]*$/, '')
    .trim();
}

/** "填报日期：    年   月   日" — the label with empty blanks for the date, as the paper form prints it. */
const DATE_BLANKS = /^(\s*填\s*报\s*日\s*期\s*[:：]?)(\s*)年(\s*)月(\s*)日/;

/** True when a label cell holds the date's blanks (filled or not): the date belongs in this cell. */
export function hasDateBlanks(text: string): boolean {
  return /年\s*月\s*日/.test(text) || /\d/.test(text);
}

/**
 * "填报日期：      年    月     日" with a date written into its blanks, each number where its
 * blank was (the blank keeps its width as far as it can), so the line prints as the paper form.
 * null when the text has no empty blanks.
 */
export function fillDateIntoLabel(text: string, year: number, month: number, day: number): string | null {
  const m = DATE_BLANKS.exec(text);
  if (!m) return null;
  const put = (blank: string, n: number) => {
    const s = String(n);
    return ' '.repeat(Math.max(1, blank.length - s.length)) + s;
  };
  const rest = text.slice(m[0].length);
  return `${m[1]!}${put(m[2]!, year)}年${put(m[3]!, month)}月${put(m[4]!, day)}日${rest}`;
}

export function parseFillDate(field: MaybeField): ParsedDate {
  if (!field) return { kind: 'blank', text: '' };
  const v = field.value;
  if (v === null || v === undefined) return { kind: 'blank', text: '' };
  if (typeof v === 'number') {
    const text = fieldText(field).trim();
    const d = isDateFormat(field.numFmt) ? serialToDate(v) : null;
    return d ? { kind: 'date', ...d, text } : { kind: 'invalid', text };
  }
  if (typeof v !== 'string') return { kind: 'invalid', text: fieldText(field) };
  const text = fillDateText(v);
  // Only the blanks of "年 月 日" left (a rolled form, or the paper form typed as it prints): not filled in yet.
  if (stripSpaces(text) === '' || stripSpaces(text) === '年月日') return { kind: 'blank', text };
  const t = stripSpaces(text);
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(t) ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (!m) return { kind: 'invalid', text };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? { kind: 'date', year, month, day, text } : { kind: 'invalid', text };
}

// ---------------------------------------------------------------------------
// Phone (联系电话)

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(?:\(0\d{2,3}\)|0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?$/;

/**
 * True when the text looks like one or more Chinese phone numbers: an 11-digit
 * mobile, a landline `0xxx-xxxxxxx(x)` (or with the area code in brackets, or
 * 7–8 digits alone), several separated by `、` `,` `/` `;`.
 */
export function isPhoneText(s: string): boolean {
  const parts = toHalfWidth(s)
    .split(/[、,/;]/)
    .map((p) => p.replace(/[\s]+/g, '').replace(/[—–]/g, '-'));
  if (parts.length === 0) return false;
  return parts.every((p) => p !== '' && (MOBILE.test(p) || LANDLINE.test(p)));
}

// ---------------------------------------------------------------------------
// Indicator values (指标值)

export type Sign = '≥' | '≤' | '>' | '<' | '=';

export type IndicatorValue =
  | { kind: 'blank' }
  | { kind: 'not-applicable'; text: string }
  | { kind: 'quantity'; sign: Sign | null; number: Decimal; unit: string; text: string }
  | { kind: 'sign-without-number'; sign: Sign; text: string }
  | { kind: 'qualitative'; text: string }
  | { kind: 'error'; text: string };

const SIGNS: [RegExp, Sign][] = [
  [/^(?:>=|≥|≧|不低于|不少于)/, '≥'],
  [/^(?:<=|≤|≦|不高于|不超过|不多于)/, '≤'],
  [/^>/, '>'],
  [/^</, '<'],
  [/^=/, '='],
];

const NOT_APPLICABLE_KEYS = new Set(NOT_APPLICABLE.map((n) => n.toUpperCase()));
const LONGEST_NOT_APPLICABLE = Math.max(...NOT_APPLICABLE.map((n) => n.length));

/** True for `无`, `不适用`, `N/A` (and NA): the indicator does not apply. */
export function isNotApplicable(s: string): boolean {
  const t = stripSpaces(toHalfWidth(s));
  // Upper-casing never shortens a text, so a longer one (most indicator texts) cannot match.
  return t.length <= LONGEST_NOT_APPLICABLE && NOT_APPLICABLE_KEYS.has(t.toUpperCase());
}

/**
 * Values parsed before, by the cell they were parsed from: several rules (and, with --previous, last year's form)
 * ask for the same cells. An entry is used only while the cell still holds what it was parsed from. The results
 * are shared: callers never change them.
 */
const parsed = new WeakMap<object, ParseInput & { result: IndicatorValue }>();

/**
 * True when two cells hold exactly what an indicator value is read from (value, shown text, number format): they
 * parse alike, so comparing them needs no parsing. Last year's form against this year's mostly meets this.
 */
export function sameParseInput(a: ParseInput | null | undefined, b: ParseInput | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.value === b.value && a.text === b.text && a.numFmt === b.numFmt;
}

export function parseIndicatorValue(field: MaybeField): IndicatorValue {
  if (!field) return { kind: 'blank' };
  const known = parsed.get(field);
  if (known && sameParseInput(known, field)) return known.result;
  const result = parseFieldValue(field);
  parsed.set(field, { value: field.value, text: field.text, numFmt: field.numFmt, result });
  return result;
}

function parseFieldValue(field: NonNullable<MaybeField>): IndicatorValue {
  const v = field.value;
  if (v === null || v === undefined) return { kind: 'blank' };
  if (isCellError(v)) return { kind: 'error', text: v.error };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', text: String(v) };
    const percent = isPercentFormat(field.numFmt);
    const n = percent ? cleanDecimal(v).times(100) : cleanDecimal(v);
    return { kind: 'quantity', sign: null, number: n, unit: percent ? '%' : '', text: fieldText(field).trim() };
  }
  if (typeof v === 'boolean') return { kind: 'qualitative', text: String(v) };
  return parseIndicatorText(v);
}

export function parseIndicatorText(raw: string): IndicatorValue {
  const text = raw.trim();
  const t = stripSpaces(toHalfWidth(raw));
  if (t === '') return { kind: 'blank' };
  if (isNotApplicable(t)) return { kind: 'not-applicable', text };
  let sign: Sign | null = null;
  let rest = t;
  for (const [re, s] of SIGNS) {
    const m = re.exec(t);
    if (m) {
      sign = s;
      rest = t.slice(m[0].length);
      break;
    }
  }
  const m = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(.*)$/.exec(rest);
  if (!m) return sign ? { kind: 'sign-without-number', sign, text } : { kind: 'qualitative', text };
  const unit = m[2]!;
  // A digit after the unit means a sentence that starts with a number ("3项制度，2次检查"), not a quantity.
  if (/\d/.test(unit)) return { kind: 'qualitative', text };
  return { kind: 'quantity', sign, number: new Decimal(m[1]!.replace(/,/g, '')), unit, text };
}

// ---------------------------------------------------------------------------
// Placeholders

/** A cell that holds only a placeholder of the blank form (`……`, `...`, `XXX`, `（请填写）`). */
export function isPlaceholderText(s: string): boolean {
  if (!/[.。…·XxＸｘ(（．]/.test(s)) return false;
  const t = stripSpaces(toHalfWidth(s));
  if (t === '') return false;
  return /^(?:[.。…·]{2,}|…|[Xx]{3,}|\(请填写\))$/.test(t);
}

/** The placeholder a text contains, or null (`……`, `...`, `。。。`, `XXX`, `（请填写）`). */
export function placeholderIn(s: string): string | null {
  // "XXX" counts only between non-letters. No lookbehind (newer than the WPS browser floor): the
  // character before it is matched in a group of its own and left out of the result.
  const m = /…{2,}|\.{3,}|。{3,}|(?:^|[^A-Za-z])([Xx]{3,})(?![A-Za-z])|[（(]\s*请填写\s*[)）]/.exec(s);
  return m ? (m[1] ?? m[0]) : null;
}
