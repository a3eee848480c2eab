/**
 * Number formats: the one place a format code is read. It turns a value and
 * its format into the text a spreadsheet shows (hosts that cannot ask the
 * spreadsheet for the displayed text — the xlsx file, the memory host — use
 * this, so a Field's text reads the same whichever host produced the grid),
 * and answers the questions the form asks of a format (percent? date? how many
 * decimals?) from the same parse. Covers the formats the form uses (General, 0,
 * 0.00, #,##0.00, percentages, dates incl. yyyy"年"m"月"d"日", text "@");
 * anything exotic falls back to General. Dates are Excel 1900-system serials.
 */
import Decimal from 'decimal.js';
import { isCellError, type CellValue } from './grid';

export function displayText(value: CellValue, numFmt: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (isCellError(value)) return value.error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const format = cached(formats, numFmt && numFmt.trim() ? numFmt : 'General', compileFormat);
  if (typeof value === 'string') return format.text ? renderLiteral(format.text, value) : value;
  if (!Number.isFinite(value)) return String(value);
  return formatNumber(value, format.sections);
}

/** The plan of a format's first section (the one positive numbers use). */
function firstPlan(numFmt: string): SectionPlan {
  const format = cached(formats, numFmt && numFmt.trim() ? numFmt : 'General', compileFormat);
  return cached(plans, format.sections[0]!, planSection);
}

/** True when the format shows the value × 100 with a percent sign ("0.00%"; not "0.00\"%\""). */
export function isPercentFormat(numFmt: string): boolean {
  const plan = firstPlan(numFmt);
  if (plan.kind === 'decimal') return plan.factor !== null;
  if (plan.kind === 'scientific') return plan.pattern.includes('%');
  return plan.kind === 'literal' && plan.percent;
}

/** True for date (or time) formats such as `yyyy"年"m"月"d"日"`, `yyyy-mm-dd`, `m/d/yy`. */
export function isDateFormat(numFmt: string): boolean {
  return firstPlan(numFmt).kind === 'date';
}

/** Decimals a fixed format shows ("0.00%" → 2, "#,##0" → 0), null for General, text and date formats. */
export function formatDecimals(numFmt: string): number | null {
  const plan = firstPlan(numFmt);
  if (plan.kind === 'decimal') return plan.fracDigits;
  if (plan.kind === 'scientific') return (/\.([0#?]*)/.exec(plan.pattern)?.[1] ?? '').length;
  return null;
}

/** A number format split into its sections, with the tokens of the section that shows text. */
interface CompiledFormat {
  sections: string[];
  /** The fourth section, or a lone section holding @; null when text shows as it is. */
  text: Token[] | null;
}

/** What one section does with a number, worked out from the section's text alone. */
type SectionPlan =
  | { kind: 'general' }
  | { kind: 'date'; runs: Token[]; ampm: boolean }
  | { kind: 'scientific'; pattern: string }
  /** A format with no digit placeholders shows only its text ("-" for zero, say). */
  | { kind: 'literal'; text: string; percent: boolean }
  | ({ kind: 'decimal' } & DecimalPlan);

/**
 * A sheet uses a handful of formats over hundreds of cells, so each format
 * and each section is parsed once. Bounded, so a workbook with thousands of
 * distinct formats cannot grow the caches without limit.
 */
const MAX_CACHED = 1000;
const formats = new Map<string, CompiledFormat>();
const plans = new Map<string, SectionPlan>();

function cached<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, value);
  }
  return value;
}

function compileFormat(code: string): CompiledFormat {
  const sections = splitSections(code);
  const textSection = sections[3] ?? (sections.length === 1 && sections[0]!.includes('@') ? sections[0] : undefined);
  return { sections, text: textSection ? tokenize(stripBrackets(textSection)) : null };
}

/** Splits "0.00;[Red]-0.00;0" at semicolons outside quotes and escapes. */
function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '\\' && i + 1 < code.length) {
      cur += ch + code[++i];
      continue;
    }
    if (!quoted && ch === ';') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

