/**
 * Rolling a form forward to the next budget year (docs/spec/next-year.md), as
 * data: from LAST's DeclarationForm and Grid, the exact cell edits that turn a
 * copy of LAST into NEXT, plus what moved and what the officer must fill, in
 * Chinese. Pure: no host, no file system. The command line applies the edits
 * by patching the package; the panes apply them to a copied sheet.
 */
import { resolveBudgetYear } from '../check';
import { CURRENT_EDITION, editionById } from '../form/editions';
import type { DeclarationForm, Field, FundingBlock, FundingLine, IndicatorTable } from '../form/types';
import { a1 } from '../sheet/ref';
import { formulaAt, isCellError, textAt, valueAt, type CellValue, type Grid } from '../sheet/grid';
import { canRecalculate, recalculate } from '../sheet/formula';

/** One cell of NEXT that differs from LAST. row/col are 0-based and absolute. */
export type CellEdit =
  /** A constant written over a constant (or an empty cell). */
  | { kind: 'set'; row: number; col: number; value: number | string }
  /** The cell is emptied (its format stays). */
  | { kind: 'empty'; row: number; col: number }
  /** A formula kept as it is; its cached result changes because its inputs moved. value null: not computable here. */
  | { kind: 'result'; row: number; col: number; formula: string; value: CellValue };

export interface RollOptions {
  /** NEXT's budget year; by default LAST's budget year + 1. */
  year?: number;
}

export type RollResult =
  | {
      ok: true;
      sheet: string;
      /** LAST's budget year (Y) and NEXT's (Y + 1). */
      fromYear: number;
      toYear: number;
      /** Every cell that changes, in sheet order, one edit per cell. */
      edits: CellEdit[];
      /** Chinese lines: what moved where. */
      moved: string[];
      /** Chinese lines: what the officer has to fill or review. */
      toFill: string[];
      /** Set when the long-term horizon had passed and was moved. */
      horizon: { from: number; to: number } | null;
    }
  | { ok: false; message: string };

/** A constant value of a cell as it can be written back, or null for an empty / error cell. */
type Writable = number | string | null;

class EditList {
  private readonly byKey = new Map<string, CellEdit>();
  constructor(private readonly grid: Grid) {}

  /** Sets a cell to a constant (null empties it); a formula cell is left alone and reported as false. */
  put(row: number, col: number, value: Writable): boolean {
    if (formulaAt(this.grid, row, col)) return false;
    const current = writable(valueAt(this.grid, row, col));
    const key = `${row},${col}`;
    if (current === value && !isCellError(valueAt(this.grid, row, col))) {
      this.byKey.delete(key);
      return true;
    }
    this.byKey.set(key, value === null ? { kind: 'empty', row, col } : { kind: 'set', row, col, value });
    return true;
  }

  list(): CellEdit[] {
    return [...this.byKey.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  }
}

function writable(v: CellValue): Writable {
  if (v === null || isCellError(v)) return null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string' && v === '') return null;
  return v;
}

/** A four-digit year standing alone; the prefix group stands in for a lookbehind, which the WPS floor (ES2017) lacks. */
const YEAR_IN_TEXT = /(^|\D)(?:19|20)\d{2}(?!\d)/;

/** "2024年" → "2025年", 2024 → 2025, "前年" stays: the header written the way it was. Null when it has no year. */
export function withYear(value: CellValue, year: number): Writable | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1900 && value <= 2100 ? year : undefined;
  if (typeof value === 'string' && YEAR_IN_TEXT.test(value))
    return value.replace(YEAR_IN_TEXT, (_m, before: string) => `${before}${year}`);
  return undefined;
}

/** Replaces the horizon year after 截止 (or its first occurrence) in a goal text. */
function withHorizon(text: string, from: number, to: number): string {
  const m = /截\s*止\s*/.exec(text);
  const start = m ? m.index : 0;
  const at = text.indexOf(String(from), start);
  const i = at >= 0 ? at : text.indexOf(String(from));
  return i < 0 ? text : text.slice(0, i) + String(to) + text.slice(i + 4);
}

/** "填报日期：  2025年  11月   26日" → "填报日期：      年    月     日": the label and the layout stay, the date goes. */
function blankDateInLabel(text: string): string {
  const m = /^(\s*填\s*报\s*日\s*期\s*[:：]?)([\s\S]*)$/.exec(text);
  if (!m) return text;
  return m[1]! + m[2]!.replace(/[0-9０-９]/g, ' ');
}

