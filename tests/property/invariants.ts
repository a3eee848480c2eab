/**
 * What must hold for any grid, however broken: reading and checking return
 * (never throw), and every finding is well-formed with addresses that parse
 * and lie on the sheet: inside its used range, or in the one row or column
 * just past it, where the empty value cell of a label at the edge stands
 * (a label in the last used column has its value cell to its right, and an
 * empty required field is flagged on that cell, not on the label).
 */
import { check } from '../../src/check';
import { readDeclaration } from '../../src/read';
import { parseAddress } from '../../src/sheet/ref';
import { type Grid } from '../../src/sheet/grid';
import type { Report } from '../../src/report/types';
import { usedRange } from './arbitraries';
import { texts } from '../helpers/refs';

export interface Outcome {
  form: boolean;
  report: Report | null;
}

export interface InvariantOptions {
  /** Also require every cell to lie on the sheet: the used range and the row and column next to it (default true). */
  onSheet?: boolean;
}

/**
 * Reads and checks `grid`; throws an Error describing the first broken
 * invariant. With `onSheet: false` only the addresses' syntax and sheet are
 * checked, so "never throws" and "stays on the sheet" can fail separately.
 */
export function readAndCheck(grid: Grid, opts: InvariantOptions = {}): Outcome {
  const onSheet = opts.onSheet ?? true;
  const read = readDeclaration(grid);
  if (typeof read !== 'object' || read === null) throw new Error('readDeclaration returned no result');
  if (!read.form) {
    if (typeof read.reason !== 'string' || read.reason.trim() === '')
      throw new Error('a non-form result has no reason');
    return { form: false, report: null };
  }
  for (const problem of read.declaration.problems) {
    assertCells(grid, texts(problem.cells), `problem “${problem.message}”`, onSheet);
  }
  const report = check(read.declaration, {});
  assertReport(grid, report, onSheet);
  return { form: true, report };
}

function assertCells(grid: Grid, cells: string[], what: string, onSheet: boolean): void {
  const used = usedRange(grid);
  const range = { ...used, bottom: used.bottom + 1, right: used.right + 1 };
  for (const cell of cells) {
    const p = parseAddress(cell);
    if (!p) throw new Error(`${what}: address “${cell}” does not parse`);
    if (p.sheet !== grid.sheet) throw new Error(`${what}: address “${cell}” is not on sheet “${grid.sheet}”`);
    if (!onSheet) continue;
    const corners: [number, number][] = [[p.row, p.col]];
    if (p.bottom !== undefined && p.right !== undefined) corners.push([p.bottom, p.right]);
    for (const [row, col] of corners) {
      if (row < range.top || row > range.bottom || col < range.left || col > range.right) {
        throw new Error(
          `${what}: “${cell}” lies outside the used range and the empty row and column next to it (rows ${range.top + 1}–${range.bottom + 1}, cols ${range.left + 1}–${range.right + 1})`,
        );
      }
    }
  }
}

function assertReport(grid: Grid, report: Report, onSheet: boolean): void {
  let errors = 0;
  let warnings = 0;
  let explained = 0;
  for (const f of report.findings) {
    const what = `finding ${f.rule}`;
    if (typeof f.rule !== 'string' || !/^[a-z0-9-]+$/.test(f.rule)) throw new Error(`${what}: bad rule id`);
    if (f.severity !== 'error' && f.severity !== 'warning')
      throw new Error(`${what}: bad severity ${String(f.severity)}`);
    if (typeof f.message !== 'string' || f.message.trim() === '') throw new Error(`${what}: empty message`);
    if (f.explained && f.severity === 'error') throw new Error(`${what}: an error cannot be explained`);
    assertCells(grid, texts(f.cells), what, onSheet);
    if (f.fix) assertCells(grid, texts([f.fix.cell]), `${what} fix`, onSheet);
    if (f.severity === 'error') errors++;
    else if (f.explained) explained++;
    else warnings++;
  }
  const s = report.summary;
  if (s.errors !== errors || s.warnings !== warnings || s.explained !== explained) {
    throw new Error(
      `summary ${JSON.stringify(s)} does not count the findings (errors ${errors}, warnings ${warnings}, explained ${explained})`,
    );
  }
}
