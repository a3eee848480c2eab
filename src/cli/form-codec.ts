/**
 * A compact text for a DeclarationForm kept between threads and runs (`jixiao check --previous`: the spool of last
 * year's forms and the cache of previous-cache.ts). As plain JSON a form is mostly the same few keys again and
 * again: every cell is `{ref: {sheet, row, col, address}, value, text, numFmt, formula}`, where the sheet is the
 * form's, the address follows from the row and column, the text is usually the value and the format General.
 * Here such a cell is `{"@": [row, col, value, text, numFmt, formula, sheet, address]}` with what equals the
 * usual left out (0 in its place, trailing ones dropped). An indicator row, most of a form, is one array
 * `{"#": [table, row, 一级, 二级, 三级, value, basis, classification, 前年, 上年]}` of such cells without their
 * keys (no 前年 and 上年 when the row has no history), where a 0 stands for the very cell of the row before (一级
 * and 二级 are carried down over merged groups: one Field for several rows, kept one). The text is a quarter as
 * long as plain JSON, and reading it back several times as fast (docs/performance.md).
 *
 * The decoding gives back a form deep-equal to the one encoded: anything that is not exactly a cell, or a cell
 * whose sheet or address is not the usual one, is kept as it is. `decodeForm` throws on text that is not such a
 * form; the callers then read the workbook again.
 */
import { a1 } from '../sheet/ref';
import type { DeclarationForm, Field, IndicatorRow } from '../form/types';

/** The keys of a compact cell and row. No key of a form's own objects is one (they are identifiers; encodeForm
 * checks). */
const CELL = '@';
const ROW = '#';
/** In a compact row: the same cell as the row before's, in the same place. */
const SAME = 0;
/** Stands for "the usual" in a compact cell (text = value, numFmt General, formula none, the form's sheet, A1). */
const USUAL = 0;

interface Encoded {
  /** The format of this text (3: cells keyed by "@", indicator rows by "#"). */
  c: 3;
  /** The sheet of the form's cells, and what their addresses start with (`附件2!`, `'My sheet'!`). */
  s: string;
  p: string;
  f: unknown;
}

const FIELD_KEYS = ['ref', 'value', 'text', 'numFmt', 'formula'];
const REF_KEYS = ['sheet', 'row', 'col', 'address'];
const ROW_KEYS = ['table', 'row', 'level1', 'level2', 'level3', 'value', 'history', 'basis', 'classification'];
const HISTORY_KEYS = ['yearBeforeLast', 'lastYear'];
/** The cells of an indicator row in the order of its compact form (前年 and 上年 follow). */
const ROW_CELLS = ['level1', 'level2', 'level3', 'value', 'basis', 'classification'] as const;

function hasExactly(o: object, keys: string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

function isField(o: object): o is Field {
  if (!hasExactly(o, FIELD_KEYS)) return false;
  const f = o as Field;
  const r = f.ref as unknown;
  return (
    r !== null &&
    typeof r === 'object' &&
    hasExactly(r, REF_KEYS) &&
    typeof f.ref.sheet === 'string' &&
    typeof f.ref.address === 'string' &&
    Number.isInteger(f.ref.row) &&
    Number.isInteger(f.ref.col) &&
    typeof f.text === 'string' &&
    typeof f.numFmt === 'string' &&
    (f.formula === null || typeof f.formula === 'string')
  );
}

function isIndicatorRow(o: object): o is IndicatorRow {
  if (!hasExactly(o, ROW_KEYS)) return false;
  const r = o as IndicatorRow;
  const h = r.history as unknown;
  return (
    typeof r.table === 'string' &&
    Number.isInteger(r.row) &&
    ROW_CELLS.every((k) => r[k] !== null && typeof r[k] === 'object' && isField(r[k])) &&
    (h === null ||
      (typeof h === 'object' &&
        hasExactly(h, HISTORY_KEYS) &&
        isField(r.history!.yearBeforeLast) &&
        isField(r.history!.lastYear)))
  );
}

/** The form as compact text (see the module's comment). */
export function encodeForm(form: DeclarationForm): string {
  const sheet = form.sheet;
  let prefix: string | null = null;
  const cellParts = (v: Field): unknown[] => {
    const { row, col, address } = v.ref;
    const at = a1(row, col);
    if (prefix === null && v.ref.sheet === sheet && address.endsWith(at)) prefix = address.slice(0, -at.length);
    const parts: unknown[] = [
      row,
      col,
      v.value,
      v.text === v.value ? USUAL : v.text,
      v.numFmt === 'General' ? USUAL : v.numFmt,
      v.formula === null ? USUAL : v.formula,
      v.ref.sheet === sheet ? USUAL : v.ref.sheet,
      prefix !== null && address === prefix + at ? USUAL : address,
    ];
    while (parts.length > 3 && parts[parts.length - 1] === USUAL) parts.pop();
    return parts;
  };
  const rowParts = (r: IndicatorRow, before: unknown): unknown[] => {
    const last = before !== null && typeof before === 'object' && isIndicatorRow(before) ? before : null;
    const cells: Field[] = ROW_CELLS.map((k) => r[k]);
    const was: (Field | undefined)[] = ROW_CELLS.map((k) => last?.[k]);
    if (r.history) {
      cells.push(r.history.yearBeforeLast, r.history.lastYear);
      was.push(last?.history?.yearBeforeLast, last?.history?.lastYear);
    }
    return [r.table, r.row, ...cells.map((c, i) => (c === was[i] ? SAME : cellParts(c)))];
  };
  const walk = (v: unknown, before: unknown = null): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, i > 0 ? v[i - 1] : null));
    if (v === null || typeof v !== 'object') return v;
    if (isField(v)) return { [CELL]: cellParts(v) };
    if (isIndicatorRow(v)) return { [ROW]: rowParts(v, before) };
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === CELL || k === ROW) throw new Error(`a key of the form is ${k}`);
      out[k] = walk(x);
    }
    return out;
  };
  const f = walk(form);
  const encoded: Encoded = { c: 3, s: sheet, p: prefix ?? '', f };
  return JSON.stringify(encoded);
}

