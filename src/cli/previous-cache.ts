/**
 * The cache of last year's forms (`jixiao check --previous`). A reviewer checks this year's folder again and again
 * as departments send corrected forms, always against the same folder of last year's forms; reading each of those
 * workbooks again costs as much as reading a form being checked. So the form read from one of last year's
 * workbooks is kept, keyed by the SHA-256 of the workbook's bytes: a changed file has other bytes and is read
 * afresh, an unchanged one (wherever it lies, however it is named) is taken from here.
 *
 * An entry is one file `<sha256>.form`: a line of JSON saying what the pairing needs (department, budget year) and
 * the CRC-32 of the rest (it finds damage: the folder is the user's own), then the form in form-codec.ts's compact
 * JSON. An entry that is not a regular file, is
 * damaged, or does not match its checksum is ignored and written again; so is everything of another version of
 * jixiao (the folder is named by the version). The folder is kept under CACHE_LIMIT_BYTES by removing the least recently used entries.
 *
 * Beside the entries, `files.json` (KnownFiles) remembers which workbook (by its real path, and its file status:
 * device, inode, size, modification and change times) had which key, so that a re-check finds last year's forms
 * without reading and hashing the workbooks at all. A workbook is remembered only once its status has stood still
 * for SETTLE_MS, and any change to the file changes its change time: a changed workbook is read and hashed again.
 *
 * Where: `JIXIAO_CACHE_DIR` when set (empty: no cache), else the user's cache folder (%LOCALAPPDATA%\jixiao on
 * Windows, $XDG_CACHE_HOME/jixiao or ~/.cache/jixiao elsewhere). `--no-cache` turns it off for a run. Nothing is
 * ever written beside the user's files.
 */
import { createHash } from 'crypto';
import { crc32 } from 'zlib';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  openSync,
  promises as fs,
  readSync,
  statSync,
  utimesSync,
  type Stats,
} from 'fs';
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
  /** CRC-32 (hex) of the form's text (form-codec.ts) that follows the line. */
  sum: string;
}

/**
 * 4: the form in form-codec.ts's compact text with compact indicator rows, under a CRC-32 (1 was plain JSON, four
 * times as long and many times as slow to read; 3 had cells only compact, under a SHA-256).
 */
const FORMAT = 4;
/** The cache folder's size is kept below this (a 200-department folder takes about 8 MB). */
export const CACHE_LIMIT_BYTES = 256 * 1024 * 1024;

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The checksum of an entry's form: a CRC-32 finds a damaged entry at a tenth of a SHA-256's cost. */
export function entrySum(data: string | Uint8Array): string {
  return crc32(data).toString(16);
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
 * Marks the entry `file` (last marked at `used`, its mtime) as used, for pruning least recently used first. To the
 * hour is enough, and a re-check spares the writes.
 */
function markUsed(file: string, used: number): void {
  if (Date.now() - used <= USE_MARK_MS) return;
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // a read-only cache still serves
  }
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
  markUsed(file, used);
  return { meta: { key: meta.key, department: meta.department, budgetYear: meta.budgetYear }, entry: file };
}

/**
 * The entry of `key` when it is there (a regular file), marked as used as readCachedMeta marks it; null otherwise.
 * Its content is verified when the form is read (readCachedForm).
 */
export function entryInUse(folder: string, key: string): string | null {
  const file = entryPath(folder, key);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) return null;
  markUsed(file, st.mtimeMs);
  return file;
}

/** A workbook's file status as KnownFiles compares it, and whether it has stood still long enough to be trusted. */
export interface FileSignature {
  sig: string;
  settled: boolean;
}

/** A workbook's status stands still this long before KnownFiles trusts it (a change in the same tick of the clock
 * would not change it). */
export const SETTLE_MS = 2000;

/** The status of the regular file `file` (null for anything else, or none); `st`: its status taken already. */
export function fileSignature(file: string, st?: Stats | null, now = Date.now()): FileSignature | null {
  if (st === undefined) {
    try {
      st = statSync(file, { throwIfNoEntry: false });
    } catch {
      return null;
    }
  }
  if (!st?.isFile()) return null;
  return {
    sig: `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`,
    settled: Math.max(st.mtimeMs, st.ctimeMs) < now - SETTLE_MS,
  };
}

