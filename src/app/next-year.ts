/**
 * 生成下一年度 inside a workbook (Excel, WPS, memory, xlsx): the same roll as
 * the command line, applied to a copy of the form sheet. The copy gets a
 * free name after the new year ("2027年度"); no sheet is ever replaced.
 */
import type { Host } from '../host/types';
import { readDeclaration } from '../read';
import { rollForward, type RollOptions, type RollResult } from '../next/roll';
import { cellRef } from '../sheet/cell-range';

export interface SheetRoll {
  /** The new sheet. */
  sheet: string;
  roll: Extract<RollResult, { ok: true }>;
}

/** The name the new sheet is given when it is free. */
export function nextSheetName(year: number): string {
  return `${year}年度`;
}

/**
 * Copies `sheet`, rolls the copy forward and returns its name and what moved.
 * Nothing is copied when the sheet is not a form or its year cannot be told
 * (the error says why, in Chinese).
 */
export async function rollSheet(host: Host, sheet: string, options: RollOptions = {}): Promise<SheetRoll> {
  const source = await host.readGrid(sheet);
  const read = readDeclaration(source);
  if (!read.form) throw new Error(read.reason);
  // Worked out on the source first: a form whose year cannot be told is refused before anything is added.
  const probe = rollForward(read.declaration, source, options);
  if (!probe.ok) throw new Error(probe.message);

  const name = await host.copySheet(sheet, nextSheetName(probe.toYear));
  const grid = await host.readGrid(name);
  const copy = readDeclaration(grid);
  if (!copy.form) throw new Error(`复制出的工作表“${name}”无法识别为申报表：${copy.reason}`);
  const roll = rollForward(copy.declaration, grid, { year: probe.toYear });
  if (!roll.ok) throw new Error(roll.message);
  const writes = roll.edits
    .filter((e) => e.kind !== 'result')
    .map((e) => ({ cell: cellRef({ sheet: name, row: e.row, col: e.col }), value: e.kind === 'set' ? e.value : null }));
  if (writes.length) await host.write(writes);
  return { sheet: name, roll };
}
