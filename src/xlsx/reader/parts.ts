/**
 * The workbook-wide parts a sheet needs to be read: shared strings, the
 * number format of each cell style, and the date system.
 */
import type { XlsxPackage } from '../package/package';
import { REL_SHARED_STRINGS, REL_STYLES, resolvePart } from '../package/package';
import { LimitError } from '../package/zip';
import { FastXml } from '../package/fast-xml';
import { localName } from '../package/xml';
import { isDateFormat } from '../../sheet/number-format';

/** Number formats Excel does not write into styles.xml (built-in ids; 27–36 and 50–58 as a Chinese Excel shows them). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Elements of styles.xml whose attributes are read: number formats and cell styles. */
const FORMAT_ELEMENTS: ReadonlySet<string> = new Set(['numFmt', 'xf']);

export interface WorkbookParts {
  strings: string[];
  /** Number format code of each cellXfs index. */
  formats: string[];
  /** Whether each cellXfs index formats a date. */
  dateStyle: boolean[];
  date1904: boolean;
}

/** Shared strings beyond this count make the file unreadable (文件过大). */
export const MAX_SHARED_STRINGS = 2_000_000;
/** Characters of one shared string (Excel holds 32,767). */
const MAX_STRING_CHARS = 65_536;
/** Characters of all shared strings together. */
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;

export function readWorkbookParts(pkg: XlsxPackage): WorkbookParts {
  const wb = pkg.workbookPart();
  const rels = pkg.relationships(wb);
  const date1904 = pkg.date1904();
  const ss = rels.find((r) => r.type === REL_SHARED_STRINGS || /\/sharedStrings$/.test(r.type));
  const st = rels.find((r) => r.type === REL_STYLES || /\/styles$/.test(r.type));
  const strings = ss && !ss.external ? readSharedStrings(pkg, resolvePart(wb, ss.target)) : [];
  const { formats, dateStyle } = st && !st.external ? readStyles(pkg, resolvePart(wb, st.target)) : emptyStyles();
  return { strings, formats, dateStyle, date1904 };
}

function emptyStyles(): { formats: string[]; dateStyle: boolean[] } {
  return { formats: ['General'], dateStyle: [false] };
}

/** <si><t>…</t></si> (the <t> may say xml:space="preserve") whose text needs no decoding. */
const PLAIN_STRING = /<si><t(?: xml:space="preserve")?>([^<&\r]*)<\/t><\/si>/y;

/** Shared strings; a rich string is its runs' text joined, phonetic runs (rPh) left out. */
function readSharedStrings(pkg: XlsxPackage, part: string): string[] {
  const out: string[] = [];
  let chars = 0;
  let current: string[] | null = null;
  let inT = 0;
  let inPhonetic = 0;
  let siChars = 0;
  const add = (s: string) => {
    chars += s.length;
    if (out.length >= MAX_SHARED_STRINGS || chars > MAX_SHARED_CHARS)
      throw new LimitError('文件过大：共享字符串超过读取上限');
    out.push(s);
  };
  const p = new FastXml(part, {
    // The fast lane: a plain string, matched whole by one regular expression (native code from the first file
    // on). Rich and phonetic strings, text with references, CDATA and anything else go through the events below.
    element(s, lt) {
      if (current) return -1;
      PLAIN_STRING.lastIndex = lt;
      const m = PLAIN_STRING.exec(s);
      if (!m) return -1;
      if (m[1]!.length > MAX_STRING_CHARS) throw new LimitError('文件已损坏：共享字符串中有一项超过 Excel 的长度上限');
      add(m[1]!);
      return PLAIN_STRING.lastIndex;
    },
    open(name) {
      const n = localName(name);
      if (n === 'si') {
        current = [];
        siChars = 0;
      } else if (n === 'rPh') inPhonetic++;
      else if (n === 't' && !inPhonetic) inT++;
    },
    close(name) {
      const n = localName(name);
      if (n === 'si') {
        add(current ? current.join('') : '');
        current = null;
      } else if (n === 'rPh') inPhonetic--;
      else if (n === 't' && !inPhonetic) inT--;
    },
    text(t) {
      if (inT > 0 && current) {
        siChars += t.length;
        if (siChars > MAX_STRING_CHARS) throw new LimitError('文件已损坏：共享字符串中有一项超过 Excel 的长度上限');
        current.push(t);
      }
    },
  });
  if (!pkg.streamText(part, (chunk) => p.write(chunk))) return out;
  p.close();
  return out;
}

function readStyles(pkg: XlsxPackage, part: string): { formats: string[]; dateStyle: boolean[] } {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  // In stream: styles.xml is read for its formats alone, whatever else (a comment of any size) it holds.
  const found = pkg.readElements(
    part,
    {
      open(name, attributes) {
        const n = localName(name);
        if (n === 'numFmt') {
          const id = Number(attributes.numFmtId);
          if (Number.isInteger(id)) custom.set(id, attributes.formatCode ?? 'General');
        } else if (n === 'cellXfs') inCellXfs = true;
        else if (n === 'xf' && inCellXfs) xfIds.push(Number(attributes.numFmtId ?? 0) || 0);
      },
      close(name) {
        if (localName(name) === 'cellXfs') inCellXfs = false;
      },
    },
    FORMAT_ELEMENTS,
  );
  if (!found) return emptyStyles();
  const formats = xfIds.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
  if (formats.length === 0) return emptyStyles();
  return { formats, dateStyle: formats.map(isDateFormat) };
}
