/**
 * Reading a sheet for a check. Only cells that hold a value or a formula are
 * read (the used range "values only": a template's thousands of formatted but
 * empty rows cost nothing), and what a cell shows is worked out from its value
 * and number format by the core's own formatter (src/sheet/number-format.ts), never
 * taken from Range.text: that is what the cell shows at its current column
 * width ("####" in a narrow column, fewer digits of a General number), so the
 * rules would depend on how wide the user dragged a column.
 *
 * Two round trips for a usual form: the first block (A1:AD1000) is loaded with
 * the used range's extent and a count of the notes / comments and conditional
 * formats, which lets showing the findings skip a lookup, or skip writing
 * altogether when nothing changed. A sheet beyond that block is read in bands
 * of rows, each request well below Excel on the web's 5 MB limit; a band that
 * is still refused as too large is halved and read again.
 *
 * The merged areas (ExcelApi 1.13) come in a batch of their own:
 * getMergedAreasOrNullObject is documented to FAIL above 512 merged areas (the
 * template has 519 at 200 project rows), and a failing call fails its whole
 * batch. It is asked of the full used range first (it misses merges whose
 * top-left cell lies outside the range it is called on); when that fails, of
 * bands of rows, each band halved until it answers. A single row that still
 * fails is read without its merges (the reader carries labels down instead).
 */
import { NOTE_MARK } from '../../report/flags';
import { displayText } from '../../sheet/number-format';
import { parseAddress } from '../../sheet/ref';
import { emptyGrid, type CellValue, type Grid, type MergeArea } from '../../sheet/grid';
import { officeErrorCode, type ExcelEnv } from './env';

/** What the read learnt about the notes / comments on the sheet (null: not read). */
export interface AnnotationHint {
  /** Notes whose text is (or starts with) the user's, not only jixiao's. */
  userNotes: number | null;
  /** Top-level threaded comments that are not jixiao's. */
  userComments: number | null;
  /** Notes that carry jixiao's text (alone or after the user's). */
  ourNotes: number | null;
  /** Top-level threaded comments that are jixiao's. */
  ourComments: number | null;
  /** Conditional formats on the sheet, anyone's (0: none of jixiao's either). */
  conditionalFormats: number | null;
}

export interface SheetRead {
  grid: Grid;
  sheetId: string;
  hint: AnnotationHint;
}

/** The shape Excel returns for a loaded range (Range.text is deliberately not read). */
export interface LoadedRange {
  values: unknown[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
  valueTypes: string[][];
  rowIndex: number;
  columnIndex: number;
}

/** The block read together with the used range's extent: a whole usual form fits in it. */
const FIRST_BLOCK = { rows: 1000, cols: 30, address: 'A1:AD1000' };
/** Cells per request when a sheet is read in bands: about 1–2 MB of JSON for numbers and short texts. */
const BAND_CELLS = 20000;

interface Extent {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export async function readSheet(env: ExcelEnv, sheet: string): Promise<SheetRead> {
  let first: FirstRead;
  try {
    first = await readFirst(env, sheet, true);
  } catch (e) {
    // Even the first block is too heavy (long texts): learn the extent alone, then read in bands.
    if (!isTooLarge(e)) throw e;
    first = await readFirst(env, sheet, false);
  }
  const { name, id, hint, extent } = first;
  if (!extent) return { grid: emptyGrid(name), sheetId: id, hint };
  const loaded = first.block ?? (await readInBands(env, id, extent));
  // Merged areas over the formatted used range too: an empty merged cell below the last value is still one.
  const merges = env.features.mergedAreas ? await readMerges(env, id, first.formatted ?? extent) : [];
  return { grid: toGrid(name, loaded, merges), sheetId: id, hint };
}

/** Merged areas whose top-left cell lies in rows [top, top + rows) of the extent; null when Excel refuses. */
async function mergesIn(env: ExcelEnv, sheetId: string, extent: Extent, top: number, rows: number) {
  try {
    return await env.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem(sheetId)
        .getRangeByIndexes(top, extent.left, rows, extent.cols)
        .getMergedAreasOrNullObject()
        .load('address');
      await context.sync();
      return range.isNullObject ? [] : parseAreas(range.address);
    });
  } catch (e) {
    // Over 512 merged areas (Excel gives no dedicated code for it); our own errors are bugs.
    if (officeErrorCode(e) === null) throw e;
    return null;
  }
}

