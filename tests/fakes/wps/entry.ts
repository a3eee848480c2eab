/**
 * What WPS 表格 does with a value entered through Value2 / Formula, the way a
 * person typing it would get it: a leading apostrophe keeps text, "=…" is a
 * formula, numbers and percentages become numbers, TRUE/FALSE booleans.
 */
import { isCellError, type CellValue } from '../../../src/sheet/grid';

export interface Entry {
  value: CellValue;
  formula: string | null;
  /** A number format the entry implies ("0%" for "12%"), or null. */
  numFmt: string | null;
}

export function parseEntry(raw: unknown): Entry {
  if (raw === undefined || raw === null || raw === '') return { value: null, formula: null, numFmt: null };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw, formula: null, numFmt: null };
  const s = String(raw);
  if (s.startsWith("'")) return { value: s.slice(1), formula: null, numFmt: null };
  if (s.startsWith('=') && s.length > 1) return { value: null, formula: s, numFmt: null };
  const t = s.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return { value: Number(t), formula: null, numFmt: null };
  const pct = /^([-+]?(?:\d+\.?\d*|\.\d+))%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, formula: null, numFmt: pct[1]!.includes('.') ? '0.00%' : '0%' };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true', formula: null, numFmt: null };
  // Dates typed as 2025-11-26 or 2025/11/26 become serials in a date format.
  const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (d) {
    const serial = (Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) - Date.UTC(1899, 11, 30)) / 86400000;
    return { value: serial, formula: null, numFmt: 'yyyy-mm-dd' };
  }
  return { value: s, formula: null, numFmt: null };
}

/** CVErr codes as Value2 hands errors over. */
const CVERR: Record<string, number> = {
  '#NULL!': -2146826288,
  '#DIV/0!': -2146826281,
  '#VALUE!': -2146826273,
  '#REF!': -2146826265,
  '#NAME?': -2146826259,
  '#NUM!': -2146826252,
  '#N/A': -2146826246,
};

/** A stored value as Value2 returns it: empty → undefined, errors → CVErr numbers. */
export function toValue2(v: CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (isCellError(v)) return CVERR[v.error] ?? CVERR['#VALUE!'];
  return v;
}
