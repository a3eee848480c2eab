/**
 * Flags in the form sheet of an annotated copy, patched into the package:
 * each flagged cell gets a copy of its own style with jixiao's fill, and a
 * note (a comment with its VML shape). A note the user already had keeps its
 * text, jixiao's lines follow it. Nothing else of the sheet changes.
 */
import { a1, parseAddress } from '../../sheet/ref';
import type { Finding, Severity } from '../../report/types';
import { flagsForSheet, NOTE_MARK } from '../../report/flags';
import { CT_COMMENTS, CT_VML, NS_REL, REL_COMMENTS, REL_VML, resolvePart, type XlsxPackage } from '../package/package';
import { scanXml, spliceAll, xmlText, type ScannedElement } from '../package/xml';
import { storableText } from '../../sheet/storable';
import { setAttribute, type StylePatch } from './styles';
import { xmlUnescape } from '../patch-cells';
import { drawNumberMarks, sheetGeometry } from './number-marks';

const AUTHOR = '绩效申报助手';
/** Children of a worksheet that come after legacyDrawing (ECMA-376 CT_Worksheet order). */
const AFTER_LEGACY_DRAWING = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

export interface CellMark {
  row: number;
  col: number;
  /** The merged area's bottom-right corner when the cell is the top-left of one (else row and col). */
  bottom: number;
  right: number;
  severity: Severity;
  /** The 序号 of its findings on the 校验结果 sheet. */
  numbers: number[];
  lines: string[];
}

function colIndex(ref: string): [number, number] | null {
  const p = parseAddress(ref);
  return p && p.sheet === null && p.bottom === undefined ? [p.row, p.col] : null;
}

