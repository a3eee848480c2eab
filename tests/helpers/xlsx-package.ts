/**
 * Builds .xlsx packages part by part for tests (fflate directly, not the code
 * under test): the bundled example taken apart, parts changed or added, and
 * zipped again — or zips that are no workbook at all.
 */
import { readFileSync } from 'fs';
import { Deflate, strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import * as path from 'path';

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
  d.push(strToU8(head));
  const block = strToU8(filler.repeat(Math.ceil((1 << 20) / filler.length)));
  for (let n = 0; n < bytes; n += block.length) d.push(block);
  d.push(strToU8(tail), true);
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
  return appendStoredDeflated(base, part, compressed);
}

/**
 * Adds an already-deflated entry to a zip (fflate cannot take one), with a
 * CRC that does not matter to a reader that stops at its budget first.
 */
function appendStoredDeflated(zip: Uint8Array, name: string, deflated: Uint8Array): Uint8Array {
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
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, 0xfffffff0, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, 0xfffffff0, true);
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
