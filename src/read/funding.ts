/**
 * Section 2, 部门总体资金情况: the funding table. Columns are found by their
 * headers (当年金额, 占比, 近两年收支金额 with its year sub-headers), lines by
 * their labels; a 合计 belongs to the block (收入构成 / 支出构成) it stands in.
 */
import { DEFAULT_EDITION, editionLineOf, EDITIONS, type EditionDescription } from '../form/editions';
import { historyHeaderOf, isYearlessHeader, LABEL_NAMES, normalizeLabel, type LabelKey } from '../form/labels';
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

type Block = 'income' | 'expenditure';

interface HistoryColumns {
  yearBeforeLast: number | null;
  lastYear: number | null;
  years: FundingYears;
  bottom: number;
}

export function readFunding(
  ctx: ReadContext,
  anchor: LabelHit | null,
  editionHint: EditionDescription | null = null,
): Funding | null {
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
  const labelFrom = labelColumnsFrom(anchor, headerBottom);
  const amountCols = current
    ? [current.col, share?.col, hist.yearBeforeLast, hist.lastYear].filter((c): c is number => typeof c === 'number')
    : null;
  const rows = scanRows(ctx, headerBottom + 1, end, labelFrom, lineLimit, amountCols);
  if (!rows.some((r) => r.isTotal || r.known.length > 0)) {
    ctx.problem('funding', `未找到${where}收支行（财政拨款、人员类项目支出等）`, [view.cell(anchor.row, anchor.col)]);
    return null;
  }
  const edition = detectEdition(rows, editionHint);
  ctx.edition = edition;

  let currentCol: number;
  if (current) {
    currentCol = current.col;
  } else {
    ctx.problem('funding', `未找到${where}“${LABEL_NAMES.currentAmount}”列`);
    const firstLine = rows.find((r) => r.isTotal || r.known.length > 0)!;
    currentCol = view.areaOf(firstLine.row, firstLine.col).right + 1;
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

  const income: FundingBlock<IncomeLineCode> = { lines: {}, total: null, rows: [] };
  const expenditure: FundingBlock<ExpenditureLineCode> = { lines: {}, total: null, rows: [] };
  const blocks = { income, expenditure } as Record<Block, FundingBlock<string>>;
  const [incomeDef, expenditureDef] = edition.blocks;
  let block: Block = 'income';
  // Rows before the first line, block label or 合计 are not lines (a second header row, a note).
  let started = false;
  for (const r of rows) {
    if (r.blockLabel && !blocks[r.blockLabel].total) {
      if (r.blockLabel === 'expenditure') block = 'expenditure';
      started = true;
    }
    const own = r.known.find((k) => k.edition === edition);
    // A line of the edition names its block (a form without the 收入合计 row still reads).
    if (own && own.block === 'expenditure' && block === 'income' && !r.blockLabel) block = 'expenditure';
    if (!started && !r.isTotal && !own) continue;
    started = true;
    const b = blocks[block];
    if (r.isTotal) {
      if (!b.total) b.total = lineAt(r.row, r.col);
      if (block === 'expenditure') break;
      block = 'expenditure';
      continue;
    }
    if (!r.label && !r.hasAmounts) continue;
    const line = lineAt(r.row, r.col);
    b.rows!.push({ code: own ? own.code : null, name: r.label, line });
    if (own && !(b.lines as Record<string, FundingLine>)[own.code]) {
      (b.lines as Record<string, FundingLine>)[own.code] = line;
    }
  }
  for (const [def, b] of [
    [incomeDef, income],
    [expenditureDef, expenditure],
  ] as const) {
    // Without its 合计 a block has no end: rows after its last known line are not taken for lines.
    if (!b.total) while (b.rows!.length && b.rows![b.rows!.length - 1]!.code === null) b.rows!.pop();
    for (const l of def.lines) {
      if (!(b.lines as Record<string, FundingLine>)[l.code]) ctx.problem('funding', `未找到${where}“${l.name}”行`);
    }
    if (!b.total) ctx.problem('funding', `未找到${where}“${def.label}”的“合计”行`);
  }
  return { income, expenditure, years: hist.years };
}

/**
 * The first column that may hold a block or line label: right of the
 * 部门总体资金情况 label when it runs down beside the table, else its own
 * column (a title row above the table, or the table's own header as anchor).
 */
function labelColumnsFrom(anchor: LabelHit, headerBottom: number): number {
  return anchor.key === 'funding' && anchor.area.bottom > headerBottom ? anchor.area.right + 1 : anchor.area.left;
}

interface ScannedRow {
  row: number;
  /** The label cell's column (the line label, else the block label, else the first label column). */
  col: number;
  /** The line label as printed, trimmed ("" when none). */
  label: string;
  isTotal: boolean;
  blockLabel: Block | null;
  /** The editions' lines this label is. */
  known: { edition: EditionDescription; block: Block; code: string }[];
  hasAmounts: boolean;
}

/**
 * Every row of the table below its header, with its labels: the block label
 * (收入构成 / 支出构成) and the line label, the rightmost other text left of
 * the amounts. Rows are read whatever their label; which are lines is decided
 * once the edition is known.
 */
function scanRows(
  ctx: ReadContext,
  from: number,
  to: number,
  labelFrom: number,
  limitCol: number,
  amountColumns: number[] | null,
): ScannedRow[] {
  const { labels, view } = ctx;
  const out: ScannedRow[] = [];
  let totals = 0;
  for (let r = from; r < to && totals < 2; r++) {
    let blockLabel: Block | null = null;
    let lineCol = -1;
    let label = '';
    let isTotal = false;
    for (let c = labelFrom; c < limitCol; c++) {
      const m = view.master(r, c);
      if (m.col !== c || m.row !== r || !view.hasOwnContent(r, c)) continue;
      const h = labels.at(r, c);
      if (h?.key === 'incomeBlock') blockLabel = 'income';
      else if (h?.key === 'expenditureBlock') blockLabel = 'expenditure';
      else {
        lineCol = c;
        label = view.text(r, c).trim();
        isTotal = h?.key === 'total';
      }
    }
    let hasAmounts = false;
    if (amountColumns) hasAmounts = amountColumns.some((c) => view.hasOwnContent(r, c));
    else for (let c = limitCol; c < view.right && !hasAmounts; c++) hasAmounts = view.hasOwnContent(r, c);
    if (lineCol < 0 && !blockLabel && !hasAmounts) continue;
    if (isTotal) totals++;
    const norm = normalizeLabel(label);
    const known: ScannedRow['known'] = [];
    if (!isTotal && norm) {
      for (const edition of EDITIONS) {
        const hit = editionLineOf(edition, norm);
        if (hit) known.push({ edition, block: hit.block.key, code: hit.line.code });
      }
    }
    out.push({
      row: r,
      col: lineCol >= 0 ? lineCol : labelFrom,
      label,
      isTotal,
      blockLabel,
      known,
      hasAmounts,
    });
  }
  return out;
}

/**
 * The edition whose lines the table prints most of; on a tie the one whose
 * title the sheet carries, else the current one. Lines both editions share
 * (财政拨款) count for both.
 */
function detectEdition(rows: ScannedRow[], hint: EditionDescription | null): EditionDescription {
  let best: EditionDescription = hint ?? DEFAULT_EDITION;
  let bestScore = -1;
  const scores = EDITIONS.map((e) => {
    const codes = new Set<string>();
    for (const r of rows) for (const k of r.known) if (k.edition === e) codes.add(k.code);
    return { e, score: codes.size };
  });
  for (const { e, score } of scores) {
    if (score > bestScore || (score === bestScore && e === hint)) {
      best = e;
      bestScore = score;
    }
  }
  return best;
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

/** Whether a row holds a line label of any edition (the header block ends above it). */
function hasEditionLine(ctx: ReadContext, row: number, beforeCol: number): boolean {
  for (let c = ctx.view.left; c < beforeCol; c++) {
    const m = ctx.view.master(row, c);
    if (m.row !== row || m.col !== c) continue;
    const t = ctx.view.rawValue(row, c);
    if (typeof t === 'string' && EDITIONS.some((e) => editionLineOf(e, normalizeLabel(t)) !== null)) return true;
  }
  return false;
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
    if (r > headerRow && (hasLineLabel(ctx, r, fromCol) || hasEditionLine(ctx, r, fromCol))) break;
    for (let c = fromCol; c <= toCol; c++) {
      if (view.master(r, c).row !== r || view.master(r, c).col !== c) continue;
      const v = view.rawValue(r, c);
      const h = historyHeaderOf(v);
      if (h) candidates.push({ row: r, col: c, ...h });
      else if (history && isYearlessHeader(v)) candidates.push({ row: r, col: c, year: null, relative: null });
    }
  }
  if (candidates.length === 0) return { yearBeforeLast: null, lastYear: null, years: empty, bottom: -1 };
  // Keep the first header row that has any: a data row below could hold a number like 2024.
  const row = candidates[0]!.row;
  const inRow = candidates.filter((c) => c.row === row).slice(0, 2);
  let ybl = inRow.find((c) => c.relative === 'yearBeforeLast') ?? null;
  let ly = inRow.find((c) => c.relative === 'lastYear') ?? null;
  const numbered = inRow.filter((c) => c.year !== null).sort((a, b) => a.year! - b.year!);
  const yearless = inRow.filter((c) => c.year === null && c.relative === null);
  if (yearless.length > 0) {
    // “    年” headers: the columns stand in print order, 前年 left of 上年.
    const byCol = [...inRow].sort((a, b) => a.col - b.col);
    ybl = ybl ?? byCol.find((c) => c !== ly) ?? null;
    ly = ly ?? byCol.find((c) => c !== ybl && c.col > (ybl?.col ?? -1)) ?? null;
  } else if (!ybl && !ly) {
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
