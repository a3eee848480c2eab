/**
 * The cache of last year's forms (`jixiao check --previous`). A reviewer checks this year's folder again and again
 * as departments send corrected forms, always against the same folder of last year's forms; reading each of those
 * workbooks again costs as much as reading a form being checked. So the form read from one of last year's
 * workbooks is kept, keyed by the SHA-256 of the workbook's bytes: a changed file has other bytes and is read
 * afresh, an unchanged one (wherever it lies, however it is named) is taken from here.
 *
 * An entry is one file `<sha256>.form`: a line of JSON saying what the pairing needs (department, budget year) and
 * the SHA-256 of the rest, then the form in form-codec.ts's compact JSON. An entry that is not a regular file, is
 * damaged, or does not match its checksum is ignored and written again; so is everything of another version of
 * jixiao (the folder is named by the version). The folder is kept under CACHE_LIMIT_BYTES by removing the least recently used entries.
 *
 * Where: `JIXIAO_CACHE_DIR` when set (empty: no cache), else the user's cache folder (%LOCALAPPDATA%\jixiao on
 * Windows, $XDG_CACHE_HOME/jixiao or ~/.cache/jixiao elsewhere). `--no-cache` turns it off for a run. Nothing is
 * ever written beside the user's files.
 */
import { createHash } from 'crypto';
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readSync, utimesSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DeclarationForm } from '../form/types';
import type { PreviousCandidate } from '../next/previous';
import { decodeForm, encodeForm } from './form-codec';
import { makeFolders, writeAtomically } from './fs-safe';
import { readInputFile } from './xlsx-workbook';

/** What pairing needs of one of last year's forms, kept so that pairing need not read the form. */
export type CachedMeta = PreviousCandidate;

interface MetaLine extends CachedMeta {
  /** The entry's format. */
  v: number;
  /** SHA-256 (hex) of the form's text (form-codec.ts) that follows the line. */
  sum: string;
}

/** 3: the form in form-codec.ts's compact text (1 was plain JSON, three times as long and as slow to read). */
const FORMAT = 3;
/** The cache folder's size is kept below this (a 200-department folder takes about 8 MB). */
export const CACHE_LIMIT_BYTES = 256 * 1024 * 1024;

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The cache folder for this version of jixiao, or null when there is none (turned off, or no home). */
export function cacheFolder(version: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.JIXIAO_CACHE_DIR;
  let base: string;
  if (given !== undefined) {
    if (given.trim() === '') return null;
    base = path.resolve(given);
  } else if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA;
    if (!local) return null;
    base = path.join(local, 'jixiao', 'cache');
  } else {
    const xdg = env.XDG_CACHE_HOME;
    const home = os.homedir();
    if (xdg && path.isAbsolute(xdg)) base = path.join(xdg, 'jixiao');
    else if (home) base = path.join(home, '.cache', 'jixiao');
    else return null;
  }
  return path.join(base, `previous-${version.replace(/[^0-9A-Za-z.-]/g, '_')}`);
}

/** The key of a workbook's bytes. */
export function cacheKey(bytes: Uint8Array): string {
  return sha256(bytes);
}

function entryPath(folder: string, key: string): string {
  return path.join(folder, `${key}.form`);
}

/** The first line of an entry is never longer than this (a department name is a few dozen characters). */
const META_LIMIT = 16 * 1024;
/** An entry's time of last use (its mtime) is brought up to date when it is older than this. */
const USE_MARK_MS = 3600 * 1000;
/** The first line is read this much at a time: it is usually about 200 bytes, and decoding more is wasted. */
const META_STEP = 1024;

function parseMeta(line: string): MetaLine | null {
  let meta: MetaLine;
  try {
    meta = JSON.parse(line) as MetaLine;
  } catch {
    return null;
  }
  const ok =
    meta !== null &&
    typeof meta === 'object' &&
    meta.v === FORMAT &&
    typeof meta.sum === 'string' &&
    typeof meta.key === 'string' &&
    (meta.department === null || typeof meta.department === 'string') &&
    (meta.budgetYear === null || Number.isInteger(meta.budgetYear));
  return ok ? meta : null;
}

/**
 * What pairing needs of the cached form of the workbook whose bytes have `key`, and the entry's path; null when
 * there is none or its first line cannot be trusted. Only the first line is read: the form itself is read (and its
 * checksum verified) by `readCachedForm` when a check compares with it. A hit marks the entry as used.
 */
