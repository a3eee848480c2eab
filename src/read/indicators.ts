/**
 * Sections 7 and 8: the long-term and the annual indicator tables. Columns
 * come from the header block (the annual table's is three rows deep: 指标值 /
 * 近两年指标值 + 预期当年实现值 / 前年, 上年). 一级 and 二级 are carried down
 * over merged groups and over plain blank cells, as printed forms leave them.
 */
import { historyHeaderOf, LABEL_NAMES, type LabelKey } from '../form/labels';
import type { Field, IndicatorRow, IndicatorTable, IndicatorTableKind, SectionCode } from '../form/types';
import type { LabelHit, ReadContext } from './locate';

/** How far below the 一级指标 header the header block may reach. */
const HEADER_DEPTH = 3;

type Columns = IndicatorTable['columns'];

export function readIndicatorTable(
  ctx: ReadContext,
  kind: IndicatorTableKind,
  anchor: LabelHit | null,
  goal: { goal: Field | null; horizonCell: Field | null; horizonYear: number | null },
): IndicatorTable | null {
  const { view } = ctx;
  const section: SectionCode = kind === 'longTerm' ? 'longTermIndicators' : 'annualIndicators';
  const tableName = kind === 'longTerm' ? LABEL_NAMES.longTermTable : LABEL_NAMES.annualTable;
  if (!anchor) {
    ctx.problem(section, `未找到“${tableName}”表`);
    return null;
  }
  const header = readHeaderBlock(ctx, kind, anchor, section, tableName);
  if (!header) return null;
  const { columns, dataStart } = header;

  const contentCols = [columns.level3, columns.value, columns.basis, columns.classification];
  if (columns.yearBeforeLast !== null) contentCols.push(columns.yearBeforeLast);
  if (columns.lastYear !== null) contentCols.push(columns.lastYear);
  const stop = ctx.tableEnd(anchor, dataStart, [columns.level1, columns.level2, ...contentCols]);

  const rows: IndicatorRow[] = [];
  let level1: Field | null = null;
  let level2: Field | null = null;
  for (let r = dataStart; r < stop; r++) {
    const own1 = view.hasOwnContent(r, columns.level1);
    const own2 = view.hasOwnContent(r, columns.level2);
    if (own1 || view.coveredFromAbove(r, columns.level1)) level1 = view.field(r, columns.level1);
    if (own2 || view.coveredFromAbove(r, columns.level2)) level2 = view.field(r, columns.level2);
    else if (own1) level2 = null; // a new 一级 group does not inherit the previous group's 二级
    // A row with nothing of its own is not an indicator. One that starts a 一级/二级 group but has no 三级
    // yet (the template's 核心业务产出1 rows) is an indicator still to be filled: the rules ask for its 三级.
    if (!own1 && !own2 && !contentCols.some((c) => view.hasOwnContent(r, c))) continue;
    rows.push({
      table: kind,
      row: r,
      level1: level1 ?? view.cellField(r, columns.level1),
      level2: level2 ?? view.cellField(r, columns.level2),
      level3: view.field(r, columns.level3),
      value: view.field(r, columns.value),
      history:
        columns.yearBeforeLast !== null && columns.lastYear !== null
          ? { yearBeforeLast: view.field(r, columns.yearBeforeLast), lastYear: view.field(r, columns.lastYear) }
          : null,
      basis: view.field(r, columns.basis),
      classification: view.field(r, columns.classification),
    });
  }
  return {
    kind,
    label: view.field(anchor.row, anchor.col),
    goal: goal.goal,
    horizonCell: goal.horizonCell,
    horizonYear: goal.horizonYear,
    headerRow: header.headerRow,
    columns,
    rows,
    firstRow: rows.length ? rows[0]!.row : dataStart,
    lastRow: rows.length ? rows[rows.length - 1]!.row : dataStart,
  };
}

interface HeaderBlock {
  headerRow: number;
  columns: Columns;
  dataStart: number;
}

