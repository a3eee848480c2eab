/**
 * The filer's explanations, stored in the workbook's 校验说明 sheet: read and
 * written here, over the hosts' two sheet primitives (read a sheet's grid,
 * replace a sheet's rows). The table's layout lives in rules/explanations.
 */
import { explanationSheetRows, parseExplanations, upsertExplanation } from './rules/support/explanations';
import type { Explanation } from './rules/support/types';
import type { SheetLayout, SheetStore } from './sheet/store';

/** Name of the sheet that holds the filer's explanations (rule, cell, text). */
export const EXPLANATION_SHEET = '校验说明';

/** How a new 校验说明 sheet looks: a bold header, columns wide enough for ids, addresses and sentences. */
export const EXPLANATION_LAYOUT: SheetLayout = { boldFirstRow: true, columnWidths: [22, 18, 50, 50, 12] };

/** Explanations stored in the 校验说明 sheet ([] when there is none). */
export async function readExplanations(store: Pick<SheetStore, 'readSheet'>): Promise<Explanation[]> {
  const grid = await store.readSheet(EXPLANATION_SHEET);
  return grid ? parseExplanations(grid) : [];
}

/**
 * Adds or replaces (same rule and cell) one explanation in the 校验说明 sheet,
 * creating the sheet when needed; a blank text removes the explanation.
 */
export async function writeExplanation(store: SheetStore, explanation: Explanation): Promise<void> {
  const list = upsertExplanation(await readExplanations(store), explanation);
  await store.replaceSheetRows(EXPLANATION_SHEET, explanationSheetRows(list), EXPLANATION_LAYOUT);
}
