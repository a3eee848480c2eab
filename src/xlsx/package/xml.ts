/**
 * XML of a package part, read with saxes. saxes never reads a DTD, so no
 * entity is ever expanded; a part that declares a DOCTYPE at all is refused
 * (no program that writes workbooks puts one there).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FileError } from '../errors';

export class UnsafeXmlError extends FileError {
  constructor(part: string) {
    super(`文件中的 ${part} 含有 DOCTYPE（XML 实体声明），出于安全原因不予读取`);
    this.name = 'UnsafeXmlError';
  }
}

export class XmlError extends FileError {
  constructor(part: string, detail: string) {
    super(`文件已损坏：${part} 不是合格的 XML（${detail}）`);
    this.name = 'XmlError';
  }
}

/** Characters of text between two tags above which a part is refused. */
const MAX_TEXT_RUN = 1024 * 1024;

export class XmlLimitError extends FileError {
  constructor(part: string) {
    super(`文件过大或已损坏：${part} 中有一段超过 1 MB 的连续文本`);
    this.name = 'XmlLimitError';
  }
}

/** "x:c" → "c". */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export interface XmlHandlers {
  open?(tag: SaxesTagPlain, parser: SaxesParser): void;
  close?(tag: SaxesTagPlain, parser: SaxesParser): void;
  text?(text: string): void;
}

/** saxes' messages for the damage a hostile or broken part most often has, and what they mean. */
const SAXES_CAUSES: readonly [string, string][] = [
  ['malformed character entity', '无效的字符引用，XML 不允许这个字符'],
  ['disallowed character', '有 XML 不允许的字符'],
  ['undefined entity', '未定义的实体'],
  ['unmatched closing tag', '结束标记不配对'],
  ['unexpected close tag', '结束标记不配对'],
  ['unclosed tag', '元素未闭合'],
  ['unexpected end', '文档在中途结束'],
  ['unquoted attribute value', '属性值缺少引号'],
];

/** A streaming parser for one part; write() chunks, then close(). Errors carry the part's name. */
export function xmlParser(part: string, h: XmlHandlers): { write(chunk: string): void; close(): void } {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let failure: Error | null = null;
  parser.on('doctype', () => {
    failure ??= new UnsafeXmlError(part);
  });
  parser.on('error', (err) => {
    // saxes words its errors in English: where it stopped is passed on, with the commonest causes in Chinese.
    const cause = SAXES_CAUSES.find(([english]) => err.message.includes(english))?.[1];
    failure ??= new XmlError(part, `第 ${parser.line} 行第 ${parser.column} 列附近${cause ? `：${cause}` : ''}`);
  });
  if (h.open) parser.on('opentag', (t) => h.open!(t, parser));
  if (h.close) parser.on('closetag', (t) => h.close!(t, parser));
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  const check = () => {
    if (failure) throw failure;
  };
  // saxes gathers the text between two tags into one string: a run of text longer than any cell holds is refused
  // before it is gathered (a sheet padded with hundreds of MB of blanks would otherwise sit in memory whole).
  let run = 0;
  return {
    write(chunk) {
      const lt = chunk.lastIndexOf('<');
      run = lt < 0 ? run + chunk.length : chunk.length - lt;
      if (run > MAX_TEXT_RUN) throw new XmlLimitError(part);
      // saxes keeps going after an error; stop at the first one.
      check();
      parser.write(chunk);
      check();
    },
    close() {
      check();
      parser.close();
      check();
    },
  };
}

/** Parses a whole part. */
export function parseXml(part: string, text: string, h: XmlHandlers): void {
  const p = xmlParser(part, h);
  p.write(text);
  p.close();
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Text for an XML text node: escaped, and without the characters XML 1.0 cannot hold. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

/** An element of a part with where it stands in the text, for patching the text in place. */
export interface ScannedElement {
  /** Local name ("c"), and the prefix as written ("x:" or ""). */
  name: string;
  prefix: string;
  attributes: Record<string, string>;
  depth: number;
  /** Index of the parent in the scan, -1 for the root. */
  parent: number;
  /** Offset of "<" of the start tag, of the character after its ">", of "<" of the end tag, and after the end. */
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  selfClosing: boolean;
}

/**
 * Every element of a part with its offsets (JavaScript string indexes), in
 * document order. `keep` limits the list to elements worth patching; their
 * ancestors' depth and parent links stay right.
 */
export function scanXml(part: string, text: string, keep?: (name: string, depth: number) => boolean): ScannedElement[] {
  const out: ScannedElement[] = [];
  const stack: number[] = [];
  const kept: number[] = [];
  let depth = 0;
  parseXml(part, text, {
    open(tag, parser) {
      const pos = parser.position;
      const name = localName(tag.name);
      const wanted = !keep || keep(name, depth);
      if (wanted) {
        const start = text.lastIndexOf('<', pos - 1);
        out.push({
          name,
          prefix: tag.name.length > name.length ? tag.name.slice(0, tag.name.length - name.length) : '',
          attributes: tag.attributes,
          depth,
          parent: kept.length ? kept[kept.length - 1]! : -1,
          start,
          openEnd: pos,
          closeStart: pos,
          end: pos,
          selfClosing: tag.isSelfClosing,
        });
        stack.push(out.length - 1);
        kept.push(out.length - 1);
      } else stack.push(-1);
      depth++;
    },
    close(tag, parser) {
      depth--;
      const i = stack.pop()!;
      if (i < 0) return;
      kept.pop();
      const e = out[i]!;
      if (!e.selfClosing) {
        const pos = parser.position;
        e.closeStart = text.lastIndexOf('<', pos - 1);
        e.end = pos;
      }
    },
  });
  return out;
}

/** Applies text edits (offset ranges replaced by new text). */
export function spliceAll(text: string, edits: { at: number; end?: number; text: string }[]): string {
  // Ranges never overlap; inserts at one offset keep the order they were given in.
  const sorted = edits.map((e, i) => ({ ...e, end: e.end ?? e.at, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const pieces: string[] = [];
  let from = 0;
  for (const e of sorted) {
    pieces.push(text.slice(from, e.at), e.text);
    from = Math.max(from, e.end);
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}