/** Every merged area of the used range: in one request, else in bands halved until each answers. */
async function readMerges(env: ExcelEnv, sheetId: string, extent: Extent): Promise<MergeArea[]> {
  const out: MergeArea[] = [];
  const todo: { top: number; rows: number }[] = [{ top: extent.top, rows: extent.rows }];
  while (todo.length) {
    const band = todo.shift()!;
    const found = await mergesIn(env, sheetId, extent, band.top, band.rows);
    if (found) out.push(...found);
    else if (band.rows > 1) {
      const half = Math.ceil(band.rows / 2);
      todo.unshift({ top: band.top, rows: half }, { top: band.top + half, rows: band.rows - half });
    }
  }
  // A merged area reaching past a band's bottom is reported by its top band only; keep each once.
  const seen = new Set<string>();
  return out.filter((m) => {
    const k = `${m.top},${m.left},${m.bottom},${m.right}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

interface FirstRead {
  name: string;
  id: string;
  hint: AnnotationHint;
  extent: Extent | null;
  /** The used range with formatting (merged areas included), when there is one. */
  formatted: Extent | null;
  /** The whole used range, when it lay inside the first block. */
  block: LoadedRange | null;
}

function readFirst(env: ExcelEnv, sheet: string, withBlock: boolean): Promise<FirstRead> {
  return env.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.load('name,id');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const all = env.features.mergedAreas ? ws.getUsedRangeOrNullObject() : null;
    all?.load('rowIndex,columnIndex,rowCount,columnCount');
    const block = withBlock ? used.getIntersectionOrNullObject(FIRST_BLOCK.address) : null;
    block?.load('values,numberFormat,formulas,valueTypes,rowIndex,columnIndex');
    const notes = env.features.notes ? ws.notes.load('items/content') : null;
    const comments = env.features.notes ? null : ws.comments.load('items/content');
    const cfCount = ws.getRange().conditionalFormats.getCount();
    await context.sync();

    const hint: AnnotationHint = {
      userNotes: notes ? notes.items.filter((n) => !n.content.startsWith(NOTE_MARK)).length : null,
      userComments: comments ? comments.items.filter((c) => !c.content.startsWith(NOTE_MARK)).length : null,
      ourNotes: notes ? notes.items.filter((n) => n.content.includes(NOTE_MARK)).length : null,
      ourComments: comments ? comments.items.filter((c) => c.content.startsWith(NOTE_MARK)).length : null,
      // A ClientResult: getCount() queued it and the sync above filled it in.
      // eslint-disable-next-line office-addins/load-object-before-read
      conditionalFormats: cfCount.value,
    };
    const formatted: Extent | null =
      all && !all.isNullObject
        ? { top: all.rowIndex, left: all.columnIndex, rows: all.rowCount, cols: all.columnCount }
        : null;
    if (used.isNullObject) return { name: ws.name, id: ws.id, hint, extent: null, formatted, block: null };
    const extent: Extent = { top: used.rowIndex, left: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
    const inBlock =
      block !== null &&
      !block.isNullObject &&
      extent.top + extent.rows <= FIRST_BLOCK.rows &&
      extent.left + extent.cols <= FIRST_BLOCK.cols;
    return { name: ws.name, id: ws.id, hint, extent, formatted, block: inBlock ? toLoaded(block) : null };
  });
}

function toLoaded(r: LoadedRange): LoadedRange {
  return {
    values: r.values,
    numberFormat: r.numberFormat,
    formulas: r.formulas,
    valueTypes: r.valueTypes,
    rowIndex: r.rowIndex,
    columnIndex: r.columnIndex,
  };
}

function pick(r: Omit<LoadedRange, 'rowIndex' | 'columnIndex'>): Omit<LoadedRange, 'rowIndex' | 'columnIndex'> {
  return { values: r.values, numberFormat: r.numberFormat, formulas: r.formulas, valueTypes: r.valueTypes };
}

function isTooLarge(e: unknown): boolean {
  const code = officeErrorCode(e);
  return (
    code === 'RequestPayloadSizeLimitExceeded' ||
    code === 'ResponsePayloadSizeLimitExceeded' ||
    code === 'PayloadTooLarge'
  );
}

/** The used range in bands of whole rows, one request each, each below the request limit. */
async function readInBands(env: ExcelEnv, sheetId: string, extent: Extent): Promise<LoadedRange> {
  const out: LoadedRange = {
    values: [],
    numberFormat: [],
    formulas: [],
    valueTypes: [],
    rowIndex: extent.top,
    columnIndex: extent.left,
  };
  let height = Math.max(1, Math.floor(BAND_CELLS / extent.cols));
  let done = 0;
  while (done < extent.rows) {
    const rows = Math.min(height, extent.rows - done);
    let band: LoadedRange;
    try {
      band = await env.run(async (context) => {
        const range = context.workbook.worksheets
          .getItem(sheetId)
          .getRangeByIndexes(extent.top + done, extent.left, rows, extent.cols);
        range.load('values,numberFormat,formulas,valueTypes');
        // One band per request on purpose: together they would exceed the request limit.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
        return { ...pick(range), rowIndex: 0, columnIndex: 0 };
      });
    } catch (e) {
      // Long texts make a band heavier than its cell count says: halve it and read again.
      if (isTooLarge(e) && rows > 1) {
        height = Math.max(1, Math.floor(rows / 2));
        continue;
      }
      throw e;
    }
    out.values.push(...band.values);
    out.numberFormat.push(...band.numberFormat);
    out.formulas.push(...band.formulas);
    out.valueTypes.push(...band.valueTypes);
    done += rows;
  }
  return out;
}

/**
 * Excel's loaded range → Grid. Excel gives "" for empty cells, the error text for errors, and the
 * constant as "formula" of a constant cell. The displayed text comes from the core's formatter.
 */
export function toGrid(sheet: string, r: LoadedRange, merges: MergeArea[]): Grid {
  const values: CellValue[][] = r.values.map((row, i) => row.map((v, j) => cellValue(v, r.valueTypes[i]?.[j])));
  const formulas = r.formulas.map((row) => row.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
  const numFmt = r.numberFormat.map((row) => row.map((f) => (typeof f === 'string' && f !== '' ? f : 'General')));
  return {
    sheet,
    top: r.rowIndex,
    left: r.columnIndex,
    values,
    text: values.map((row, i) => row.map((v, j) => displayText(v, numFmt[i]?.[j]))),
    numFmt,
    formulas,
    merges,
  };
}

function cellValue(v: unknown, type: string | undefined): CellValue {
  if (type === 'Empty' || v === '' || v === null || v === undefined) return null;
  if (type === 'Error') return { error: String(v) };
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** "Sheet1!A1:B2,'表 1'!C3:C4" → areas. Commas inside quoted sheet names do not split. */
export function parseAreas(address: string): MergeArea[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  const out: MergeArea[] = [];
  for (const part of parts) {
    const p = parseAddress(part.trim());
    if (!p) continue;
    out.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
  }
  return out;
}
