/**
 * DOCTYPE is refused in every XML part of a package, not only in the parts a
 * command happens to parse: [Content_Types].xml, docProps, the theme and the
 * rest are copied into annotated copies and next year's form, and a reader
 * that trusts them would expand their entities. A DOCTYPE can only stand in
 * a part's prolog (before its root element), so only the prolog is read, in
 * stream: comments and processing instructions are skipped as they come.
 */
import { Inflate } from 'fflate';
import { UnsafeXmlError } from './xml';
import { rawData, type Budget, type ZipEntry } from './zip';

/** Parts of these kinds are XML. */
const XML_PART = /\.(xml|rels|vml)$/i;

/** Thrown to stop inflating once the prolog has been read. */
const STOP = new Error('prolog read');

/** Whether an entry is an XML part whose prolog must be looked at. */
export function isXmlPart(e: ZipEntry): boolean {
  return XML_PART.test(e.name) && e.size > 0 && (e.method === 0 || e.method === 8) && (e.flags & 1) === 0;
}

/**
 * Refuses the part (UnsafeXmlError) when its prolog declares a DOCTYPE. Damage is not judged here: a part that
 * cannot be inflated, or is no XML, is left to the parser that reads it.
 */
export function refuseDoctype(bytes: Uint8Array, e: ZipEntry, budget: Budget): void {
  const scanner = new PrologScanner();
  const feed = (chunk: Uint8Array) => {
    budget.take(chunk.length);
    if (scanner.push(chunk)) throw STOP;
  };
  let raw: Uint8Array;
  try {
    raw = rawData(bytes, e);
  } catch {
    return;
  }
  try {
    if (e.method === 0) {
      for (let i = 0; i < raw.length; i += 1024) feed(raw.subarray(i, Math.min(raw.length, i + 1024)));
    } else {
      const inflater = new Inflate((chunk) => feed(chunk));
      for (let i = 0; i < raw.length; i += 1024)
        inflater.push(raw.subarray(i, Math.min(raw.length, i + 1024)), i + 1024 >= raw.length);
    }
  } catch (err) {
    if (err === STOP) {
      if (scanner.doctype) throw new UnsafeXmlError(e.name);
      return;
    }
    // A limit of the budget is the budget's; inflating errors are for the part's own reader to report.
    if (err instanceof Error && err.name === 'LimitError') throw err;
  }
}

/** Reads bytes up to the root element: whether a DOCTYPE came first. */
class PrologScanner {
  doctype = false;
  /** Undecoded text kept between chunks: never more than a few characters (a comment's body is dropped). */
  private text = '';
  private inComment = false;
  private inPi = false;
  private readonly decoder = new TextDecoder('utf-8');

  /** True when the prolog is over (root element, DOCTYPE, or something that is not a prolog). */
  push(chunk: Uint8Array): boolean {
    this.text += this.decoder.decode(chunk, { stream: true });
    for (;;) {
      if (this.inComment || this.inPi) {
        const close = this.inComment ? '-->' : '?>';
        const end = this.text.indexOf(close);
        if (end < 0) {
          this.text = this.text.slice(-2);
          return false;
        }
        this.text = this.text.slice(end + close.length);
        this.inComment = this.inPi = false;
        continue;
      }
      const t = this.text.replace(/^[\s\ufeff]+/, '');
      this.text = t;
      if (t.length < 9) return false;
      if (t.startsWith('<!--')) {
        this.inComment = true;
        this.text = t.slice(4);
        continue;
      }
      if (t.startsWith('<?')) {
        this.inPi = true;
        this.text = t.slice(2);
        continue;
      }
      if (t.slice(0, 9).toUpperCase() === '<!DOCTYPE') this.doctype = true;
      return true;
    }
  }
}
