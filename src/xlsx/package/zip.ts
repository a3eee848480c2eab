/**
 * The zip container of an .xlsx, read and written without trusting it: the
 * central directory is checked against the file's bounds, entries are
 * inflated in chunks against a byte budget (a decompression bomb stops at the
 * budget, not at the end of memory), and entries that are not changed are
 * written back as the very bytes they were read as.
 */
import { Inflate, deflateSync } from 'fflate';
import * as zlib from 'zlib';
import { FileError } from '../errors';

/** A limit of the reader was reached; the message is Chinese and says which. */
export class LimitError extends FileError {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

/** The container is not a zip we can read; the message is Chinese. */
export class ZipError extends FileError {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  /** The name as read (UTF-8, or as best decoded): used to look parts up. */
  name: string;
  /** The name's bytes exactly as stored: a copy writes these, so a name in any encoding comes back unchanged. */
  rawName: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
  flags: number;
  time: number;
  date: number;
}

/** Decompressed bytes a reader may still produce; shared by every part of one file. */
export class Budget {
  constructor(
    public remaining: number,
    private readonly what: string,
  ) {}

  take(n: number): void {
    this.remaining -= n;
    if (this.remaining < 0) throw new LimitError(this.what);
  }
}

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** More entries than any workbook has: a directory claiming more is hostile. */
const MAX_ENTRIES = 100_000;

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function u64(b: Uint8Array, at: number): number {
  return u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const damaged = (why: string) => new ZipError(`文件已损坏，或不是 .xlsx 格式（${why}）`);

/** The entries of the central directory, in their order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('找不到 zip 目录，文件可能不完整');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (eocd >= 20 && u32(bytes, eocd - 20) === EOCD64_LOCATOR_SIG) {
    const at = u64(bytes, eocd - 12);
    if (at + 56 > bytes.length || u32(bytes, at) !== EOCD64_SIG) throw damaged('zip64 目录位置不对');
    count = u64(bytes, at + 32);
    cdSize = u64(bytes, at + 40);
    cdOffset = u64(bytes, at + 48);
  }
  if (count > MAX_ENTRIES) throw new LimitError(`文件过大：zip 中有 ${count} 个条目`);
  if (cdOffset + cdSize > bytes.length) throw damaged('zip 目录超出文件末尾，文件可能不完整');
  const entries: ZipEntry[] = [];
  /** Names seen, compared as part names are (without case): two entries of one name make the package ambiguous. */
  const seen = new Set<string>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== CENTRAL_SIG) throw damaged('zip 目录条目损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const time = u16(bytes, p + 12);
    const date = u16(bytes, p + 14);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let offset = u32(bytes, p + 42);
    if (p + 46 + nameLen + extraLen > bytes.length) throw damaged('zip 目录条目损坏');
    const rawName = bytes.slice(p + 46, p + 46 + nameLen);
    const name = utf8.decode(rawName);
    const key = name.replace(/^\/+/, '').toLowerCase();
    if (seen.has(key)) throw damaged(`zip 中有两个同名的条目 ${name.slice(0, 100)}，无法确定读取哪一个`);
    seen.add(key);
    // zip64: the sizes and offset that do not fit 32 bits live in extra field 0x0001, in this order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(bytes, x);
      const len = u16(bytes, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (offset === 0xffffffff && q + 8 <= x + 4 + len) offset = u64(bytes, q);
      }
      x += 4 + len;
    }
    if (offset + 30 > bytes.length) throw damaged(`条目 ${name} 的位置超出文件末尾`);
    entries.push({ name, rawName, method, crc, compressedSize, size, offset, flags, time, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry, as stored. */
export function rawData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  if (u32(bytes, e.offset) !== LOCAL_SIG) throw damaged(`条目 ${e.name} 的本地头损坏`);
  const start = e.offset + 30 + u16(bytes, e.offset + 26) + u16(bytes, e.offset + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw damaged(`条目 ${e.name} 超出文件末尾，文件可能不完整`);
  return bytes.subarray(start, end);
}

/**
 * zlib's one-call raw inflate, in node. The panes' browsers have no zlib (their bundles stand an empty module in
 * for it): there every entry is inflated in stream by fflate, under the same budget.
 */
const inflateRawSync = (zlib as Partial<Pick<typeof zlib, 'inflateRawSync'>>).inflateRawSync;

/** Entries up to this size (as the directory states it) are inflated in one call. */
const WHOLE_ENTRY = 16 * 1024 * 1024;

/** Compressed bytes per push: deflate expands at most ~1,000-fold, so one push never yields more than a few MB. */
const CHUNK = 4 * 1024;
/** Compressed bytes per push when inflating in stream: at most ~256 KB come out of one (small garbage, collected young). */
const INFLATE_CHUNK = 1024;

/**
 * Inflates an entry chunk by chunk, handing each piece to `sink` and charging
 * it to `budget` before anything else happens to it.
 */
export function inflateTo(bytes: Uint8Array, e: ZipEntry, budget: Budget, sink: (chunk: Uint8Array) => void): void {
  const raw = rawData(bytes, e);
  if (e.flags & 1) throw new ZipError(`条目 ${e.name} 已加密，无法读取`);
  if (inflateRawSync && e.method === 8 && e.size <= WHOLE_ENTRY && e.size <= budget.remaining) {
    // The usual case, in one call to zlib (native code: a fresh worker has nothing to warm up), which stops at one
    // byte more than the size the directory states. An entry that reaches it is longer than stated (a bomb in
    // disguise, or damage).
    budget.take(e.size);
    let out: Uint8Array;
    try {
      out = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
    } catch (err) {
      if (err instanceof RangeError) throw damaged(`条目 ${e.name} 的实际大小与目录不符`);
      throw damaged(`条目 ${e.name} 解压失败`);
    }
    if (out.length !== e.size) throw damaged(`条目 ${e.name} 的实际大小与目录不符`);
    if (crc32(out) !== e.crc) throw badCrc(e);
    sink(out);
    return;
  }
  if (e.method === 0) {
    let crc = 0;
    for (let i = 0; i < raw.length; i += CHUNK) {
      const piece = raw.subarray(i, Math.min(raw.length, i + CHUNK));
      budget.take(piece.length);
      crc = crc32(piece, crc);
      sink(piece);
    }
    if (crc !== e.crc) throw badCrc(e);
    return;
  }
  if (e.method !== 8) throw new ZipError(`条目 ${e.name} 使用了不支持的压缩方式（${e.method}）`);
  // An error of the consumer (a limit, bad XML) is its own; only fflate's errors mean a damaged entry.
  let consumerError: unknown = null;
  let crc = 0;
  const inflater = new Inflate((chunk) => {
    try {
      budget.take(chunk.length);
      crc = crc32(chunk, crc);
      sink(chunk);
    } catch (err) {
      consumerError = err;
      throw err;
    }
  });
  try {
    for (let i = 0; i < raw.length; i += INFLATE_CHUNK) {
      inflater.push(raw.subarray(i, Math.min(raw.length, i + INFLATE_CHUNK)), i + INFLATE_CHUNK >= raw.length);
    }
    if (raw.length === 0) inflater.push(new Uint8Array(0), true);
  } catch {
    if (consumerError !== null) throw consumerError;
    throw damaged(`条目 ${e.name} 解压失败`);
  }
  if (crc !== e.crc) throw badCrc(e);
}

/** The entry's bytes do not match the checksum the zip stored for them: damaged in transit or on disk. */
function badCrc(e: ZipEntry): ZipError {
  return damaged(`条目 ${e.name.slice(0, 100)} 的校验和（CRC）与内容不符`);
}

/** The whole entry, within the budget. */
export function inflate(bytes: Uint8Array, e: ZipEntry, budget: Budget): Uint8Array {
  const parts: Uint8Array[] = [];
  let n = 0;
  inflateTo(bytes, e, budget, (c) => {
    n += c.length;
    if (n > e.size) throw damaged(`条目 ${e.name} 的实际大小与目录不符`);
    // fflate may reuse its output buffer between calls: keep a copy.
    parts.push(c.slice());
  });
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An entry of a zip to write: copied as stored, or new content to deflate. */
export type OutEntry =
  | { name: string; copyOf: ZipEntry; source: Uint8Array }
  /** `as`: the entry this one replaces, whose name bytes (and their encoding flag) are kept. */
  | { name: string; data: Uint8Array; as?: ZipEntry };

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** zlib's native CRC-32 where Node has it (20.15 and later), else the table below. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `data`, continuing from `previous` (the CRC of the bytes before it). */
export function crc32(data: Uint8Array, previous = 0): number {
  if (nativeCrc32) return nativeCrc32(data, previous);
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A little-endian 64-bit field from a safe integer, without BigInt (newer than the WPS pane's floor engine). */
function setUint64(view: DataView, at: number, n: number): void {
  view.setUint32(at, n >>> 0, true);
  view.setUint32(at + 4, Math.floor(n / 0x100000000), true);
}

/** A zip of the entries, in order; zip64's end records when there are more than 65,535 entries. */
export function writeZip(entries: OutEntry[]): Uint8Array {
  const now = dosNow();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const enc = new TextEncoder();
  for (const e of entries) {
    // A name read from the zip is written back as the very bytes it was stored as, with its encoding flag.
    const original = 'copyOf' in e ? e.copyOf : e.as;
    const name = original ? original.rawName : enc.encode(e.name);
    const flags = original ? original.flags & 0x0800 : 0x0800;
    let data: Uint8Array;
    let method: number;
    let crc: number;
    let size: number;
    let time = now.time;
    let date = now.date;
    if ('copyOf' in e) {
      data = rawData(e.source, e.copyOf);
      ({ method, crc, size, time, date } = e.copyOf);
    } else {
      crc = crc32(e.data);
      size = e.data.length;
      data = deflateSync(e.data, { level: 6 });
      method = 8;
      if (data.length >= size) {
        data = e.data;
        method = 0;
      }
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_SIG, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL_SIG, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const zip64 = entries.length > 0xffff;
  const tail: Uint8Array[] = [];
  if (zip64) {
    // The zip64 end of central directory record and its locator, before the classic end record.
    const rec = new Uint8Array(56);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, EOCD64_SIG, true);
    setUint64(rv, 4, 44);
    rv.setUint16(12, 45, true);
    rv.setUint16(14, 45, true);
    setUint64(rv, 24, entries.length);
    setUint64(rv, 32, entries.length);
    setUint64(rv, 40, cdSize);
    setUint64(rv, 48, offset);
    const loc = new Uint8Array(20);
    const lv = new DataView(loc.buffer);
    lv.setUint32(0, EOCD64_LOCATOR_SIG, true);
    setUint64(lv, 8, offset + cdSize);
    lv.setUint32(16, 1, true);
    tail.push(rec, loc);
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD_SIG, true);
  ev.setUint16(8, zip64 ? 0xffff : entries.length, true);
  ev.setUint16(10, zip64 ? 0xffff : entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  tail.push(end);
  const out = new Uint8Array(offset + cdSize + tail.reduce((n, t) => n + t.length, 0));
  let at = 0;
  for (const part of [...locals, ...centrals, ...tail]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
