/**
 * The cell styles an annotated copy adds to styles.xml: for each style a
 * flagged cell had, the same style with jixiao's fill (font, borders, number
 * format, alignment and protection kept), and the styles of the 校验结果
 * sheet. Existing entries are never changed, only new ones appended, so every
 * other cell keeps its look.
 */
import type { Severity } from '../../report/types';
import { FLAG_FILL } from '../../report/flags';
import { CT_STYLES, REL_STYLES, type XlsxPackage, resolvePart } from '../package/package';
import { escapeXml, scanXml, spliceAll, type ScannedElement } from '../package/xml';

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** "#FFC7CE" → "FFFFC7CE". */
function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

function solidFill(p: string, hex: string): string {
  return `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(hex)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
}

/** Sets (or adds) an attribute in a start tag. */
export function setAttribute(startTag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(startTag)) return startTag.replace(re, `$1"${escapeXml(value)}"`);
  return startTag.replace(/^(<[^\s/>]+)/, `$1 ${name}="${escapeXml(value)}"`);
}

interface Collection {
  el: ScannedElement | null;
  items: ScannedElement[];
  added: string[];
}

export interface ResultStyles {
  title: number;
  text: number;
  header: number;
  link: number;
  severity: Record<Severity, number>;
}

export class StylePatch {
  private readonly part: string;
  private readonly text: string;
  private readonly prefix: string;
  private readonly fonts: Collection;
  private readonly fills: Collection;
  private readonly xfs: Collection;
  private readonly flagFill = new Map<Severity, number>();
  private readonly flagged = new Map<string, number>();
  private resultStyles: ResultStyles | null = null;
  private readonly created: boolean;

  constructor(private readonly pkg: XlsxPackage) {
    const wb = pkg.workbookPart();
    const rel = pkg.relationships(wb).find((r) => r.type === REL_STYLES || /\/styles$/.test(r.type));
    const part = rel && !rel.external ? resolvePart(wb, rel.target) : null;
    const text = part ? pkg.readText(part) : null;
    this.created = text === null;
    this.part = part ?? 'xl/styles.xml';
    this.text = text ?? MINIMAL_STYLES;
    const els = scanXml(
      this.part,
      this.text,
      (name, depth) => depth <= 1 || (depth === 2 && /^(font|fill|xf)$/.test(name)),
    );
    this.prefix = els[0]?.prefix ?? '';
    const collection = (name: string, child: string): Collection => {
      const i = els.findIndex((e) => e.depth === 1 && e.name === name);
      return {
        el: i >= 0 ? els[i]! : null,
        items: i >= 0 ? els.filter((e) => e.parent === i && e.name === child) : [],
        added: [],
      };
    };
    this.fonts = collection('fonts', 'font');
    this.fills = collection('fills', 'fill');
    this.xfs = collection('cellXfs', 'xf');
    if (!this.fonts.el || !this.fills.el || !this.xfs.el || this.xfs.items.length === 0) {
      throw new Error('styles.xml 缺少 fonts、fills 或 cellXfs');
    }
  }

  private add(c: Collection, xml: string): number {
    c.added.push(xml);
    return c.items.length + c.added.length - 1;
  }

  private fill(severity: Severity): number {
    let id = this.flagFill.get(severity);
    if (id === undefined) {
      id = this.add(this.fills, solidFill(this.prefix, FLAG_FILL[severity]));
      this.flagFill.set(severity, id);
    }
    return id;
  }

  /** The style of a flagged cell whose own style was `xf`: the same with jixiao's fill. */
  flaggedStyle(xf: number, severity: Severity): number {
    const base = xf >= 0 && xf < this.xfs.items.length ? xf : 0;
    const key = `${base}:${severity}`;
    let id = this.flagged.get(key);
    if (id !== undefined) return id;
    const el = this.xfs.items[base]!;
    const original = this.text.slice(el.start, el.end);
    const openLen = el.openEnd - el.start;
    let start = original.slice(0, openLen);
    start = setAttribute(start, 'fillId', String(this.fill(severity)));
    start = setAttribute(start, 'applyFill', '1');
    id = this.add(this.xfs, start + original.slice(openLen));
    this.flagged.set(key, id);
    return id;
  }

  /** Styles of the 校验结果 sheet. */
  result(): ResultStyles {
    if (this.resultStyles) return this.resultStyles;
    const p = this.prefix;
    const font = (extra: string, size: number) =>
      `<${p}font>${extra}<${p}sz val="${size}"/><${p}name val="宋体"/><${p}family val="3"/><${p}charset val="134"/></${p}font>`;
    const plain = this.add(this.fonts, font('', 11));
    const bold = this.add(this.fonts, font(`<${p}b/>`, 11));
    const title = this.add(this.fonts, font(`<${p}b/>`, 14));
    const link = this.add(this.fonts, font(`<${p}u/><${p}color rgb="FF0563C1"/>`, 11));
    const grey = this.add(this.fills, solidFill(p, '#D9D9D9'));
    const xf = (fontId: number, fillId: number, align: string) =>
      this.add(
        this.xfs,
        `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><${p}alignment ${align}/></${p}xf>`,
      );
    const wrapTop = 'vertical="top" wrapText="1"';
    this.resultStyles = {
      title: xf(title, 0, 'vertical="center"'),
      text: xf(plain, 0, wrapTop),
      header: xf(bold, grey, 'horizontal="center" vertical="center" wrapText="1"'),
      link: xf(link, 0, wrapTop),
      severity: { error: xf(plain, this.fill('error'), wrapTop), warning: xf(plain, this.fill('warning'), wrapTop) },
    };
    return this.resultStyles;
  }

  /** Writes styles.xml back when something was added. */
  commit(): void {
    const edits: { at: number; end?: number; text: string }[] = [];
    for (const c of [this.fonts, this.fills, this.xfs]) {
      if (!c.added.length || !c.el) continue;
      const el = c.el;
      const total = c.items.length + c.added.length;
      const start = this.text.slice(el.start, el.openEnd);
      if (el.selfClosing) {
        const open = setAttribute(start.replace(/\s*\/>$/, '>'), 'count', String(total));
        edits.push({ at: el.start, end: el.end, text: `${open}${c.added.join('')}</${el.prefix}${el.name}>` });
      } else {
        edits.push({ at: el.start, end: el.openEnd, text: setAttribute(start, 'count', String(total)) });
        // After the last existing item (anything else inside, such as an extLst, stays after ours).
        const at = c.items.length ? c.items[c.items.length - 1]!.end : el.openEnd;
        edits.push({ at, text: c.added.join('') });
      }
    }
    if (!edits.length) return;
    this.pkg.write(this.part, spliceAll(this.text, edits));
    if (this.created) {
      this.pkg.addRelationship(this.pkg.workbookPart(), REL_STYLES, this.part);
      this.pkg.addContentType({ part: this.part }, CT_STYLES);
    }
  }
}
