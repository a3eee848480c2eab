/**
 * A small, strict XML tokenizer for the two large parts of a workbook (the
 * sheets and the shared strings), where a general parser's per-character work
 * costs more than the rest of checking a form. It reads elements, attributes
 * and text in chunks; it knows the five predefined entities and character
 * references and nothing else: a DOCTYPE is refused, an unknown entity is an
 * error, end tags must match their start tags. Positions are not tracked —
 * patching uses the general parser (xml.ts).
 */
import { UnsafeXmlError, XmlError, XmlLimitError } from './xml';

export interface FastXmlHandlers {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  /** Text and CDATA, decoded. */
  text(text: string): void;
}

/** Text or a tag longer than this is refused (no cell holds more; see xml.ts). */
const MAX_RUN = 1024 * 1024;

const NO_ATTRS: Record<string, string> = Object.freeze({});
const hasOwn = Object.prototype.hasOwnProperty;

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isNameEnd(c: number): boolean {
  // space, tab, CR, LF, "/", ">"
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 47 || c === 62;
}

export class FastXml {
  private buf = '';
  private readonly stack: string[] = [];
  private done = false;
  private started = false;

  /** `attrsOf(name)` false: the element's attributes are checked for form but not collected (most are never read). */
  constructor(
    private readonly part: string,
    private readonly h: FastXmlHandlers,
    private readonly attrsOf: (name: string) => boolean = () => true,
  ) {}

  write(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.run(false);
    if (this.buf.length > MAX_RUN) throw new XmlLimitError(this.part);
  }

  close(): void {
    this.run(true);
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
      if (code > 0x10ffff || code === 0) this.fail(`无效的字符引用 &${ref};`);
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
      const c1 = s.charCodeAt(lt + 1);
      if (Number.isNaN(c1)) break;
      if (c1 === 47) {
        // </name>
        const gt = s.indexOf('>', lt);
        if (gt < 0) break;
        const name = s.slice(lt + 2, gt).trimEnd();
        const open = this.stack.pop();
        if (open !== name) this.fail(`结束标记 </${name}> 与 <${open ?? ''}> 不配对`);
        this.h.close(name);
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
          if (end < 0) break;
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
      // A start tag: its end is the first ">" outside quotes.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
        else if (c === 60) this.fail('标记中出现“<”');
      }
      if (j >= n) break;
      let k = lt + 1;
      while (k < j && !isNameEnd(s.charCodeAt(k))) k++;
      const name = s.slice(lt + 1, k);
      if (!name) this.fail('缺少元素名');
      const selfClosing = s.charCodeAt(j - 1) === 47;
      const attrs = this.attrsOf(name) ? this.attributes(s, k, selfClosing ? j - 1 : j) : NO_ATTRS;
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
      i = j + 1;
    }
    this.buf = i >= n ? '' : s.slice(i);
  }

  private attributes(s: string, from: number, to: number): Record<string, string> {
    // A plain object (a null-prototype one is a slow dictionary in V8); own keys are checked as such.
    const attrs: Record<string, string> = {};
    let i = from;
    while (i < to) {
      let c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= to) this.fail('属性缺少“=”');
      const name = s.slice(i, eq).trimEnd();
      let q = eq + 1;
      while (q < to && ((c = s.charCodeAt(q)) === 32 || c === 9 || c === 10 || c === 13)) q++;
      const quote = s.charCodeAt(q);
      if (quote !== 34 && quote !== 39) this.fail(`属性 ${name} 的值缺少引号`);
      const end = s.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (end < 0 || end >= to) this.fail(`属性 ${name} 的值未结束`);
      if (hasOwn.call(attrs, name)) this.fail(`属性 ${name} 重复`);
      const raw = s.slice(q + 1, end);
      attrs[name] = raw.indexOf('&') < 0 && raw.indexOf('\r') < 0 ? raw : this.decode(raw);
      i = end + 1;
    }
    return attrs;
  }
}

/** Reads a whole (small) part: its elements with their attributes, its text ignored unless asked for. */
export function readXml(
  part: string,
  text: string,
  h: { open(name: string, attrs: Record<string, string>): void; close?(name: string): void },
): void {
  const p = new FastXml(part, { open: h.open, close: h.close ?? (() => undefined), text: () => undefined });
  p.write(text);
  p.close();
}