function formatNumber(value: number, sections: string[]): string {
  let section = sections[0]!;
  let v = value;
  // Excel drops the minus sign when a negative section exists: the section writes its own.
  if (value < 0 && sections.length >= 2 && sections[1] !== '') {
    section = sections[1]!;
    v = -value;
  } else if (value === 0 && sections.length >= 3 && sections[2] !== '') {
    section = sections[2]!;
  }
  const plan = cached(plans, section, planSection);
  switch (plan.kind) {
    case 'general':
      return general(v);
    case 'date':
      return formatDate(v, plan);
    case 'scientific':
      return scientific(v, plan.pattern);
    case 'literal':
      return plan.text;
    case 'decimal':
      return formatDecimal(v, plan);
  }
}

function planSection(section: string): SectionPlan {
  const cleaned = stripBrackets(section);
  if (/^\s*general\s*$/i.test(cleaned) || cleaned.trim() === '' || cleaned.trim() === '@') return { kind: 'general' };
  if (isDateSection(cleaned)) return planDate(cleaned);
  return planDecimal(cleaned);
}

/** Removes [Red], [$-804], [>100] and similar bracket codes (elapsed-time [h] is kept as h). */
function stripBrackets(section: string): string {
  return section.replace(/\[(h+|m+|s+)\]/gi, '$1').replace(/\[[^\]]*\]/g, '');
}

/** Excel's General: integers as they are, others to 10 significant digits, very large/small in E notation. */
function general(v: number): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mant, exp] = v.toExponential(5).split('e');
    const m = mant!.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}

/** Walks a format section, yielding literal text and format characters separately. */
interface Token {
  literal: boolean;
  text: string;
}

function tokenize(section: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ literal: true, text: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\' && i + 1 < section.length) {
      out.push({ literal: true, text: section[++i]! });
    } else if (ch === '_' && i + 1 < section.length) {
      // "_)" reserves the width of a character: a space is the closest plain-text rendering.
      out.push({ literal: true, text: ' ' });
      i++;
    } else if (ch === '*' && i + 1 < section.length) {
      i++; // fill character: no fixed width in plain text
    } else {
      out.push({ literal: false, text: ch });
    }
  }
  return out;
}

function renderLiteral(tokens: Token[], text: string): string {
  return tokens.map((t) => (t.literal ? t.text : t.text === '@' ? text : t.text)).join('');
}

