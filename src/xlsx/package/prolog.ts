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
import { LimitError, rawData, type Budget, type ZipEntry } from './zip';

/** Parts of these kinds are XML. */
const XML_PART = /\.(xml|rels|vml)$/i;

/** Compressed bytes per push: no text is made of what comes out, so larger pushes cost no garbage but the bytes. */
const PUSH = 4096;

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
      for (let i = 0; i < raw.length; i += PUSH) feed(raw.subarray(i, Math.min(raw.length, i + PUSH)));
    } else {
      const inflater = new Inflate((chunk) => feed(chunk));
      for (let i = 0; i < raw.length; i += PUSH)
        inflater.push(raw.subarray(i, Math.min(raw.length, i + PUSH)), i + PUSH >= raw.length);
    }
  } catch (err) {
    if (err === STOP) {
      if (scanner.doctype) throw new UnsafeXmlError(e.name);
      return;
    }
    // A limit of the budget is the budget's; inflating errors are for the part's own reader to report.
    if (err instanceof LimitError) throw err;
  }
}

const LT = 0x3c;
const DOCTYPE = '<!DOCTYPE';
const COMMENT_END = [0x2d, 0x2d, 0x3e];
const PI_END = [0x3f, 0x3e];

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Where `pattern` starts in `b` from `from` on, -1 when nowhere (its first byte is looked for in native code). */
function indexOfBytes(b: Uint8Array, pattern: number[], from: number): number {
  for (
    let i = b.indexOf(pattern[0]!, from);
    i >= 0 && i + pattern.length <= b.length;
    i = b.indexOf(pattern[0]!, i + 1)
  ) {
    let k = 1;
    while (k < pattern.length && b[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Reads bytes up to the root element: whether a DOCTYPE came first. Bytes, never text: a comment of hundreds of MB
 * before the root is searched for its end where it lies, and nothing of it is kept or decoded. Plain Uint8Arrays
 * (no node Buffer): the panes read last year's workbook with this reader too.
 */
class PrologScanner {
  doctype = false;
  /** Bytes of a markup start not yet long enough to tell (at most 8), or the last 2 bytes of a comment or PI. */
  private carry: Uint8Array = new Uint8Array(0);
  private inComment = false;
  private inPi = false;
  private bom = 0;

  /** True when the prolog is over (root element, DOCTYPE, or something that is not a prolog). */
  push(chunk: Uint8Array): boolean {
    let b = chunk;
    if (this.carry.length) b = concat(this.carry, b);
    this.carry = new Uint8Array(0);
    let i = 0;
    // A UTF-8 byte order mark may open the part.
    while (this.bom < 3 && i < b.length && b[i] === [0xef, 0xbb, 0xbf][this.bom]) {
      i++;
      this.bom++;
    }
    if (i < b.length) this.bom = 3;
    for (;;) {
      if (this.inComment || this.inPi) {
        const end = indexOfBytes(b, this.inComment ? COMMENT_END : PI_END, i);
        if (end < 0) {
          this.carry = new Uint8Array(b.subarray(Math.max(i, b.length - 2)));
          return false;
        }
        i = end + (this.inComment ? 3 : 2);
        this.inComment = this.inPi = false;
        continue;
      }
      while (i < b.length && isSpace(b[i]!)) i++;
      if (b.length - i < DOCTYPE.length) {
        this.carry = new Uint8Array(b.subarray(i));
        return false;
      }
      if (b[i] !== LT) return true;
      if (b[i + 1] === 0x21 && b[i + 2] === 0x2d && b[i + 3] === 0x2d) {
        this.inComment = true;
        i += 4;
        continue;
      }
      if (b[i + 1] === 0x3f) {
        this.inPi = true;
        i += 2;
        continue;
      }
      if (String.fromCharCode.apply(null, Array.from(b.subarray(i, i + DOCTYPE.length))).toUpperCase() === DOCTYPE)
        this.doctype = true;
      return true;
    }
  }
}
