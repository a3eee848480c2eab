/**
 * Parses an en-US spreadsheet formula ("=IF(E10=0,0,ROUND(E7/E10,4))") into a
 * small tree. Operator precedence follows Excel: comparison < & < + - < * / <
 * ^ < % < unary minus (so -2^2 is 4, as in Excel). Returns null for text that
 * is not a formula this module understands.
 */
import { columnIndex } from './ref';

export type FormulaNode =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'err'; v: string }
  | { k: 'ref'; sheet: string | null; row: number; col: number }
  | { k: 'range'; sheet: string | null; top: number; left: number; bottom: number; right: number }
  | { k: 'name'; v: string }
  | { k: 'unary'; op: '-' | '+'; arg: FormulaNode }
  | { k: 'pct'; arg: FormulaNode }
  | { k: 'bin'; op: BinaryOp; l: FormulaNode; r: FormulaNode }
  | { k: 'call'; name: string; args: (FormulaNode | null)[] };

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'err'; v: string }
  | { t: 'ref'; node: FormulaNode }
  | { t: 'func'; v: string }
  | { t: 'ident'; v: string }
  | { t: 'op'; v: string };

const ERRORS = ['#DIV/0!', '#N/A', '#NAME?', '#NULL!', '#NUM!', '#REF!', '#VALUE!'];
const MAX_ROW = 1048575;
const MAX_COL = 16383;

const CELL = String.raw`\$?([A-Za-z]{1,3})\$?(\d{1,7})`;
const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*))!`;
const REF_RE = new RegExp(String.raw`^(?:${SHEET})?${CELL}(?::${CELL})?`);
const NUM_RE = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT_RE = /^[A-Za-z_\\][\w.]*/;
const OPS = ['<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '%', '(', ')', ','];

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') {
      i++;
      continue;
    }
    const rest = src.slice(i);
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) return null;
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j];
        j++;
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const e = ERRORS.find((x) => rest.toUpperCase().startsWith(x));
      if (!e) return null;
      out.push({ t: 'err', v: e });
      i += e.length;
      continue;
    }
    const ref = REF_RE.exec(rest);
    // A reference must not run on into a name ("A1B" or "LOG10(").
    if (ref && !/^[\w.(]/.test(rest.slice(ref[0].length))) {
      const node = refNode(ref);
      if (!node) return null;
      out.push({ t: 'ref', node });
      i += ref[0].length;
      continue;
    }
    const num = NUM_RE.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = IDENT_RE.exec(rest);
    if (id) {
      const after = src.slice(i + id[0].length).trimStart();
      out.push(after.startsWith('(') ? { t: 'func', v: id[0] } : { t: 'ident', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) return null;
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function refNode(m: RegExpExecArray): FormulaNode | null {
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
  const col = columnIndex(m[3]!);
  const row = Number(m[4]) - 1;
  if (row < 0 || row > MAX_ROW || col > MAX_COL) return null;
  if (m[5] === undefined) return { k: 'ref', sheet, row, col };
  const col2 = columnIndex(m[5]);
  const row2 = Number(m[6]) - 1;
  if (row2 < 0 || row2 > MAX_ROW || col2 > MAX_COL) return null;
  return {
    k: 'range',
    sheet,
    top: Math.min(row, row2),
    left: Math.min(col, col2),
    bottom: Math.max(row, row2),
    right: Math.max(col, col2),
  };
}

const COMPARISONS = ['=', '<>', '<', '>', '<=', '>='];

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FormulaNode | null {
    const node = this.comparison();
    return node && this.pos === this.tokens.length ? node : null;
  }

  private peekOp(): string | null {
    const t = this.tokens[this.pos];
    return t && t.t === 'op' ? t.v : null;
  }

  private binary(ops: string[], next: () => FormulaNode | null): FormulaNode | null {
    let left = next();
    while (left) {
      const op = this.peekOp();
      if (!op || !ops.includes(op)) break;
      this.pos++;
      const right = next();
      if (!right) return null;
      left = { k: 'bin', op: op as BinaryOp, l: left, r: right };
    }
    return left;
  }

  private comparison = (): FormulaNode | null => this.binary(COMPARISONS, this.concat);
  private concat = (): FormulaNode | null => this.binary(['&'], this.additive);
  private additive = (): FormulaNode | null => this.binary(['+', '-'], this.multiplicative);
  private multiplicative = (): FormulaNode | null => this.binary(['*', '/'], this.power);
  private power = (): FormulaNode | null => this.binary(['^'], this.unary);

  private unary = (): FormulaNode | null => {
    const op = this.peekOp();
    if (op === '-' || op === '+') {
      this.pos++;
      const arg = this.unary();
      return arg && { k: 'unary', op, arg };
    }
    return this.postfix();
  };

  private postfix(): FormulaNode | null {
    let node = this.primary();
    while (node && this.peekOp() === '%') {
      this.pos++;
      node = { k: 'pct', arg: node };
    }
    return node;
  }

  private primary(): FormulaNode | null {
    const t = this.tokens[this.pos++];
    if (!t) return null;
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'str', v: t.v };
      case 'err':
        return { k: 'err', v: t.v };
      case 'ref':
        return t.node;
      case 'ident': {
        const up = t.v.toUpperCase();
        if (up === 'TRUE' || up === 'FALSE') return { k: 'bool', v: up === 'TRUE' };
        return { k: 'name', v: t.v };
      }
      case 'func':
        return this.call(t.v);
      case 'op':
        if (t.v !== '(') return null;
        {
          const inner = this.comparison();
          if (!inner || this.peekOp() !== ')') return null;
          this.pos++;
          return inner;
        }
    }
  }

  private call(rawName: string): FormulaNode | null {
    this.pos++; // '('
    const name = rawName.toUpperCase().replace(/^_XLFN\./, '');
    const args: (FormulaNode | null)[] = [];
    if (this.peekOp() === ')') {
      this.pos++;
      return { k: 'call', name, args };
    }
    for (;;) {
      const op = this.peekOp();
      // An omitted argument (IF(A1,,0)) is allowed, as in Excel.
      if (op === ',' || op === ')') args.push(null);
      else {
        const arg = this.comparison();
        if (!arg) return null;
        args.push(arg);
      }
      const sep = this.peekOp();
      this.pos++;
      if (sep === ')') return { k: 'call', name, args };
      if (sep !== ',') return null;
    }
  }
}

/** Parses "=…" (the leading "=" is optional). Never throws; null when the text is not understood. */
export function parseFormula(formula: string): FormulaNode | null {
  const src = formula.trim().replace(/^=/, '');
  if (!src) return null;
  const tokens = tokenize(src);
  if (!tokens) return null;
  return new Parser(tokens).parse();
}

/** Every cell reference and range in a tree, for dependency ordering. */
export function references(node: FormulaNode, out: FormulaNode[] = []): FormulaNode[] {
  switch (node.k) {
    case 'ref':
    case 'range':
      out.push(node);
      break;
    case 'unary':
    case 'pct':
      references(node.arg, out);
      break;
    case 'bin':
      references(node.l, out);
      references(node.r, out);
      break;
    case 'call':
      for (const a of node.args) if (a) references(a, out);
      break;
    default:
      break;
  }
  return out;
}
