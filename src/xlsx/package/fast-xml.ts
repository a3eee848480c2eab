/**
 * A small, strict XML tokenizer for the two large parts of a workbook (the
 * sheets and the shared strings), where a general parser's per-character work
 * costs more than the rest of checking a form. It reads elements, attributes
 * and text in chunks; it knows the five predefined entities and character
 * references and nothing else: a DOCTYPE is refused, an unknown entity is an
 * error, end tags must match their start tags. Positions are not tracked —
 * patching uses the general parser (xml.ts).
 */
import { localName, UnsafeXmlError, XmlError, XmlLimitError } from './xml';

export interface FastXmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  /** Text and CDATA, decoded. */
  text(text: string): void;
  /**
   * A fast lane for the handler's most frequent elements (a sheet's cells and rows, shared strings): offered every
   * element that starts at `lt` inside the root, it may read the whole element itself when it has exactly a shape
   * that needs none of the tokenizer's checks (well-formed by construction, nothing to decode), and return the
   * offset after it; or return -1, having changed nothing, and the tokenizer reads the element as usual.
   */
  element?(s: string, lt: number): number;
}

/** Text or a tag longer than this is refused (no cell holds more; see xml.ts). */
const MAX_RUN = 1024 * 1024;

const NO_ATTRS: Record<string, string> = Object.freeze({});
const hasOwn = Object.prototype.hasOwnProperty;