function cellRange(fields: (Field | null | undefined)[]): string {
  const cells = fields.filter((f): f is Field => !!f).map((f) => a1(f.ref.row, f.ref.col));
  if (cells.length === 0) return '';
  if (cells.length <= 3) return cells.join('、');
  return `${cells[0]}…${cells[cells.length - 1]}，共 ${cells.length} 格`;
}

/** Every row of the block as read (known to the edition or not), else its known lines. */
function linesOf<C extends string>(block: FundingBlock<C>): FundingLine[] {
  if (block.rows) return block.rows.map((r) => r.line);
  return Object.values(block.lines) as FundingLine[];
}

/** Computes NEXT from LAST. Never throws on a form the reader returned. */
export function rollForward(form: DeclarationForm, grid: Grid, options: RollOptions = {}): RollResult {
  const known = resolveBudgetYear(form, {});
  let fromYear: number;
  if (options.year !== undefined) {
    if (known.budgetYear !== null && known.budgetYear + 1 !== options.year) {
      const why =
        known.budgetYearSource === 'fill-date'
          ? '由填报日期推断'
          : known.budgetYearSource === 'title'
            ? '由标题中的年度推断'
            : '由资金表的年份表头推断';
      return {
        ok: false,
        message: `工作表“${form.sheet}”是 ${known.budgetYear} 年度的申报表（${why}），下一年度应为 ${known.budgetYear + 1} 年，与指定的 ${options.year} 年不符`,
      };
    }
    fromYear = options.year - 1;
  } else if (known.budgetYear !== null) {
    fromYear = known.budgetYear;
  } else {
    return {
      ok: false,
      message: `无法确定工作表“${form.sheet}”的预算年度：资金表“近两年收支金额”的表头没有写年份，填报日期也无法识别。请在表头写明年份（如“2025年”）或填好填报日期；命令行也可以用 --year 指定新申报表的预算年度`,
    };
  }
  const toYear = fromYear + 1;
  const sheet = form.sheet;
  const edits = new EditList(grid);
  const moved: string[] = [];
  const toFill: string[] = [];
  const kept: string[] = [];

  // 填报日期
  const date = form.header.fillDate;
  if (date && date.value !== null && date.value !== '') {
    const inLabel = typeof date.value === 'string' && /^\s*填\s*报\s*日\s*期/.test(date.value);
    const next = inLabel ? blankDateInLabel(date.value as string) : null;
    if (edits.put(date.ref.row, date.ref.col, next))
      toFill.push(
        inLabel
          ? `填报日期（${a1(date.ref.row, date.ref.col)}）已清空，请在该格“年 月 日”的空白处填写新的填报日期`
          : `填报日期（${a1(date.ref.row, date.ref.col)}）已清空，请填写新的填报日期`,
      );
  } else if (date) {
    toFill.push(`填报日期（${a1(date.ref.row, date.ref.col)}）`);
  }

  // 部门总体资金情况
  const funding = form.funding;
  if (funding) {
    const ybl = funding.years.yearBeforeLastHeader;
    const ly = funding.years.lastYearHeader;
    const headerMoves: string[] = [];
    for (const [h, year] of [
      [ybl, toYear - 2],
      [ly, toYear - 1],
    ] as const) {
      if (!h) continue;
      const next = withYear(h.value, year);
      if (next === undefined) continue;
      if (edits.put(h.ref.row, h.ref.col, next))
        headerMoves.push(`${a1(h.ref.row, h.ref.col)} ${h.text.trim()} → ${String(next).trim()}`);
      else toFill.push(`资金表表头 ${a1(h.ref.row, h.ref.col)} 是公式，请核对它显示 ${year}年`);
    }
    if (headerMoves.length) moved.push(`资金表年份表头：${headerMoves.join('；')}`);

    const all = [
      ...linesOf(funding.income),
      ...(funding.income.total ? [funding.income.total] : []),
      ...linesOf(funding.expenditure),
      ...(funding.expenditure.total ? [funding.expenditure.total] : []),
    ];
    const toYbl: Field[] = [];
    const toLy: Field[] = [];
    const emptied: Field[] = [];
    const errors: string[] = [];
    const carry = (from: Field | null, to: Field | null, into: Field[]): void => {
      if (!from || !to) return;
      if (isCellError(from.value)) errors.push(`${a1(from.ref.row, from.ref.col)}（${from.value.error}）`);
      if (edits.put(to.ref.row, to.ref.col, writable(from.value))) into.push(to);
    };
    // Sources are LAST's values (the grid is never modified), so the order of the moves does not matter.
    for (const line of all) {
      carry(line.lastYear, line.yearBeforeLast, toYbl);
      carry(line.current, line.lastYear, toLy);
    }
    const lineCurrents: Field[] = [];
    for (const line of all) {
      for (const f of [line.current, line.share]) {
        if (!f || formulaAt(grid, f.ref.row, f.ref.col)) continue;
        edits.put(f.ref.row, f.ref.col, null);
        emptied.push(f);
      }
      if (!formulaAt(grid, line.current.ref.row, line.current.ref.col)) lineCurrents.push(line.current);
    }
    const lyName = ly ? ly.text.trim() || '上年' : '上年';
    if (toYbl.length) moved.push(`资金表：原“${lyName}”列移入“前年”列（${cellRange(toYbl)}）`);
    if (toLy.length) moved.push(`资金表：原“当年金额”（${fromYear} 年预算数）移入“上年”列（${cellRange(toLy)}）`);
    if (lineCurrents.length)
      toFill.push(`资金表：当年金额已清空，请填写 ${toYear} 年预算数（${cellRange(lineCurrents)}）`);
    if (emptied.some((f) => !lineCurrents.includes(f)))
      toFill.push(
        `资金表：原为手填数值的合计、占比已清空，请重新计算填写（${cellRange(emptied.filter((f) => !lineCurrents.includes(f)))}）`,
      );
    if (toLy.length)
      toFill.push(`资金表：“上年”列现为 ${fromYear} 年预算数，有决算数时请改为决算数（${cellRange(toLy)}）`);
    if (errors.length) toFill.push(`资金表：原表中的错误值未带入，请补填（${errors.join('、')}）`);
  }

  // 项目支出情况
  const projects = form.projects;
  if (projects) {
    const emptied: Field[] = [];
    for (const p of projects.rows) {
      const f = p.annualBudget;
      if (f.value === null || f.value === '') continue;
      // A formula there is kept (formulas are never removed); it is checked as it computes.
      if (edits.put(f.ref.row, f.ref.col, null)) emptied.push(f);
    }
    if (projects.rows.length) kept.push(`项目支出情况：${projects.rows.length} 个项目保留`);
    if (emptied.length)
      toFill.push(`项目支出情况：项目本年度预算已清空，请填写 ${toYear} 年预算（${cellRange(emptied)}）`);
  }

  // 长期目标截止年份
  let horizon: { from: number; to: number } | null = null;
  const places: { field: Field | null; year: number | null }[] = [
    { field: form.goals.horizonCell, year: form.goals.horizonYear },
    { field: form.longTermIndicators?.horizonCell ?? null, year: form.longTermIndicators?.horizonYear ?? null },
  ];
  const seen = new Set<string>();
  const moves: string[] = [];
  for (const p of places) {
    if (!p.field || p.year === null || seen.has(p.field.ref.address)) continue;
    seen.add(p.field.ref.address);
    if (p.year >= toYear) continue;
    const to = fromYear + 3;
    const v = p.field.value;
    if (typeof v !== 'string') continue;
    if (edits.put(p.field.ref.row, p.field.ref.col, withHorizon(v, p.year, to))) {
      horizon = { from: p.year, to };
      moves.push(a1(p.field.ref.row, p.field.ref.col));
    }
  }
  if (horizon) {
    moved.push(`长期目标截止 ${horizon.from}年已过，改为截止 ${horizon.to}年（${moves.join('、')}）`);
    toFill.push(`长期目标和长期绩效指标按新的截止年份 ${horizon.to}年复核`);
  } else {
    const year = form.goals.horizonYear ?? form.longTermIndicators?.horizonYear ?? null;
    if (year !== null) kept.push(`长期目标截止 ${year}年未过，长期目标和长期绩效指标保留`);
  }

  // 年度绩效指标
  const annual = form.annualIndicators;
  if (annual) rollAnnual(annual, grid, edits, toYear, moved, toFill);

  kept.push('部门（单位）名称、填报人、联系电话、部门职能概述、年度工作任务、年度目标保留为草稿，请按新年度复核');
  // The roll edits LAST's own cells: an earlier edition stays that edition, its lines never mixed with the current one's.
  const edition = editionById(form.edition);
  if (!edition.current) {
    kept.push(
      `本表是${edition.name}，新申报表保留这一版本及其收支行；现行版本为${CURRENT_EDITION.name}，可用“生成模板”（命令行 jixiao template）生成`,
    );
  }

  const list = withResults(edits.list(), grid, sheet);
  return { ok: true, sheet, fromYear, toYear, edits: list, moved: [...moved, ...kept], toFill, horizon };
}

