/** 部门职能概述, 年度工作任务, 项目支出情况, 整体绩效总目标 and the goal rows above each indicator table. */
import { PlanBuilder, rect } from './builder';
import { COL, LAST_COL } from './columns';

/** Columns of the project table (项目名称 spans 一级+二级, 用途 spans the last three). */
export const PROJECT_COL = {
  name: COL.level1,
  category: COL.level3,
  totalBudget: COL.yearBeforeLast,
  annualBudget: COL.lastYear,
  purpose: COL.current,
} as const;

/** A label in column A and one merged text cell across the rest of the row. */
export function writeTextRow(
  b: PlanBuilder,
  row: number,
  label: string,
  name: string,
  height: number,
  labelName?: string,
): number {
  b.put(row, COL.label, label, 'section');
  b.block(rect(row, COL.level1, row, LAST_COL), null, 'textBlock');
  b.height(row, height);
  b.name(name, rect(row, COL.level1));
  if (labelName) b.name(labelName, rect(row, COL.label));
  return row + 1;
}

export function writeProjects(b: PlanBuilder, top: number, count: number): number {
  const bottom = top + count;
  b.block(rect(top, COL.label, bottom, COL.label), '项目支出情况', 'section');
  b.block(rect(top, PROJECT_COL.name, top, COL.level2), '项目名称', 'heading');
  b.put(top, PROJECT_COL.category, '支出项目类别', 'heading');
  b.put(top, PROJECT_COL.totalBudget, '项目总预算', 'heading');
  b.put(top, PROJECT_COL.annualBudget, '项目本年度预算', 'heading');
  b.block(rect(top, PROJECT_COL.purpose, top, LAST_COL), '项目主要支出方向和用途', 'heading');
  b.height(top, 30);
  for (let row = top + 1; row <= bottom; row++) {
    b.block(rect(row, PROJECT_COL.name, row, COL.level2), null, 'input');
    b.put(row, PROJECT_COL.category, null, 'inputCenter');
    b.put(row, PROJECT_COL.totalBudget, null, 'amount');
    b.put(row, PROJECT_COL.annualBudget, null, 'amount');
    b.block(rect(row, PROJECT_COL.purpose, row, LAST_COL), null, 'input');
    b.height(row, 45);
  }
  // The header row is inside the name so that rows inserted right under it still belong to the table.
  b.name('jx_projects', rect(top, PROJECT_COL.name, bottom, LAST_COL));
  return bottom + 1;
}

/** 整体绩效总目标: 长期目标（截止 YYYY年） and 年度目标 side by side. */
export function writeGoals(b: PlanBuilder, top: number, horizonYear: number): number {
  const textRow = top + 1;
  b.block(rect(top, COL.label, textRow, COL.label), '整体绩效总目标', 'section');
  b.block(rect(top, COL.level1, top, COL.yearBeforeLast), `长期目标（截止 ${horizonYear}年）`, 'heading');
  b.block(rect(top, COL.lastYear, top, LAST_COL), '年度目标', 'heading');
  b.block(rect(textRow, COL.level1, textRow, COL.yearBeforeLast), null, 'textBlock');
  b.block(rect(textRow, COL.lastYear, textRow, LAST_COL), null, 'textBlock');
  b.height(top, 22);
  b.height(textRow, 140);
  b.name('jx_goals_horizon', rect(top, COL.level1));
  b.name('jx_goals_longTerm', rect(textRow, COL.level1));
  b.name('jx_goals_annual', rect(textRow, COL.lastYear));
  return textRow + 1;
}
