/**
 * Evaluates a parsed formula the way Excel does: binary floating point
 * arithmetic (it is the spreadsheet's own result we reproduce, not a check),
 * empty cells as 0 or "", text that reads as a number accepted in arithmetic,
 * errors propagating, ROUND half away from zero on the 15-digit value.
 */
import Decimal from 'decimal.js';
import { isCellError, type CellError, type CellValue } from './grid';
import type { BinaryOp, FormulaNode } from './formula-parse';

/** A reference to an empty cell: 0 in arithmetic, "" in text, equal to both in comparisons. */
const EMPTY = Symbol('empty');
type Scalar = number | string | boolean | CellError | typeof EMPTY;
interface RangeValue {
  range: CellValue[][];
}
type Value = Scalar | RangeValue;

/** Reads a cell of the formula's own sheet (computed first when it is itself a formula). */
export type CellReader = (row: number, col: number) => CellValue;

export interface EvalContext {
  sheet: string;
  read: CellReader;
  /** Cells beyond these are empty: a range like A:XFD is read only where the sheet has cells. */
  bounds: { bottom: number; right: number };
}

const err = (e: string): CellError => ({ error: e });
const DIV0 = '#DIV/0!';
const VALUE = '#VALUE!';
const NUM = '#NUM!';
const NAME = '#NAME?';
const REF = '#REF!';

function isRange(v: Value): v is RangeValue {
  return typeof v === 'object' && v !== null && 'range' in v;
}

/** The cell value a formula leaves behind. */
export function evaluate(node: FormulaNode, ctx: EvalContext): CellValue {
  const v = scalar(ev(node, ctx));
  if (v === EMPTY) return 0;
  if (typeof v === 'number' && !Number.isFinite(v)) return err(NUM);
  // Excel has no negative zero: -0 would show as "-0" in a formatter that keeps the sign.
  if (v === 0) return 0;
  return v;
}

function sameSheet(sheet: string | null, ctx: EvalContext): boolean {
  return sheet === null || sheet.toLowerCase() === ctx.sheet.toLowerCase();
}

function ev(node: FormulaNode, ctx: EvalContext): Value {
  switch (node.k) {
    case 'num':
    case 'str':
    case 'bool':
      return node.v;
    case 'err':
      return err(node.v);
    case 'name':
      return err(NAME);
    case 'ref': {
      if (!sameSheet(node.sheet, ctx)) return err(REF);
      const v = ctx.read(node.row, node.col);
      return v === null ? EMPTY : v;
    }
    case 'range': {
      if (!sameSheet(node.sheet, ctx)) return err(REF);
      const range: CellValue[][] = [];
      const bottom = Math.min(node.bottom, ctx.bounds.bottom);
      const right = Math.min(node.right, ctx.bounds.right);
      for (let r = node.top; r <= bottom; r++) {
        const row: CellValue[] = [];
        for (let c = node.left; c <= right; c++) row.push(ctx.read(r, c));
        range.push(row);
      }
      return { range };
    }
    case 'unary': {
      const n = toNumber(scalar(ev(node.arg, ctx)));
      return typeof n === 'number' && node.op === '-' ? -n : n;
    }
    case 'pct': {
      const n = toNumber(scalar(ev(node.arg, ctx)));
      return typeof n === 'number' ? n / 100 : n;
    }
    case 'bin':
      return binary(node.op, scalar(ev(node.l, ctx)), scalar(ev(node.r, ctx)));
    case 'call':
      return call(node.name, node.args, ctx);
  }
}

/** A range used where one value is expected: Excel's implicit intersection is not modelled. */
function scalar(v: Value): Scalar {
  return isRange(v) ? err(VALUE) : v;
}

function toNumber(v: Scalar): number | CellError {
  if (v === EMPTY) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return textToNumber(v) ?? err(VALUE);
  return v;
}

