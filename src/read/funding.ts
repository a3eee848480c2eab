/**
 * Section 2, 部门总体资金情况: the funding table. Columns are found by their
 * headers (当年金额, 占比, 近两年收支金额 with its year sub-headers), lines by
 * their labels; a 合计 belongs to the block (收入构成 / 支出构成) it stands in.
 */
import { historyHeaderOf, LABEL_NAMES, type LabelKey } from '../form/labels';
import type {
  ExpenditureLineCode,
  Funding,
  FundingBlock,
  FundingLine,
  FundingYears,
  IncomeLineCode,
} from '../form/types';
import type { LabelHit, ReadContext } from './locate';

const INCOME_LINES: readonly IncomeLineCode[] = ['appropriation', 'specialAccount', 'unitFunds'];
const EXPENDITURE_LINES: readonly ExpenditureLineCode[] = ['personnel', 'operations', 'specialPurpose'];
const BLOCK_NAMES = { income: '收入构成', expenditure: '支出构成' } as const;

type Block = 'income' | 'expenditure';

interface HistoryColumns {
  yearBeforeLast: number | null;
  lastYear: number | null;
  years: FundingYears;
  bottom: number;
}

export function readFunding(ctx: ReadContext, anchor: LabelHit | null): Funding | null {
  const { labels, view } = ctx;
  if (!anchor) {
    ctx.problem('funding', `未找到“${LABEL_NAMES.funding}”`);
    return null;
  }
  const start = anchor.area.top;
  const end = ctx.regionEnd(anchor.row);
  const where = `“${LABEL_NAMES.funding}”中的`;

  const current = labels.first('currentAmount', start, end);
  const share = labels.first('share', start, end);
  const history = labels.first('history', start, end);
  const headerHits = [current, share, history, labels.first('fundingHeader', start, end)].filter(
    (h): h is LabelHit => h !== null,
  );
  const headerRow = headerHits.length ? Math.min(...headerHits.map((h) => h.row)) : start;
  let headerBottom = headerHits.length ? Math.max(...headerHits.map((h) => h.area.bottom)) : start - 1;

  const hist = readHistoryHeaders(ctx, headerRow, end, history, current);
  headerBottom = Math.max(headerBottom, hist.bottom);

  const lineLimit = current ? current.area.left : view.right;
  const found = findLines(ctx, headerBottom + 1, end, lineLimit);
  if (found.length === 0) {
    ctx.problem('funding', `未找到${where}收支行（财政拨款、人员类项目支出等）`, [view.cell(anchor.row, anchor.col)]);
    return null;
  }

  let currentCol: number;
  if (current) {
    currentCol = current.col;
  } else {
    ctx.problem('funding', `未找到${where}“${LABEL_NAMES.currentAmount}”列`);
    currentCol = view.areaOf(found[0]!.row, found[0]!.col).right + 1;
  }
  if (!share) ctx.problem('funding', `未找到${where}“${LABEL_NAMES.share}”列`);
  if (!history) ctx.problem('funding', `未找到${where}“${LABEL_NAMES.history}”列`);
  else {
    if (hist.yearBeforeLast === null)
      ctx.problem('funding', `未找到“${LABEL_NAMES.history}”下的前年列（如“2024年”或“前年”）`);
    if (hist.lastYear === null)
      ctx.problem('funding', `未找到“${LABEL_NAMES.history}”下的上年列（如“2025年”或“上年”）`);
  }

  const lineAt = (row: number, labelCol: number): FundingLine => ({
    label: view.field(row, labelCol),
    current: view.field(row, currentCol),
    share: share ? view.field(row, share.col) : null,
    yearBeforeLast: hist.yearBeforeLast !== null ? view.field(row, hist.yearBeforeLast) : null,
    lastYear: hist.lastYear !== null ? view.field(row, hist.lastYear) : null,
  });

  const income: FundingBlock<IncomeLineCode> = { lines: {}, total: null };
  const expenditure: FundingBlock<ExpenditureLineCode> = { lines: {}, total: null };
  for (const f of found) {
    if (f.key === 'total') {
      const block = f.block === 'expenditure' ? expenditure : income;
      if (!block.total) block.total = lineAt(f.row, f.col);
    } else if ((INCOME_LINES as readonly string[]).includes(f.key)) {
      const k = f.key as IncomeLineCode;
      if (!income.lines[k]) income.lines[k] = lineAt(f.row, f.col);
    } else {
      const k = f.key as ExpenditureLineCode;
      if (!expenditure.lines[k]) expenditure.lines[k] = lineAt(f.row, f.col);
    }
  }
  for (const k of INCOME_LINES) if (!income.lines[k]) ctx.problem('funding', `未找到${where}“${LABEL_NAMES[k]}”行`);
  if (!income.total) ctx.problem('funding', `未找到${where}“${BLOCK_NAMES.income}”的“合计”行`);
  for (const k of EXPENDITURE_LINES) {
    if (!expenditure.lines[k]) ctx.problem('funding', `未找到${where}“${LABEL_NAMES[k]}”行`);
  }
  if (!expenditure.total) ctx.problem('funding', `未找到${where}“${BLOCK_NAMES.expenditure}”的“合计”行`);

  return { income, expenditure, years: hist.years };
}

