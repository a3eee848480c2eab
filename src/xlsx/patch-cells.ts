/**
 * Edits an .xlsx package in place, part by part: a few cells of one sheet
 * rewritten in the sheet XML, whole sheets dropped, the calculation chain
 * removed and a full recalculation asked for on open. Every other byte of
 * every other part stays as it was — unlike loading and saving with ExcelJS,
 * which loses page breaks, images, validation details and more.
 *
 * The package is opened with XlsxPackage (package/), within its decompression
 * budget, and every XML part that is changed is read with its strict
 * tokenizer (scanXml) and edited by offsets (spliceAll). Element prefixes,
 * rows and cells without an `r` attribute, self-closing rows and cells are
 * handled; anything the module cannot place raises a Chinese error naming the
 * sheet and cell.
 */
import { a1, columnIndex, quotedSheet } from '../sheet/ref';
import { isCellError, type CellValue } from '../sheet/grid';
import { XlsxPackage, relsPartOf, resolvePart, type PackageLimits } from './package/package';
import { scanXml, spliceAll, type ScannedElement } from './package/xml';
import { FileError } from './errors';

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

/** The package layer's errors, met while patching: the same Chinese message. */
export class PackageError extends FileError {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/** Runs `f`, turning the package layer's errors into a PackageError with the same message. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof FileError && !(err instanceof PackageError)) throw new PackageError(err.message);
    throw err;
  }
}

/** The bytes of an .xlsx, or a package opened already (by openPackage, or by a reader over the same bytes). */
export type PackageSource = Uint8Array | ArrayBuffer | XlsxPackage;

/**
 * Opens the bytes of an .xlsx for the functions below; the package layer's errors become PackageErrors with the same
 * message. A caller with several of them to do opens the package once and passes it to each.
 */
export function openPackage(bytes: Uint8Array | ArrayBuffer, limits?: PackageLimits): XlsxPackage {
  return guard(() => XlsxPackage.open(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), limits));
}

function packageOf(source: PackageSource): XlsxPackage {
  return source instanceof XlsxPackage ? source : openPackage(source);
}