/** Whether XML 1.0 allows the character. */
function xmlChar(code: number): boolean {
  if (code < 0x20) return code === 9 || code === 10 || code === 13;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff && code <= 0x10ffff;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isNameEnd(c: number): boolean {
  // space, tab, CR, LF, "/", ">"
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 47 || c === 62;
}

/** Whether s[from, to) is white space only. */
function blank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

export class FastXml {
  private buf = '';
  private readonly stack: string[] = [];
  private done = false;
  private started = false;
  /** Inside a comment that did not end in the text seen so far: its text is skipped as it comes, never kept. */
  private inComment = false;

  /** `attrsOf(name)` false: the element's attributes are checked for form but not collected (most are never read). */
  constructor(
    private readonly part: string,
    private readonly h: FastXmlHandlers,
    private readonly attrsOf: (name: string) => boolean = () => true,
  ) {}

  write(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    if (this.inComment && !this.skipComment(0)) return;
    this.run(false);
    if (this.buf.length > MAX_RUN) throw new XmlLimitError(this.part);
  }

  close(): void {
    if (this.inComment) this.fail('注释未结束');
    this.run(true);
    if (this.inComment) this.fail('注释未结束');
    if (this.buf.trim()) this.fail('文档在元素中间结束');
    if (this.stack.length || !this.started) this.fail('元素未闭合');
  }

  private fail(detail: string): never {
    throw new XmlError(this.part, detail);
  }

  private decode(s: string): string {
    if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
    if (s.indexOf('&') < 0) return s;
    return s.replace(/&([^&;]*)(;?)/g, (_, ref: string, semi: string) => {
      if (!semi) this.fail(`未结束的实体引用 &${ref.slice(0, 10)}`);
      const named = NAMED[ref];
      if (named !== undefined) return named;
      const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
      if (!m) this.fail(`未定义的实体 &${ref.slice(0, 20)};`);
      const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      // As XML 1.0 and every other parser of the package layer: only characters XML may hold (no C0 controls but
      // tab, line feed and carriage return; no surrogates, U+FFFE or U+FFFF).
      if (!xmlChar(code)) this.fail(`无效的字符引用 &${ref};，XML 不允许这个字符`);
      return String.fromCodePoint(code);
    });
  }

  private textOutside(s: string): void {
    if (this.stack.length) this.h.text(this.decode(s));
    else if (s.trim()) this.fail('根元素之外有文本');
  }

  private run(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text up to the end of the chunk: wait for the tag that ends it, unless nothing more comes.
        if (final) {
          this.textOutside(s.slice(i));
          i = n;
        }
        break;
      }
      if (lt > i) this.textOutside(s.slice(i, lt));
      i = lt;
      if (this.h.element && this.stack.length) {
        const end = this.h.element(s, lt);
        if (end >= 0) {
          i = end;
          continue;
        }
      }
      const c1 = s.charCodeAt(lt + 1);
      if (Number.isNaN(c1)) break;
      if (c1 === 47) {
        // </name>
        const gt = s.indexOf('>', lt);
        if (gt < 0) break;
        const open = this.stack.pop();
        // Compared in place: the name (then blanks only) must be the open element's.
        if (open === undefined || !s.startsWith(open, lt + 2) || !blank(s, lt + 2 + open.length, gt)) {
          this.fail(`结束标记 </${s.slice(lt + 2, gt).trimEnd()}> 与 <${open ?? ''}> 不配对`);
        }
        this.h.close(open);
        if (!this.stack.length) this.done = true;
        i = gt + 1;
        continue;
      }
      if (c1 === 63) {
        // <? … ?>
        const end = s.indexOf('?>', lt);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      if (c1 === 33) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) {
            // A comment longer than the text so far: skipped in stream (a comment of hundreds of MB costs no memory).
            this.buf = s.slice(lt + 4);
            this.inComment = true;
            this.skipComment(0);
            return;
          }
          i = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (!this.stack.length) this.fail('根元素之外有 CDATA');
          this.h.text(s.slice(lt + 9, end));
          i = end + 3;
          continue;
        }
        if (lt + 9 > n && !final) break;
        if (s.slice(lt, lt + 9).toUpperCase() === '<!DOCTYPE') throw new UnsafeXmlError(this.part);
        this.fail('无法识别的标记');
      }
      // A start tag, read in one pass: its name, then attribute after attribute up to ">" or "/>".
      let k = lt + 1;
      while (k < n && !isNameEnd(s.charCodeAt(k))) k++;
      if (k >= n) break;
      if (k === lt + 1) this.fail('缺少元素名');
      const name = s.slice(lt + 1, k);
      const tag = this.tag(s, k, this.attrsOf(name));
      if (tag < 0) break;
      const selfClosing = this.selfClosing;
      const attrs = this.attrs;
      this.attrs = NO_ATTRS;
      if (this.done) this.fail('根元素之后还有元素');
      this.started = true;
      if (selfClosing) {
        this.h.open(name, attrs, true);
        this.h.close(name);
        if (!this.stack.length) this.done = true;
      } else {
        this.stack.push(name);
        this.h.open(name, attrs, false);
      }
      i = tag;
    }
    this.buf = i >= n ? '' : s.slice(i);
  }

  /**
   * In a comment: drops the buffered text up to its end "-->" and reads on after it (true), or keeps only the last
   * two characters, which may begin the end (false).
   */
  private skipComment(from: number): boolean {
    const end = this.buf.indexOf('-->', from);
    if (end < 0) {
      this.buf = this.buf.slice(-2);
      return false;
    }
    this.inComment = false;
    this.buf = this.buf.slice(end + 3);
    return true;
  }

  /** Set by tag(): the attributes collected and whether the tag ends with "/>". */
  private attrs: Record<string, string> = NO_ATTRS;
  private selfClosing = false;

  /**
   * The attributes of a start tag from `from` (just after its name) to its end: each is checked for form, and
   * collected when `collect`. Returns the offset after the tag's ">", or -1 when the tag goes on past the text.
   */
  private tag(s: string, from: number, collect: boolean): number {
    const n = s.length;
    // A plain object (a null-prototype one is a slow dictionary in V8); own keys are checked as such.
    const attrs: Record<string, string> = collect ? {} : NO_ATTRS;
    let i = from;
    for (;;) {
      let c = s.charCodeAt(i);
      while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c === 62) {
        this.selfClosing = false;
        this.attrs = attrs;
        return i + 1;
      }
      if (c === 47) {
        if (i + 1 >= n) return -1;
        if (s.charCodeAt(i + 1) !== 62) this.fail('标记中“/”的位置不对');
        this.selfClosing = true;
        this.attrs = attrs;
        return i + 2;
      }
      if (c === 60) this.fail('标记中出现“<”');
      // The name runs to "=", white space or the end of the tag.
      const start = i;
      while (i < n && (c = s.charCodeAt(i)) !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 62) {
        if (c === 60) this.fail('标记中出现“<”');
        i++;
      }
      if (i >= n) return -1;
      const end = i;
      while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== 61) this.fail('属性缺少“=”');
      c = s.charCodeAt(++i);
      while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
      if (i >= n) return -1;
      if (c !== 34 && c !== 39) this.fail(`属性 ${s.slice(start, end)} 的值缺少引号`);
      // The value runs to the matching quote; scanned by hand (values are short), noting what needs decoding.
      const quote = c;
      let close = i + 1;
      let plain = true;
      for (; close < n; close++) {
        const d = s.charCodeAt(close);
        if (d === quote) break;
        if (d === 38 || d === 13) plain = false;
      }
      if (close >= n) return -1;
      if (collect) {
        const key = s.slice(start, end);
        if (hasOwn.call(attrs, key)) this.fail(`属性 ${key} 重复`);
        const raw = s.slice(i + 1, close);
        attrs[key] = plain ? raw : this.decode(raw);
      }
      i = close + 1;
    }
  }
}

/**
 * Reads a whole (small) part: its elements with their attributes, its text ignored. With `only`, attributes are
 * collected for the elements of those local names alone (the others' are checked for form, and arrive empty).
 */
export function readXml(
  part: string,
  text: string,
  h: { open(name: string, attrs: Record<string, string>): void; close?(name: string): void },
  only?: ReadonlySet<string>,
): void {
  const collect = only ? (name: string) => only.has(localName(name)) : () => true;
  const p = new FastXml(part, { open: h.open, close: h.close ?? (() => undefined), text: () => undefined }, collect);
  p.write(text);
  p.close();
}
