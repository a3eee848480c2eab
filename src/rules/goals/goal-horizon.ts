import type { Field, SectionCode } from '../../form/types';
import { fieldText } from '../../form/values';
import type { Rule } from '../rule';
import { addr, quoted } from '../support/util';

export const goalHorizon: Rule = {
  meta: {
    id: 'goal-horizon',
    severity: 'error',
    section: 'goals',
    sections: ['goals', 'longTermIndicators'],
    title: '长期目标截止年份',
    description: '应写明长期目标截止年份（“长期目标（截止 YYYY年）”），且不早于预算年度。',
    messages: {
      notFound: '未找到长期目标截止年份，应写明“长期目标（截止 YYYY年）”',
      noYear: '{place}的{text}中没有写明截止年份，应写成“（截止 YYYY年）”',
      beforeBudgetYear: '{place}的长期目标截止 {year}年，早于预算年度 {budgetYear}年，应不早于预算年度',
    },
  },
  check(ctx) {
    const { form, options } = ctx;
    const places: { cell: Field | null; year: number | null; section: SectionCode; name: string }[] = [
      { cell: form.goals.horizonCell, year: form.goals.horizonYear, section: 'goals', name: '整体绩效总目标' },
    ];
    const lt = form.longTermIndicators;
    if (lt)
      places.push({ cell: lt.horizonCell, year: lt.horizonYear, section: 'longTermIndicators', name: '长期绩效指标' });
    const present = places.filter((p): p is typeof p & { cell: Field } => p.cell !== null);
    if (present.length === 0) {
      const near = form.goals.longTerm ?? lt?.label ?? null;
      if (near) {
        ctx.report({
          severity: 'error',
          messageId: 'notFound',
          cells: [addr(near)],
          section: form.goals.longTerm ? 'goals' : 'longTermIndicators',
        });
      }
      return;
    }
    for (const p of present) {
      if (p.year === null) {
        ctx.report({
          severity: 'error',
          section: p.section,
          messageId: 'noYear',
          data: { place: p.name, text: quoted(fieldText(p.cell), 30) },
          cells: [addr(p.cell)],
        });
      } else if (options.budgetYear !== null && p.year < options.budgetYear) {
        ctx.report({
          severity: 'error',
          section: p.section,
          messageId: 'beforeBudgetYear',
          data: { place: p.name, year: p.year, budgetYear: options.budgetYear },
          cells: [addr(p.cell)],
          expected: `≥ ${options.budgetYear}年`,
        });
      }
    }
  },
};