/** The flags of `sheet`, one per cell shown (a merged area is flagged on its top-left cell). */
function marks(
  sheet: string,
  findings: Finding[],
  merges: { top: number; left: number; bottom: number; right: number }[],
) {
  const out = new Map<string, CellMark>();
  for (const f of flagsForSheet(sheet, findings, { numbered: true })) {
    const m = merges.find((g) => f.row >= g.top && f.row <= g.bottom && f.col >= g.left && f.col <= g.right);
    const row = m ? m.top : f.row;
    const col = m ? m.left : f.col;
    const key = `${row},${col}`;
    let mark = out.get(key);
    if (!mark)
      out.set(
        key,
        (mark = {
          row,
          col,
          bottom: m ? m.bottom : row,
          right: m ? m.right : col,
          severity: f.severity,
          numbers: [],
          lines: [],
        }),
      );
    if (f.severity === 'error') mark.severity = 'error';
    for (const n of f.numbers) if (!mark.numbers.includes(n)) mark.numbers.push(n);
    for (const l of f.lines) if (!mark.lines.includes(l)) mark.lines.push(l);
  }
  return [...out.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Each finding's 序号 is printed once, on its first cell (a range finding's other cells are only filled). */
function firstShown(list: CellMark[]): CellMark[] {
  const shown = new Set<number>();
  const out: CellMark[] = [];
  for (const m of list) {
    const numbers = m.numbers.filter((n) => !shown.has(n));
    for (const n of numbers) shown.add(n);
    if (numbers.length) out.push({ ...m, numbers });
  }
  return out;
}

export function flagSheet(
  pkg: XlsxPackage,
  styles: StylePatch,
  sheet: string,
  part: string,
  findings: Finding[],
): void {
  const text = pkg.readText(part);
  if (text === null) throw new Error(`找不到工作表“${sheet}”的部件 ${part}`);
  const els = scanXml(
    part,
    text,
    (name, depth) =>
      depth <= 1 ||
      (depth === 2 && (name === 'row' || name === 'col' || name === 'mergeCell')) ||
      (depth === 3 && name === 'c'),
  );
  const root = els[0]!;
  const p = root.prefix;
  const merges = els
    .filter((e) => e.name === 'mergeCell')
    .flatMap((e) => {
      const [a, b] = (e.attributes.ref ?? '').split(':');
      const tl = colIndex(a ?? '');
      const br = colIndex(b ?? a ?? '');
      return tl && br ? [{ top: tl[0], left: tl[1], bottom: br[0], right: br[1] }] : [];
    });
  const list = marks(sheet, findings, merges);
  if (!list.length) return;

  // Rows and cells as they stand, by number.
  const sheetData = els.find((e) => e.depth === 1 && e.name === 'sheetData');
  if (!sheetData) throw new Error(`工作表“${sheet}”没有 sheetData`);
  const sdIndex = els.indexOf(sheetData);
  const rows = new Map<number, { el: ScannedElement; cells: { col: number; el: ScannedElement }[] }>();
  let lastRow = -1;
  els.forEach((e, i) => {
    if (e.name !== 'row' || e.parent !== sdIndex) return;
    const r = e.attributes.r !== undefined ? Number(e.attributes.r) - 1 : lastRow + 1;
    lastRow = r;
    const cells: { col: number; el: ScannedElement }[] = [];
    let lastCol = -1;
    for (let k = i + 1; k < els.length && els[k]!.start < e.end; k++) {
      const c = els[k]!;
      if (c.name !== 'c' || c.parent !== i) continue;
      const ref = c.attributes.r ? colIndex(c.attributes.r) : null;
      lastCol = ref ? ref[1] : lastCol + 1;
      cells.push({ col: lastCol, el: c });
    }
    rows.set(r, { el: e, cells });
  });
  const colStyles = els
    .filter((e) => e.name === 'col' && e.attributes.style !== undefined)
    .map((e) => ({
      min: Number(e.attributes.min) - 1,
      max: Number(e.attributes.max) - 1,
      s: Number(e.attributes.style),
    }));

  const edits: { at: number; end?: number; text: string }[] = [];
  const newRows = new Map<number, string[]>();
  const rowInserts = new Map<number, { at: number; cells: string[] }[]>();
  for (const m of list) {
    const row = rows.get(m.row);
    const cell = row?.cells.find((c) => c.col === m.col);
    let own = 0;
    if (cell) own = Number(cell.el.attributes.s ?? 0);
    else if (row && row.el.attributes.customFormat === '1' && row.el.attributes.s !== undefined)
      own = Number(row.el.attributes.s);
    else own = colStyles.find((c) => m.col >= c.min && m.col <= c.max)?.s ?? 0;
    const s = styles.flaggedStyle(Number.isInteger(own) ? own : 0, m.severity);
    if (cell) {
      const tag = text.slice(cell.el.start, cell.el.openEnd);
      edits.push({ at: cell.el.start, end: cell.el.openEnd, text: setAttribute(tag, 's', String(s)) });
      continue;
    }
    const xml = `<${p}c r="${a1(m.row, m.col)}" s="${s}"/>`;
    if (!row) {
      const cells = newRows.get(m.row) ?? [];
      cells.push(xml);
      newRows.set(m.row, cells);
      continue;
    }
    // Before the first cell to its right, or at the end of the row.
    const next = row.cells.find((c) => c.col > m.col);
    if (row.el.selfClosing) {
      const list2 = rowInserts.get(m.row) ?? [];
      list2.push({ at: -1, cells: [xml] });
      rowInserts.set(m.row, list2);
    } else edits.push({ at: next ? next.el.start : row.el.closeStart, text: xml });
  }
  // Rows that were self-closing become open rows holding the new cells.
  for (const [r, inserts] of rowInserts) {
    const row = rows.get(r)!;
    const open = text.slice(row.el.start, row.el.openEnd).replace(/\s*\/>$/, '>');
    const cells = inserts.flatMap((i) => i.cells).join('');
    edits.push({ at: row.el.start, end: row.el.end, text: `${open}${cells}</${row.el.prefix}row>` });
  }
  // New rows go before the first row below them.
  const existing = [...rows.entries()].sort((a, b) => a[0] - b[0]);
  let sdOpenReplaced = false;
  for (const [r, cells] of [...newRows.entries()].sort((a, b) => a[0] - b[0])) {
    const xml = `<${p}row r="${r + 1}">${cells.join('')}</${p}row>`;
    const below = existing.find(([n]) => n > r);
    if (below) edits.push({ at: below[1].el.start, text: xml });
    else if (sheetData.selfClosing) {
      if (!sdOpenReplaced) {
        sdOpenReplaced = true;
        edits.push({ at: sheetData.start, end: sheetData.end, text: `<${p}sheetData>` });
      }
      edits.push({ at: sheetData.end, text: xml });
    } else edits.push({ at: sheetData.closeStart, text: xml });
  }
  if (sdOpenReplaced) edits.push({ at: sheetData.end, text: `</${p}sheetData>` });

  // The 序号 printed on each flagged cell, a shape in the sheet's drawing (before legacyDrawing, as the schema orders them).
  const legacyEl = els.find((e) => e.depth === 1 && e.name === 'legacyDrawing');
  const afterDrawing = legacyEl ?? els.find((e) => e.depth === 1 && AFTER_LEGACY_DRAWING.has(e.name));
  const drawingEdit = drawNumberMarks(
    pkg,
    part,
    root,
    els.find((e) => e.depth === 1 && e.name === 'drawing'),
    afterDrawing ? afterDrawing.start : root.closeStart,
    sheetGeometry(els),
    firstShown(list),
  );
  if (drawingEdit) edits.push(drawingEdit);

  // Notes.
  const rels = pkg.relationships(part);
  const commentsRel = rels.find((r) => r.type === REL_COMMENTS || /\/comments$/.test(r.type));
  const legacy = els.find((e) => e.depth === 1 && e.name === 'legacyDrawing');
  const legacyId = legacy
    ? Object.entries(legacy.attributes).find(([k]) => /(^|:)id$/.test(k) && k.includes(':'))?.[1]
    : undefined;
  const vmlRel = legacyId ? rels.find((r) => r.id === legacyId) : undefined;
  const commentsPart = commentsRel && !commentsRel.external ? resolvePart(part, commentsRel.target) : null;
  const vmlPart = vmlRel && !vmlRel.external ? resolvePart(part, vmlRel.target) : null;

  const noteOf = (m: CellMark) => `${NOTE_MARK}\n${m.lines.join('\n')}`;
  const newNotes = patchComments(pkg, part, commentsPart, list, noteOf);
  if (newNotes.length) {
    if (vmlPart && pkg.has(vmlPart)) appendShapes(pkg, vmlPart, newNotes);
    else {
      const vml = pkg.freePart('xl/drawings/vmlDrawing', '.vml');
      pkg.write(vml, newVml(pkg, newNotes));
      pkg.addContentType({ extension: 'vml' }, CT_VML);
      const id = pkg.addRelationship(part, REL_VML, vml);
      const relPrefix = Object.entries(root.attributes).find(([k, v]) => k.startsWith('xmlns:') && v === NS_REL)?.[0];
      const attr = relPrefix ? `${relPrefix.slice(6)}:id="${id}"` : `xmlns:r="${NS_REL}" r:id="${id}"`;
      const xml = `<${p}legacyDrawing ${attr}/>`;
      if (legacy) {
        // A legacyDrawing whose part is missing: point it at ours.
        edits.push({ at: legacy.start, end: legacy.end, text: xml });
      } else {
        const after = els.find((e) => e.depth === 1 && AFTER_LEGACY_DRAWING.has(e.name));
        edits.push({ at: after ? after.start : root.closeStart, text: xml });
      }
    }
  }
  pkg.write(part, spliceAll(text, edits));
}

/**
 * Adds jixiao's notes to the sheet's comments part (made when there is none);
 * returns the cells that got a new comment and so need a shape.
 */
function patchComments(
  pkg: XlsxPackage,
  sheetPart: string,
  commentsPart: string | null,
  list: CellMark[],
  noteOf: (m: CellMark) => string,
): CellMark[] {
  const run = (t: string) =>
    `<r><rPr><sz val="9"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t xml:space="preserve">${xmlText(storableText(t).text)}</t></r>`;
  const text = commentsPart ? pkg.readText(commentsPart) : null;
  if (!commentsPart || text === null) {
    const part = pkg.freePart('xl/comments', '.xml');
    const body = list
      .map((m) => `<comment ref="${a1(m.row, m.col)}" authorId="0"><text>${run(noteOf(m))}</text></comment>`)
      .join('');
    pkg.write(
      part,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>${AUTHOR}</author></authors><commentList>${body}</commentList></comments>`,
    );
    pkg.addContentType({ part }, CT_COMMENTS);
    pkg.addRelationship(sheetPart, REL_COMMENTS, part);
    return list;
  }
  const els = scanXml(commentsPart, text, (name, depth) => depth <= 3);
  const p = els[0]!.prefix;
  const authors = els.find((e) => e.depth === 1 && e.name === 'authors');
  const authorEls = authors ? els.filter((e) => e.name === 'author' && e.parent === els.indexOf(authors)) : [];
  const commentList = els.find((e) => e.depth === 1 && e.name === 'commentList');
  const comments = commentList ? els.filter((e) => e.name === 'comment' && e.parent === els.indexOf(commentList)) : [];
  const edits: { at: number; end?: number; text: string }[] = [];
  const authorId = authorEls.length;
  const authorXml = `<${p}author>${AUTHOR}</${p}author>`;
  if (!authors) edits.push({ at: els[0]!.openEnd, text: `<${p}authors>${authorXml}</${p}authors>` });
  else if (authors.selfClosing)
    edits.push({ at: authors.start, end: authors.end, text: `<${p}authors>${authorXml}</${p}authors>` });
  else edits.push({ at: authors.closeStart, text: authorXml });
  const fresh: CellMark[] = [];
  const added: string[] = [];
  for (const m of list) {
    const ref = a1(m.row, m.col);
    const existing = comments.find((c) => (c.attributes.ref ?? '').toUpperCase() === ref);
    const textEl = existing ? els.find((e) => e.name === 'text' && e.parent === els.indexOf(existing)) : undefined;
    if (existing && textEl && !textEl.selfClosing) {
      const prefixed = (xml: string) => xml.replace(/<(\/?)(r|rPr|sz|rFont|family|charset|t)\b/g, `<$1${p}$2`);
      const plain = plainText(text.slice(textEl.openEnd, textEl.closeStart));
      const mark = plain.indexOf(NOTE_MARK);
      if (mark >= 0) {
        // A copy annotated before: jixiao's old lines give way to the new ones; the user's part stays first.
        const user = plain.slice(0, mark).replace(/\n\n$/, '');
        const body = user ? run(user) + run(`\n\n${noteOf(m)}`) : run(noteOf(m));
        edits.push({ at: textEl.openEnd, end: textEl.closeStart, text: prefixed(body) });
        continue;
      }
      // The user's note first, untouched; jixiao's lines after a blank line.
      edits.push({ at: textEl.closeStart, text: prefixed(run(`\n\n${noteOf(m)}`)) });
      continue;
    }
    added.push(
      `<${p}comment ref="${ref}" authorId="${authorId}"><${p}text>${run(noteOf(m)).replace(/<(\/?)(r|rPr|sz|rFont|family|charset|t)\b/g, `<$1${p}$2`)}</${p}text></${p}comment>`,
    );
    fresh.push(m);
  }
  if (added.length) {
    if (!commentList)
      edits.push({ at: els[0]!.closeStart, text: `<${p}commentList>${added.join('')}</${p}commentList>` });
    else if (commentList.selfClosing)
      edits.push({
        at: commentList.start,
        end: commentList.end,
        text: `<${p}commentList>${added.join('')}</${p}commentList>`,
      });
    else edits.push({ at: commentList.closeStart, text: added.join('') });
  }
  pkg.write(commentsPart, spliceAll(text, edits));
  return fresh;
}

/** The text of a comment's runs (phonetic runs left out), entities decoded. */
function plainText(xml: string): string {
  const noPhonetic = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += m[1] ?? '';
  return xmlUnescape(out);
}

function shape(id: number, m: CellMark): string {
  // Anchored to the right of the cell, about three columns wide and five rows high, hidden until hovered (as Excel makes notes).
  const anchor = `${m.col + 1}, 15, ${Math.max(0, m.row - 1)}, 10, ${m.col + 4}, 15, ${m.row + 4}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${m.row}</x:Row><x:Column>${m.col}</x:Column></x:ClientData>` +
    '</v:shape>'
  );
}

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** A VML drawing of its own: its shape ids use a block (idmap) no other drawing of the package uses. */
function newVml(pkg: XlsxPackage, notes: CellMark[]): string {
  let block = 0;
  for (const part of pkg.parts()) {
    if (!/\.vml$/i.test(part)) continue;
    const t = pkg.readText(part) ?? '';
    for (const m of t.matchAll(/idmap[^>]*data="([\d,\s]+)"/g)) {
      for (const n of m[1]!.split(/[,\s]+/)) if (n) block = Math.max(block, Number(n));
    }
    for (const m of t.matchAll(/_x0000_s(\d+)/g)) block = Math.max(block, Math.floor(Number(m[1]) / 1024));
  }
  block += 1;
  const shapes = notes.map((m, i) => shape(block * 1024 + 1 + i, m)).join('');
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`
  );
}

/** Adds shapes to the sheet's own VML drawing, with ids after the highest it has. */
function appendShapes(pkg: XlsxPackage, part: string, notes: CellMark[]): void {
  const text = pkg.readText(part) ?? '';
  let max = 0;
  for (const m of text.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  const block = /idmap[^>]*data="(\d+)/.exec(text);
  if (max === 0) max = (block ? Number(block[1]) : 1) * 1024;
  const shapes = notes.map((m, i) => shape(max + 1 + i, m)).join('');
  const typeNeeded = !/id="_x0000_t202"/.test(text) ? SHAPETYPE : '';
  const close = text.lastIndexOf('</xml>');
  if (close < 0) throw new Error(`批注绘图 ${part} 不完整`);
  pkg.write(part, text.slice(0, close) + typeNeeded + shapes + text.slice(close));
}