function rollAnnual(
  table: IndicatorTable,
  grid: Grid,
  edits: EditList,
  toYear: number,
  moved: string[],
  toFill: string[],
): void {
  const { yearBeforeLast, lastYear } = table.columns;
  if (yearBeforeLast === null || lastYear === null) return;
  // Year headers of 近两年指标值 (written as years in some forms).
  const headerMoves: string[] = [];
  for (let r = table.headerRow; r < table.firstRow; r++) {
    for (const [col, year] of [
      [yearBeforeLast, toYear - 2],
      [lastYear, toYear - 1],
    ] as const) {
      const v = valueAt(grid, r, col);
      const next = withYear(v, year);
      if (next === undefined) continue;
      if (edits.put(r, col, next))
        headerMoves.push(`${a1(r, col)} ${textAt(grid, r, col).trim()} → ${String(next).trim()}`);
    }
  }
  if (headerMoves.length) moved.push(`年度绩效指标年份表头：${headerMoves.join('；')}`);
  let rows = 0;
  let changed = 0;
  const done = new Set<string>();
  for (const row of table.rows) {
    if (!row.history) continue;
    const placeholder = /^[.…。·\s]*$/.test(row.level3.text);
    if (!placeholder) rows++;
    const { yearBeforeLast: ybl, lastYear: ly } = row.history;
    // A merged cell shared by several rows is moved once.
    for (const [to, from] of [
      [ybl, ly],
      [ly, row.value],
    ] as const) {
      if (done.has(to.ref.address)) continue;
      done.add(to.ref.address);
      const before = writable(valueAt(grid, to.ref.row, to.ref.col));
      const next = writable(from.value);
      if (before !== next && edits.put(to.ref.row, to.ref.col, next)) changed++;
    }
  }
  if (rows > 0)
    moved.push(
      `年度绩效指标：${rows} 行的近两年指标值“上年”移入“前年”，“预期当年实现值”移入“上年”（${a1(table.firstRow, yearBeforeLast)}:${a1(table.lastRow, lastYear)}，其中 ${changed} 个单元格的值有变化）`,
    );
  toFill.push(`年度绩效指标：预期当年实现值、指标值确定依据和指标分类保留，请按 ${toYear} 年复核`);
}