function isDateSection(section: string): boolean {
  const codes = tokenize(section)
    .filter((t) => !t.literal)
    .map((t) => t.text)
    .join('');
  return /[ymdhs]/i.test(codes) && !/[0#?]/.test(codes.replace(/s+\.0+/gi, ''));
}

interface DecimalPlan {
  /** 100 per % sign, null when there is none. */
  factor: Decimal | null;
  /** Digits the decimal point moves right for the % signs (2 per sign). */
  shift: number;
  /** 1,000 per trailing comma after the last digit placeholder, null when there is none. */
  divisor: Decimal | null;
  fracDigits: number;
  minFrac: number;
  minInt: number;
  grouping: boolean;
  /** Text before the first digit placeholder and after the digits (% signs, units). */
  before: string;
  after: string;
}

function planDecimal(section: string): SectionPlan {
  const tokens = tokenize(section);
  const codes = tokens.filter((t) => !t.literal).map((t) => t.text);
  const pattern = codes.join('');
  if (/[eE][+-]/.test(pattern)) return { kind: 'scientific', pattern };
  const percents = codes.filter((c) => c === '%').length;
  if (!/[0#?]/.test(pattern))
    return { kind: 'literal', text: tokens.map((t) => t.text).join(''), percent: percents > 0 };
  const dot = pattern.indexOf('.');
  const intPattern = dot >= 0 ? pattern.slice(0, dot) : pattern;
  const fracPattern = dot >= 0 ? pattern.slice(dot + 1) : '';
  // Trailing commas after the last digit placeholder scale by 1,000 each.
  const scaleCommas = /[0#?](,+)(?![0#?])/.exec(intPattern)?.[1]?.length ?? 0;
  // Literal text before the first placeholder, then the number, then the rest (% signs, units).
  let before = '';
  let after = '';
  let seenDigit = false;
  let doneDigits = false;
  for (const t of tokens) {
    if (t.literal) {
      if (!seenDigit) before += t.text;
      else after += t.text;
      continue;
    }
    if (/[0#?.,]/.test(t.text)) {
      if (doneDigits) after += t.text === ',' ? '' : t.text;
      seenDigit = true;
      continue;
    }
    if (seenDigit) doneDigits = true;
    if (!seenDigit) before += t.text;
    else after += t.text;
  }
  return {
    kind: 'decimal',
    factor: percents ? new Decimal(100).pow(percents) : null,
    shift: 2 * percents,
    divisor: scaleCommas ? new Decimal(1000).pow(scaleCommas) : null,
    fracDigits: (fracPattern.match(/[0#?]/g) ?? []).length,
    minFrac: (fracPattern.match(/0/g) ?? []).length,
    minInt: (intPattern.match(/0/g) ?? []).length,
    grouping: /[0#?],[0#?]/.test(intPattern),
    before,
    after,
  };
}

/**
 * The digits of |v| × 10^shift with exactly `fracDigits` decimals, made from v's shortest decimal form (the digits
 * decimal.js starts from) when that needs no rounding: "374.13" for 374.13 in 0.00, "84.12" for 0.8412 in 0.00%.
 * Null when it needs rounding, or v is written with an exponent: then decimal.js does it.
 */
function exactFixed(v: number, shift: number, fracDigits: number): string | null {
  const s = String(v < 0 ? -v : v);
  if (s.indexOf('e') >= 0) return null;
  const dot = s.indexOf('.');
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  if (shift > 0) {
    const moved = frac.length >= shift ? frac.slice(0, shift) : frac + '0'.repeat(shift - frac.length);
    int += moved;
    frac = frac.slice(shift);
    let lead = 0;
    while (lead < int.length - 1 && int.charCodeAt(lead) === 48) lead++;
    int = int.slice(lead);
  }
  if (frac.length > fracDigits) return null;
  return fracDigits > 0 ? `${int}.${frac}${'0'.repeat(fracDigits - frac.length)}` : int;
}

function formatDecimal(v: number, plan: DecimalPlan): string {
  // Most amounts and shares need no rounding: their digits are written out without decimal.js.
  const exact = plan.divisor ? null : exactFixed(v, plan.shift, plan.fracDigits);
  let negative: boolean;
  let fixed: string;
  if (exact !== null) {
    negative = v < 0;
    fixed = exact;
  } else {
    let d = new Decimal(v);
    if (plan.factor) d = d.times(plan.factor);
    if (plan.divisor) d = d.div(plan.divisor);
    negative = d.isNegative() && !d.isZero();
    fixed = d.abs().toFixed(plan.fracDigits, Decimal.ROUND_HALF_UP);
  }
  let [intDigits, frac = ''] = fixed.split('.');
  if (intDigits === '0' && plan.minInt === 0) intDigits = '';
  intDigits = intDigits!.padStart(plan.minInt, '0');
  if (plan.grouping) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  while (frac.length > plan.minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  const number = frac ? `${intDigits}.${frac}` : intDigits + (plan.fracDigits > 0 && plan.minFrac === 0 ? '.' : '');
  return `${negative ? '-' : ''}${plan.before}${number}${plan.after}`;
}

function scientific(v: number, pattern: string): string {
  const m = /^([#0.]*)[eE]([+-])(0+)/.exec(pattern.replace(/,/g, ''));
  if (!m) return general(v);
  const fracDigits = (m[1]!.split('.')[1] ?? '').length;
  const [mant, exp] = v.toExponential(fracDigits).split('e');
  const e = Number(exp);
  const sign = e < 0 ? '-' : m[2] === '+' ? '+' : '';
  return `${mant!.toUpperCase()}E${sign}${String(Math.abs(e)).padStart(m[3]!.length, '0')}`;
}

/** Excel 1900 serial → calendar parts; serial 60 is Excel's fictitious 1900-02-29. */
export function serialToParts(serial: number): {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  weekday: number;
} {
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days += 1;
    secs -= 86400;
  }
  let year: number;
  let month: number;
  let day: number;
  if (days === 60) {
    year = 1900;
    month = 2;
    day = 29;
  } else {
    const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
    const d = new Date(base + days * 86400000);
    year = d.getUTCFullYear();
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  const weekday = (((days - 1) % 7) + 7) % 7; // serial 1 (1900-01-01) was a Sunday in Excel
  return {
    year,
    month,
    day,
    hours: Math.floor(secs / 3600),
    minutes: Math.floor((secs % 3600) / 60),
    seconds: secs % 60,
    weekday,
  };
}

/** Excel serial of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86400000;

/**
 * A UTC instant (milliseconds since 1970) → Excel 1900-system serial, the
 * inverse of how ExcelJS reads a serial. A host handing over wall-clock date
 * parts passes Date.UTC(those parts).
 */
export function serialFromUtc(ms: number): number {
  return ms / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** Excel 1900-system serial → calendar date; null for serials that are no real day (incl. the fictitious 1900-02-29). */
export function serialToDate(serial: number): { year: number; month: number; day: number } | null {
  const whole = Math.floor(serial);
  if (!Number.isFinite(serial) || whole < 1 || whole === 60) return null;
  const { year, month, day } = serialToParts(whole);
  return { year, month, day };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Placeholder characters for AM/PM and A/P inside a date format. */
const AMPM = '\u0001';
const AP = '\u0002';

function planDate(section: string): SectionPlan {
  // AM/PM markers become single placeholder characters so the run grouping below cannot read their M as a month.
  const marked = section.replace(/AM\/PM/gi, AMPM).replace(/A\/P/gi, AP);
  const ampm = marked.includes(AMPM) || marked.includes(AP);
  // Group consecutive identical code letters into runs ("yyyy", "mm").
  const runs: Token[] = [];
  for (const t of tokenize(marked)) {
    const last = runs[runs.length - 1];
    if (!t.literal && last && !last.literal && last.text[0]!.toLowerCase() === t.text.toLowerCase())
      last.text += t.text;
    else runs.push({ ...t });
  }
  return { kind: 'date', runs, ampm };
}

/** The last serial a spreadsheet shows as a date (9999-12-31); past it Excel fills the cell with #. */
const LAST_DATE_SERIAL = 2958465;

function formatDate(v: number, plan: { runs: Token[]; ampm: boolean }): string {
  if (v < 0) return general(v);
  if (!(v < LAST_DATE_SERIAL + 1)) return '########';
  const p = serialToParts(v);
  const { runs, ampm } = plan;
  let out = '';
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (r.literal) {
      out += r.text;
      continue;
    }
    const code = r.text.toLowerCase();
    const n = code.length;
    switch (code[0]) {
      case 'y':
        out += n <= 2 ? pad2(p.year % 100) : String(p.year);
        break;
      case 'm':
        if (isMinute(runs, i)) out += n >= 2 ? pad2(p.minutes) : String(p.minutes);
        else if (n >= 4) out += MONTHS[p.month - 1];
        else if (n === 3) out += MONTHS[p.month - 1]!.slice(0, 3);
        else out += n === 2 ? pad2(p.month) : String(p.month);
        break;
      case 'd':
        if (n >= 4) out += DAYS[p.weekday];
        else if (n === 3) out += DAYS[p.weekday]!.slice(0, 3);
        else out += n === 2 ? pad2(p.day) : String(p.day);
        break;
      case 'h': {
        const h = ampm ? p.hours % 12 || 12 : p.hours;
        out += n >= 2 ? pad2(h) : String(h);
        break;
      }
      case 's':
        out += n >= 2 ? pad2(p.seconds) : String(p.seconds);
        break;
      case AMPM:
        out += p.hours < 12 ? 'AM' : 'PM';
        break;
      case AP:
        out += p.hours < 12 ? 'A' : 'P';
        break;
      default:
        out += r.text;
    }
  }
  return out;
}

/** "m" means minutes right after an hour or right before a second (ignoring literals). */
function isMinute(runs: Token[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const r = runs[j]!;
    if (r.literal || /^[:.]$/.test(r.text)) continue;
    if (/^h/i.test(r.text)) return true;
    break;
  }
  for (let j = i + 1; j < runs.length; j++) {
    const r = runs[j]!;
    if (r.literal || /^[:.]$/.test(r.text)) continue;
    return /^s/i.test(r.text);
  }
  return false;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
