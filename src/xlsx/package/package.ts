/**
 * An .xlsx package (OPC): its parts by name, the workbook's sheets by name,
 * relationships and content types — the general pieces both reading and
 * patching a workbook are made of. Parts are read lazily and only on demand,
 * within a decompression budget; a written package copies every part that
 * was not replaced byte for byte.
 */
import { Budget, inflate, inflateTo, readZip, writeZip, type OutEntry, type ZipEntry } from './zip';
import { FastXml } from './fast-xml';
import { isXmlPart, refuseDoctype } from './prolog';
import { LimitError } from './zip';
import { escapeXml, localName } from './xml';
import { FileError } from '../errors';

export const REL_OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const REL_STRICT_OFFICE_DOCUMENT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument';
export const REL_WORKSHEET = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
export const REL_SHARED_STRINGS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings';
export const REL_STYLES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';
export const REL_COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
export const REL_VML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';
export const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
export const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

export interface PackageLimits {
  /** Decompressed bytes of all parts read together. */
  maxDecompressed: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = { maxDecompressed: 256 * 1024 * 1024 };

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  /** Part name without a leading slash: "xl/worksheets/sheet1.xml". */
  part: string;
  sheetId: string;
  relId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

/** The elements of workbook.xml whose attributes sheets() reads (the sheets, the date system). */
const SHEET_ELEMENT: ReadonlySet<string> = new Set(['sheet', 'workbookPr']);

/** Characters of a sheet name (Excel's limit). */
export const MAX_SHEET_NAME = 31;

/** Decompressed bytes of a part read whole (as text to patch, or small parts); larger parts are only streamed. */
export const MAX_WHOLE_PART = 64 * 1024 * 1024;

/** The package has no workbook: a zip, but not an .xlsx. */
export class NotAWorkbookError extends FileError {
  constructor(detail: string, message?: string) {
    super(message ?? `文件是 zip 压缩包，但其中没有 Excel 工作簿（${detail}），不是 .xlsx 文件`);
    this.name = 'NotAWorkbookError';
  }
}

/** The package is an Excel binary workbook (.xlsb), whatever its file name says. */
function binaryWorkbook(): NotAWorkbookError {
  return new NotAWorkbookError(
    '',
    '这是 Excel 二进制工作簿（.xlsb），不是 .xlsx（可能改过扩展名）：请在 Excel 中另存为 .xlsx 后再校验',
  );
}

/** Resolves a relationship target against the part that holds it ("/xl/x.xml", "../media/a.png"). */
export function resolvePart(fromPart: string, target: string): string {
  const t = decodeURIComponentSafe(target.split('#')[0]!);
  const base = t.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of t.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relative target from one part to another, as Excel writes them ("../comments1.xml"). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...from.slice(k).map(() => '..'), ...to.slice(k)].join('/');
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export class XlsxPackage {
  /** Lower-cased part name → entry (part names compare without case). */
  private readonly byName = new Map<string, ZipEntry>();
  private readonly order: ZipEntry[];
  private readonly replaced = new Map<string, Uint8Array>();
  private readonly added: string[] = [];
  /** Lower-cased names of removed parts. */
  private readonly removed = new Set<string>();
  /** What the reads of parts may inflate together; renewBudget() gives the reads that follow a budget of their own. */
  private budget: Budget;
  private readonly limits: PackageLimits;
  private sheetList: SheetEntry[] | null = null;
  /** workbook.xml's date system, read with the sheet list. */
  private dateSystem1904 = false;
  /** Relationships by source part; like the sheet list, forgotten whenever a part changes. */
  private readonly relsCache = new Map<string, Relationship[]>();
  private workbookPartName: string | null = null;

  private constructor(
    readonly bytes: Uint8Array,
    limits: PackageLimits,
  ) {
    this.order = readZip(bytes);
    for (const e of this.order) this.byName.set(e.name.replace(/^\/+/, '').toLowerCase(), e);
    this.limits = limits;
    this.budget = XlsxPackage.newBudget(limits);
    // DOCTYPE in any part refuses the package, whichever parts a command goes on to read. The prologs are read
    // against a budget of their own: what they inflate is inflated again when a part is read, and charging it to
    // the readers' budget would count those bytes twice (a part with a large comment before its root would reach
    // the limit at half its size). Each budget alone still bounds the work to the limit.
    const prologs = XlsxPackage.newBudget(limits);
    for (const e of this.order) if (isXmlPart(e)) refuseDoctype(bytes, e, prologs);
  }

  static open(bytes: Uint8Array, limits: PackageLimits = DEFAULT_PACKAGE_LIMITS): XlsxPackage {
    return new XlsxPackage(bytes, limits);
  }

  private static newBudget(limits: PackageLimits): Budget {
    const mb = Math.round(limits.maxDecompressed / 1024 / 1024);
    return new Budget(limits.maxDecompressed, `文件过大：解压后超过 ${mb} MB 的读取上限`);
  }

  /**
   * Gives the reads that follow a decompression budget of their own, of the limit the package was opened with. For a
   * command that reads one opened package in separate steps (`jixiao next`: its sheets and notes, the form, the
   * patch), each step stays bounded by the limit as when it opened the package anew, and no step is refused for
   * what another one inflated.
   */
  renewBudget(): void {
    this.budget = XlsxPackage.newBudget(this.limits);
  }

  /** Every part name, in the zip's order, then the added ones. */
  parts(): string[] {
    return [...this.order.map((e) => e.name), ...this.added].filter(
      (n) => !this.removed.has(n.replace(/^\/+/, '').toLowerCase()),
    );
  }

  has(part: string): boolean {
    const key = part.toLowerCase();
    if (this.removed.has(key)) return false;
    return this.replaced.has(key) || this.byName.has(key);
  }

  /** Takes a part out of the package (its relationships and content type are the caller's business). */
  remove(part: string): void {
    this.forget();
    const key = part.toLowerCase();
    this.replaced.delete(key);
    this.removed.add(key);
  }

  /** Drops what was read from parts that may have changed. */
  private forget(): void {
    this.sheetList = null;
    this.relsCache.clear();
  }

  private entry(part: string): ZipEntry | undefined {
    return this.byName.get(part.toLowerCase());
  }

  readBytes(part: string): Uint8Array | null {
    if (this.removed.has(part.toLowerCase())) return null;
    const own = this.replaced.get(part.toLowerCase());
    if (own) return own;
    const e = this.entry(part);
    if (!e) return null;
    if (e.size > MAX_WHOLE_PART) {
      throw new LimitError(
        `文件过大：${part} 解压后有 ${Math.round(e.size / 1024 / 1024)} MB，超过整体读取一个部件的 ${MAX_WHOLE_PART / 1024 / 1024} MB 上限`,
      );
    }
    return inflate(this.bytes, e, this.budget);
  }

  readText(part: string): string | null {
    const b = this.readBytes(part);
    return b ? utf8.decode(b) : null;
  }

  /** Streams a part's text to `sink` in chunks (for sheets: never the whole XML in memory). */
  streamText(part: string, sink: (text: string) => void): boolean {
    if (this.removed.has(part.toLowerCase())) return false;
    const own = this.replaced.get(part.toLowerCase());
    if (own) {
      sink(utf8.decode(own));
      return true;
    }
    const e = this.entry(part);
    if (!e) return false;
    const decoder = new TextDecoder('utf-8');
    inflateTo(this.bytes, e, this.budget, (chunk) => sink(decoder.decode(chunk, { stream: true })));
    const tail = decoder.decode();
    if (tail) sink(tail);
    return true;
  }

  /**
   * Reads a part's elements in stream (never its whole text: a comment of hundreds of MB is skipped as it comes).
   * With `only`, attributes are collected for the elements of those local names alone. False when there is no part.
   */
  readElements(
    part: string,
    h: { open(name: string, attrs: Record<string, string>): void; close?(name: string): void },
    only?: ReadonlySet<string>,
  ): boolean {
    const collect = only ? (name: string) => only.has(localName(name)) : () => true;
    const p = new FastXml(part, { open: h.open, close: h.close ?? (() => undefined), text: () => undefined }, collect);
    if (!this.streamText(part, (chunk) => p.write(chunk))) return false;
    p.close();
    return true;
  }

  /** Sets the content of a part, new or existing. */
  write(part: string, data: string | Uint8Array): void {
    this.forget();
    const key = part.toLowerCase();
    this.removed.delete(key);
    if (!this.byName.has(key) && !this.replaced.has(key) && !this.added.some((n) => n.toLowerCase() === key))
      this.added.push(part);
    this.replaced.set(key, typeof data === 'string' ? encoder.encode(data) : data);
  }

  /** A part name not used yet: "xl/comments" + n + ".xml". */
  freePart(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }

  relationships(part: string): Relationship[] {
    const known = this.relsCache.get(part);
    if (known) return known;
    const out: Relationship[] = [];
    this.readElements(relsPartOf(part), {
      open(name, attributes) {
        if (localName(name) !== 'Relationship') return;
        const a = attributes;
        if (a.Id && a.Target !== undefined)
          out.push({ id: a.Id, type: a.Type ?? '', target: a.Target, external: a.TargetMode === 'External' });
      },
    });
    // Kept only once read whole: a part that fails to read fails again when asked again.
    this.relsCache.set(part, out);
    return out;
  }

  /** Adds a relationship from `part` to `target` (a part name); returns its id. */
  addRelationship(part: string, type: string, targetPart: string): string {
    const relsPart = relsPartOf(part);
    const text = this.readText(relsPart);
    const taken = new Set(this.relationships(part).map((r) => r.id));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(part, targetPart))}"/>`;
    if (text && /<\/([A-Za-z_][\w.-]*:)?Relationships\s*>\s*$/.test(text)) {
      this.write(relsPart, text.replace(/<\/((?:[A-Za-z_][\w.-]*:)?Relationships)\s*>\s*$/, `${rel}</$1>`));
    } else if (text && /<([A-Za-z_][\w.-]*:)?Relationships\b[^>]*\/>\s*$/.test(text)) {
      this.write(relsPart, text.replace(/<((?:[A-Za-z_][\w.-]*:)?Relationships)\b([^>]*)\/>\s*$/, `<$1$2>${rel}</$1>`));
    } else {
      this.write(
        relsPart,
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`,
      );
    }
    return id;
  }

  /** Declares the content type of a part (an Override), or of an extension (a Default). */
  addContentType(kind: { part: string } | { extension: string }, type: string): void {
    const name = '[Content_Types].xml';
    const text = this.readText(name);
    if (text === null) throw new NotAWorkbookError('缺少 [Content_Types].xml');
    let element: string;
    if ('part' in kind) {
      const p = `/${kind.part}`;
      if (text.toLowerCase().includes(`partname="${escapeXml(p).toLowerCase()}"`)) return;
      element = `<Override PartName="${escapeXml(p)}" ContentType="${escapeXml(type)}"/>`;
    } else {
      if (new RegExp(`Extension="${kind.extension}"`, 'i').test(text)) return;
      element = `<Default Extension="${escapeXml(kind.extension)}" ContentType="${escapeXml(type)}"/>`;
    }
    this.write(name, text.replace(/<\/((?:[A-Za-z_][\w.-]*:)?Types)\s*>\s*$/, `${element}</$1>`));
  }

  /** The workbook part ("xl/workbook.xml"), from the package relationships. */
  workbookPart(): string {
    if (this.workbookPartName) return this.workbookPartName;
    if (!this.has('[Content_Types].xml')) throw new NotAWorkbookError('缺少 [Content_Types].xml');
    const rel = this.relationships('').find(
      (r) => r.type === REL_OFFICE_DOCUMENT || r.type === REL_STRICT_OFFICE_DOCUMENT,
    );
    const part = rel ? resolvePart('', rel.target) : 'xl/workbook.xml';
    if (/\.bin$/i.test(part) || (!rel && this.has('xl/workbook.bin'))) throw binaryWorkbook();
    if (!this.has(part)) throw new NotAWorkbookError(`缺少工作簿部件 ${part}`);
    this.workbookPartName = part;
    return part;
  }

  /** The workbook's sheets (worksheets only: chart sheets and dialog sheets hold no cells), in tab order. */
  sheets(): SheetEntry[] {
    if (this.sheetList) return this.sheetList;
    const wb = this.workbookPart();
    const rels = new Map(this.relationships(wb).map((r) => [r.id, r]));
    const out: SheetEntry[] = [];
    let date1904 = false;
    this.readElements(
      wb,
      {
        open(name, attributes) {
          const n = localName(name);
          if (n === 'workbookPr') {
            const v = attributes.date1904;
            date1904 = v === '1' || v === 'true';
            return;
          }
          if (n !== 'sheet') return;
          const a = attributes;
          const relId = Object.entries(a).find(([k]) => localName(k) === 'id' && k.includes(':'))?.[1] ?? '';
          const rel = rels.get(relId);
          if (!rel || rel.external || !/\/worksheet$/.test(rel.type)) return;
          const state: SheetEntry['state'] =
            a.state === 'hidden' ? 'hidden' : a.state === 'veryHidden' ? 'veryHidden' : 'visible';
          // Excel holds 31 characters; a longer name would be repeated in every cell reference of the output.
          const sheetName = a.name ?? '';
          if (sheetName.length > MAX_SHEET_NAME) {
            throw new LimitError(
              `文件已损坏：工作表“${sheetName.slice(0, 10)}…”的名称长 ${sheetName.length.toLocaleString('en-US')} 个字符，超过 Excel 的 ${MAX_SHEET_NAME} 个字符上限`,
            );
          }
          out.push({ name: a.name ?? '', part: resolvePart(wb, rel.target), sheetId: a.sheetId ?? '', relId, state });
        },
      },
      SHEET_ELEMENT,
    );
    this.sheetList = out;
    this.dateSystem1904 = date1904;
    return out;
  }

  /** True when the workbook counts dates from 1904 (workbookPr date1904). */
  date1904(): boolean {
    this.sheets();
    return this.dateSystem1904;
  }

  sheet(name: string): SheetEntry | undefined {
    return this.sheets().find((s) => s.name === name);
  }

  /** The package as a zip: unchanged parts as they were stored, replaced and added ones anew. */
  toBytes(): Uint8Array {
    const out: OutEntry[] = [];
    for (const e of this.order) {
      const key = e.name.replace(/^\/+/, '').toLowerCase();
      if (this.removed.has(key)) continue;
      const own = this.replaced.get(key);
      out.push(own ? { name: e.name, data: own, as: e } : { name: e.name, copyOf: e, source: this.bytes });
    }
    for (const name of this.added)
      if (!this.removed.has(name.toLowerCase())) out.push({ name, data: this.replaced.get(name.toLowerCase())! });
    return writeZip(out);
  }
}
