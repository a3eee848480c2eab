/**
 * Edits an .xlsx package in place, part by part: a few cells of one sheet
 * rewritten in the sheet XML, whole sheets dropped, the calculation chain
 * removed and a full recalculation asked for on open. Every other byte of
 * every other part stays as it was — unlike loading and saving with ExcelJS,
 * which loses page breaks, images, validation details and more.
 *
 * The XML is treated as hostile: element prefixes, rows and cells without an
 * `r` attribute, self-closing rows and cells are handled; anything the module
 * cannot place raises a Chinese error naming the sheet and cell.
 */
import JSZip from 'jszip';
import { a1, columnIndex, quotedSheet } from '../../sheet/ref';
import { isCellError, type CellValue } from '../../sheet/grid';

export type CellPatch =
  /** A constant (null empties the cell; its style stays). */
  | { row: number; col: number; kind: 'value'; value: number | string | null }
  /** A formula cell keeps its formula; only its cached result changes (null: no cached result). */
  | { row: number; col: number; kind: 'result'; value: CellValue };

export interface PackagePatch {
  /** Sheet whose cells are patched (by its name in the workbook). */
  sheet: string;
  cells: CellPatch[];
  /** Sheets removed with their own parts (names; missing ones are ignored). */
  dropSheets?: string[];
}

export interface PatchOutcome {
  bytes: Uint8Array;
  /** The sheets that were dropped. */
  dropped: string[];
}

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

interface SheetEntry {
  name: string;
  rid: string;
  /** Part path inside the zip ("xl/worksheets/sheet1.xml"). */
  path: string;
  /** The whole <sheet .../> element in workbook.xml. */
  element: string;
}

export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(CONTROL, '');
}

/** Characters XML 1.0 cannot hold (C0 controls other than tab, line feed, carriage return). */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Attributes of a start tag's attribute text, by qualified name. */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.set(m[1]!, xmlUnescape(m[3] ?? m[4] ?? ''));
  return out;
}

function attrText(attrs: Map<string, string>): string {
  let s = '';
  for (const [k, v] of attrs) s += ` ${k}="${xmlEscape(v)}"`;
  return s;
}

/** Resolves a relationship target against the folder of the part that owns the relationships. */
function resolveTarget(ownerPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPath.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPathOf(partPath: string): string {
  const i = partPath.lastIndexOf('/');
  return `${partPath.slice(0, i + 1)}_rels/${partPath.slice(i + 1)}.rels`;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  element: string;
}

function relationships(xml: string): Relationship[] {
  const out: Relationship[] = [];
  const re = /<(?:\w+:)?Relationship\b([^>]*?)\/?>(?:\s*<\/(?:\w+:)?Relationship>)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const a = attributes(m[1]!);
    out.push({
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: a.get('Target') ?? '',
      external: a.get('TargetMode') === 'External',
      element: m[0],
    });
  }
  return out;
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const f = zip.file(path);
  return f ? f.async('string') : null;
}

/** The workbook part, from the package relationships. */
async function workbookPath(zip: JSZip): Promise<string> {
  const rels = await text(zip, '_rels/.rels');
  const rel = rels ? relationships(rels).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  const path = rel ? resolveTarget('', rel.target) : 'xl/workbook.xml';
  if (!zip.file(path)) throw new PackageError('工作簿缺少 workbook.xml，不是有效的 .xlsx 文件');
  return path;
}

function sheetEntries(workbookXml: string, rels: Relationship[], wbPath: string): SheetEntry[] {
  const out: SheetEntry[] = [];
  const sheets = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml);
  if (!sheets) return out;
  const re = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sheets[1]!))) {
    const a = attributes(m[1]!);
    let rid = '';
    for (const [k, v] of a) if (k === 'r:id' || /:id$/.test(k)) rid = v;
    const rel = rels.find((r) => r.id === rid);
    out.push({
      name: a.get('name') ?? '',
      rid,
      path: rel ? resolveTarget(wbPath, rel.target) : '',
      element: m[0],
    });
  }
  return out;
}