export function readCachedMeta(folder: string, key: string): { meta: CachedMeta; entry: string } | null {
  const file = entryPath(folder, key);
  let head: string;
  let fd: number;
  try {
    // Opened without blocking and read only if it is a regular file: a FIFO or a device there is never read.
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  let used: number;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    used = st.mtimeMs;
    const buf = Buffer.allocUnsafe(META_LIMIT);
    let n = 0;
    let nl = -1;
    while (nl < 0 && n < META_LIMIT) {
      const got = readSync(fd, buf, n, Math.min(META_STEP, META_LIMIT - n), n);
      if (got === 0) break;
      nl = buf.subarray(n, n + got).indexOf(0x0a);
      if (nl >= 0) nl += n;
      n += got;
    }
    if (nl < 0) return null;
    head = buf.subarray(0, nl).toString('utf8');
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
  const meta = parseMeta(head);
  if (!meta) return null;
  // Marked as used for pruning (least recently used first); to the hour is enough, and a re-check spares the writes.
  if (Date.now() - used > USE_MARK_MS) {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // a read-only cache still serves
    }
  }
  return { meta: { key: meta.key, department: meta.department, budgetYear: meta.budgetYear }, entry: file };
}

/**
 * The form of a cache entry, when the entry is whole: its checksum matches and it decodes. Null otherwise (damaged,
 * changed, removed meanwhile by another run's pruning): the caller reads the workbook instead.
 */
export function readCachedForm(entry: string): DeclarationForm | null {
  let bytes: Buffer;
  try {
    bytes = readInputFile(entry);
  } catch {
    return null;
  }
  // The checksum is of the bytes after the first line: hashed as read, decoded once.
  const nl = bytes.indexOf(0x0a);
  const meta = nl < 0 || nl > META_LIMIT ? null : parseMeta(bytes.subarray(0, nl).toString('utf8'));
  const form = bytes.subarray(nl + 1);
  if (!meta || sha256(form) !== meta.sum) return null;
  try {
    return decodeForm(form.toString('utf8'));
  } catch {
    return null;
  }
}

/**
 * Keeps the form read from the workbook with `key` (`encoded`: the form as encodeForm gives it, when the caller has
 * it already); a cache that cannot be written is simply not used.
 */
export async function writeCached(
  folder: string,
  key: string,
  meta: CachedMeta,
  form: DeclarationForm,
  encoded?: string,
): Promise<void> {
  try {
    const formJson = encoded ?? encodeForm(form);
    const line: MetaLine = { v: FORMAT, ...meta, sum: sha256(formJson) };
    await makeFolders(folder);
    await writeAtomically(
      entryPath(folder, key),
      (temp) => fs.writeFile(temp, `${JSON.stringify(line)}\n${formJson}`),
      {
        replace: true,
      },
    );
  } catch {
    // no cache this time
  }
}

/**
 * Keeps the cache below `limit` bytes, removing the least recently used entries first, and removes the folders
 * of other versions of jixiao beside it. Never throws.
 */
export async function pruneCache(folder: string, limit = CACHE_LIMIT_BYTES): Promise<void> {
  try {
    const parent = path.dirname(folder);
    for (const d of await fs.readdir(parent)) {
      const p = path.join(parent, d);
      if (/^previous-\d+\.\d+\.\d+/.test(d) && p !== folder) await fs.rm(p, { recursive: true, force: true });
    }
    const entries: { file: string; size: number; used: number }[] = [];
    let total = 0;
    for (const name of await fs.readdir(folder)) {
      const file = path.join(folder, name);
      const st = await fs.lstat(file).catch(() => null);
      if (!st) continue;
      if (!name.endsWith('.form') || !st.isFile()) {
        // Not an entry: out, unless it is a temporary file a run may be writing now (one older than a day was left
        // by a run that was killed).
        if (!name.startsWith('.jixiao-') || st.mtimeMs < Date.now() - 24 * 3600 * 1000) {
          await fs.rm(file, { recursive: true, force: true });
        }
        continue;
      }
      entries.push({ file, size: st.size, used: st.mtimeMs });
      total += st.size;
    }
    entries.sort((a, b) => a.used - b.used);
    for (const e of entries) {
      if (total <= limit) break;
      await fs.rm(e.file, { force: true });
      total -= e.size;
    }
  } catch {
    // the cache is only a help
  }
}
