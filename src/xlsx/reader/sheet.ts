/**
 * One worksheet part → Grid, streamed: the XML is inflated and parsed chunk by
 * chunk, and only cells that hold a value or a formula are kept. A cell that
 * only carries formatting costs its parse and nothing more; rows and columns
 * without values take no memory (the Grid's rows are sparse arrays), and
 * merged areas that lie outside the values are left out.
 */
import { type CellValue, type Grid, type MergeArea } from '../../sheet/grid';
import { a1, columnIndex, columnLetters } from '../../sheet/ref';
import type { XlsxPackage } from '../package/package';
import { LimitError } from '../package/zip';
import { FileError } from '../errors';
import { FastXml } from '../package/fast-xml';
import { localName } from '../package/xml';
import type { WorkbookParts } from './parts';
import { serialFromUtc } from '../../sheet/number-format';

/** Excel's own sheet size. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface SheetLimits {
  /** Cells holding a value or a formula, over every sheet read from one file. */
  maxValueCells: number;
  /** Merged areas of one sheet. */
  maxMerges: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxValueCells: 1_000_000, maxMerges: 100_000 };

/** Counts value cells over the sheets of one file. */
export class CellBudget {
  used = 0;
  /** Characters of the formulas kept (shared formulas counted once per cell, as they are kept). */
  formulaChars = 0;
  constructor(readonly max: number) {}
}

/** Characters of one formula: Excel holds 8,192. */
export const MAX_FORMULA_CHARS = 8_192;
/** Parentheses nested in one formula (Excel nests at most 64 functions); deeper is no workbook's. */
export const MAX_FORMULA_DEPTH = 255;
/** Characters of all the formulas of one file together. */
export const MAX_FORMULA_TOTAL = 16 * 1024 * 1024;

/** How deep the parentheses of a formula nest, outside its string literals. */
function parenthesisDepth(formula: string): number {
  let depth = 0;
  let max = 0;
  let quoted = false;
  for (let i = 0; i < formula.length; i++) {
    const c = formula.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 40) {
      if (++depth > max) max = depth;
    } else if (c === 41) depth--;
  }
  return max;
}

/** Characters of one cell's XML text (value, formula, inline string): Excel holds 32,767 and formulas 8,192. */
const MAX_CELL_CHARS = 65_536;

/** Elements whose attributes the reader uses. */
const ATTRIBUTES_READ = new Set(['row', 'c', 'f', 'mergeCell']);

/**
 * A cell in its most common form, attributes in the usual order (r, s, t) and in double quotes, with at most a
 * plain <f> and a <v> whose text needs no decoding: <c r="B7" s="5" t="s"><v>12</v></c>, <c r="C7" s="4"/>.
 * Groups: reference, style, type, formula, value. Any other cell is read through the tokenizer's events.
 */
const PLAIN_CELL =
  /<c r="([A-Z]{1,3}[0-9]{1,7})"(?: s="([0-9]{1,6})")?(?: t="([a-zA-Z]{1,9})")?(?:\/>|>(?:<f>([^<&\r]*)<\/f>)?(?:<v>([^<&\r]*)<\/v>)?<\/c>)/y;

