/**
 * "Which sheet is the form", answered once for every command: the sheets are read in workbook
 * order up to the first declaration form (the sheets after it cost nothing); when there is none,
 * the reason names every sheet looked at.
 */
import type { Host } from '../host/types';
import { noFormIn, readDeclaration } from '../read';
import type { DeclarationForm, ReadResult } from '../form/types';
import type { Grid } from '../sheet/grid';

type NotAForm = Extract<ReadResult, { form: false }>;

export type FoundForm =
  | { form: true; declaration: DeclarationForm; grid: Grid }
  /** `recognised`: the first sheet read as something else (another province's form, this product's own output). */
  | (NotAForm & { recognised?: NotAForm });

export async function findForm(wb: Pick<Host, 'sheetNames' | 'readGrid'>): Promise<FoundForm> {
  const names = await wb.sheetNames();
  let recognised: NotAForm | undefined;
  for (const name of names) {
    const grid = await wb.readGrid(name);
    const read = readDeclaration(grid);
    if (read.form) return { ...read, grid };
    if (!recognised && read.kind) recognised = read;
  }
  const none = noFormIn(names);
  return recognised ? { ...none, recognised } : none;
}