/** What KnownFiles remembers of one workbook. */
export interface KnownFile {
  sig: string;
  /** The cache key of its bytes. */
  key: string;
  meta: CachedMeta;
}

const KNOWN_FILES = 'files.json';
/**
 * files.json keeps at most KNOWN_KEPT workbooks (the most recently remembered; a record is 300–450 bytes), and is
 * read up to KNOWN_LIMIT bytes: a larger one is not ours, and parsing it could take more memory than a check.
 */
export const KNOWN_LIMIT = 4 * 1024 * 1024;
const KNOWN_KEPT = 5_000;
const KNOWN_FORMAT = 1;

function isKnownFile(x: unknown): x is KnownFile {
  if (x === null || typeof x !== 'object') return false;
  const r = x as KnownFile;
  const m = r.meta as unknown as CachedMeta | null;
  return (
    typeof r.sig === 'string' &&
    typeof r.key === 'string' &&
    /^[0-9a-f]{64}$/.test(r.key) &&
    m !== null &&
    typeof m === 'object' &&
    typeof m.key === 'string' &&
    (m.department === null || typeof m.department === 'string') &&
    (m.budgetYear === null || Number.isInteger(m.budgetYear))
  );
}

/**
 * The workbooks of last year whose key is known by their real path and status (files.json, see the module's
 * comment). Never throws: a missing or damaged files.json is an empty one.
 */
export class KnownFiles {
  private changed = false;

  private constructor(
    private readonly folder: string,
    private readonly files: Map<string, KnownFile>,
  ) {}

  static load(folder: string): KnownFiles {
    const files = new Map<string, KnownFile>();
    try {
      const o = JSON.parse(readInputFile(path.join(folder, KNOWN_FILES), KNOWN_LIMIT).toString('utf8')) as {
        v?: unknown;
        files?: unknown;
      };
      if (o?.v === KNOWN_FORMAT && Array.isArray(o.files)) {
        for (const item of o.files as unknown[]) {
          if (!Array.isArray(item) || typeof item[0] !== 'string' || !isKnownFile(item[1])) continue;
          const { sig, key, meta } = item[1];
          files.set(item[0], {
            sig,
            key,
            meta: { key: meta.key, department: meta.department, budgetYear: meta.budgetYear },
          });
        }
      }
    } catch {
      // none yet, or not to be trusted: an empty one
    }
    return new KnownFiles(folder, files);
  }

  /** The workbook `id` (its real path, previous-plan.ts's fileIdentity), when it still has status `sig`. */
  find(id: string, sig: string): KnownFile | null {
    const f = this.files.get(id);
    return f && f.sig === sig ? f : null;
  }

  /** Remembers the workbook `id` (its status settled, its bytes read as they were when `sig` was taken). */
  remember(id: string, file: KnownFile): void {
    const had = this.files.get(id);
    if (had && had.sig === file.sig && had.key === file.key) return;
    this.files.delete(id);
    this.files.set(id, file);
    this.changed = true;
  }

  /** Writes files.json when anything was remembered, without workbooks whose entry is gone. Never throws. */
  async save(): Promise<void> {
    if (!this.changed) return;
    try {
      const present = new Set(await fs.readdir(this.folder));
      const kept = [...this.files].filter(([, f]) => present.has(`${f.key}.form`)).slice(-KNOWN_KEPT);
      await writeAtomically(
        path.join(this.folder, KNOWN_FILES),
        (temp) => fs.writeFile(temp, JSON.stringify({ v: KNOWN_FORMAT, files: kept })),
        { replace: true },
      );
      this.changed = false;
    } catch {
      // remembered next time
    }
  }
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
  if (!meta || entrySum(form) !== meta.sum) return null;
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
    const line: MetaLine = { v: FORMAT, ...meta, sum: entrySum(formJson) };
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
      if (name === KNOWN_FILES && st.isFile()) continue;
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