/** A row's start tag: its number first, then attributes whose values need no decoding. Groups: number, the rest. */
const PLAIN_ROW = /<row r="([0-9]{1,7})"((?: [A-Za-z_][\w.:-]*="[^"<&]*")*) ?>/y;

/** A merged area in its usual form: <mergeCell ref="A2:I2"/>. Group: the range. */
const PLAIN_MERGE = /<mergeCell ref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"\/>/y;

/** The attributes of a plain <f>. */
const NO_FORMULA_ATTRS: Record<string, string> = Object.freeze({});

/** Days between the 1900 and the 1904 date systems. */
const DAYS_1904 = 1462;

export class SheetRangeError extends FileError {
  constructor(message: string) {
    super(message);
    this.name = 'SheetRangeError';
  }
}

/** "AB12" → [11, 27]; null when it is not a cell reference. */
function parseRef(ref: string): [number, number] | null {
  const at = cellIndex(ref);
  return at === NOT_A_REF ? null : [Math.floor(at / REF_BASE), at % REF_BASE];
}

/** Bigger than any column parseRef reads (four letters), so row × REF_BASE + column keeps both. */
const REF_BASE = 1 << 19;
const NOT_A_REF = -1;

/**
 * "AB12" → 11 × REF_BASE + 27 (row and column, 0-based, in one number: no array per cell); NOT_A_REF when it is
 * not a cell reference. Hand-parsed: it runs for every cell.
 */
function cellIndex(ref: string): number {
  let i = 0;
  const n = ref.length;
  if (ref.charCodeAt(0) === 36) i++; // $
  let col = 0;
  const c0 = i;
  for (; i < n; i++) {
    let ch = ref.charCodeAt(i);
    if (ch >= 97 && ch <= 122) ch -= 32;
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  if (i === c0 || i - c0 > 4) return NOT_A_REF;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const r0 = i;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return NOT_A_REF;
    row = row * 10 + (ch - 48);
  }
  if (i === r0 || i - r0 > 9 || row === 0) return NOT_A_REF;
  return (row - 1) * REF_BASE + (col - 1);
}

/**
 * The formula of a cell that shares the formula of a master `dr` rows and
 * `dc` columns away: its relative references move by as much.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  // Strings and quoted sheet names pass unchanged; a reference is letters+digits not followed by "(" or more name characters.
  // The character before a reference is matched (not looked behind: the WPS floor, ES2017, has no lookbehind)
  // and given back; a quoted sheet name leaves its "!" to be that character.
  return formula.replace(
    /("(?:[^"]|"")*")|('(?:[^']|'')*')|(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
    (all, str: string, sheet: string, before: string, colAbs: string, col: string, rowAbs: string, row: string) => {
      if (str || sheet) return all;
      const c = colAbs ? columnIndex(col) : columnIndex(col) + dc;
      const r = rowAbs ? Number(row) - 1 : Number(row) - 1 + dr;
      if (c < 0 || r < 0 || c >= MAX_COLS || r >= MAX_ROWS) return `${before}#REF!`;
      return `${before}${colAbs}${columnLetters(c)}${rowAbs}${r + 1}`;
    },
  );
}

function isoToSerial(iso: string): number | null {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !/T/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(t) ? serialFromUtc(t) : null;
}

interface SharedFormula {
  row: number;
  col: number;
  formula: string;
}

/** Reads the sheet `name` stored in `part`. */
export function readSheet(
  pkg: XlsxPackage,
  name: string,
  part: string,
  wb: WorkbookParts,
  limits: SheetLimits,
  budget: CellBudget,
): Grid {
  const rows: number[] = [];
  const cols: number[] = [];
  const values: CellValue[] = [];
  const styles: number[] = [];
  const formulas: (string | null)[] = [];
  const merges: MergeArea[] = [];
  const shared = new Map<string, SharedFormula>();

  let rowNum = -1;
  let colNum = -1;
  // The cell being read.
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cType = 'n';
  let cStyle = 0;
  let vText: string | null = null;
  let fText: string | null = null;
  let fAttrs: Record<string, string> | null = null;
  let isText: string | null = null;
  let inV = false;
  let inF = false;
  let inIs = 0;
  let inIsT = 0;
  let inPhonetic = 0;
  let depthSheetData = false;
  let cellChars = 0;

  const finishCell = () => {
    let formula: string | null = null;
    if (fAttrs) {
      const text = fText ?? '';
      if (fAttrs.t === 'shared' && fAttrs.si !== undefined) {
        const master = shared.get(fAttrs.si);
        if (text) shared.set(fAttrs.si, { row: cRow, col: cCol, formula: text });
        if (text) formula = text;
        else if (master) formula = shiftFormula(master.formula, cRow - master.row, cCol - master.col);
      } else if (text) formula = text;
    }
    if (formula !== null) {
      if (formula.length > MAX_FORMULA_CHARS) {
        throw new SheetRangeError(
          `文件已损坏：工作表“${name}”的单元格 ${a1(cRow, cCol)} 的公式有 ${formula.length.toLocaleString('en-US')} 个字符，超过 Excel 的 8,192 个字符上限`,
        );
      }
      if (formula.includes('(') && parenthesisDepth(formula) > MAX_FORMULA_DEPTH) {
        throw new SheetRangeError(
          `文件已损坏：工作表“${name}”的单元格 ${a1(cRow, cCol)} 的公式中括号嵌套超过 ${MAX_FORMULA_DEPTH} 层`,
        );
      }
      budget.formulaChars += formula.length;
      if (budget.formulaChars > MAX_FORMULA_TOTAL) {
        throw new LimitError(`文件过大：公式合计超过 ${MAX_FORMULA_TOTAL.toLocaleString('en-US')} 个字符的读取上限`);
      }
    }
    let value: CellValue = null;
    const v = vText;
    switch (cType) {
      case 's': {
        const i = v === null ? NaN : Number(v);
        value = Number.isInteger(i) && i >= 0 && i < wb.strings.length ? wb.strings[i]! : null;
        break;
      }
      case 'inlineStr':
        value = isText ?? v;
        break;
      case 'str':
        value = v;
        break;
      case 'b':
        value = v === null ? null : v.trim() === '1' || v.trim().toLowerCase() === 'true';
        break;
      case 'e':
        value = v === null ? null : { error: v.trim() };
        break;
      case 'd':
        value = v === null ? null : isoToSerial(v.trim());
        break;
      default: {
        if (v !== null && v.trim() !== '') {
          const n = Number(v);
          value = Number.isFinite(n) ? n : v;
          if (typeof value === 'number' && wb.date1904 && wb.dateStyle[cStyle]) value += DAYS_1904;
        }
      }
    }
    if (value === null && formula === null) return;
    if (++budget.used > budget.max) {
      throw new LimitError(`文件过大：有值的单元格超过 ${budget.max.toLocaleString('en-US')} 个的读取上限`);
    }
    rows.push(cRow);
    cols.push(cCol);
    values.push(value);
    styles.push(cStyle);
    formulas.push(formula);
  };

  const beginCell = (at: string | undefined, type: string | undefined, style: string | undefined) => {
    let r = rowNum < 0 ? 0 : rowNum;
    let c = colNum + 1;
    if (at !== undefined) {
      const index = cellIndex(at);
      r = Math.floor(index / REF_BASE);
      c = index % REF_BASE;
      if (index === NOT_A_REF || r >= MAX_ROWS || c >= MAX_COLS)
        throw new SheetRangeError(`文件已损坏：工作表“${name}”的单元格地址“${at}”超出 Excel 的范围`);
    }
    if (c >= MAX_COLS) throw new SheetRangeError(`文件已损坏：工作表“${name}”的一行超过 ${MAX_COLS} 列`);
    colNum = c;
    inCell = true;
    cRow = r;
    cCol = c;
    cType = type ?? 'n';
    const s = style !== undefined ? Number(style) : 0;
    cStyle = Number.isInteger(s) && s >= 0 && s < wb.formats.length ? s : 0;
    vText = fText = isText = null;
    fAttrs = null;
    cellChars = 0;
  };

  /** The cell at `at` when it is a plain one (PLAIN_CELL): read, and the offset after it; else -1. */
  const plainCell = (s: string, at: number): number => {
    PLAIN_CELL.lastIndex = at;
    const m = PLAIN_CELL.exec(s);
    if (!m) return -1;
    beginCell(m[1], m[3], m[2]);
    if (m[4] !== undefined || m[5] !== undefined) {
      cellChars = (m[4]?.length ?? 0) + (m[5]?.length ?? 0);
      if (cellChars > MAX_CELL_CHARS) {
        throw new SheetRangeError(`文件已损坏：工作表“${name}”的单元格 ${a1(cRow, cCol)} 的内容超过 Excel 的长度上限`);
      }
      if (m[4] !== undefined) {
        fAttrs = NO_FORMULA_ATTRS;
        fText = m[4];
      }
      if (m[5] !== undefined) vText = m[5];
    }
    inCell = false;
    finishCell();
    return PLAIN_CELL.lastIndex;
  };

  /**
   * A whole row as spreadsheet programs write it: its start tag (r first, plain attribute values, no second r) and
   * its cells by the regular expressions, up to </row>. A row with any other start tag or cell is undone (its
   * cells taken back) and read through the tokenizer's events, cell by cell.
   */
  const plainRow = (s: string, lt: number): number => {
    PLAIN_ROW.lastIndex = lt;
    const m = PLAIN_ROW.exec(s);
    if (!m || m[2]!.includes(' r="')) return -1;
    let p = PLAIN_ROW.lastIndex;
    const before = { cells: rows.length, used: budget.used, formulaChars: budget.formulaChars, rowNum, colNum };
    beginRow(m[1]);
    for (;;) {
      if (s.startsWith('</row>', p)) return p + 6;
      const next = s.charCodeAt(p) === 60 && s.charCodeAt(p + 1) === 99 ? plainCell(s, p) : -1;
      if (next < 0) {
        rows.length = cols.length = values.length = styles.length = formulas.length = before.cells;
        budget.used = before.used;
        budget.formulaChars = before.formulaChars;
        rowNum = before.rowNum;
        colNum = before.colNum;
        return -1;
      }
      p = next;
    }
  };

  const beginRow = (r: string | undefined) => {
    const row = r !== undefined ? Number(r) - 1 : rowNum + 1;
    if (!Number.isInteger(row) || row < 0 || row >= MAX_ROWS)
      throw new SheetRangeError(`文件已损坏：工作表“${name}”的行号 ${r ?? ''} 超出 Excel 的范围（1–${MAX_ROWS}）`);
    rowNum = row;
    colNum = -1;
  };

  /** A merged area as written in <mergeCell ref="A2:I2"/>; one that is not a cell range is ignored. */
  const addMerge = (ref: string) => {
    const parts = ref.split(':');
    const tl = parseRef(parts[0] ?? '');
    const br = parts.length > 1 ? parseRef(parts[1]!) : tl;
    if (!tl || !br) return;
    if (merges.length >= limits.maxMerges)
      throw new LimitError(`文件过大：工作表“${name}”的合并单元格超过 ${limits.maxMerges} 个`);
    merges.push({
      top: Math.min(tl[0], br[0]),
      left: Math.min(tl[1], br[1]),
      bottom: Math.min(MAX_ROWS - 1, Math.max(tl[0], br[0])),
      right: Math.min(MAX_COLS - 1, Math.max(tl[1], br[1])),
    });
  };

  /** The tokenizer's fast lane (see FastXml's `element`): merged areas, rows and cells in their usual form. */
  const lane = (s: string, lt: number): number => {
    if (!depthSheetData && s.charCodeAt(lt + 1) === 109) {
      // <mergeCell ref="…"/> as spreadsheet programs write it, by a regular expression; any other by the tokenizer.
      PLAIN_MERGE.lastIndex = lt;
      const m = PLAIN_MERGE.exec(s);
      if (!m) return -1;
      addMerge(m[1]!);
      return PLAIN_MERGE.lastIndex;
    }
    if (!depthSheetData || inCell) return -1;
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === 114) return plainRow(s, lt);
    // The cell exactly as Excel, WPS and LibreOffice write it, matched whole by one regular expression (native
    // code from the first file on, where a loop over its characters would still be interpreted).
    return c1 === 99 ? plainCell(s, lt) : -1;
  };

  const p = new FastXml(
    part,
    {
      element: lane,
      open(name, a) {
        const n = localName(name);
        if (inCell) {
          if (n === 'v') {
            inV = true;
            vText = '';
          } else if (n === 'f') {
            inF = true;
            fText = '';
            fAttrs = a;
          } else if (n === 'is') {
            inIs++;
            isText = '';
          } else if (n === 'rPh') inPhonetic++;
          else if (n === 't' && inIs && !inPhonetic) inIsT++;
          return;
        }
        if (n === 'sheetData') depthSheetData = true;
        else if (n === 'row' && depthSheetData) beginRow(a.r);
        else if (n === 'c' && depthSheetData) {
          beginCell(a.r, a.t, a.s);
        } else if (n === 'mergeCell') addMerge(a.ref ?? '');
      },
      close(name) {
        const n = localName(name);
        if (inCell) {
          if (n === 'c') {
            inCell = false;
            finishCell();
          } else if (n === 'v') inV = false;
          else if (n === 'f') inF = false;
          else if (n === 'is') inIs--;
          else if (n === 'rPh') inPhonetic--;
          else if (n === 't' && inIs && !inPhonetic) inIsT--;
          return;
        }
        if (n === 'sheetData') depthSheetData = false;
      },
      text(t) {
        if (!inCell) return;
        cellChars += t.length;
        if (cellChars > MAX_CELL_CHARS) {
          throw new SheetRangeError(
            `文件已损坏：工作表“${name}”的单元格 ${a1(cRow, cCol)} 的内容超过 Excel 的长度上限`,
          );
        }
        if (inV) vText += t;
        else if (inF) fText += t;
        else if (inIsT > 0) isText += t;
      },
    },
    (n) => ATTRIBUTES_READ.has(localName(n)),
  );
  pkg.streamText(part, (chunk) => p.write(chunk));
  p.close();
  return toGrid(name, rows, cols, values, styles, formulas, merges, wb);
}

