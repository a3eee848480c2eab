/**
 * Builds .xlsx packages part by part for tests (fflate directly, not the code
 * under test): the bundled example taken apart, parts changed or added, and
 * zipped again — or zips that are no workbook at all.
 */
import { readFileSync } from 'fs';
import { Deflate, strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import * as path from 'path';
import { crc32, deflateRawSync } from 'zlib';

export const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
export const FORM_PART = 'xl/worksheets/sheet1.xml';

export type Parts = Record<string, Uint8Array>;

export function unzipParts(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

export function exampleParts(): Parts {
  return unzipParts(readFileSync(EXAMPLE));
}

export function text(parts: Parts, name: string): string {
  const p = parts[name];
  if (!p) throw new Error(`no part ${name}`);
  return strFromU8(p);
}

export function setText(parts: Parts, name: string, value: string): void {
  parts[name] = strToU8(value);
}

/**
 * The example's parts with text a workbook cannot hold (issue 21 points 10 and 13): a department name holding U+FFFE
 * and U+FFFF, and a 32,767-character text in G11 (quoted by its finding).
 */
export function unholdableTextParts(): Parts {
  const parts = exampleParts();
  setText(
    parts,
    'xl/sharedStrings.xml',
    text(parts, 'xl/sharedStrings.xml').replace('阳新县信访局', '阳新县\ufffe信访局\uffff'),
  );
  setText(
    parts,
    FORM_PART,
    text(parts, FORM_PART).replace(
      '<c r="G11" s="7"><v>0.8399</v></c>',
      `<c r="G11" s="7" t="inlineStr"><is><t>${'占'.repeat(32767)}</t></is></c>`,
    ),
  );
  return parts;
}

export function zipParts(parts: Parts): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) z[k] = [v, { level: 6 }];
  return zipSync(z);
}

/** Adds a worksheet part named `name` to the workbook (rels, content types, sheets list). */
export function addSheet(parts: Parts, name: string, sheetXml: string): string {
  const n = Object.keys(parts).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).length + 1;
  const part = `xl/worksheets/sheet${n}.xml`;
  setText(parts, part, sheetXml);
  const relId = `rIdT${n}`;
  setText(
    parts,
    'xl/_rels/workbook.xml.rels',
    text(parts, 'xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      `<Relationship Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    ),
  );
  setText(
    parts,
    '[Content_Types].xml',
    text(parts, '[Content_Types].xml').replace(
      '</Types>',
      `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
  );
  setText(
    parts,
    'xl/workbook.xml',
    text(parts, 'xl/workbook.xml').replace(
      '</sheets>',
      `<sheet sheetId="${n + 10}" name="${name}" r:id="${relId}"/></sheets>`,
    ),
  );
  return part;
}

export function sheetXml(body: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${body}</sheetData>${after}</worksheet>`;
}

/** Inserts rows at the end of the form sheet's sheetData, and elements after it. */
export function appendToForm(parts: Parts, rows: string, afterSheetData = ''): void {
  let xml = text(parts, FORM_PART).replace('</sheetData>', `${rows}</sheetData>`);
  if (afterSheetData) xml = xml.replace('</mergeCells>', `${afterSheetData}</mergeCells>`);
  setText(parts, FORM_PART, xml);
}

/**
 * A zip whose `part` inflates to `bytes` bytes of `filler` between `head` and
 * `tail`, deflated as it is produced (the test never holds it whole).
 */
export function bombZip(
  parts: Parts,
  part: string,
  head: string,
  filler: string,
  bytes: number,
  tail: string,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (c) => chunks.push(c));
  // The true size and CRC go into the directory: a reader that reads the part to its end finds them right.
  let crc = 0;
  let stated = 0;
  const push = (b: Uint8Array, final = false) => {
    crc = crc32(b, crc);
    stated += b.length;
    d.push(b, final);
  };
  push(strToU8(head));
  const block = strToU8(filler.repeat(Math.ceil((1 << 20) / filler.length)));
  for (let n = 0; n < bytes; n += block.length) push(block);
  push(strToU8(tail), true);
  let size = 0;
  for (const c of chunks) size += c.length;
  const compressed = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    compressed.set(c, at);
    at += c.length;
  }
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) if (k !== part) z[k] = v;
  const base = zipSync(z);
  return appendStoredDeflated(base, part, compressed, crc, stated);
}

