/** Small helpers shared by the rule families: addresses, table names, Chinese labels. */
import type { Field, IndicatorRow, IndicatorTable, IndicatorTableKind, SectionCode } from '../../form/types';
import { fieldText, parseAmount, type ParsedAmount } from '../../form/values';
import { cellRef, type CellRange } from '../../sheet/cell-range';
import type { FindingInput, RuleContext } from '../rule';

export const TABLE_NAME: Record<IndicatorTableKind, string> = {
  longTerm: '长期绩效指标',
  annual: '年度绩效指标',
};

export const TABLE_SECTION: Record<IndicatorTableKind, SectionCode> = {
  longTerm: 'longTermIndicators',
  annual: 'annualIndicators',
};

/** Where the findings of a rule over both indicator tables appear. */
export const INDICATOR_SECTIONS: SectionCode[] = [TABLE_SECTION.longTerm, TABLE_SECTION.annual];

/** The row's place in its table, counted from the table's first row under the headings (1-based), as on paper. */
export function tableRowNumber(table: Pick<IndicatorTable, 'firstRow'>, r: Pick<IndicatorRow, 'row'>): number {
  return r.row - table.firstRow + 1;
}

/**
 * "年度绩效指标表第 12 行（管理效率 › 预算执行 › 预算执行率）" — a row as a person finds it on paper:
 * its place in the table and its indicator (一级 › 二级 › 三级, blank ones and a 三级 equal to its 二级 left out), never the
 * sheet's row number (that stays in the finding's cells and `row`).
 */
export function rowLabel(table: Pick<IndicatorTable, 'kind' | 'firstRow'>, r: IndicatorRow): string {
  const path = [r.level1, r.level2, r.level3]
    .map((f) => fieldText(f).replace(/\s+/g, ''))
    .filter((t, i, all) => t !== '' && t !== all[i - 1])
    .join(' › ');
  return `${TABLE_NAME[table.kind]}表第 ${tableRowNumber(table, r)} 行${path ? `（${path}）` : ''}`;
}

/** The fields every indicator finding carries: table, section and 1-based row. */
export function indicatorPlace(r: IndicatorRow): Pick<FindingInput, 'table' | 'row' | 'section'> {
  return { table: r.table, row: r.row + 1, section: TABLE_SECTION[r.table] };
}

/** The long-term and annual tables that were found, in that order. */
export function tablesOf(form: {
  longTermIndicators: IndicatorTable | null;
  annualIndicators: IndicatorTable | null;
}): IndicatorTable[] {
  return [form.longTermIndicators, form.annualIndicators].filter((t): t is IndicatorTable => t !== null);
}

/** Quotes a value for a message: “…”, shortened when long. */
export function quoted(s: string, max = 20): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max)}…` : t}”`;
}

/** The cell of a field, for `cells` and `fix`. */
export function addr(f: Field): CellRange {
  return cellRef(f.ref);
}

/** `compute()`, worked out once per check() run for `key` and `name` when the run keeps a memo. */
export function remember<T>(
  ctx: Pick<RuleContext, 'memo'> | undefined,
  key: object,
  name: string,
  compute: () => T,
): T {
  return ctx?.memo ? ctx.memo(key, name, compute) : compute();
}

/** A cell's amount, parsed once per check() run: the funding and project rules read the same cells. */
export function amountOf(ctx: Pick<RuleContext, 'memo'>, field: Field | null | undefined): ParsedAmount {
  return field ? remember(ctx, field, 'amount', () => parseAmount(field)) : parseAmount(field);
}
