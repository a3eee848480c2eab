/** Header (单位、填报人、电话、日期), the long texts and the long-term horizon. */
import type { DeclarationForm, Field, SectionCode } from '../form/types';
import {
  fieldText,
  isBlank,
  isPhoneText,
  isPunctuationOnly,
  parseFillDate,
  placeholderIn,
  stripSpaces,
} from '../form/values';
import type { Rule } from './types';
import { addr, quoted } from './util';

export const headerRequired: Rule = {
  meta: {
    id: 'header-required',
    severity: 'error',
    section: 'header',
    title: '表头必填',
    description: '部门（单位）名称、填报人、联系电话和填报日期都应填写。',
  },
  check(ctx) {
    const h = ctx.form.header;
    const items: [Field | null, string, boolean][] = [
      [h.department, '部门（单位）名称', isBlank(h.department)],
      [h.filler, '填报人', isBlank(h.filler)],
      [h.phone, '联系电话', isBlank(h.phone)],
      [h.fillDate, '填报日期', parseFillDate(h.fillDate).kind === 'blank'],
    ];
    for (const [field, name, empty] of items) {
      if (field && empty) ctx.report({ severity: 'error', message: `未填写“${name}”`, cells: [addr(field)] });
    }
  },
};

export const headerPhone: Rule = {
  meta: {
    id: 'header-phone',
    severity: 'warning',
    section: 'header',
    title: '联系电话格式',
    description:
      '联系电话应像中国的电话号码：11 位手机号（1[3-9]开头），或固定电话“0xxx-xxxxxxx(x)”、7–8 位号码；多个号码可用“、”“,”“/”分隔。',
  },
  check(ctx) {
    const phone = ctx.form.header.phone;
    if (!phone || isBlank(phone)) return;
    const text = fieldText(phone).trim();
    if (isPhoneText(text)) return;
    ctx.report({
      severity: 'warning',
      message: `联系电话“${text}”不像有效的电话号码，应为 11 位手机号或“区号-号码”形式的固定电话（如 0714-7654321）`,
      cells: [addr(phone)],
    });
  },
};

export const headerDate: Rule = {
  meta: {
    id: 'header-date',
    severity: 'error',
    section: 'header',
    title: '填报日期',
    description: '填报日期应为真实的日历日期：日期单元格，或“YYYY年MM月DD日”形式的文本（可含空格）。',
  },
  check(ctx) {
    const f = ctx.form.header.fillDate;
    const d = parseFillDate(f);
    if (!f || d.kind !== 'invalid') return;
    ctx.report({
      severity: 'error',
      message: `填报日期“${d.text}”不是有效日期，应写成“YYYY年MM月DD日”（如 2025年11月26日）`,
      cells: [addr(f)],
    });
  },
};

interface TextPlace {
  field: Field;
  name: string;
  section: SectionCode;
}

/** The texts the filer writes, each once (a reader may point two places at the same cell). */
function texts(form: DeclarationForm): TextPlace[] {
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
const TEXT_SECTIONS: SectionCode[] = ['functions', 'annualTasks', 'goals', 'longTermIndicators', 'annualIndicators'];

export const textRequired: Rule = {
  meta: {
    id: 'text-required',
    severity: 'error',
    section: 'functions',
    sections: TEXT_SECTIONS,
    title: '文字内容必填',
    description: '部门职能概述、年度工作任务、长期目标和年度目标不能为空，也不能只有空格或标点。',
  },
  check(ctx) {
    for (const t of texts(ctx.form)) {
      const s = fieldText(t.field);
      if (stripSpaces(s) !== '' && !isPunctuationOnly(s)) continue;
      ctx.report({
        severity: 'error',
        section: t.section,
        message: stripSpaces(s) === '' ? `未填写${t.name}` : `${t.name}只有标点“${s.trim()}”，应填写内容`,
        cells: [addr(t.field)],
      });
    }
  },
};

export const textPlaceholder: Rule = {
  meta: {
    id: 'text-placeholder',
    severity: 'warning',
    section: 'annualTasks',
    sections: TEXT_SECTIONS,
    title: '文字中残留占位符',
    description: '文字内容中还留有空白表的占位符（“……”“...”“XXX”“（请填写）”），应删除或补全。',
  },
  check(ctx) {
    for (const t of texts(ctx.form)) {
      const p = placeholderIn(fieldText(t.field));
      if (p === null) continue;
      ctx.report({
        severity: 'warning',
        section: t.section,
        message: `${t.name}中还留有占位符“${p}”，请补全内容或删除它`,
        cells: [addr(t.field)],
      });
    }
  },
};

export const goalHorizon: Rule = {
  meta: {
    id: 'goal-horizon',
    severity: 'error',
    section: 'goals',
    sections: ['goals', 'longTermIndicators'],
    title: '长期目标截止年份',
    description: '应写明长期目标截止年份（“长期目标（截止 YYYY年）”），且不早于预算年度。',
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
          message: '未找到长期目标截止年份，应写明“长期目标（截止 YYYY年）”',
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
          message: `${p.name}的${quoted(fieldText(p.cell), 30)}中没有写明截止年份，应写成“（截止 YYYY年）”`,
          cells: [addr(p.cell)],
        });
      } else if (options.budgetYear !== null && p.year < options.budgetYear) {
        ctx.report({
          severity: 'error',
          section: p.section,
          message: `${p.name}的长期目标截止 ${p.year}年，早于预算年度 ${options.budgetYear}年，应不早于预算年度`,
          cells: [addr(p.cell)],
          expected: `≥ ${options.budgetYear}年`,
        });
      }
    }
  },
};

export const HEADER_RULES: Rule[] = [
  headerRequired,
  headerPhone,
  headerDate,
  textRequired,
  textPlaceholder,
  goalHorizon,
];