/** Applies the patch to the bytes of an .xlsx and returns the new bytes. */
export async function patchPackage(bytes: Uint8Array | ArrayBuffer, patch: PackagePatch): Promise<PatchOutcome> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { createFolders: false });
  } catch (err) {
    throw new PackageError(`文件已损坏，或不是 .xlsx 格式（${err instanceof Error ? err.message : String(err)}）`);
  }
  const wbPath = await workbookPath(zip);
  const wbRelsPath = relsPathOf(wbPath);
  let workbookXml = (await text(zip, wbPath))!;
  let wbRels = (await text(zip, wbRelsPath)) ?? '';
  let contentTypes = (await text(zip, '[Content_Types].xml')) ?? '';
  const rels = relationships(wbRels);
  const sheets = sheetEntries(workbookXml, rels, wbPath);

  const target = sheets.find((s) => s.name === patch.sheet);
  if (!target || !zip.file(target.path)) throw new PackageError(`工作簿中没有工作表“${patch.sheet}”`);
  const sheetXml = (await text(zip, target.path))!;
  zip.file(target.path, patchSheetXml(sheetXml, patch.cells, patch.sheet));

  // Sheets dropped, last first so that indices of the earlier ones stay right.
  const dropped: string[] = [];
  const drop = new Set(patch.dropSheets ?? []);
  const removedIndices: number[] = [];
  sheets.forEach((s, i) => {
    if (drop.has(s.name) && s.name !== patch.sheet) removedIndices.push(i);
  });
  for (const i of [...removedIndices].reverse()) {
    const s = sheets[i]!;
    dropped.unshift(s.name);
    workbookXml = workbookXml.replace(s.element, '');
    const rel = rels.find((r) => r.id === s.rid);
    if (rel) wbRels = wbRels.replace(rel.element, '');
    contentTypes = await removePart(zip, s.path, contentTypes);
  }
  if (removedIndices.length) {
    workbookXml = fixDefinedNames(workbookXml, removedIndices, dropped);
    const targetIndex = sheets.indexOf(target) - removedIndices.filter((i) => i < sheets.indexOf(target)).length;
    workbookXml = fixBookViews(workbookXml, removedIndices, sheets.length, targetIndex);
  }

  // The calculation chain names cells whose formulas may now compute otherwise: Excel rebuilds it.
  for (const r of relationships(wbRels)) {
    if (!/\/calcChain$/.test(r.type)) continue;
    wbRels = wbRels.replace(r.element, '');
    contentTypes = await removePart(zip, resolveTarget(wbPath, r.target), contentTypes);
  }
  workbookXml = withFullCalcOnLoad(workbookXml);

  zip.file(wbPath, workbookXml);
  if (wbRels) zip.file(wbRelsPath, wbRels);
  if (contentTypes) zip.file('[Content_Types].xml', contentTypes);
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { bytes: out, dropped };
}

