/**
 * "Which sheet is the form", answered once for every command: the sheets are read in workbook
 * order up to the first declaration form (the sheets after it cost nothing); when there is none,
 * the reason names every sheet looked at.
 */
import type { Host } from '../host/types';
import { noFormIn, readDeclaration } from '../read';
import type { DeclarationForm, ReadResult } from '../form/types';
import type { Grid } from '../sheet/grid';

export type FoundForm = { form: true; declaration: DeclarationForm; grid: Grid } | Extract<ReadResult, { form: false }>;

export async function findForm(wb: Pick<Host, 'sheetNames' | 'readGrid'>): Promise<FoundForm> {
  const names = await wb.sheetNames();
  for (const name of names) {
    const grid = await wb.readGrid(name);
    const read = readDeclaration(grid);
    if (read.form) return { ...read, grid };
  }
  return noFormIn(names);
}