interface FoundLine {
  key: LabelKey;
  row: number;
  col: number;
  block: Block;
}

/** The line label of each row (the rightmost line label left of the amounts) and the block it is in. */
function findLines(ctx: ReadContext, from: number, to: number, limitCol: number): FoundLine[] {
  const { labels, view } = ctx;
  const out: FoundLine[] = [];
  let block: Block = 'income';
  for (let r = from; r < to; r++) {
    let line: LabelHit | null = null;
    for (let c = view.left; c < limitCol; c++) {
      const h = labels.at(r, c);
      if (!h) continue;
      if (h.key === 'incomeBlock') block = 'income';
      else if (h.key === 'expenditureBlock') block = 'expenditure';
      else if (h.key === 'total' || isLineKey(h.key)) line = h;
    }
    if (!line) continue;
    // A line names its block; a 合计 takes the block of the lines above it.
    if ((INCOME_LINES as readonly string[]).includes(line.key)) block = 'income';
    else if ((EXPENDITURE_LINES as readonly string[]).includes(line.key)) block = 'expenditure';
    out.push({ key: line.key, row: r, col: line.col, block });
  }
  return out;
}

function hasLineLabel(ctx: ReadContext, row: number, beforeCol: number): boolean {
  for (let c = ctx.view.left; c < beforeCol; c++) {
    const h = ctx.labels.at(row, c);
    if (h && (h.key === 'total' || isLineKey(h.key))) return true;
  }
  return false;
}

function isLineKey(key: LabelKey): boolean {
  return (INCOME_LINES as readonly string[]).includes(key) || (EXPENDITURE_LINES as readonly string[]).includes(key);
}

/**
 * The two year columns under 近两年收支金额: the header cells right under it
 * (or, unmerged, under it and to its right), written 2024年 / 2024 / 前年 / 上年.
 */
function readHistoryHeaders(
  ctx: ReadContext,
  headerRow: number,
  end: number,
  history: LabelHit | null,
  current: LabelHit | null,
): HistoryColumns {
  const { view } = ctx;
  const empty: FundingYears = {
    yearBeforeLast: null,
    lastYear: null,
    yearBeforeLastHeader: null,
    lastYearHeader: null,
  };
  const fromCol = history ? history.area.left : current ? current.area.right + 1 : view.left;
  const toCol = history ? history.area.right + 1 : view.right - 1;
  const candidates: { row: number; col: number; year: number | null; relative: string | null }[] = [];
  for (let r = headerRow; r < Math.min(end, headerRow + 3); r++) {
    if (r > headerRow && hasLineLabel(ctx, r, fromCol)) break;
    for (let c = fromCol; c <= toCol; c++) {
      if (view.master(r, c).row !== r || view.master(r, c).col !== c) continue;
      const h = historyHeaderOf(view.rawValue(r, c));
      if (h) candidates.push({ row: r, col: c, ...h });
    }
  }
  if (candidates.length === 0) return { yearBeforeLast: null, lastYear: null, years: empty, bottom: -1 };
  // Keep the first header row that has any: a data row below could hold a number like 2024.
  const row = candidates[0]!.row;
  const inRow = candidates.filter((c) => c.row === row).slice(0, 2);
  let ybl = inRow.find((c) => c.relative === 'yearBeforeLast') ?? null;
  let ly = inRow.find((c) => c.relative === 'lastYear') ?? null;
  const numbered = inRow.filter((c) => c.year !== null).sort((a, b) => a.year! - b.year!);
  if (!ybl && !ly) {
    if (numbered.length >= 2) [ybl, ly] = [numbered[0]!, numbered[1]!];
    else if (numbered.length === 1) {
      // A lone year: its place under the header tells which of the two it is.
      if (numbered[0]!.col === fromCol) ybl = numbered[0]!;
      else ly = numbered[0]!;
    }
  } else if (!ybl && numbered.length) ybl = numbered[0]!;
  else if (!ly && numbered.length) ly = numbered[numbered.length - 1]!;
  const bottom = Math.max(...inRow.map((c) => view.areaOf(c.row, c.col).bottom));
  return {
    yearBeforeLast: ybl ? ybl.col : null,
    lastYear: ly ? ly.col : null,
    bottom,
    years: {
      yearBeforeLast: ybl?.year ?? null,
      lastYear: ly?.year ?? null,
      yearBeforeLastHeader: ybl ? view.field(ybl.row, ybl.col) : null,
      lastYearHeader: ly ? view.field(ly.row, ly.col) : null,
    },
  };
}
