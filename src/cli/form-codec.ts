/**
 * A compact text for a DeclarationForm kept between threads and runs (`jixiao check --previous`: the spool of last
 * year's forms and the cache of previous-cache.ts). As plain JSON a form is mostly the same few keys again and
 * again: every cell is `{ref: {sheet, row, col, address}, value, text, numFmt, formula}`, where the sheet is the
 * form's, the address follows from the row and column, the text is usually the value and the format General.
 * Here such a cell is `{"@": [row, col, value, text, numFmt, formula, sheet, address]}` with what equals the
 * usual left out (0 in its place, trailing ones dropped), which makes the text a third as long and reading it back
 * about three times as fast (docs/performance.md).
 *
 * The decoding gives back a form deep-equal to the one encoded: anything that is not exactly a cell, or a cell
 * whose sheet or address is not the usual one, is kept as it is. `decodeForm` throws on text that is not such a
 * form; the callers then read the workbook again.
 */
import { a1 } from '../sheet/ref';
import type { DeclarationForm, Field } from '../form/types';

/** The key of a compact cell. No key of a form's own objects is one (they are identifiers; encodeForm checks). */
const CELL = '@';
/** Stands for "the usual" in a compact cell (text = value, numFmt General, formula none, the form's sheet, A1). */
const USUAL = 0;

interface Encoded {
  /** The format of this text (2: cells keyed by "@"). */
  c: 2;
  /** The sheet of the form's cells, and what their addresses start with (`附件2!`, `'My sheet'!`). */
  s: string;
  p: string;
  f: unknown;
}

const FIELD_KEYS = ['ref', 'value', 'text', 'numFmt', 'formula'];
const REF_KEYS = ['sheet', 'row', 'col', 'address'];

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

/** The form as compact text (see the module's comment). */
export function encodeForm(form: DeclarationForm): string {
  const sheet = form.sheet;
  let prefix: string | null = null;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    if (isField(v)) {
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
      return { [CELL]: parts };
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === CELL) throw new Error(`a key of the form is ${CELL}`);
      out[k] = walk(x);
    }
    return out;
  };
  const f = walk(form);
  const encoded: Encoded = { c: 2, s: sheet, p: prefix ?? '', f };
  return JSON.stringify(encoded);
}

function bad(): never {
  throw new Error('not a form encoded by encodeForm');
}

/** The form `encodeForm` encoded. Throws when the text is not one. */
export function decodeForm(text: string): DeclarationForm {
  const e = JSON.parse(text) as Encoded;
  if (e === null || typeof e !== 'object' || e.c !== 2 || typeof e.s !== 'string' || typeof e.p !== 'string') bad();
  const { s: sheet, p: prefix } = e;
  const cell = (parts: unknown): Field => {
    if (!Array.isArray(parts) || parts.length < 3 || parts.length > 8) bad();
    const [row, col, value, text = USUAL, numFmt = USUAL, formula = USUAL, onSheet = USUAL, address = USUAL] =
      parts as unknown[];
    if (!Number.isInteger(row) || !Number.isInteger(col)) bad();
    return {
      ref: {
        sheet: onSheet === USUAL ? sheet : (onSheet as string),
        row: row as number,
        col: col as number,
        address: address === USUAL ? prefix + a1(row as number, col as number) : (address as string),
      },
      value: value as Field['value'],
      text: text === USUAL ? (value as string) : (text as string),
      numFmt: numFmt === USUAL ? 'General' : (numFmt as string),
      formula: formula === USUAL ? null : (formula as string),
    };
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const parts = o[CELL];
    if (parts !== undefined) return cell(parts);
    for (const k in o) o[k] = walk(o[k]);
    return o;
  };
  const form = walk(e.f) as DeclarationForm;
  if (form === null || typeof form !== 'object' || typeof form.sheet !== 'string') bad();
  return form;
}
