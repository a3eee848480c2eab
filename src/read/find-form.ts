/**
 * Which sheet of a workbook is the form: the one place `check` and `next`
 * decide it, so both always work on the same sheet.
 *
 * The form checked is the form a person sees: a visible sheet that reads as a
 * declaration form is always preferred to a hidden or very hidden one,
 * wherever they stand in the tab order. A hidden form is checked only when no
 * visible one exists, and the result says it is hidden. When more than one
 * sheet reads as a form, the result names the others and says why the chosen
 * one was taken.
 */
import type { ReadResult } from '../form/types';
import { findDeclaration, readDeclaration } from './index';
import type { Grid } from '../sheet/grid';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetWithState {
  name: string;
  state: SheetState;
}

/** What the chooser needs from an opened workbook. */
export interface FormSource {
  sheetNames(): Promise<string[]>;
  readGrid(sheet: string): Promise<Grid>;
  /** The sheets with their visibility, in tab order; absent for hosts without hidden sheets (all are visible). */
  sheetStates?(): Promise<SheetWithState[]>;
}

export type FormChoice =
  | {
      form: true;
      read: Extract<ReadResult, { form: true }>;
      state: SheetState;
      /** Chinese lines about the choice (hidden form, other candidates); empty when there was nothing to choose. */
      notes: string[];
    }
  | { form: false; sheet: string; reason: string };

const STATE_WORD: Record<SheetState, string> = { visible: '可见', hidden: '隐藏', veryHidden: '深度隐藏' };

/** A sheet name as quoted in a note: bounded, whatever the workbook holds. */
function quoted(name: string): string {
  return `“${name.length > 40 ? `${name.slice(0, 40)}…` : name}”`;
}

/** Reads the workbook's sheets and chooses its form (see above). */
export async function findForm(wb: FormSource): Promise<FormChoice> {
  const names = await wb.sheetNames();
  const states = new Map<string, SheetState>();
  if (wb.sheetStates) for (const s of await wb.sheetStates()) states.set(s.name, s.state);
  const forms: { read: Extract<ReadResult, { form: true }>; state: SheetState }[] = [];
  // A sheet recognised as something else (another province's form, this product's own output) says what it is.
  let recognised: Extract<ReadResult, { form: false }> | null = null;
  for (const name of names) {
    const r = readDeclaration(await wb.readGrid(name));
    if (r.form) forms.push({ read: r, state: states.get(name) ?? 'visible' });
    else if (!recognised && r.kind) recognised = r;
  }
  const chosen = forms.find((f) => f.state === 'visible') ?? forms[0];
  if (!chosen && recognised) return { form: false, sheet: recognised.sheet, reason: recognised.reason };
  if (!chosen) {
    // The reason names every sheet looked at (empty grids: their content was read above and is no longer needed).
    const r = findDeclaration(names.map((sheet): Grid => ({ sheet, top: 0, left: 0, values: [], merges: [] })));
    return { form: false, sheet: names[0] ?? '', reason: r.form ? '' : r.reason };
  }
  const notes: string[] = [];
  const name = quoted(chosen.read.declaration.sheet);
  if (chosen.state !== 'visible') {
    notes.push(
      `申报表所在的工作表${name}是${STATE_WORD[chosen.state]}的工作表（打开文件时看不到）；工作簿中没有可见的申报表，校验的是这张${STATE_WORD[chosen.state]}工作表`,
    );
  }
  const others = forms.filter((f) => f !== chosen);
  if (others.length > 0) {
    const listed = others
      .slice(0, 5)
      .map((f) => `${quoted(f.read.declaration.sheet)}（${STATE_WORD[f.state]}）`)
      .join('、');
    const more = others.length > 5 ? ` 等 ${others.length} 张` : '';
    const why =
      chosen.state === 'visible'
        ? others.some((f) => f.state !== 'visible')
          ? '可见的工作表优先于隐藏的工作表'
          : '按工作表顺序取第一张'
        : '没有可见的申报表，按工作表顺序取第一张';
    notes.push(`工作簿中有 ${forms.length} 张工作表像申报表：校验的是${name}（${why}），另有${listed}${more}未校验`);
  }
  return { form: true, read: chosen.read, state: chosen.state, notes };
}