/** Adds an already-deflated entry to a zip (fflate cannot take one), with its CRC and size as given. */
function appendStoredDeflated(
  zip: Uint8Array,
  name: string,
  deflated: Uint8Array,
  crc: number,
  size: number,
): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const nameBytes = strToU8(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, size, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, size, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(42, cdOffset, true);
  central.set(nameBytes, 46);
  const oldCd = zip.subarray(cdOffset, cdOffset + cdSize);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, count + 1, true);
  ev.setUint16(10, count + 1, true);
  ev.setUint32(12, cdSize + central.length, true);
  ev.setUint32(16, cdOffset + local.length + deflated.length, true);
  const out = new Uint8Array(cdOffset + local.length + deflated.length + cdSize + central.length + 22);
  let at = 0;
  for (const piece of [zip.subarray(0, cdOffset), local, deflated, oldCd, central, end]) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** One entry of a zip written by `rawZip`: the name as text (UTF-8) or as the very bytes to store. */
export interface RawEntry {
  name: string | Uint8Array;
  data: Uint8Array;
  /** Deflated (default) or stored. */
  stored?: boolean;
  /** The general-purpose flag's bit 11 (names are UTF-8); default: set for a text name, clear for bytes. */
  utf8?: boolean;
  /** The CRC-32 the directory states; default the true one. */
  crc?: number;
}

/**
 * A zip written entry by entry with what fflate cannot do: names as raw bytes in any encoding with or without the
 * UTF-8 flag, two entries of one name, a wrong CRC, and zip64's end records (written when there are more than
 * 65,535 entries, as Info-ZIP and 7-Zip do).
 */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? strToU8(e.name) : e.name;
    const utf8 = e.utf8 ?? typeof e.name === 'string';
    const data = e.stored ? e.data : deflateRawSync(e.data);
    const crc = e.crc ?? crc32(e.data);
    const head = (sig: number, size: number) => {
      const b = new Uint8Array(size + name.length);
      const v = new DataView(b.buffer);
      v.setUint32(0, sig, true);
      return { b, v };
    };
    const { b: local, v: lv } = head(0x04034b50, 30);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, utf8 ? 0x0800 : 0, true);
    lv.setUint16(8, e.stored ? 0 : 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, e.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const { b: central, v: cv } = head(0x02014b50, 46);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, utf8 ? 0x0800 : 0, true);
    cv.setUint16(10, e.stored ? 0 : 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const tail: Uint8Array[] = [];
  const many = entries.length > 0xffff;
  if (many) {
    const rec = new Uint8Array(56);
    const rv = new DataView(rec.buffer);
    rv.setUint32(0, 0x06064b50, true);
    rv.setBigUint64(4, BigInt(44), true);
    rv.setUint16(12, 45, true);
    rv.setUint16(14, 45, true);
    rv.setBigUint64(24, BigInt(entries.length), true);
    rv.setBigUint64(32, BigInt(entries.length), true);
    rv.setBigUint64(40, BigInt(cdSize), true);
    rv.setBigUint64(48, BigInt(offset), true);
    const loc = new Uint8Array(20);
    const lv = new DataView(loc.buffer);
    lv.setUint32(0, 0x07064b50, true);
    lv.setBigUint64(8, BigInt(offset + cdSize), true);
    lv.setUint32(16, 1, true);
    tail.push(rec, loc);
  }
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, many ? 0xffff : entries.length, true);
  ev.setUint16(10, many ? 0xffff : entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  tail.push(end);
  return Buffer.concat([...locals, ...centrals, ...tail]);
}

/** The example's parts as raw entries, in the order the example stores them. */
export function rawEntries(parts: Parts): RawEntry[] {
  return Object.entries(parts).map(([name, data]) => ({ name, data }));
}

/** A zip's central directory as stored: each entry's name bytes, flags and CRC, and the entry count the end says. */
export interface Directory {
  count: number;
  zip64: boolean;
  entries: { name: Uint8Array; flags: number; crc: number; localName: Uint8Array }[];
}

/** Reads a zip's central directory (independently of the code under test), zip64 end records included. */
export function readDirectory(zip: Uint8Array): Directory {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  let count = v.getUint16(eocd + 10, true);
  let cdOffset = v.getUint32(eocd + 16, true);
  let zip64 = false;
  if (eocd >= 20 && v.getUint32(eocd - 20, true) === 0x07064b50) {
    const at = Number(v.getBigUint64(eocd - 12, true));
    if (v.getUint32(at, true) !== 0x06064b50) throw new Error('zip64 locator points at no zip64 end record');
    zip64 = true;
    count = Number(v.getBigUint64(at + 32, true));
    cdOffset = Number(v.getBigUint64(at + 48, true));
  }
  const entries: Directory['entries'] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error(`central entry ${k} is not where the count says`);
    const nameLen = v.getUint16(p + 28, true);
    const local = v.getUint32(p + 42, true);
    entries.push({
      name: zip.slice(p + 46, p + 46 + nameLen),
      flags: v.getUint16(p + 8, true),
      crc: v.getUint32(p + 16, true),
      localName: zip.slice(local + 30, local + 30 + v.getUint16(local + 26, true)),
    });
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return { count, zip64, entries };
}
