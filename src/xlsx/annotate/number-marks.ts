/**
 * The printed marks of an annotated copy: on each flagged cell a small label
 * with the 序号 of its findings on the 校验结果 sheet, drawn as a shape in
 * the sheet's drawing (the cell's value is never touched). It sits on the
 * cell's top border at its left end, half in the row above, so it keeps clear
 * of text centred in the row and of figures aligned right. (Its place is given
 * from the cell's left edge: an offset from a column's right end would need
 * the column's rendered width, which each program measures its own way.) An error's label is black with
 * white figures, a 提示's white with a dashed outline: told apart on a
 * black-and-white page, where the two fills print as the same grey.
 */
import type { Severity } from '../../report/types';
import { numberTag } from '../../report/flags';
import { CT_DRAWING, NS_REL, REL_DRAWING, resolvePart, type XlsxPackage } from '../package/package';
import { escapeXml, scanXml, xmlText, type ScannedElement } from '../package/xml';

/** Shapes jixiao drew are named so; a later annotation of the copy replaces them. */
export const MARK_NAME = '绩效申报助手序号';

const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const EMU_PER_PT = 12700;
const EMU_PER_PX = 9525;

/** Label height and type size, in points. */
const MARK_HEIGHT = 9;
const MARK_FONT = 7;

export interface NumberMark {
  row: number;
  col: number;
  severity: Severity;
  numbers: number[];
}

/** Row heights as the sheet gives them, for placing a label on a cell's top border. */
export interface SheetGeometry {
  /** Height of a row in points. */
  rowHeight(row: number): number;
}

/** Reads the geometry from the worksheet's rows, cols and sheetFormatPr. */
export function sheetGeometry(els: ScannedElement[]): SheetGeometry {
  const format = els.find((e) => e.depth === 1 && e.name === 'sheetFormatPr')?.attributes ?? {};
  const defaultHeight = Number(format.defaultRowHeight) || 15;
  const heights = new Map<number, number>();
  let last = -1;
  for (const e of els) {
    if (e.name !== 'row' || e.depth !== 2) continue;
    const r = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : last + 1;
    last = r;
    if (e.attributes.hidden === '1' || e.attributes.hidden === 'true') heights.set(r, 0);
    else if (e.attributes.ht !== undefined && Number.isFinite(Number(e.attributes.ht)))
      heights.set(r, Number(e.attributes.ht));
  }
  return { rowHeight: (row) => heights.get(row) ?? defaultHeight };
}

function anchor(id: number, m: NumberMark, g: SheetGeometry, p: string, a: string): string {
  const text = numberTag(m.numbers);
  const widthPt = Math.max(MARK_HEIGHT, text.length * 4.2 + 4);
  const cx = Math.round(widthPt * EMU_PER_PT);
  const cy = MARK_HEIGHT * EMU_PER_PT;
  // Half over the cell's top border: from the row above, MARK_HEIGHT/2 points before its end.
  let row = m.row;
  let rowOff = 0;
  if (m.row > 0 && g.rowHeight(m.row - 1) >= MARK_HEIGHT / 2) {
    row = m.row - 1;
    rowOff = Math.round((g.rowHeight(row) - MARK_HEIGHT / 2) * EMU_PER_PT);
  }
  const colOff = 3 * EMU_PER_PX;
  const error = m.severity === 'error';
  const fill = error ? '000000' : 'FFFFFF';
  const ink = error ? 'FFFFFF' : '000000';
  const dash = error ? '' : `<${a}prstDash val="dash"/>`;
  const name = `${MARK_NAME} ${text}`;
  return (
    `<${p}oneCellAnchor><${p}from><${p}col>${m.col}</${p}col><${p}colOff>${colOff}</${p}colOff><${p}row>${row}</${p}row><${p}rowOff>${rowOff}</${p}rowOff></${p}from>` +
    `<${p}ext cx="${cx}" cy="${cy}"/>` +
    `<${p}sp macro="" textlink=""><${p}nvSpPr><${p}cNvPr id="${id}" name="${escapeXml(name)}" descr="${escapeXml(`校验结果序号 ${text}`)}"/><${p}cNvSpPr txBox="1"/></${p}nvSpPr>` +
    `<${p}spPr><${a}xfrm><${a}off x="0" y="0"/><${a}ext cx="${cx}" cy="${cy}"/></${a}xfrm><${a}prstGeom prst="rect"><${a}avLst/></${a}prstGeom>` +
    `<${a}solidFill><${a}srgbClr val="${fill}"/></${a}solidFill><${a}ln w="9525"><${a}solidFill><${a}srgbClr val="000000"/></${a}solidFill>${dash}</${a}ln></${p}spPr>` +
    `<${p}txBody><${a}bodyPr wrap="none" lIns="12700" tIns="0" rIns="12700" bIns="0" anchor="ctr"/><${a}lstStyle/>` +
    `<${a}p><${a}pPr algn="ctr"/><${a}r><${a}rPr lang="en-US" sz="${MARK_FONT * 100}" b="1"><${a}solidFill><${a}srgbClr val="${ink}"/></${a}solidFill><${a}latin typeface="Arial"/></${a}rPr><${a}t>${xmlText(text)}</${a}t></${a}r></${a}p>` +
    `</${p}txBody></${p}sp><${p}clientData/></${p}oneCellAnchor>`
  );
}

