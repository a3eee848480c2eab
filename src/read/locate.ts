/**
 * Finding the form on the sheet: one pass over the cells indexes every label,
 * then the section labels split the sheet into regions (a section runs from
 * its label to the next section label). Everything else looks labels up here
 * instead of scanning the grid again, which keeps the reader linear.
 */
import { DEFAULT_EDITION, EDITIONS, editionLineOf, type EditionDescription } from '../form/editions';
import { isFooterText, matchLabel, normalizeLabel, SECTION_KEYS, type LabelKey, type LabelMatch } from '../form/labels';
import type { Field, ReadProblem, SectionCode } from '../form/types';
import type { MergeArea } from '../sheet/grid';
import type { SheetView } from './sheet';
import type { CellRange } from '../sheet/cell-range';

export interface LabelHit {
  key: LabelKey;
  row: number;
  col: number;
  /** The label's block (its merged area, or the cell). */
  area: MergeArea;
  /** Text written after the label in the same cell (normalised). */
  rest: string;
  year: number | null;
}

export class LabelIndex {
  private readonly byKey = new Map<LabelKey, LabelHit[]>();
  private readonly byCell = new Map<number, LabelHit>();

  constructor(private readonly view: SheetView) {
    // Tables repeat the same texts (基本型, 计划标准…): match each distinct text once.
    const seen = new Map<string, LabelMatch | null>();
    view.forEachValue((r, c, v) => {
      if (typeof v !== 'string') return;
      let m = seen.get(v);
      if (m === undefined) seen.set(v, (m = matchLabel(v)));
      if (!m) return;
      const hit: LabelHit = { key: m.key, row: r, col: c, area: view.areaOf(r, c), rest: m.rest, year: m.year };
      let list = this.byKey.get(m.key);
      if (!list) this.byKey.set(m.key, (list = []));
      list.push(hit);
      this.byCell.set(view.key(r, c), hit);
    });
  }

  /** All hits of a label, top to bottom, left to right. */
  all(key: LabelKey): readonly LabelHit[] {
    return this.byKey.get(key) ?? [];
  }

  /** The first hit whose row lies in [fromRow, toRow). */
  first(key: LabelKey, fromRow = -Infinity, toRow = Infinity): LabelHit | null {
    for (const h of this.all(key)) if (h.row >= fromRow && h.row < toRow) return h;
    return null;
  }

  /** The label's text, normalised (normalizeLabel). */
  normalized(hit: { row: number; col: number }): string {
    return normalizeLabel(this.view.text(hit.row, hit.col));
  }

  /** The label standing in this exact cell, if any. */
  at(row: number, col: number): LabelHit | null {
    if (row < this.view.top || row >= this.view.bottom || col < this.view.left || col >= this.view.right) return null;
    return this.byCell.get(this.view.key(row, col)) ?? null;
  }
}

/** Everything the section readers share. */
export class ReadContext {
  readonly problems: ReadProblem[] = [];
  /** The edition read: set by the funding reader once it has seen the lines. */
  edition: EditionDescription = DEFAULT_EDITION;
  /** Rows where a section (or a goal line above a table) starts, ascending. */
  private boundaries: number[] = [];

  constructor(
    readonly view: SheetView,
    readonly labels: LabelIndex,
  ) {}

  setBoundaries(rows: number[]): void {
    this.boundaries = [...new Set(rows)].sort((a, b) => a - b);
  }

  /** One past the last row of the section starting at `row`: the next boundary below it, or the grid's end. */
  regionEnd(row: number): number {
    for (const b of this.boundaries) if (b > row) return b;
    return this.view.bottom;
  }

  /** True when no section starts below `row` (the section runs to the end of the sheet). */
  isLastRegion(row: number): boolean {
    return this.regionEnd(row) === this.view.bottom;
  }

