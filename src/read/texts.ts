/**
 * The free texts: 部门职能概述 and 年度工作任务 (section 3, 4), 整体绩效总目标
 * with its 长期目标（截止 YYYY年） and 年度目标 (section 6), and the goal lines
 * above each indicator table (长期目标：（截止 2029年） …, 年度目标： …).
 */
import { LABEL_NAMES } from '../form/labels';
import type { Field, Goals } from '../form/types';
import type { LabelHit, ReadContext, SectionAnchors } from './locate';

export function readText(ctx: ReadContext, hit: LabelHit | null, what: 'functions' | 'annualTasks'): Field | null {
  if (!hit) {
    ctx.problem(what, `未找到“${LABEL_NAMES[what]}”`);
    return null;
  }
  return ctx.valueRightOf(hit);
}

/**
 * Which 长期目标 / 年度目标 labels are the two column headers of section 6 and
 * which are the goal lines above the tables. Section 6's headers stand to the
 * right of the 整体绩效总目标 label, on its first rows; the goal lines stand in
 * the label column, just above their table.
 */
export interface GoalLabels {
  longTermHeader: LabelHit | null;
  annualHeader: LabelHit | null;
  longTermLine: LabelHit | null;
  annualLine: LabelHit | null;
}

export function findGoalLabels(ctx: ReadContext, anchors: SectionAnchors): GoalLabels {
  const { labels } = ctx;
  const g = anchors.goals;
  let longTermHeader: LabelHit | null = null;
  let annualHeader: LabelHit | null = null;
  if (g) {
    const lastRow = Math.max(g.area.bottom, g.area.top + 1);
    const beside = (h: LabelHit): boolean => h.row >= g.area.top && h.row <= lastRow && h.col > g.area.right;
    longTermHeader = labels.all('longTermGoal').find(beside) ?? null;
    const annuals = labels.all('annualGoal').filter(beside);
    // Side by side on one row is the paper layout; otherwise (stacked) the first one found.
    annualHeader = annuals.find((h) => longTermHeader !== null && h.row === longTermHeader.row) ?? annuals[0] ?? null;
  }
  const notHeader = (h: LabelHit): boolean => h !== longTermHeader && h !== annualHeader;
  const lt = anchors.longTermTable;
  const an = anchors.annualTable;
  const afterGoals = g ? g.area.top : -Infinity;
  const longTermLine = lastBefore(
    labels.all('longTermGoal').filter((h) => notHeader(h) && h.row > afterGoals),
    lt ? lt.area.top : an ? an.area.top : Infinity,
  );
  const annualLine = lastBefore(
    labels.all('annualGoal').filter((h) => notHeader(h) && h.row > (lt ? lt.row : afterGoals)),
    an ? an.area.top : Infinity,
  );
  return { longTermHeader, annualHeader, longTermLine, annualLine };
}

function lastBefore(hits: LabelHit[], row: number): LabelHit | null {
  let best: LabelHit | null = null;
  for (const h of hits) if (h.row < row) best = h;
  return best;
}

export function readGoals(ctx: ReadContext, anchors: SectionAnchors, goals: GoalLabels): Goals {
  const { view } = ctx;
  const out: Goals = { longTerm: null, annual: null, horizonCell: null, horizonYear: null };
  if (!anchors.goals) {
    ctx.problem('goals', `未找到“${LABEL_NAMES.goals}”`);
    return out;
  }
  const { longTermHeader: lt, annualHeader: an } = goals;
  const sideBySide = lt !== null && an !== null && lt.row === an.row;
  const textOf = (h: LabelHit): Field =>
    h.rest.length >= 2 ? view.field(h.row, h.col) : sideBySide ? ctx.valueBelow(h) : ctx.valueRightOf(h);
  const where = view.cell(anchors.goals.row, anchors.goals.col);
  if (lt) {
    out.longTerm = textOf(lt);
    out.horizonCell = view.field(lt.row, lt.col);
    out.horizonYear = lt.year;
  } else {
    ctx.problem('goals', `未找到“${LABEL_NAMES.goals}”中的“长期目标（截止 年）”`, [where]);
  }
  if (an) out.annual = textOf(an);
  else ctx.problem('goals', `未找到“${LABEL_NAMES.goals}”中的“年度目标”`, [where]);
  return out;
}

/** The goal line above an indicator table: its text, and for the long-term table the horizon it names. */
export function readTableGoal(
  ctx: ReadContext,
  line: LabelHit | null,
  kind: 'longTerm' | 'annual',
): { goal: Field | null; horizonCell: Field | null; horizonYear: number | null } {
  const { view } = ctx;
  const table = kind === 'longTerm' ? LABEL_NAMES.longTermTable : LABEL_NAMES.annualTable;
  if (!line) {
    const goal = kind === 'longTerm' ? '长期目标：（截止 年）' : '年度目标：';
    ctx.problem(kind === 'longTerm' ? 'longTermIndicators' : 'annualIndicators', `未找到“${table}”上方的“${goal}”`);
    return { goal: null, horizonCell: null, horizonYear: null };
  }
  const goal = line.rest.length >= 2 ? view.field(line.row, line.col) : ctx.valueRightOf(line);
  return kind === 'longTerm'
    ? { goal, horizonCell: view.field(line.row, line.col), horizonYear: line.year }
    : { goal, horizonCell: null, horizonYear: null };
}