/** Removes a part, its relationships, and the parts only it referred to (comments, drawings of a dropped sheet). */
async function removePart(zip: JSZip, path: string, contentTypes: string): Promise<string> {
  if (!path || !zip.file(path)) return contentTypes;
  zip.remove(path);
  contentTypes = contentTypes.replace(
    new RegExp(`<(?:\\w+:)?Override\\b[^>]*PartName="/${escapeRe(path)}"[^>]*/>`, 'g'),
    '',
  );
  const relsPath = relsPathOf(path);
  const relsXml = await text(zip, relsPath);
  if (relsXml === null) return contentTypes;
  zip.remove(relsPath);
  const allRels = zip.file(/_rels\/.*\.rels$/);
  const stillUsed = new Set<string>();
  for (const f of allRels) {
    const owner = f.name.replace(/_rels\/([^/]+)\.rels$/, '$1');
    for (const r of relationships(await f.async('string')))
      if (!r.external) stillUsed.add(resolveTarget(owner, r.target));
  }
  for (const r of relationships(relsXml)) {
    if (r.external) continue;
    const child = resolveTarget(path, r.target);
    if (!stillUsed.has(child) && !/^xl\/(?:theme|styles|sharedStrings)/.test(child)) {
      contentTypes = await removePart(zip, child, contentTypes);
    }
  }
  return contentTypes;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names scoped to a dropped sheet or referring to one go; later sheets' localSheetId move down. */
function fixDefinedNames(xml: string, removed: number[], droppedNames: string[]): string {
  const refersTo = (formula: string): boolean =>
    droppedNames.some((n) => {
      const quoted = `${quotedSheet(n)}!`;
      return formula.includes(quoted) || new RegExp(`(^|[^\\w'])${escapeRe(n)}!`).test(formula);
    });
  return xml.replace(
    /<((?:\w+:)?)definedName\b([^>]*)>([\s\S]*?)<\/\1definedName>/g,
    (whole, prefix: string, attrs: string, body: string) => {
      const a = attributes(attrs);
      const local = a.get('localSheetId');
      if (local !== undefined) {
        const i = Number(local);
        if (removed.includes(i)) return '';
        const shift = removed.filter((r) => r < i).length;
        if (shift) a.set('localSheetId', String(i - shift));
      }
      if (refersTo(xmlUnescape(body))) return '';
      return `<${prefix}definedName${attrText(a)}>${body}</${prefix}definedName>`;
    },
  );
}

function fixBookViews(xml: string, removed: number[], count: number, targetIndex: number): string {
  return xml.replace(
    /<((?:\w+:)?)workbookView\b([^>]*?)(\/?)>/g,
    (_w, prefix: string, attrs: string, close: string) => {
      const a = attributes(attrs);
      const active = Number(a.get('activeTab') ?? '0');
      const newActive = removed.includes(active) ? targetIndex : active - removed.filter((r) => r < active).length;
      if (a.has('activeTab') || newActive !== 0) a.set('activeTab', String(Math.max(0, newActive)));
      if (a.has('firstSheet')) {
        const first = Number(a.get('firstSheet'));
        a.set('firstSheet', String(Math.max(0, Math.min(first, count - removed.length - 1))));
      }
      return `<${prefix}workbookView${attrText(a)}${close}>`;
    },
  );
}

function withFullCalcOnLoad(xml: string): string {
  const calc = /<((?:\w+:)?)calcPr\b([^>]*?)(\/?)>/.exec(xml);
  if (calc) {
    const a = attributes(calc[2]!);
    a.set('fullCalcOnLoad', '1');
    return xml.replace(calc[0], `<${calc[1]}calcPr${attrText(a)}${calc[3]}>`);
  }
  const prefix = /<((?:\w+:)?)workbook\b/.exec(xml)?.[1] ?? '';
  const el = `<${prefix}calcPr fullCalcOnLoad="1"/>`;
  // calcPr follows definedNames (or sheets) and precedes everything else of CT_Workbook.
  const after =
    new RegExp(`</${escapeRe(prefix)}definedNames>|<${escapeRe(prefix)}definedNames\\b[^>]*/>`).exec(xml) ??
    new RegExp(`</${escapeRe(prefix)}sheets>`).exec(xml);
  if (after) return xml.slice(0, after.index + after[0].length) + el + xml.slice(after.index + after[0].length);
  return xml.replace(new RegExp(`</${escapeRe(prefix)}workbook>`), `${el}</${prefix}workbook>`);
}

// ---------------------------------------------------------------------------
// Sheet XML

interface CellSlot {
  row: number;
  col: number;
  start: number;
  end: number;
  attrs: Map<string, string>;
  body: string | null;
}

interface RowSlot {
  row: number;
  start: number;
  end: number;
  /** Where the row's content starts and ends (for a self-closing row, both at the end of its start tag). */
  innerStart: number;
  innerEnd: number;
  selfClosing: boolean;
  attrs: Map<string, string>;
  cells: CellSlot[];
}

function parseRows(xml: string, from: number, to: number, p: string): RowSlot[] {
  const rows: RowSlot[] = [];
  const rowRe = new RegExp(`<${escapeRe(p)}row\\b([^>]*?)(/?)>`, 'g');
  const rowEnd = `</${p}row>`;
  rowRe.lastIndex = from;
  let prevRow = -1;
  let m: RegExpExecArray | null;
  while ((m = rowRe.exec(xml)) && m.index < to) {
    const attrs = attributes(m[1]!);
    const r = attrs.has('r') ? Number(attrs.get('r')) - 1 : prevRow + 1;
    prevRow = r;
    const selfClosing = m[2] === '/';
    const innerStart = m.index + m[0].length;
    let innerEnd = innerStart;
    let end = innerStart;
    if (!selfClosing) {
      innerEnd = xml.indexOf(rowEnd, innerStart);
      if (innerEnd < 0) throw new PackageError(`工作表 XML 不完整（第 ${r + 1} 行没有结束标记）`);
      end = innerEnd + rowEnd.length;
    }
    const cells: CellSlot[] = [];
    if (!selfClosing) {
      const cellRe = new RegExp(`<${escapeRe(p)}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${escapeRe(p)}c>)`, 'g');
      cellRe.lastIndex = innerStart;
      let prevCol = -1;
      let c: RegExpExecArray | null;
      while ((c = cellRe.exec(xml)) && c.index < innerEnd) {
        const ca = attributes(c[1]!);
        const ref = /^([A-Za-z]{1,3})(\d+)$/.exec(ca.get('r') ?? '');
        const col = ref ? columnIndex(ref[1]!) : prevCol + 1;
        prevCol = col;
        cells.push({ row: r, col, start: c.index, end: c.index + c[0].length, attrs: ca, body: c[2] ?? null });
      }
    }
    rows.push({ row: r, start: m.index, end, innerStart, innerEnd, selfClosing, attrs, cells });
    rowRe.lastIndex = end;
  }
  return rows;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new PackageError(`无法写入数值 ${n}`);
  return String(n);
}

function cellXml(
  p: string,
  row: number,
  col: number,
  old: Map<string, string> | null,
  oldBody: string | null,
  patch: CellPatch,
): string {
  const attrs = new Map<string, string>();
  attrs.set('r', a1(row, col));
  for (const [k, v] of old ?? []) if (k !== 'r' && k !== 't' && k !== 'cm' && k !== 'vm') attrs.set(k, v);
  if (patch.kind === 'value') {
    const v = patch.value;
    if (v === null || v === '') return `<${p}c${attrText(attrs)}/>`;
    if (typeof v === 'number') return `<${p}c${attrText(attrs)}><${p}v>${numberText(v)}</${p}v></${p}c>`;
    attrs.set('t', 'inlineStr');
    const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
    return `<${p}c${attrText(attrs)}><${p}is><${p}t${space}>${xmlEscape(v)}</${p}t></${p}is></${p}c>`;
  }
  // A formula's cached result: the <f> element stays exactly as it was.
  const f = oldBody ? new RegExp(`<${escapeRe(p)}f\\b[^>]*?(?:/>|>[\\s\\S]*?</${escapeRe(p)}f>)`).exec(oldBody) : null;
  if (!f) throw new PackageError(`单元格 ${a1(row, col)} 没有公式，无法更新其计算结果`);
  const v = patch.value;
  let value = '';
  if (v === null) value = '';
  else if (isCellError(v)) {
    attrs.set('t', 'e');
    value = `<${p}v>${xmlEscape(v.error)}</${p}v>`;
  } else if (typeof v === 'number') value = `<${p}v>${numberText(v)}</${p}v>`;
  else if (typeof v === 'boolean') {
    attrs.set('t', 'b');
    value = `<${p}v>${v ? 1 : 0}</${p}v>`;
  } else {
    attrs.set('t', 'str');
    value = `<${p}v>${xmlEscape(v)}</${p}v>`;
  }
  return `<${p}c${attrText(attrs)}>${f[0]}${value}</${p}c>`;
}

/** Rewrites the given cells of a worksheet part; everything else of the XML stays byte for byte. */
export function patchSheetXml(xml: string, patches: CellPatch[], sheetName = ''): string {
  if (patches.length === 0) return xml;
  const open = /<((?:\w+:)?)sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new PackageError(`工作表“${sheetName}”的 XML 中没有 sheetData`);
  const p = open[1]!;
  let from: number;
  let to: number;
  if (open[2] === '/') {
    // <sheetData/>: becomes an element with content.
    xml = xml.slice(0, open.index) + `<${p}sheetData></${p}sheetData>` + xml.slice(open.index + open[0].length);
    from = open.index + `<${p}sheetData>`.length;
    to = from;
  } else {
    from = open.index + open[0].length;
    to = xml.indexOf(`</${p}sheetData>`, from);
    if (to < 0) throw new PackageError(`工作表“${sheetName}”的 XML 不完整`);
  }
  const rows = parseRows(xml, from, to, p);
  const byRow = new Map<number, CellPatch[]>();
  for (const c of patches) {
    const list = byRow.get(c.row) ?? [];
    list.push(c);
    byRow.set(c.row, list);
  }
  // Splices from the end so that earlier offsets stay valid.
  const splices: { start: number; end: number; text: string }[] = [];
  for (const [r, list] of byRow) {
    list.sort((a, b) => a.col - b.col);
    const row = rows.find((x) => x.row === r);
    if (!row) {
      const cells = list.map((c) => cellXml(p, r, c.col, null, null, checkNew(c, sheetName))).join('');
      const next = rows.find((x) => x.row > r);
      const at = next ? next.start : to;
      splices.push({ start: at, end: at, text: `<${p}row r="${r + 1}">${cells}</${p}row>` });
      continue;
    }
    if (row.selfClosing) {
      const a = new Map(row.attrs);
      a.set('r', String(r + 1));
      a.delete('spans');
      const cells = list.map((c) => cellXml(p, r, c.col, null, null, checkNew(c, sheetName))).join('');
      splices.push({ start: row.start, end: row.end, text: `<${p}row${attrText(a)}>${cells}</${p}row>` });
      continue;
    }
    let inserted = false;
    for (const c of list) {
      const slot = row.cells.find((x) => x.col === c.col);
      if (slot) {
        splices.push({ start: slot.start, end: slot.end, text: cellXml(p, r, c.col, slot.attrs, slot.body, c) });
        continue;
      }
      const next = row.cells.find((x) => x.col > c.col);
      const at = next ? next.start : row.innerEnd;
      splices.push({ start: at, end: at, text: cellXml(p, r, c.col, null, null, checkNew(c, sheetName)) });
      inserted = true;
    }
    if (inserted && row.attrs.has('spans')) {
      // spans is only a hint; a cell outside it is better without the hint.
      const tagEnd = row.innerStart;
      const a = new Map(row.attrs);
      a.delete('spans');
      splices.push({ start: row.start, end: tagEnd, text: `<${p}row${attrText(a)}>` });
    }
  }
  splices.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = xml;
  for (const s of splices) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function checkNew(c: CellPatch, sheet: string): CellPatch {
  if (c.kind === 'result')
    throw new PackageError(`工作表“${sheet}”的单元格 ${a1(c.row, c.col)} 不存在，无法更新其公式结果`);
  return c;
}

/** Names of the sheets of a package, in workbook order. */
export async function packageSheetNames(bytes: Uint8Array | ArrayBuffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes, { createFolders: false });
  const wbPath = await workbookPath(zip);
  const rels = relationships((await text(zip, relsPathOf(wbPath))) ?? '');
  return sheetEntries((await text(zip, wbPath))!, rels, wbPath).map((s) => s.name);
}

/** True when a note (legacy comment) of any sheet of the package contains `mark`. */
export async function packageHasNoteWith(bytes: Uint8Array | ArrayBuffer, mark: string): Promise<boolean> {
  const zip = await JSZip.loadAsync(bytes, { createFolders: false });
  const esc = xmlEscape(mark);
  for (const f of zip.file(/^xl\/comments[^/]*\.xml$/)) if ((await f.async('string')).includes(esc)) return true;
  for (const f of zip.file(/^xl\/threadedComments\/[^/]*\.xml$/))
    if ((await f.async('string')).includes(esc)) return true;
  return false;
}
