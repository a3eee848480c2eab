/** Helpers shared by the project rules (项目支出情况). */
import type { DeclarationForm, Field, Project } from '../../form/types';
import { fieldText } from '../../form/values';
import { quoted } from './util';

/** “信访专项工作经费”（第 20 行） — how a message names a project. */
export function projectLabel(p: Project): string {
  const name = fieldText(p.name).trim();
  return name ? `项目${quoted(name)}（第 ${p.row + 1} 行）` : `第 ${p.row + 1} 行项目`;
}

/** The 特定目标类项目支出 当年金额 cell, when the funding table has it. */
export function specialPurposeCell(form: DeclarationForm): Field | null {
  return form.funding?.expenditure.lines.specialPurpose?.current ?? null;
}
