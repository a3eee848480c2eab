/**
 * Section 5, 项目支出情况: the project table. Columns by their headers; every
 * row down to the next section is a project unless it is left entirely blank
 * (or is a 合计 line some forms add at the bottom).
 */
import { LABEL_NAMES } from '../form/labels';
import type { Project, Projects } from '../form/types';
import type { LabelHit, ReadContext } from './locate';

const COLUMNS = ['projectName', 'projectCategory', 'projectTotal', 'projectAnnual', 'projectPurpose'] as const;
type ColumnKey = (typeof COLUMNS)[number];

export function readProjects(ctx: ReadContext, anchor: LabelHit | null): Projects | null {
  const { labels, view } = ctx;
  if (!anchor) {
    ctx.problem('projects', `未找到“${LABEL_NAMES.projects}”`);
    return null;
  }
  const start = anchor.area.top;
  const end = ctx.regionEnd(anchor.row);
  const nameHit = labels.first('projectName', start, end);
  if (!nameHit) {
    ctx.problem('projects', `未找到“${LABEL_NAMES.projects}”的表头“${LABEL_NAMES.projectName}”`, [
      view.cell(anchor.row, anchor.col),
    ]);
    return null;
  }
  const headerRows: [number, number] = [nameHit.area.top, nameHit.area.bottom + 1];
  const cols = {} as Record<ColumnKey, number>;
  let headerBottom = nameHit.area.bottom;
  let prevRight = nameHit.area.left - 1;
  for (const key of COLUMNS) {
    const hit = key === 'projectName' ? nameHit : labels.first(key, headerRows[0], headerRows[1]);
    if (hit) {
      cols[key] = hit.col;
      headerBottom = Math.max(headerBottom, hit.area.bottom);
      prevRight = hit.area.right;
    } else {
      // Guess the missing column from the printed order, so the other columns still read.
      ctx.problem('projects', `未找到“${LABEL_NAMES.projects}”的“${LABEL_NAMES[key]}”列`, [
        view.cell(nameHit.row, nameHit.col),
      ]);
      cols[key] = prevRight + 1;
      prevRight = view.areaOf(nameHit.row, prevRight + 1).right;
    }
  }

  const columnList = COLUMNS.map((k) => cols[k]);
  // As for the indicator tables: a guessed column past the last used one has nothing to read or flag.
  if (columnList.some((c) => c >= view.right)) return null;
  const stop = ctx.tableEnd(anchor, headerBottom + 1, columnList);
  const rows: Project[] = [];
  for (let r = headerBottom + 1; r < stop; r++) {
    if (!columnList.some((c) => view.hasOwnContent(r, c))) continue;
    if (labels.at(r, cols.projectName)?.key === 'total') continue;
    rows.push({
      row: r,
      name: view.field(r, cols.projectName),
      category: view.field(r, cols.projectCategory),
      totalBudget: view.field(r, cols.projectTotal),
      annualBudget: view.field(r, cols.projectAnnual),
      purpose: view.field(r, cols.projectPurpose),
    });
  }
  return {
    header: view.field(nameHit.row, nameHit.col),
    rows,
    annualBudgetColumn: rows.length
      ? { col: cols.projectAnnual, firstRow: rows[0]!.row, lastRow: rows[rows.length - 1]!.row }
      : null,
  };
}