/**
 * Formula cells of the sheet whose result changes once the edits are made,
 * computed with the formula engine on the edited grid. Formulas the engine
 * cannot compute keep their cached value (the spreadsheet recalculates on open).
 */
function withResults(edits: CellEdit[], grid: Grid, sheet: string): CellEdit[] {
  const formulas = grid.formulas;
  if (!formulas || edits.length === 0) return edits;
  const values = grid.values.map((r) => [...r]);
  for (const e of edits) {
    const r = e.row - grid.top;
    const c = e.col - grid.left;
    while (values.length <= r) values.push([]);
    const row = values[r]!;
    while (row.length <= c) row.push(null);
    row[c] = e.kind === 'set' ? e.value : null;
  }
  // Results the engine can compute are forgotten, so that recalculate() works them out from the moved values.
  const computable = formulas.map((row) => row.map((f) => !!f && canRecalculate(f, sheet)));
  const cleared = values.map((row, r) => row.map((v, c) => (computable[r]?.[c] ? null : v)));
  const next = recalculate({
    sheet: grid.sheet,
    top: grid.top,
    left: grid.left,
    values: cleared,
    formulas,
    merges: [],
  });
  const results: CellEdit[] = [];
  formulas.forEach((row, r) =>
    row.forEach((f, c) => {
      if (!f || !computable[r]?.[c]) return;
      const before = grid.values[r]?.[c] ?? null;
      const after = next.values[r]?.[c] ?? null;
      if (sameValue(before, after)) return;
      const at = { row: r + grid.top, col: c + grid.left };
      results.push({ kind: 'result', ...at, formula: f, value: after });
    }),
  );
  return [...edits, ...results].sort((a, b) => a.row - b.row || a.col - b.col);
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (isCellError(a) || isCellError(b)) return isCellError(a) && isCellError(b) && a.error === b.error;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return a === b;
}
