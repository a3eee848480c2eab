/**
 * Last year's forms for `jixiao check --previous` (docs/spec/previous-year.md § 2), the part that runs where
 * files are read (a worker of the pool, or this process without workers):
 *
 * - `probePrevious` reads one of last year's workbooks through the same bounded opener as every checked file,
 *   finds its form, and writes the form to a spool file (form-codec.ts's compact JSON) so the checks that pair
 *   with it need not read the workbook again;
 * - `choosePartner` picks, for a form being checked, last year's form of the same department from the index the
 *   main thread wrote (previous-plan.ts);
 * - `loadPrevious` reads a spooled form back.
 *
 * Pairing is src/next/previous.ts's (shared with the panes): by 部门（单位）名称, then the candidate of year Y − 1
 * when the form's budget year Y is known, else the only candidate. Several candidates and no way to choose, or
 * none, leave the form unpaired with a note saying why.
 */
import { readFileSync, writeFileSync, type Stats } from 'fs';
import * as path from 'path';
import type { DeclarationForm } from '../form/types';
import { candidateOf, choosePrevious, departmentOf, type PreviousCandidate } from '../next/previous';
import { findForm } from '../read/find-form';
import type { WorkbookOpener } from './check-one';
import type { CheckableWorkbook } from './check-file';
import { describeError } from './errors';
import { decodeForm, encodeForm } from './form-codec';
import { printableName } from './output/printable';
import {
  cacheKey,
  entryInUse,
  fileSignature,
  readCachedForm,
  readCachedMeta,
  writeCached,
  type KnownFiles,
} from './previous-cache';
import { isReaderError, openWorkbook, openWorkbookBytes, readInputFile } from './xlsx-workbook';

/** The index given to a check when --previous was given but nothing can be compared (stderr said why). */
export const NO_INDEX = '';

/** One of last year's forms, as the index lists it. */
export interface PreviousEntry extends PreviousCandidate {
  /** The workbook's path as given (or as found in the folder). */
  file: string;
  /** Where the form was spooled (encodeForm's text), or its entry in the cache (`cached`). */
  spool: string;
  /** `spool` is an entry of the cache of last year's forms (previous-cache.ts), read and verified when used. */
  cached?: boolean;
}

/**
 * The index the main thread writes once per run: `fixed` (--previous names a file: it is last year's form for
 * every checked form; previous-pair says so when it is another department's) or `department` (--previous names a
 * folder: each form is paired with the form of its department).
 */
export interface PreviousIndex {
  mode: 'fixed' | 'department';
  entries: PreviousEntry[];
  /** Folder given to --previous, for the notes. */
  source: string;
}

export type PreviousProbe =
  | {
      kind: 'previous';
      entry: PreviousEntry;
      /** With a cache: the key of the workbook's bytes, and its settled file status when they were read (KnownFiles). */
      known?: { key: string; sig: string };
    }
  | { kind: 'not-form'; file: string; reason: string }
  | { kind: 'unreadable'; file: string; error: string };

/**
 * Reads last year's workbook `file` and spools its form to `spool`; never rejects. With `cache` (a folder of
 * previous-cache.ts), a workbook whose bytes were read before is not read again.
 */
export async function probePrevious(
  file: string,
  spool: string,
  open: WorkbookOpener,
  cache?: string | null,
): Promise<PreviousProbe> {
  if (/\.xls$/i.test(file)) {
    return { kind: 'unreadable', file, error: '不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx' };
  }
  try {
    let read: { key: string; sig: string | null; bytes: Buffer } | null = null;
    if (cache) {
      read = keyOf(file, readInputFile);
      const hit = cachedEntry(file, cache, read.key, read.sig);
      if (hit) return hit;
    }
    const wb = read ? await openRead(open, file, read.bytes) : await open(file);
    const choice = await findForm(wb);
    if (!choice.form) return { kind: 'not-form', file, reason: choice.reason };
    const form = choice.read.declaration;
    const encoded = encodeForm(form);
    writeFileSync(spool, encoded);
    const meta = candidateOf(form);
    const entry = { file, ...meta, spool };
    if (!cache || read === null) return { kind: 'previous', entry };
    await writeCached(cache, read.key, meta, form, encoded);
    // The workbook may have changed since it was hashed: known only if what was opened is what was hashed.
    if (read.sig === null || fileSignature(file)?.sig !== read.sig) return { kind: 'previous', entry };
    return { kind: 'previous', entry, known: { key: read.key, sig: read.sig } };
  } catch (err) {
    const error = isReaderError(err) ? err.message : `无法读取（${describeError(err)}）`;
    return { kind: 'unreadable', file, error };
  }
}

/**
 * The workbook whose bytes were just read and hashed, opened from those very bytes: the cache entry under their key
 * then holds their form even when the file changes meanwhile, and the file is read once. Another opener than the
 * usual one (a test's) is given the path.
 */
async function openRead(open: WorkbookOpener, file: string, bytes: Buffer): Promise<CheckableWorkbook> {
  return open === openWorkbook ? openWorkbookBytes(bytes) : open(file);
}