/**
 * The addresses decoded so far, by the text they start with and by cell: the forms of one folder share their
 * layout, so most cells' addresses are the very strings of the form decoded before (one string, not one per form).
 * All are forgotten when they grow past ADDRESSES_KEPT.
 */
const addresses = new Map<string, Map<number, string>>();
let addressCount = 0;
const ADDRESSES_KEPT = 50_000;
/** Excel's last row and column (0-based, exclusive): cells beyond are not kept (row × COLS + col names one cell). */
const ROWS = 1_048_576;
const COLS = 16_384;

/** `prefix` + the A1 address of (row, col). */
function addressOf(prefix: string, row: number, col: number): string {
  if (row >= ROWS || col >= COLS) return prefix + a1(row, col);
  let byCell = addresses.get(prefix);
  const key = row * COLS + col;
  const known = byCell?.get(key);
  if (known !== undefined) return known;
  if (addressCount >= ADDRESSES_KEPT) {
    addresses.clear();
    addressCount = 0;
    byCell = undefined;
  }
  if (!byCell) addresses.set(prefix, (byCell = new Map()));
  const address = prefix + a1(row, col);
  byCell.set(key, address);
  addressCount++;
  return address;
}

function bad(): never {
  throw new Error('not a form encoded by encodeForm');
}

/** The form `encodeForm` encoded. Throws when the text is not one. */
export function decodeForm(text: string): DeclarationForm {
  const e = JSON.parse(text) as Encoded;
  if (e === null || typeof e !== 'object' || e.c !== 3 || typeof e.s !== 'string' || typeof e.p !== 'string') bad();
  const { s: sheet, p: prefix } = e;
  const cell = (parts: unknown): Field => {
    if (!Array.isArray(parts) || parts.length < 3 || parts.length > 8) bad();
    const n = parts.length;
    const row: unknown = parts[0];
    const col: unknown = parts[1];
    const value: unknown = parts[2];
    const text: unknown = n > 3 ? parts[3] : USUAL;
    const numFmt: unknown = n > 4 ? parts[4] : USUAL;
    const formula: unknown = n > 5 ? parts[5] : USUAL;
    const onSheet: unknown = n > 6 ? parts[6] : USUAL;
    const address: unknown = n > 7 ? parts[7] : USUAL;
    if (!Number.isInteger(row) || !Number.isInteger(col) || (row as number) < 0 || (col as number) < 0) bad();
    return {
      ref: {
        sheet: onSheet === USUAL ? sheet : (onSheet as string),
        row: row as number,
        col: col as number,
        address: address === USUAL ? addressOf(prefix, row as number, col as number) : (address as string),
      },
      value: value as Field['value'],
      text: text === USUAL ? (value as string) : (text as string),
      numFmt: numFmt === USUAL ? 'General' : (numFmt as string),
      formula: formula === USUAL ? null : (formula as string),
    };
  };
  /** A compact row; `before`: the row decoded before it, whose cells a 0 stands for. */
  const row = (parts: unknown, before: unknown): IndicatorRow => {
    if (!Array.isArray(parts) || (parts.length !== 8 && parts.length !== 10)) bad();
    const last = before as IndicatorRow | null;
    const at = (i: number, was: Field | undefined): Field => {
      const p = parts[i] as unknown;
      if (p !== SAME) return cell(p);
      if (was === undefined) bad();
      return was;
    };
    const [table, n] = parts as unknown[];
    if (typeof table !== 'string' || !Number.isInteger(n)) bad();
    return {
      table: table as IndicatorRow['table'],
      row: n as number,
      level1: at(2, last?.level1),
      level2: at(3, last?.level2),
      level3: at(4, last?.level3),
      value: at(5, last?.value),
      history:
        parts.length === 10
          ? { yearBeforeLast: at(8, last?.history?.yearBeforeLast), lastYear: at(9, last?.history?.lastYear) }
          : null,
      basis: at(6, last?.basis),
      classification: at(7, last?.classification),
    };
  };
  const walk = (v: unknown, before: unknown = null): unknown => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i], i > 0 ? v[i - 1] : null);
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const parts = o[CELL];
    if (parts !== undefined) return cell(parts);
    const rowParts = o[ROW];
    if (rowParts !== undefined) return row(rowParts, before);
    for (const k in o) o[k] = walk(o[k]);
    return o;
  };
  const form = walk(e.f) as DeclarationForm;
  if (form === null || typeof form !== 'object' || typeof form.sheet !== 'string') bad();
  return form;
}
