/** Title block and the 部门（单位）名称 · 填报人 · 联系电话 row. */
import { PlanBuilder, rect } from './builder';
import { COL, LAST_COL } from './columns';

export interface HeaderValues {
  department: string;
  filler: string;
  phone: string;
}

/** Writes rows `top`… and returns the first row after the block. */
export function writeHeader(b: PlanBuilder, top: number, v: HeaderValues): number {
  b.put(top, COL.label, '附件2', 'attachment');
  b.height(top, 20);

  const titleRow = top + 1;
  b.block(rect(titleRow, COL.label, titleRow, LAST_COL), '部门整体绩效目标申报表', 'title');
  b.height(titleRow, 36);
  b.name('jx_title', rect(titleRow, COL.label, titleRow, LAST_COL));

  const dateRow = top + 2;
  b.put(dateRow, COL.label, '填报日期：', 'dateLabel');
  b.block(rect(dateRow, COL.level1, dateRow, COL.level2), null, 'dateInput');
  b.block(rect(dateRow, COL.basis, dateRow, LAST_COL), '单位：万元', 'unit');
  b.height(dateRow, 22);
  b.name('jx_fillDate', rect(dateRow, COL.level1));

  const row = top + 3;
  b.put(row, COL.label, '部门（单位）名称', 'section');
  b.block(rect(row, COL.level1, row, COL.level3), v.department || null, 'input');
  b.put(row, COL.yearBeforeLast, '填报人', 'section');
  b.put(row, COL.lastYear, v.filler || null, 'input');
  b.put(row, COL.current, '联系电话', 'section');
  b.block(rect(row, COL.basis, row, LAST_COL), v.phone || null, 'input');
  b.height(row, 30);
  b.name('jx_department', rect(row, COL.level1));
  b.name('jx_filler', rect(row, COL.lastYear));
  b.name('jx_phone', rect(row, COL.basis));
  b.name('jx_header', rect(row, COL.label, row, LAST_COL));
  return row + 1;
}
