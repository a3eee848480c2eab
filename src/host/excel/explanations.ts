/**
 * The 校验说明 sheet in Excel: read in one sync, rewritten in one more (the
 * layout and the merge of a new explanation come from src/rules/explanations).
 */
import { explanationSheetRows, parseExplanations, upsertExplanation } from '../../rules/support/explanations';
import type { Explanation } from '../../rules/support/types';
import { EXPLANATION_SHEET } from '../types';
import { areaA1 } from './areas';
import type { ExcelEnv } from './env';
import { emptyGrid, toGrid } from './read';

interface LoadedSheet {
  exists: boolean;
  explanations: Explanation[];
  /** The used block (A1) to clear before rewriting, or null. */
  used: string | null;
}

async function load(env: ExcelEnv): Promise<LoadedSheet> {
  return env.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(EXPLANATION_SHEET);
    ws.load('name');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('values,numberFormat,formulas,valueTypes,rowIndex,columnIndex,rowCount,columnCount');
    await context.sync();
    if (ws.isNullObject) return { exists: false, explanations: [], used: null };
    if (used.isNullObject)
      return { exists: true, explanations: parseExplanations(emptyGrid(EXPLANATION_SHEET)), used: null };
    const grid = toGrid(EXPLANATION_SHEET, used, []);
    const block = areaA1({
      top: used.rowIndex,
      left: used.columnIndex,
      bottom: used.rowIndex + used.rowCount - 1,
      right: used.columnIndex + used.columnCount - 1,
    });
    return { exists: true, explanations: parseExplanations(grid), used: block };
  });
}

export async function readExplanationSheet(env: ExcelEnv): Promise<Explanation[]> {
  return (await load(env)).explanations;
}

/** beforeWrite is told the block (A1) about to be written, for telling our own change events apart. */
export async function writeExplanationSheet(
  env: ExcelEnv,
  explanation: Explanation,
  beforeWrite: (block: string) => void = () => undefined,
): Promise<void> {
  const current = await load(env);
  const rows = explanationSheetRows(upsertExplanation(current.explanations, explanation));
  const width = Math.max(...rows.map((r) => r.length));
  const block = areaA1({ top: 0, left: 0, bottom: rows.length - 1, right: width - 1 });
  await env.run(async (context) => {
    const ws = current.exists
      ? context.workbook.worksheets.getItem(EXPLANATION_SHEET)
      : context.workbook.worksheets.add(EXPLANATION_SHEET);
    if (current.used) ws.getRange(current.used).clear('Contents');
    const range = ws.getRange(block);
    // Text format first, so a rule id or an address is never read as a number or a date.
    range.numberFormat = rows.map(() => Array.from({ length: width }, () => '@'));
    range.values = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    if (!current.exists) {
      ws.getRange('A1:E1').format.font.bold = true;
      [10, 16, 40, 50, 12].forEach((w, c) => {
        ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.round((w * 7 + 5) * 0.75);
      });
    }
    beforeWrite(block);
    await context.sync();
  });
}
