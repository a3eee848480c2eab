/** The README's rule list, generated from the rules' meta (npm run docs:rules). */
import { SECTION_NAME } from '../../form/sections';
import type { Rule, RuleMeta } from '../rule';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

const SEVERITY_NAME: Record<RuleMeta['severity'], string> = {
  error: '强制性',
  warning: '提示性',
  mixed: '强制性 / 提示性',
};

/** A table cell: pipes escaped, line breaks flattened. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function area(meta: RuleMeta): string {
  return (meta.sections ?? [meta.section]).map((s) => SECTION_NAME[s]).join('、');
}

/** The Markdown table of every rule: id, 严重程度, 区域, 标题, 说明. */
export function renderRuleTable(rules: Rule[]): string {
  const lines = ['| 规则 | 严重程度 | 区域 | 标题 | 说明 |', '|---|---|---|---|---|'];
  for (const { meta } of rules) {
    lines.push(
      `| \`${meta.id}\` | ${SEVERITY_NAME[meta.severity]} | ${cell(area(meta))} | ${cell(meta.title)} | ${cell(meta.description)} |`,
    );
  }
  return lines.join('\n');
}

/** The text between the markers, null when they are missing. */
export function ruleBlock(readme: string): string | null {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start + RULES_START.length, end);
}

/** The README with the block between the markers replaced by `table`; null when the markers are missing. */
export function replaceRuleBlock(readme: string, table: string): string | null {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return null;
  return `${readme.slice(0, start + RULES_START.length)}\n${table}\n${readme.slice(end)}`;
}
