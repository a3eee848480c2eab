/**
 * Grid → DeclarationForm, found by labels (see shared/spec/form.md ›
 * "Forms not made by the template"). Never throws, whatever the grid.
 */
import type { ReadResult } from '../form/types';
import type { Grid } from './grid';

/** Reads one sheet. A sheet that is not a declaration form gives { form: false, reason }. */
export function readDeclaration(grid: Grid): ReadResult {
  return { form: false, sheet: grid.sheet, reason: '读取器尚未实现' };
}

/** The first sheet of a workbook (in the given order) that is a declaration form, else the not-a-form result of the first. */
export function findDeclaration(grids: Grid[]): ReadResult {
  for (const g of grids) {
    const r = readDeclaration(g);
    if (r.form) return r;
  }
  return { form: false, sheet: grids[0]?.sheet ?? '', reason: '工作簿中没有部门整体绩效目标申报表' };
}
