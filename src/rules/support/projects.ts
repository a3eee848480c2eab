/** Helpers shared by the project rules (项目支出情况). */
import { editionById } from '../../form/editions';
import type { DeclarationForm, Field, FundingLine, Project } from '../../form/types';
import { fieldText } from '../../form/values';
import { quoted } from './util';

/** “信访专项工作经费”（第 20 行） — how a message names a project. */
export function projectLabel(p: Project): string {
  const name = fieldText(p.name).trim();
  return name ? `项目${quoted(name)}（第 ${p.row + 1} 行）` : `第 ${p.row + 1} 行项目`;
}

/**
 * The 当年金额 cell of the line the projects add up to: 特定目标类项目支出 in
 * edition A, 项目支出 in edition B (src/form/editions.ts › projectsLine).
 */
export function specialPurposeCell(form: DeclarationForm): Field | null {
  const code = editionById(form.edition).projectsLine;
  return (form.funding?.expenditure.lines as Partial<Record<string, FundingLine>> | undefined)?.[code]?.current ?? null;
}

/** The printed name of that line, for messages. */
export function projectsLineName(form: DeclarationForm): string {
  const e = editionById(form.edition);
  return e.blocks[1].lines.find((l) => l.code === e.projectsLine)?.name ?? '特定目标类项目支出';
}