function readHeaderBlock(
  ctx: ReadContext,
  kind: IndicatorTableKind,
  anchor: LabelHit,
  section: SectionCode,
  tableName: string,
): HeaderBlock | null {
  const { labels, view } = ctx;
  const start = anchor.area.top;
  const end = ctx.regionEnd(anchor.row);
  const l1 = labels.first('level1', start, end);
  if (!l1) {
    ctx.problem(section, `未找到“${tableName}”的表头“${LABEL_NAMES.level1}”`, [view.cell(anchor.row, anchor.col)]);
    return null;
  }
  const headerRow = l1.row;
  const within = Math.min(end, headerRow + HEADER_DEPTH);
  const find = (key: LabelKey): LabelHit | null => labels.first(key, headerRow, within);
  const where = [view.cell(l1.row, l1.col)];
  const hits: LabelHit[] = [l1];
  let prevRight = l1.area.right;
  // Missing columns are guessed from the printed order so the rest still reads; each guess is a problem.
  const column = (key: LabelKey, hit: LabelHit | null, name = LABEL_NAMES[key]): number => {
    if (hit) {
      hits.push(hit);
      prevRight = hit.area.right;
      return hit.col;
    }
    ctx.problem(section, `未找到“${tableName}”的“${name}”列`, where);
    const col = prevRight + 1;
    prevRight = view.areaOf(headerRow, col).right;
    return col;
  };
  const level2 = column('level2', find('level2'));
  const level3 = column('level3', find('level3'));

  let yearBeforeLast: number | null = null;
  let lastYear: number | null = null;
  let value: number;
  let subBottom = -1;
  if (kind === 'annual') {
    const expected = find('expectedValue');
    const historyHit = find('historyValues');
    const fromCol = historyHit ? historyHit.area.left : level3 + 1;
    const toCol = historyHit ? historyHit.area.right + 1 : (expected ? expected.area.left : view.right) - 1;
    const hist = historyColumns(ctx, headerRow, within, fromCol, toCol, level3);
    if (historyHit) hits.push(historyHit);
    if (hist.yearBeforeLast === null || hist.lastYear === null) {
      ctx.problem(section, `未找到“${tableName}”的“近两年指标值”（前年、上年）列`, where);
    } else {
      yearBeforeLast = hist.yearBeforeLast;
      lastYear = hist.lastYear;
      subBottom = hist.bottom;
      prevRight = lastYear;
    }
    // Without the history split, a plain 指标值 column is the expected value.
    const plainValue = yearBeforeLast === null ? find('indicatorValue') : null;
    value = column('expectedValue', expected ?? plainValue);
  } else {
    value = column('indicatorValue', find('indicatorValue'));
  }
  const basis = column('basis', find('basis'));
  const classification = column('classification', find('classification'));

  const columns = { level1: l1.col, level2, level3, value, yearBeforeLast, lastYear, basis, classification };
  // A guessed column past the sheet's last used column holds nothing to read: flagging its empty cells
  // would point at cells the form never had. The problems above already say which header is missing.
  if (Object.values(columns).some((c) => c !== null && c >= view.right)) return null;
  const bottom = Math.max(subBottom, ...hits.map((h) => h.area.bottom));
  return {
    headerRow,
    columns,
    dataStart: bottom + 1,
  };
}

/** The 前年 / 上年 columns: header cells written 前年, 上年, 2024年 or 2024 under 近两年指标值. */
function historyColumns(
  ctx: ReadContext,
  headerRow: number,
  within: number,
  fromCol: number,
  toCol: number,
  level3Col: number,
): { yearBeforeLast: number | null; lastYear: number | null; bottom: number } {
  const { view } = ctx;
  const found: { col: number; row: number; year: number | null; relative: string | null }[] = [];
  for (let r = headerRow; r < within; r++) {
    // A 三级指标 of its own marks the first data row: the header block is over.
    if (r > headerRow && view.hasOwnContent(r, level3Col) && !ctx.labels.at(r, level3Col)) break;
    for (let c = fromCol; c <= toCol; c++) {
      const m = view.master(r, c);
      if (m.row !== r || m.col !== c) continue;
      const h = historyHeaderOf(view.rawValue(r, c));
      if (h) found.push({ col: c, row: r, ...h });
    }
  }
  let ybl = found.find((f) => f.relative === 'yearBeforeLast') ?? null;
  let ly = found.find((f) => f.relative === 'lastYear') ?? null;
  const numbered = found.filter((f) => f.year !== null).sort((a, b) => a.year! - b.year!);
  if (!ybl && numbered.length) ybl = numbered[0]!;
  if (!ly && numbered.length) ly = numbered[numbered.length - 1]!;
  if (ybl && ly && ybl.col === ly.col) ly = null;
  const bottom = Math.max(-1, ...[ybl, ly].filter((f) => f !== null).map((f) => view.areaOf(f.row, f.col).bottom));
  return { yearBeforeLast: ybl?.col ?? null, lastYear: ly?.col ?? null, bottom };
}