/**
 * Draws the marks into the sheet's drawing (made when the sheet has none) and returns the edit
 * the worksheet needs, if any: a `<drawing>` element to insert at `insertAt`.
 */
export function drawNumberMarks(
  pkg: XlsxPackage,
  sheetPart: string,
  sheetRoot: ScannedElement,
  drawingEl: ScannedElement | undefined,
  insertAt: number,
  geometry: SheetGeometry,
  marks: NumberMark[],
): { at: number; end?: number; text: string } | null {
  const rels = pkg.relationships(sheetPart);
  const drawingId = drawingEl
    ? Object.entries(drawingEl.attributes).find(([k]) => /(^|:)id$/.test(k) && k.includes(':'))?.[1]
    : undefined;
  const rel = drawingId ? rels.find((r) => r.id === drawingId) : undefined;
  const part = rel && !rel.external ? resolvePart(sheetPart, rel.target) : null;
  const existing = part ? pkg.readText(part) : null;
  if (part && existing !== null) {
    const els = scanXml(part, existing, (_n, depth) => depth <= 1);
    const root = els[0]!;
    const p = root.prefix;
    const a =
      Object.entries(root.attributes)
        .find(([k, v]) => k.startsWith('xmlns:') && v === NS_A)?.[0]
        .slice(6) ?? null;
    const aPrefix = a ? `${a}:` : 'a:';
    // Jixiao's marks from an earlier annotation go; the sheet's own pictures and shapes stay.
    const kept = els
      .filter((e) => e.depth === 1 && !text(existing, e).includes(`name="${MARK_NAME}`))
      .map((e) => text(existing, e));
    let maxId = 0;
    for (const m of existing.matchAll(/cNvPr\b[^>]*?\sid="(\d+)"/g)) maxId = Math.max(maxId, Number(m[1]));
    const body = kept.join('') + marks.map((m, i) => anchor(maxId + 1 + i, m, geometry, p, aPrefix)).join('');
    const open = existing.slice(root.start, root.openEnd).replace(/\s*\/>$/, '>');
    const withNs = a ? open : open.replace(/>$/, ` xmlns:a="${NS_A}">`);
    pkg.write(
      part,
      existing.slice(0, root.start) + withNs + body + `</${root.prefix}${root.name}>` + existing.slice(root.end),
    );
    return null;
  }
  const fresh = pkg.freePart('xl/drawings/drawing', '.xml');
  pkg.write(
    fresh,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">` +
      marks.map((m, i) => anchor(i + 2, m, geometry, 'xdr:', 'a:')).join('') +
      '</xdr:wsDr>',
  );
  pkg.addContentType({ part: fresh }, CT_DRAWING);
  const id = pkg.addRelationship(sheetPart, REL_DRAWING, fresh);
  const relPrefix = Object.entries(sheetRoot.attributes).find(([k, v]) => k.startsWith('xmlns:') && v === NS_REL)?.[0];
  const attr = relPrefix ? `${relPrefix.slice(6)}:id="${id}"` : `xmlns:r="${NS_REL}" r:id="${id}"`;
  const el = `<${sheetRoot.prefix}drawing ${attr}/>`;
  // A <drawing> whose part is missing is pointed at ours.
  if (drawingEl) return { at: drawingEl.start, end: drawingEl.end, text: el };
  return { at: insertAt, text: el };
}

function text(xml: string, e: ScannedElement): string {
  return xml.slice(e.start, e.end);
}
