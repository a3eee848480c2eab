/** Where the long texts are (职能职责、年度工作任务、绩效目标、指标), for the text rules. */
import type { DeclarationForm, Field, SectionCode } from '../../form/types';

export interface TextPlace {
  field: Field;
  name: string;
  section: SectionCode;
}

/** The texts the filer writes, each once (a reader may point two places at the same cell). */
export function texts(form: DeclarationForm): TextPlace[] {
  const all: [Field | null | undefined, string, SectionCode][] = [
    [form.functions, '部门职能概述', 'functions'],
    [form.annualTasks, '年度工作任务', 'annualTasks'],
    [form.goals.longTerm, '整体绩效总目标中的“长期目标”', 'goals'],
    [form.goals.annual, '整体绩效总目标中的“年度目标”', 'goals'],
    [form.longTermIndicators?.goal, '长期绩效指标上方的“长期目标”', 'longTermIndicators'],
    [form.annualIndicators?.goal, '年度绩效指标上方的“年度目标”', 'annualIndicators'],
  ];
  const seen = new Set<string>();
  const out: TextPlace[] = [];
  for (const [field, name, section] of all) {
    if (!field || seen.has(field.ref.address)) continue;
    seen.add(field.ref.address);
    out.push({ field, name, section });
  }
  return out;
}

/** Where the texts stand: 部门职能概述, 年度工作任务, the goals and the goal lines above the indicator tables. */
export const TEXT_SECTIONS: SectionCode[] = [
  'functions',
  'annualTasks',
  'goals',
  'longTermIndicators',
  'annualIndicators',
];
