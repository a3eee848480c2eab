/**
 * How the indicator rules see a row: its own cells (一级/二级 only when they
 * stand on this row — carried values belong to the row that holds them),
 * whether it is a placeholder left from the blank form, an empty row, or a
 * real indicator.
 */
import type { Field, IndicatorRow, IndicatorTable } from '../../form/types';
import {
  fieldText,
  isBlank,
  isNotApplicable,
  isPlaceholderText,
  nameKey,
  parseIndicatorValue,
  stripSpaces,
  type IndicatorValue,
} from '../../form/values';
import type { RuleContext } from '../rule';
import { remember } from './util';
import { rangeRef, type CellRange } from '../../sheet/cell-range';

/** The cells this row itself holds. */
export function ownCells(r: IndicatorRow): Field[] {
  const cells: Field[] = [];
  if (r.level1.ref.row === r.row) cells.push(r.level1);
  if (r.level2.ref.row === r.row) cells.push(r.level2);
  cells.push(r.level3, r.value);
  if (r.history) cells.push(r.history.yearBeforeLast, r.history.lastYear);
  cells.push(r.basis, r.classification);
  return cells;
}

/**
 * A row holding only `……` (or another placeholder) and blanks from its 三级
 * on. Its 一级/二级 do not matter: the blank form puts placeholders under real
 * group labels (履职效能 › 核心业务产出1 › ……).
 */
export function isPlaceholderRow(r: IndicatorRow): boolean {
  let placeholder = false;
  for (const f of ownCells(r)) {
    const t = fieldText(f);
    if (isPlaceholderText(t)) placeholder = true;
    else if (f !== r.level1 && f !== r.level2 && stripSpaces(t) !== '') return false;
  }
  return placeholder;
}

export function isEmptyRow(r: IndicatorRow): boolean {
  return ownCells(r).every((f) => isBlank(f));
}

type Memo = Pick<RuleContext, 'memo'>;

/** Rows that are real indicators (or attempts at one): not placeholders, not empty. */
export function activeRows(table: IndicatorTable, ctx?: Memo): IndicatorRow[] {
  return remember(ctx, table, 'activeRows', () => table.rows.filter((r) => !isPlaceholderRow(r) && !isEmptyRow(r)));
}

export function level1Of(r: IndicatorRow): string {
  return stripSpaces(fieldText(r.level1));
}

export function level2Of(r: IndicatorRow): string {
  return stripSpaces(fieldText(r.level2));
}

/** The 三级 name as a comparison key (spaces and width ignored). */
export function level3Key(r: IndicatorRow): string {
  return nameKey(fieldText(r.level3));
}

/** “预算执行率” — the 三级 as written, for messages (a name with its own quotes, “三公经费”变动率, stays bare). */
export function level3Name(r: IndicatorRow): string {
  const name = fieldText(r.level3).replace(/\s+/g, '');
  return /[“”"]/.test(name) ? name : `“${name}”`;
}

/** Rows with a 三级 that names an indicator (not blank, not `无`). */
export function namedRows(table: IndicatorTable, ctx?: Memo): IndicatorRow[] {
  return remember(ctx, table, 'namedRows', () =>
    activeRows(table, ctx).filter((r) => !isBlank(r.level3) && !isNotApplicable(fieldText(r.level3))),
  );
}

/** The first row of each 三级 name in a table (empty when the table is missing). */
export function rowsByName(table: IndicatorTable | null, ctx?: Memo): Map<string, IndicatorRow> {
  if (!table) return new Map();
  return remember(ctx, table, 'rowsByName', () => {
    const m = new Map<string, IndicatorRow>();
    for (const r of namedRows(table, ctx)) {
      const key = level3Key(r);
      if (!m.has(key)) m.set(key, r);
    }
    return m;
  });
}

/** A row's 指标值 / 预期当年实现值 parsed (parseIndicatorValue keeps it per cell: several rules read the same value). */
export function rowValue(r: IndicatorRow): IndicatorValue {
  return parseIndicatorValue(r.value);
}

/** "指标值" in the long-term table, "预期当年实现值" in the annual one. */
export function valueName(r: IndicatorRow): string {
  return r.table === 'longTerm' ? '指标值' : '预期当年实现值';
}

/** The row from its 三级 cell to its last column, for flagging a whole row. */
export function rowRange(table: IndicatorTable, r: IndicatorRow): CellRange {
  const c = table.columns;
  const cols = [c.level3, c.value, c.basis, c.classification, c.yearBeforeLast ?? c.level3, c.lastYear ?? c.level3];
  return rangeRef(r.level3.ref.sheet, r.row, Math.min(...cols), r.row, Math.max(...cols));
}

/** The table's 一级指标 column, for coverage findings. */
export function level1Column(table: IndicatorTable): CellRange {
  const top = table.rows.length > 0 ? table.firstRow : table.headerRow;
  const bottom = table.rows.length > 0 ? table.lastRow : table.headerRow;
  return rangeRef(table.label.ref.sheet, top, table.columns.level1, bottom, table.columns.level1);
}