/** The collected cells as a Grid over their bounding box; rows and cells without values are holes. */
function toGrid(
  sheet: string,
  rows: number[],
  cols: number[],
  values: CellValue[],
  styles: number[],
  formulas: (string | null)[],
  allMerges: MergeArea[],
  wb: WorkbookParts,
): Grid {
  if (values.length === 0) return { sheet, top: 0, left: 0, values: [], numFmt: [], formulas: [], merges: [] };
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]! < top) top = rows[i]!;
    if (rows[i]! > bottom) bottom = rows[i]!;
    if (cols[i]! < left) left = cols[i]!;
    if (cols[i]! > right) right = cols[i]!;
  }
  // Merged areas beyond the values show nothing and are left out; those that reach into them are kept whole.
  const merges = allMerges.filter((m) => m.bottom >= top && m.top <= bottom && m.right >= left && m.left <= right);
  for (const m of merges) {
    if (m.top < top) top = m.top;
    if (m.left < left) left = m.left;
  }
  let height = bottom - top + 1;
  let width = right - left + 1;
  for (const m of merges) {
    height = Math.max(height, m.bottom - top + 1);
    width = Math.max(width, m.right - left + 1);
  }
  const gv: CellValue[][] = [];
  const gf: string[][] = [];
  const gx: (string | null)[][] = [];
  for (let i = 0; i < values.length; i++) {
    const r = rows[i]! - top;
    const c = cols[i]! - left;
    (gv[r] ??= [])[c] = values[i]!;
    const fmt = wb.formats[styles[i]!] ?? 'General';
    if (fmt !== 'General') (gf[r] ??= [])[c] = fmt;
    if (formulas[i]) (gx[r] ??= [])[c] = `=${formulas[i]!.replace(/^=/, '')}`;
  }
  // The Grid's extent is its row count: merged rows below the last value still belong to the sheet.
  if (gv.length < height) gv.length = height;
  const first = (gv[0] ??= []);
  if (first.length < width) first.length = width;
  return { sheet, top, left, values: gv, numFmt: gf, formulas: gx, merges };
}