/** Text Excel accepts as a number in arithmetic: " 12 ", "1,234.5", "50%", "1e3". */
function textToNumber(s: string): number | null {
  const t = s.trim();
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:[eE]([+-]?\d+))?(%?)$/.exec(t);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === '.'))) return null;
  const n = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}${m[4] !== undefined ? `e${m[4]}` : ''}`);
  if (!Number.isFinite(n)) return null;
  return m[5] ? n / 100 : n;
}

function toText(v: Scalar): string | CellError {
  if (v === EMPTY) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number')
    return String(Number(v.toPrecision(15)))
      .replace('e+', 'E+')
      .replace('e-', 'E-');
  return v;
}

function toBool(v: Scalar): boolean | CellError {
  if (v === EMPTY) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const up = v.toUpperCase();
    if (up === 'TRUE' || up === 'FALSE') return up === 'TRUE';
    return err(VALUE);
  }
  return v;
}

function binary(op: BinaryOp, l: Scalar, r: Scalar): Scalar {
  if (isCellError(l)) return l;
  if (isCellError(r)) return r;
  if (op === '&') {
    const a = toText(l);
    const b = toText(r);
    return isCellError(a) ? a : isCellError(b) ? b : a + b;
  }
  if (op === '=' || op === '<>' || op === '<' || op === '>' || op === '<=' || op === '>=') {
    const c = compare(l, r);
    switch (op) {
      case '=':
        return c === 0;
      case '<>':
        return c !== 0;
      case '<':
        return c < 0;
      case '>':
        return c > 0;
      case '<=':
        return c <= 0;
      default:
        return c >= 0;
    }
  }
  const a = toNumber(l);
  const b = toNumber(r);
  if (isCellError(a)) return a;
  if (isCellError(b)) return b;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? err(DIV0) : a / b;
    default: {
      if ((a === 0 && b === 0) || (a < 0 && !Number.isInteger(b))) return err(NUM);
      if (a === 0 && b < 0) return err(DIV0);
      return Math.pow(a, b);
    }
  }
}

/** Excel orders numbers < text < logicals; text compares case-insensitively; an empty cell takes the other side's type. */
function compare(l: Scalar, r: Scalar): number {
  const a = l === EMPTY ? emptyLike(r) : l;
  const b = r === EMPTY ? emptyLike(l) : r;
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function emptyLike(other: Scalar): Scalar {
  if (typeof other === 'string') return '';
  if (typeof other === 'boolean') return false;
  return 0;
}

type Args = (FormulaNode | null)[];

/** Functions evaluate() knows; any other is #NAME?. */
export const SUPPORTED_FUNCTIONS = ['SUM', 'MIN', 'MAX', 'IF', 'IFERROR', 'ROUND', 'ABS', 'AND', 'OR', 'NOT'];

function call(name: string, args: Args, ctx: EvalContext): Value {
  switch (name) {
    case 'SUM':
      return aggregate(args, ctx, (ns) => ns.reduce((s, n) => s + n, 0));
    case 'MIN':
      return aggregate(args, ctx, (ns) => (ns.length ? ns.reduce((m, n) => (n < m ? n : m)) : 0));
    case 'MAX':
      return aggregate(args, ctx, (ns) => (ns.length ? ns.reduce((m, n) => (n > m ? n : m)) : 0));
    case 'IF':
      return ifFn(args, ctx);
    case 'IFERROR': {
      if (args.length !== 2) return err(VALUE);
      const v = arg(args[0], ctx);
      return isCellError(v) ? arg(args[1], ctx) : v;
    }
    case 'ROUND':
      return round(args, ctx);
    case 'ABS': {
      if (args.length !== 1) return err(VALUE);
      const n = toNumber(arg(args[0], ctx));
      return typeof n === 'number' ? Math.abs(n) : n;
    }
    case 'AND':
    case 'OR':
      return logical(name, args, ctx);
    case 'NOT': {
      if (args.length !== 1) return err(VALUE);
      const b = toBool(arg(args[0], ctx));
      return typeof b === 'boolean' ? !b : b;
    }
    default:
      return err(NAME);
  }
}

/** An argument as one value; an omitted argument is an empty value. */
function arg(node: FormulaNode | null | undefined, ctx: EvalContext): Scalar {
  return node ? scalar(ev(node, ctx)) : EMPTY;
}

function ifFn(args: Args, ctx: EvalContext): Value {
  if (args.length < 2 || args.length > 3) return err(VALUE);
  const cond = toBool(arg(args[0], ctx));
  if (isCellError(cond)) return cond;
  if (cond) return args[1] ? ev(args[1], ctx) : 0;
  if (args.length < 3) return false;
  return args[2] ? ev(args[2], ctx) : 0;
}

function round(args: Args, ctx: EvalContext): Scalar {
  if (args.length !== 2) return err(VALUE);
  const x = toNumber(arg(args[0], ctx));
  const d = toNumber(arg(args[1], ctx));
  if (isCellError(x)) return x;
  if (isCellError(d)) return d;
  if (!Number.isFinite(x)) return err(NUM);
  const digits = Math.trunc(d);
  // Excel rounds the value as it shows it to 15 significant digits: ROUND(2.675,2) is 2.68.
  const shown = new Decimal(Number(x.toPrecision(15)));
  const rounded =
    digits >= 0
      ? shown.toDecimalPlaces(Math.min(digits, 300), Decimal.ROUND_HALF_UP)
      : shown.toNearest(new Decimal(10).pow(-digits), Decimal.ROUND_HALF_UP);
  return rounded.toNumber();
}

/**
 * SUM / MIN / MAX: numbers in references and ranges count, their text and
 * logicals are skipped; a value typed as an argument is converted (text that
 * is not a number is #VALUE!); any error wins.
 */
function aggregate(args: Args, ctx: EvalContext, fold: (ns: number[]) => number): Scalar {
  const ns: number[] = [];
  for (const a of args) {
    if (!a) continue;
    const v = ev(a, ctx);
    if (isRange(v)) {
      for (const row of v.range) {
        for (const cell of row) {
          if (isCellError(cell)) return cell;
          if (typeof cell === 'number') ns.push(cell);
        }
      }
    } else if (a.k === 'ref') {
      if (isCellError(v)) return v;
      if (typeof v === 'number') ns.push(v);
    } else {
      const n = toNumber(v);
      if (isCellError(n)) return n;
      ns.push(n);
    }
  }
  return fold(ns);
}

function logical(name: 'AND' | 'OR', args: Args, ctx: EvalContext): Scalar {
  const bs: boolean[] = [];
  for (const a of args) {
    if (!a) continue;
    const v = ev(a, ctx);
    const cells: CellValue[] = isRange(v) ? v.range.flat() : [];
    if (isRange(v) || a.k === 'ref') {
      const list = isRange(v) ? cells : [v === EMPTY ? null : (v as CellValue)];
      for (const c of list) {
        if (isCellError(c)) return c;
        if (typeof c === 'number') bs.push(c !== 0);
        else if (typeof c === 'boolean') bs.push(c);
      }
    } else {
      const b = toBool(v);
      if (isCellError(b)) return b;
      bs.push(b);
    }
  }
  if (!bs.length) return err(VALUE);
  return name === 'AND' ? bs.every(Boolean) : bs.some(Boolean);
}