/** A <sheet> element of workbook.xml (worksheets and chart sheets alike: they all count for sheet indices). */
interface WorkbookSheet {
  name: string;
  rid: string;
  /** Part path inside the zip ("xl/worksheets/sheet1.xml"); "" when the relationship is missing. */
  path: string;
  element: ScannedElement;
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

function attrText(attrs: Map<string, string> | Record<string, string>): string {
  let s = '';
  for (const [k, v] of attrs instanceof Map ? attrs : Object.entries(attrs)) s += ` ${k}="${xmlEscape(v)}"`;
  return s;
}

/** The start tag of a scanned element written anew with `attrs`. */
function startTag(e: ScannedElement, attrs: Map<string, string>): { at: number; end: number; text: string } {
  return e.selfClosing
    ? { at: e.start, end: e.end, text: `<${e.prefix}${e.name}${attrText(attrs)}/>` }
    : { at: e.start, end: e.openEnd, text: `<${e.prefix}${e.name}${attrText(attrs)}>` };
}

function sameAttributes(a: Map<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.length === a.size && keys.every((k) => a.get(k) === b[k]);
}

function scan(part: string, text: string, keep: (name: string, depth: number) => boolean): ScannedElement[] {
  return guard(() => scanXml(part, text, keep));
}

function readPart(pkg: XlsxPackage, part: string): string | null {
  return guard(() => pkg.readText(part));
}

function sheetEntries(pkg: XlsxPackage, wbPath: string, workbookXml: string): WorkbookSheet[] {
  const rels = new Map(guard(() => pkg.relationships(wbPath)).map((r) => [r.id, r]));
  return scan(wbPath, workbookXml, (n, d) => n === 'sheet' && d === 2)
    .filter((e) => e.parent === -1)
    .map((e) => {
      const rid = Object.entries(e.attributes).find(([k]) => k === 'r:id' || /:id$/.test(k))?.[1] ?? '';
      const rel = rels.get(rid);
      return {
        name: e.attributes.name ?? '',
        rid,
        path: rel && !rel.external ? resolvePart(wbPath, rel.target) : '',
        element: e,
      };
    });
}

/** Relationship elements of a part's .rels with the given ids, as edits that take them out. */
function relationshipRemovals(
  relsPath: string,
  relsXml: string,
  ids: Set<string>,
): { at: number; end: number; text: string }[] {
  return scan(relsPath, relsXml, (n, d) => n === 'Relationship' && d === 1)
    .filter((e) => ids.has(e.attributes.Id ?? ''))
    .map((e) => ({ at: e.start, end: e.end, text: '' }));
}

/**
 * Applies the patch to an .xlsx and returns the new bytes. A package passed in is changed by it: it is the patched
 * package from then on.
 */
export async function patchPackage(source: PackageSource, patch: PackagePatch): Promise<PatchOutcome> {
  const pkg = packageOf(source);
  const wbPath = guard(() => pkg.workbookPart());
  const wbRelsPath = relsPartOf(wbPath);
  let workbookXml = readPart(pkg, wbPath)!;
  const wbRels = readPart(pkg, wbRelsPath) ?? '';
  const typesXml = readPart(pkg, '[Content_Types].xml') ?? '';
  const types = { text: typesXml };
  const rels = guard(() => pkg.relationships(wbPath));
  const sheets = sheetEntries(pkg, wbPath, workbookXml);

  // The patched sheet must be a worksheet (XlsxPackage's view); chart sheets still count for the indices below.
  const worksheet = guard(() => pkg.sheet(patch.sheet));
  const target = sheets.find((s) => s.name === patch.sheet);
  if (!worksheet || !target || !pkg.has(worksheet.part)) throw new PackageError(`工作簿中没有工作表“${patch.sheet}”`);
  const sheetXml = readPart(pkg, worksheet.part)!;
  pkg.write(worksheet.part, patchSheetXml(sheetXml, patch.cells, patch.sheet));

  const dropped: string[] = [];
  const drop = new Set(patch.dropSheets ?? []);
  const removedIndices: number[] = [];
  sheets.forEach((s, i) => {
    if (drop.has(s.name) && s.name !== patch.sheet) removedIndices.push(i);
  });
  const droppedRels = new Set<string>();
  const workbookEdits: { at: number; end: number; text: string }[] = [];
  for (const i of removedIndices) {
    const s = sheets[i]!;
    dropped.push(s.name);
    workbookEdits.push({ at: s.element.start, end: s.element.end, text: '' });
    if (s.rid) droppedRels.add(s.rid);
    removePart(pkg, s.path, types);
  }
  workbookXml = spliceAll(workbookXml, workbookEdits);
  if (removedIndices.length) {
    workbookXml = fixDefinedNames(wbPath, workbookXml, removedIndices, dropped);
    const targetIndex = sheets.indexOf(target) - removedIndices.filter((i) => i < sheets.indexOf(target)).length;
    workbookXml = fixBookViews(wbPath, workbookXml, removedIndices, sheets.length, targetIndex);
  }

  // The calculation chain names cells whose formulas may now compute otherwise: Excel rebuilds it.
  for (const r of rels) {
    if (!/\/calcChain$/.test(r.type)) continue;
    droppedRels.add(r.id);
    removePart(pkg, resolvePart(wbPath, r.target), types);
  }
  workbookXml = withFullCalcOnLoad(wbPath, workbookXml);

  pkg.write(wbPath, workbookXml);
  if (wbRels && droppedRels.size)
    pkg.write(wbRelsPath, spliceAll(wbRels, relationshipRemovals(wbRelsPath, wbRels, droppedRels)));
  if (types.text !== typesXml) pkg.write('[Content_Types].xml', types.text);
  return { bytes: pkg.toBytes(), dropped };
}

/** Removes a part, its relationships, and the parts only it referred to (comments, drawings of a dropped sheet). */
function removePart(pkg: XlsxPackage, path: string, types: { text: string }): void {
  if (!path || !pkg.has(path)) return;
  pkg.remove(path);
  const overrides = scan('[Content_Types].xml', types.text, (n, d) => n === 'Override' && d === 1).filter(
    (e) => (e.attributes.PartName ?? '').toLowerCase() === `/${path}`.toLowerCase(),
  );
  types.text = spliceAll(
    types.text,
    overrides.map((e) => ({ at: e.start, end: e.end, text: '' })),
  );
  const relsPath = relsPartOf(path);
  if (!pkg.has(relsPath)) return;
  const own = guard(() => pkg.relationships(path));
  pkg.remove(relsPath);
  const stillUsed = new Set<string>();
  for (const name of pkg.parts()) {
    if (!/(^|\/)_rels\/[^/]*\.rels$/.test(name)) continue;
    const owner = name.replace(/^\/+/, '').replace(/_rels\/([^/]*)\.rels$/, '$1');
    for (const r of guard(() => pkg.relationships(owner)))
      if (!r.external) stillUsed.add(resolvePart(owner, r.target).toLowerCase());
  }
  for (const r of own) {
    if (r.external) continue;
    const child = resolvePart(path, r.target);
    if (!stillUsed.has(child.toLowerCase()) && !/^xl\/(?:theme|styles|sharedStrings)/.test(child)) {
      removePart(pkg, child, types);
    }
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names scoped to a dropped sheet or referring to one go; later sheets' localSheetId move down. */
function fixDefinedNames(part: string, xml: string, removed: number[], droppedNames: string[]): string {
  const refersTo = (formula: string): boolean =>
    droppedNames.some((n) => {
      const quoted = `${quotedSheet(n)}!`;
      return formula.includes(quoted) || new RegExp(`(^|[^\\w'])${escapeRe(n)}!`).test(formula);
    });
  const edits: { at: number; end: number; text: string }[] = [];
  for (const e of scan(part, xml, (n, d) => n === 'definedName' && d === 2)) {
    const a = new Map(Object.entries(e.attributes));
    const local = a.get('localSheetId');
    if (local !== undefined) {
      const i = Number(local);
      if (removed.includes(i)) {
        edits.push({ at: e.start, end: e.end, text: '' });
        continue;
      }
      const shift = removed.filter((r) => r < i).length;
      if (shift) a.set('localSheetId', String(i - shift));
    }
    const body = e.selfClosing ? '' : xml.slice(e.openEnd, e.closeStart);
    if (refersTo(xmlUnescape(body))) edits.push({ at: e.start, end: e.end, text: '' });
    else if (!sameAttributes(a, e.attributes)) edits.push(startTag(e, a));
  }
  return spliceAll(xml, edits);
}

function fixBookViews(part: string, xml: string, removed: number[], count: number, targetIndex: number): string {
  const edits: { at: number; end: number; text: string }[] = [];
  for (const e of scan(part, xml, (n, d) => n === 'workbookView' && d === 2)) {
    const a = new Map(Object.entries(e.attributes));
    const active = Number(a.get('activeTab') ?? '0');
    const newActive = removed.includes(active) ? targetIndex : active - removed.filter((r) => r < active).length;
    if (a.has('activeTab') || newActive !== 0) a.set('activeTab', String(Math.max(0, newActive)));
    if (a.has('firstSheet')) {
      const first = Number(a.get('firstSheet'));
      a.set('firstSheet', String(Math.max(0, Math.min(first, count - removed.length - 1))));
    }
    if (!sameAttributes(a, e.attributes)) edits.push(startTag(e, a));
  }
  return spliceAll(xml, edits);
}

function withFullCalcOnLoad(part: string, xml: string): string {
  const top = scan(
    part,
    xml,
    (n, d) => d === 0 || (d === 1 && (n === 'calcPr' || n === 'definedNames' || n === 'sheets')),
  );
  const root = top.find((e) => e.depth === 0);
  if (!root) throw new PackageError(`文件已损坏：${part} 中没有工作簿元素`);
  const calc = top.find((e) => e.name === 'calcPr');
  if (calc) {
    if (calc.attributes.fullCalcOnLoad === '1') return xml;
    const a = new Map(Object.entries(calc.attributes));
    a.set('fullCalcOnLoad', '1');
    return spliceAll(xml, [startTag(calc, a)]);
  }
  const el = `<${root.prefix}calcPr fullCalcOnLoad="1"/>`;
  // calcPr follows definedNames (or sheets) and precedes everything else of CT_Workbook.
  const after = top.find((e) => e.name === 'definedNames') ?? top.find((e) => e.name === 'sheets');
  if (after) return spliceAll(xml, [{ at: after.end, text: el }]);
  if (root.selfClosing) throw new PackageError(`文件已损坏：${part} 中的工作簿没有工作表`);
  return spliceAll(xml, [{ at: root.closeStart, text: el }]);
}

// ---------------------------------------------------------------------------
// Sheet XML

interface CellSlot {
  row: number;
  col: number;
  element: ScannedElement;
  /** The cell's <f> element as written, if it has one. */
  formula: string | null;
}

interface RowSlot {
  row: number;
  element: ScannedElement;
  cells: CellSlot[];
}

/** Rows and cells of a worksheet's sheetData, from the strict tokenizer's scan. */
function sheetRows(xml: string, elements: ScannedElement[], sheetData: number): RowSlot[] {
  const rows: RowSlot[] = [];
  const rowAt = new Map<number, RowSlot>();
  const cellAt = new Map<number, CellSlot>();
  let prevRow = -1;
  let prevCol = -1;
  elements.forEach((e, i) => {
    if (e.name === 'row' && e.parent === sheetData) {
      const r = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : prevRow + 1;
      if (!Number.isInteger(r) || r < 0) throw new PackageError(`工作表 XML 中的行号“${e.attributes.r}”无效`);
      prevRow = r;
      prevCol = -1;
      const slot: RowSlot = { row: r, element: e, cells: [] };
      rows.push(slot);
      rowAt.set(i, slot);
    } else if (e.name === 'c') {
      const row = rowAt.get(e.parent);
      if (!row) return;
      const ref = /^([A-Za-z]{1,3})(\d+)$/.exec(e.attributes.r ?? '');
      const col = ref ? columnIndex(ref[1]!) : prevCol + 1;
      prevCol = col;
      const slot: CellSlot = { row: row.row, col, element: e, formula: null };
      row.cells.push(slot);
      cellAt.set(i, slot);
    } else if (e.name === 'f') {
      const cell = cellAt.get(e.parent);
      if (cell && cell.formula === null) cell.formula = xml.slice(e.start, e.end);
    }
  });
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
  old: Record<string, string> | null,
  formula: string | null,
  patch: CellPatch,
): string {
  const attrs = new Map<string, string>();
  attrs.set('r', a1(row, col));
  for (const [k, v] of Object.entries(old ?? {}))
    if (k !== 'r' && k !== 't' && k !== 'cm' && k !== 'vm') attrs.set(k, v);
  if (patch.kind === 'value') {
    const v = patch.value;
    if (v === null || v === '') return `<${p}c${attrText(attrs)}/>`;
    if (typeof v === 'number') return `<${p}c${attrText(attrs)}><${p}v>${numberText(v)}</${p}v></${p}c>`;
    attrs.set('t', 'inlineStr');
    const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
    return `<${p}c${attrText(attrs)}><${p}is><${p}t${space}>${xmlEscape(v)}</${p}t></${p}is></${p}c>`;
  }
  // A formula's cached result: the <f> element stays exactly as it was.
  if (formula === null) throw new PackageError(`单元格 ${a1(row, col)} 没有公式，无法更新其计算结果`);
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
  return `<${p}c${attrText(attrs)}>${formula}${value}</${p}c>`;
}

/** Rewrites the given cells of a worksheet part; everything else of the XML stays byte for byte. */
export function patchSheetXml(xml: string, patches: CellPatch[], sheetName = ''): string {
  if (patches.length === 0) return xml;
  const part = sheetName ? `工作表“${sheetName}”` : '工作表';
  const elements = scan(
    part,
    xml,
    (n, d) =>
      (n === 'sheetData' && d === 1) || (n === 'row' && d === 2) || (n === 'c' && d === 3) || (n === 'f' && d === 4),
  );
  const sdIndex = elements.findIndex((e) => e.name === 'sheetData' && e.parent === -1);
  const sd = elements[sdIndex];
  if (!sd) throw new PackageError(`${part}的 XML 中没有 sheetData`);
  const p = sd.prefix;
  const rows = sheetRows(xml, elements, sdIndex);
  const byRow = new Map<number, CellPatch[]>();
  for (const c of patches) {
    const list = byRow.get(c.row) ?? [];
    list.push(c);
    byRow.set(c.row, list);
  }
  const edits: { at: number; end?: number; text: string }[] = [];
  // Rows that do not exist yet; for a self-closing <sheetData/> they make its content.
  const appended: string[] = [];
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const list = byRow.get(r)!.sort((a, b) => a.col - b.col);
    const row = rows.find((x) => x.row === r);
    if (!row) {
      const cells = list.map((c) => cellXml(p, r, c.col, null, null, checkNew(c, sheetName))).join('');
      const text = `<${p}row r="${r + 1}">${cells}</${p}row>`;
      const next = rows.find((x) => x.row > r);
      if (next) edits.push({ at: next.element.start, text });
      else appended.push(text);
      continue;
    }
    const e = row.element;
    if (e.selfClosing) {
      const a = new Map(Object.entries(e.attributes));
      a.set('r', String(r + 1));
      a.delete('spans');
      const cells = list.map((c) => cellXml(p, r, c.col, null, null, checkNew(c, sheetName))).join('');
      edits.push({ at: e.start, end: e.end, text: `<${e.prefix}row${attrText(a)}>${cells}</${e.prefix}row>` });
      continue;
    }
    let inserted = false;
    for (const c of list) {
      const slot = row.cells.find((x) => x.col === c.col);
      if (slot) {
        const s = slot.element;
        edits.push({ at: s.start, end: s.end, text: cellXml(p, r, c.col, s.attributes, slot.formula, c) });
        continue;
      }
      const next = row.cells.find((x) => x.col > c.col);
      edits.push({
        at: next ? next.element.start : e.closeStart,
        text: cellXml(p, r, c.col, null, null, checkNew(c, sheetName)),
      });
      inserted = true;
    }
    if (inserted && e.attributes.spans !== undefined) {
      // spans is only a hint; a cell outside it is better without the hint.
      const a = new Map(Object.entries(e.attributes));
      a.delete('spans');
      edits.push(startTag(e, a));
    }
  }
  if (appended.length) {
    if (sd.selfClosing)
      edits.push({ at: sd.start, end: sd.end, text: `<${p}sheetData>${appended.join('')}</${p}sheetData>` });
    else edits.push({ at: sd.closeStart, text: appended.join('') });
  }
  return spliceAll(xml, edits);
}

function checkNew(c: CellPatch, sheet: string): CellPatch {
  if (c.kind === 'result')
    throw new PackageError(`工作表“${sheet}”的单元格 ${a1(c.row, c.col)} 不存在，无法更新其公式结果`);
  return c;
}

/** Names of the sheets of a package, in workbook order. */
export async function packageSheetNames(source: PackageSource): Promise<string[]> {
  const pkg = packageOf(source);
  const wbPath = guard(() => pkg.workbookPart());
  return sheetEntries(pkg, wbPath, readPart(pkg, wbPath) ?? '').map((s) => s.name);
}

/** True when a note (legacy comment) of any sheet of the package contains `mark`. */
export async function packageHasNoteWith(source: PackageSource, mark: string): Promise<boolean> {
  const pkg = packageOf(source);
  const esc = xmlEscape(mark);
  for (const name of pkg.parts()) {
    if (!/^xl\/comments[^/]*\.xml$/.test(name) && !/^xl\/threadedComments\/[^/]*\.xml$/.test(name)) continue;
    // Streamed, keeping only the last few characters across chunks: a huge notes part never sits in memory whole.
    let tail = '';
    let found = false;
    guard(() =>
      pkg.streamText(name, (chunk) => {
        if (found) return;
        const window = tail + chunk;
        if (window.includes(esc)) found = true;
        tail = window.slice(Math.max(0, window.length - esc.length + 1));
      }),
    );
    if (found) return true;
  }
  return false;
}