  /**
   * One past the last data row of a table that starts at `from` in the section
   * labelled `anchor`: the next section, or a footer line (填表说明, signatures).
   * A table at the end of the sheet also stops at its first blank row below the
   * section label's block, so content under the form is not read as rows.
   */
  tableEnd(anchor: LabelHit, from: number, cols: readonly number[]): number {
    const { view } = this;
    const end = this.regionEnd(anchor.row);
    const last = end === view.bottom;
    for (let r = from; r < end; r++) {
      let own = false;
      for (const c of cols) {
        if (!view.hasOwnContent(r, c)) continue;
        if (isFooterText(view.text(r, c))) return r;
        own = true;
      }
      if (!own && last && r > anchor.area.bottom) return r;
    }
    return end;
  }

  problem(section: SectionCode, message: string, cells: CellRange[] = []): void {
    this.problems.push({ section, message, cells });
  }

  /**
   * The value cell of a label: the first cell to the right of the label's
   * block, on the label's first row. Blank blocks right after the label are
   * skipped (at most two) only when a value that is not another label
   * follows them: a typed or converted form whose label runs over more
   * columns than its cell. A blank followed by the next label is the value
   * cell, left empty.
   */
  valueRightOf(hit: { row: number; area: MergeArea }): Field {
    const { view } = this;
    const row = hit.area.top;
    const first = hit.area.right + 1;
    if (view.isBlankCell(row, view.master(row, first).col) && !view.coveredFromAbove(row, first)) {
      let c = view.areaOf(row, first).right + 1;
      for (let skipped = 1; skipped <= 2 && c < view.right; skipped++) {
        const m = view.master(row, c);
        if (m.row !== row) break;
        if (!view.isBlankCell(row, m.col)) {
          if (this.labels.at(row, m.col)) break;
          return view.field(row, m.col);
        }
        c = view.areaOf(row, c).right + 1;
      }
    }
    return view.field(row, first);
  }

  /** The cell below a header block (the first row after its merged area), in the header's first column. */
  valueBelow(hit: { area: MergeArea }): Field {
    return this.view.field(hit.area.bottom + 1, hit.area.left);
  }
}

/** The section labels found on the sheet, and whether they make it a declaration. */
export interface SectionAnchors {
  funding: LabelHit | null;
  functions: LabelHit | null;
  annualTasks: LabelHit | null;
  projects: LabelHit | null;
  goals: LabelHit | null;
  longTermTable: LabelHit | null;
  annualTable: LabelHit | null;
}

export function findAnchors(labels: LabelIndex): SectionAnchors {
  // A form without the outer 部门总体资金情况 label still has the table's own header.
  const funding = labels.all('funding')[0] ?? labels.all('fundingHeader')[0] ?? null;
  const isLine = lineInsideFunding(labels, funding);
  const first = (k: LabelKey): LabelHit | null => labels.all(k).find((h) => !isLine(h)) ?? null;
  return {
    funding,
    functions: first('functions'),
    annualTasks: first('annualTasks'),
    projects: first('projects'),
    goals: first('goals'),
    longTermTable: first('longTermTable'),
    annualTable: first('annualTable'),
  };
}

/**
 * A section label is one only where sections are labelled: a label inside the
 * funding table that is a line of some edition (项目支出 under 支出构成, in
 * edition B) is that line. The table runs from its label down to its second
 * 合计, and never past the next section whose label no line shares.
 */
function lineInsideFunding(labels: LabelIndex, funding: LabelHit | null): (h: LabelHit) => boolean {
  if (!funding) return () => false;
  let end = Infinity;
  for (const k of ['functions', 'annualTasks', 'goals', 'longTermTable', 'annualTable'] as const) {
    const h = labels.first(k, funding.row + 1);
    if (h && h.row < end) end = h.row;
  }
  const totals = labels.all('total').filter((h) => h.row > funding.row && h.row < end);
  if (totals.length >= 2) end = totals[1]!.row;
  return (h) =>
    h.row > funding.row && h.row < end && EDITIONS.some((e) => editionLineOf(e, labels.normalized(h)) !== null);
}

/** A declaration has its funding table, or at least two of the other section labels. */
export function looksLikeDeclaration(labels: LabelIndex): boolean {
  if (labels.all('funding').length > 0) return true;
  const anchors = findAnchors(labels);
  const others = SECTION_KEYS.filter((k) => k !== 'funding' && anchors[k as keyof SectionAnchors] !== null).length;
  return others >= 2;
}