/**
 * The cache key of the workbook `file` (the SHA-256 of its bytes, read by `read`) and its file status when it was
 * read: null unless it stood the same before and after the read and had settled (KnownFiles may then keep it).
 */
function keyOf(
  file: string,
  read: (file: string) => Buffer,
  st?: Stats | null,
): { key: string; sig: string | null; bytes: Buffer } {
  const before = fileSignature(file, st);
  const bytes = read(file);
  const key = cacheKey(bytes);
  const after = before?.settled ? fileSignature(file) : null;
  return { key, sig: after && after.sig === before!.sig ? after.sig : null, bytes };
}

function cachedEntry(file: string, cache: string, key: string, sig: string | null): PreviousProbe | null {
  const hit = readCachedMeta(cache, key);
  if (!hit) return null;
  const entry = { file, ...hit.meta, spool: hit.entry, cached: true };
  return sig === null ? { kind: 'previous', entry } : { kind: 'previous', entry, known: { key, sig } };
}

/** Workbooks up to this size are looked up in the cache by the main thread itself (hashing 8 MB takes ~20 ms). */
const LOOKUP_HERE_BYTES = 8 * 1024 * 1024;

/**
 * One of last year's workbooks found in the cache without a worker: a re-check's common case, where sending each
 * workbook to a worker just to hash it would cost more than the hashing. Null when it is not there (or larger
 * than LOOKUP_HERE_BYTES, or unreadable): the worker then reads it under its limits and says why it cannot.
 */
export function lookUpCached(
  file: string,
  cache: string,
  known: KnownFiles | null = null,
  id?: string,
  st?: Stats | null,
): PreviousProbe | null {
  if (/\.xls$/i.test(file)) return null;
  try {
    if (known && id !== undefined) {
      // Known by its identity and unchanged since: neither read nor hashed.
      const now = fileSignature(file, st);
      const seen = now && known.find(id, now.sig);
      const entry = seen && entryInUse(cache, seen.key);
      if (seen && entry) return { kind: 'previous', entry: { file, ...seen.meta, spool: entry, cached: true } };
    }
    const { key, sig } = keyOf(file, (f) => readInputFile(f, LOOKUP_HERE_BYTES), st);
    return cachedEntry(file, cache, key, sig);
  } catch {
    return null;
  }
}

export interface Partner {
  entry: PreviousEntry | null;
  /** Why there is no partner (Chinese), when there is none. */
  note?: string;
}

/** Last year's form to compare `form` (budget year `year`, null when unknown) with. */
export function choosePartner(index: PreviousIndex, form: DeclarationForm, year: number | null): Partner {
  if (index.mode === 'fixed') return { entry: index.entries[0] ?? null };
  const choice = choosePrevious(index.entries, form, year);
  if (choice.chosen) return { entry: choice.chosen };
  if (choice.why === 'no-department') {
    return { entry: null, note: '本表没有填写部门（单位）名称，无法在上年目录中找到对应的申报表' };
  }
  const name = departmentOf(form) ?? '';
  if (choice.why === 'none') {
    return { entry: null, note: `上年目录 ${printableName(index.source)} 中没有“${name}”的申报表` };
  }
  const listed = choice.among.map((e) => printableName(e.file));
  const which = choice.ofYear ? `${year! - 1} 年度的` : '';
  return {
    entry: null,
    note: `上年目录中有 ${listed.length} 张“${name}”${which}申报表（${listed.slice(0, 5).join('、')}${listed.length > 5 ? ' 等' : ''}），无法确定与哪一张对比；请只留下一张，或用 --previous 指定文件单独校验`,
  };
}

/** The index written by the main thread; read once per thread and path. */
const indexes = new Map<string, PreviousIndex>();

export function loadIndex(file: string): PreviousIndex {
  let index = indexes.get(file);
  if (!index) {
    index = JSON.parse(readFileSync(file, 'utf8')) as PreviousIndex;
    indexes.set(file, index);
  }
  return index;
}

/** The form is checked alone: --previous named nothing usable, or the very file checked. */
export const UNUSABLE_NOTE = '所给的上年申报表不能用于本表（原因见错误输出），本表已单独校验';

/**
 * A spooled form, read back. A form from the cache whose entry is no longer whole (damaged, or removed by another
 * run meanwhile) is read from last year's workbook again, as if there were no cache.
 */
export async function loadPrevious(
  entry: PreviousEntry,
  open: WorkbookOpener = openWorkbook,
): Promise<DeclarationForm> {
  if (!entry.cached) return decodeForm(readFileSync(entry.spool, 'utf8'));
  const cached = readCachedForm(entry.spool);
  if (cached !== null) return cached;
  const bytes = readInputFile(entry.file);
  const key = cacheKey(bytes);
  const choice = await findForm(await openRead(open, entry.file, bytes));
  if (!choice.form) throw new Error(`${printableName(entry.file)} 已不是申报表`);
  const form = choice.read.declaration;
  // The entry is written again, under the key of the bytes just read (the workbook may have changed meanwhile).
  const meta = candidateOf(form);
  await writeCached(path.dirname(entry.spool), key, meta, form);
  return form;
}
