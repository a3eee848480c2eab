/**
 * Grid → DeclarationForm, found by labels (see docs/spec/form.md ›
 * "Forms not made by the template"). Never throws, whatever the grid.
 */
import { EDITIONS } from '../form/editions';
import { normalizeLabel } from '../form/labels';
import type { DeclarationForm, ReadResult, StaleFormulaCell } from '../form/types';
import { refreshFormulas } from '../sheet/formula';
import { formulaAt, numFmtAt, type Grid } from '../sheet/grid';
import { readFunding } from './funding';
import { readHeader } from './header';
import { readIndicatorTable } from './indicators';
import { findAnchors, LabelIndex, looksLikeDeclaration, ReadContext } from './locate';
import { recogniseOther } from './other-forms';
import { readProjects } from './projects';
import { SheetView } from './sheet';
import { findGoalLabels, readGoals, readTableGoal, readText } from './texts';

/** Reads one sheet. A sheet that is not a declaration form gives { form: false, reason }. */
export function readDeclaration(grid: Grid): ReadResult {
  const sheet = sheetNameOf(grid);
  try {
    return read(grid, sheet);
  } catch {
    // Only a bug gets here; the reader is written not to throw on any grid. The exception's English is not shown.
    return {
      form: false,
      sheet,
      reason: `读取工作表“${sheet}”时程序出错，无法识别部门整体绩效目标申报表；请把此文件反馈给开发者`,
    };
  }
}

/**
 * The first sheet (in the given order) that is a declaration form. When none
 * is, a not-a-form result naming the sheets that were looked at.
 */
export function findDeclaration(grids: Grid[]): ReadResult {
  const list = Array.isArray(grids) ? grids : [];
  for (const g of list) {
    const r = readDeclaration(g);
    if (r.form) return r;
  }
  return noFormIn(list.map(sheetNameOf));
}

/** Why a workbook with these sheets (in order, none of them a form) is not a declaration. */
export function noFormIn(sheets: string[]): Extract<ReadResult, { form: false }> {
  if (sheets.length === 0) return { form: false, sheet: '', reason: '工作簿中没有工作表，不是部门整体绩效目标申报表' };
  const names = sheets.map((s) => `“${s}”`).join('、');
  return {
    form: false,
    sheet: sheets[0]!,
    reason: `工作簿中没有部门整体绩效目标申报表（已查看工作表：${names}；未找到“部门总体资金情况”等栏目）`,
  };
}

function read(grid: Grid, sheet: string): ReadResult {
  let view = grid && typeof grid === 'object' ? new SheetView(grid) : null;
  if (!view || view.isEmpty) {
    return { form: false, sheet, reason: `工作表“${sheet}”是空的，不是部门整体绩效目标申报表` };
  }
  let labels = new LabelIndex(view);
  const other = recogniseOther(view, labels);
  if (other) return { form: false, sheet, reason: other.reason, kind: other.kind };
  if (!looksLikeDeclaration(labels)) {
    return {
      form: false,
      sheet,
      reason: `工作表“${sheet}”不是部门整体绩效目标申报表：未找到“部门总体资金情况”，也未找到“部门职能概述”“项目支出情况”“年度绩效指标”等栏目中的两个`,
    };
  }
  // Results saved by a program that does not recalculate are replaced by what the formulas give.
  const refreshed = refreshFormulas(grid);
  const staleFormulas: StaleFormulaCell[] = refreshed.stale.map((f) => ({
    cell: { sheet, row: f.row, col: f.col },
    formula: formulaAt(grid, f.row, f.col) ?? '',
    cached: f.cached,
    computed: f.computed,
    numFmt: numFmtAt(grid, f.row, f.col),
  }));
  if (refreshed.grid !== grid) {
    view = new SheetView(refreshed.grid);
    labels = new LabelIndex(view);
  }
  const ctx = new ReadContext(view, labels);
  const anchors = findAnchors(labels);
  const goalLabels = findGoalLabels(ctx, anchors);
  const sectionRows = [
    ...Object.values(anchors).map((h) => h?.row),
    goalLabels.longTermLine?.row,
    goalLabels.annualLine?.row,
  ].filter((r): r is number => r !== undefined);
  ctx.setBoundaries(sectionRows);

  const header = readHeader(ctx, Math.min(...sectionRows));
  const funding = readFunding(ctx, anchors.funding, editionOfTitle(header.title?.text ?? ''));
  const functions = readText(ctx, anchors.functions, 'functions');
  const annualTasks = readText(ctx, anchors.annualTasks, 'annualTasks');
  const projects = readProjects(ctx, anchors.projects);
  const goals = readGoals(ctx, anchors, goalLabels);
  const longTermIndicators = readIndicatorTable(
    ctx,
    'longTerm',
    anchors.longTermTable,
    readTableGoal(ctx, goalLabels.longTermLine, 'longTerm'),
  );
  const annualIndicators = readIndicatorTable(
    ctx,
    'annual',
    anchors.annualTable,
    readTableGoal(ctx, goalLabels.annualLine, 'annual'),
  );
  const declaration: DeclarationForm = {
    sheet,
    edition: ctx.edition.id,
    header,
    funding,
    functions,
    annualTasks,
    projects,
    goals,
    longTermIndicators,
    annualIndicators,
    problems: ctx.problems,
  };
  if (staleFormulas.length > 0) declaration.staleFormulas = staleFormulas;
  return { form: true, declaration };
}

/** The edition whose title the title cell prints (the longest title that fits: 支出 makes edition B's). */
function editionOfTitle(title: string) {
  const n = normalizeLabel(title);
  let best = null;
  for (const e of EDITIONS) if (n.includes(e.title) && (!best || e.title.length > best.title.length)) best = e;
  return best;
}

function sheetNameOf(grid: Grid | null | undefined): string {
  const name = grid && typeof grid === 'object' ? (grid as { sheet?: unknown }).sheet : undefined;
  return typeof name === 'string' ? name : '';
}
