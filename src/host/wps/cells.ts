/**
 * Conversions at the ET boundary: Value2 shapes, error codes, A1 ranges, and
 * text that must stay text when written through Value2.
 */
import { isCellError, type CellValue } from '../../sheet/grid';
import { serialFromUtc } from '../../sheet/number-format';
import { CVERR_TEXT, type EtRange } from './et';

/** The typings declare Value2 as string | array; a single cell takes a number or boolean as well. */
export function setValue2(range: EtRange, value: unknown): void {
  (range as { Value2: unknown }).Value2 = value;
}

/**
 * Value2 of one cell is a scalar, of a block a 2-D array (rows of columns).
 * Always hands back rows × cols.
 */
export function toMatrix(raw: unknown, rows: number, cols: number): unknown[][] {
  if (!Array.isArray(raw)) {
    // A scalar for a block would be the bridge flattening a uniform block; only a single cell is expected here.
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (__, c) => (r === 0 && c === 0 ? raw : undefined)),
    );
  }
  const src = raw as unknown[];
  // Tolerate a bridge that hands a single row or a single column over as a flat list.
  const flat = src.length > 0 && !src.some(Array.isArray);
  const out: unknown[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: unknown[] = [];
    for (let c = 0; c < cols; c++) {
      let v: unknown;
      if (flat) v = rows === 1 ? src[c] : cols === 1 ? src[r] : undefined;
      else {
        const row = src[r];
        v = Array.isArray(row) ? row[c] : undefined;
      }
      line.push(v);
    }
    out.push(line);
  }
  return out;
}

/** One Value2 element → CellValue: empty is null, CVErr codes become errors. */
export function cellValueFromEt(v: unknown): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    const err = CVERR_TEXT[v];
    return err ? { error: err } : v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return excelSerial(v);
  return String(v);
}

/** A JS Date (some bridges hand dates over as Date) → Excel 1900 serial. */
function excelSerial(d: Date): number {
  // The bridge's Date holds the cell's wall-clock date and time in local time.
  return serialFromUtc(
    Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()),
  );
}

/**
 * A value as Value2 must receive it so the cell keeps exactly that value:
 * text that the spreadsheet would read as a number, a formula or a date gets
 * the leading apostrophe (the "this is text" prefix, not stored in the value).
 */
export function valueForEt(v: CellValue | undefined): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (isCellError(v)) return v.error;
  if (typeof v !== 'string') return v;
  return needsTextPrefix(v) ? `'${v}` : v;
}

function needsTextPrefix(s: string): boolean {
  // Being generous costs nothing (the prefix is not part of the value); anything
  // that starts like a number, date, time, formula or boolean is protected.
  const t = s.trimStart();
  return /^[0-9０-９=+\-@'.,$¥￥(（]/.test(t) || /^(?:true|false)$/i.test(t.trim());
}

/**
 * A range's address without `$` or sheet ("B3", "B3:D9"). The typings make Address a method taking
 * (RowAbsolute, ColumnAbsolute); some builds expose it as a property holding the absolute address.
 */
export function addressOf(range: EtRange): string {
  const raw: unknown = (range as { Address?: unknown }).Address;
  const text = typeof raw === 'function' ? (raw as (r: boolean, c: boolean) => unknown).call(range, false, false) : raw;
  if (typeof text !== 'string' || text === '') throw new Error('WPS 没有给出单元格地址（Range.Address）');
  const bang = text.lastIndexOf('!');
  return (bang >= 0 ? text.slice(bang + 1) : text).replace(/\$/g, '');
}

/** Whether a value looks like an ET Range (it has an Address, method or property). */
export function isEtRange(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  try {
    const a: unknown = (x as { Address?: unknown }).Address;
    return typeof a === 'function' || typeof a === 'string';
  } catch {
    return false;
  }
}
