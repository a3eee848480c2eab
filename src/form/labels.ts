/**
 * The form's printed labels and the spellings they come in. Forms that were
 * typed by hand or passed through Word write the same label with inner
 * spaces, line breaks, full-width or half-width brackets and colons, or a
 * leading section number; normalizeLabel folds all of that away so a label is
 * recognised by one table lookup.
 */
import { toHalfWidth } from './values';

/** Every label the reader looks for, by what it marks. */
export type LabelKey =
  // title block and header row
  | 'title'
  | 'fillDate'
  | 'unit'
  | 'department'
  | 'filler'
  | 'phone'
  // section labels (the first column of the paper form)
  | 'funding'
  | 'functions'
  | 'annualTasks'
  | 'projects'
  | 'goals'
  | 'longTermGoal'
  | 'annualGoal'
  | 'longTermTable'
  | 'annualTable'
  // funding table
  | 'fundingHeader'
  | 'currentAmount'
  | 'share'
  | 'history'
  | 'incomeBlock'
  | 'expenditureBlock'
  | 'appropriation'
  | 'specialAccount'
  | 'unitFunds'
  | 'total'
  | 'personnel'
  | 'operations'
  | 'specialPurpose'
  // project table
  | 'projectName'
  | 'projectCategory'
  | 'projectTotal'
  | 'projectAnnual'
  | 'projectPurpose'
  // indicator tables
  | 'level1'
  | 'level2'
  | 'level3'
  | 'indicatorValue'
  | 'historyValues'
  | 'expectedValue'
  | 'basis'
  | 'classification'
  // history column headers
  | 'yearBeforeLast'
  | 'lastYear';

/** Normalised spellings (see normalizeLabel) of each label that must match the whole cell. */
export const LABEL_ALIASES: Readonly<Partial<Record<LabelKey, readonly string[]>>> = {
  department: ['部门(单位)名称', '部门名称', '单位名称', '部门(单位)', '预算部门(单位)名称', '预算部门名称'],
  filler: ['填报人', '填表人', '经办人'],
  phone: ['联系电话', '电话', '联系方式'],
  funding: ['部门总体资金情况', '部门资金情况', '部门总体资金'],
  functions: [
    '部门职能概述',
    '职能概述',
    '部门职能',
    '部门职能职责概述',
    '职能职责概述',
    '部门职责概述',
    '部门职能职责',
  ],
  annualTasks: ['年度工作任务', '年度主要工作任务', '年度主要任务'],
  projects: ['项目支出情况', '项目支出'],
  goals: ['整体绩效总目标', '绩效总目标', '部门整体绩效总目标', '整体绩效目标'],
  longTermTable: ['长期绩效指标', '中长期绩效指标', '长期绩效目标指标', '长期指标'],
  annualTable: ['年度绩效指标', '年度绩效目标指标', '年度指标'],
  fundingHeader: ['总体资金情况', '资金情况'],
  currentAmount: ['当年金额', '当年预算', '当年预算金额', '当年预算数', '本年金额'],
  share: ['占比', '比例', '占比(%)', '比重'],
  history: ['近两年收支金额', '近两年金额', '近两年收支', '近两年收支情况'],
  incomeBlock: ['收入构成', '收入'],
  expenditureBlock: ['支出构成', '支出'],
  appropriation: ['财政拨款', '财政拨款收入'],
  specialAccount: ['财政专户管理资金', '财政专户管理资金收入', '财政专户资金'],
  unitFunds: ['单位资金', '单位资金收入'],
  total: ['合计', '小计', '总计'],
  personnel: ['人员类项目支出', '人员类项目', '人员类支出'],
  operations: ['运转类项目支出', '运转类项目', '运转类支出'],
  specialPurpose: ['特定目标类项目支出', '特定目标类项目', '特定目标类支出'],
  projectName: ['项目名称'],
  projectCategory: ['支出项目类别', '项目类别', '项目类型'],
  projectTotal: ['项目总预算', '总预算'],
  projectAnnual: ['项目本年度预算', '本年度预算', '项目年度预算', '项目当年预算'],
  projectPurpose: ['项目主要支出方向和用途', '主要支出方向和用途', '支出方向和用途', '项目主要用途'],
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标'],
  indicatorValue: ['指标值', '长期指标值'],
  historyValues: ['近两年指标值', '近两年实际值', '近两年指标实现值'],
  expectedValue: ['预期当年实现值', '当年预期实现值', '预期当年指标值', '当年指标值'],
  basis: ['指标值确定依据', '确定依据', '指标确定依据'],
  classification: ['指标分类', '指标类型'],
  yearBeforeLast: ['前年', '前年度'],
  lastYear: ['上年', '上年度'],
};

const EXACT = new Map<string, LabelKey>();
for (const [key, names] of Object.entries(LABEL_ALIASES) as [LabelKey, readonly string[]][]) {
  for (const n of names) EXACT.set(n, key);
}

/** The printed name of each label, for messages. */
export const LABEL_NAMES: Readonly<Record<LabelKey, string>> = {
  title: '部门整体绩效目标申报表',
  fillDate: '填报日期',
  unit: '单位：万元',
  department: '部门（单位）名称',
  filler: '填报人',
  phone: '联系电话',
  funding: '部门总体资金情况',
  functions: '部门职能概述',
  annualTasks: '年度工作任务',
  projects: '项目支出情况',
  goals: '整体绩效总目标',
  longTermGoal: '长期目标',
  annualGoal: '年度目标',
  longTermTable: '长期绩效指标',
  annualTable: '年度绩效指标',
  fundingHeader: '总体资金情况',
  currentAmount: '当年金额',
  share: '占比',
  history: '近两年收支金额',
  incomeBlock: '收入构成',
  expenditureBlock: '支出构成',
  appropriation: '财政拨款',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
  total: '合计',
  personnel: '人员类项目支出',
  operations: '运转类项目支出',
  specialPurpose: '特定目标类项目支出',
  projectName: '项目名称',
  projectCategory: '支出项目类别',
  projectTotal: '项目总预算',
  projectAnnual: '项目本年度预算',
  projectPurpose: '项目主要支出方向和用途',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  indicatorValue: '指标值',
  historyValues: '近两年指标值',
  expectedValue: '预期当年实现值',
  basis: '指标值确定依据',
  classification: '指标分类',
  yearBeforeLast: '前年',
  lastYear: '上年',
};

/**
 * Folds the spellings of a label into one: NFKC (full-width brackets, colons,
 * digits and spaces become half-width), all whitespace removed, a leading
 * section number ("一、", "2.", "(三)") and required-field stars dropped, and
 * trailing colons dropped. "部门（单位） 名称" → "部门(单位)名称", "收入\n构成" → "收入构成".
 */
export function normalizeLabel(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/^(?:[一二三四五六七八九十]+[、.]|\d{1,2}[、.](?!\d)|\([一二三四五六七八九十\d]{1,2}\))/, '')
    .replace(/:+$/, '');
}

/** What one cell's text says when it is a label. */
export interface LabelMatch {
  key: LabelKey;
  /** fillDate / longTermGoal / annualGoal / unit: text after the label itself (normalised), "" when none. */
  rest: string;
  /** longTermGoal: the horizon year written with it, e.g. 2029 from "长期目标（截止 2029年）". */
  year: number | null;
}

/** Longest text (after trimming) still considered as a whole-cell label; longer cells can only be prefix labels. */
const MAX_LABEL_LENGTH = 64;

/**
 * Recognises a label cell. Whole-cell labels match exactly after
 * normalisation; a few labels may carry their value in the same cell
 * ("填报日期：2025年11月26日", "长期目标（截止2029年）", "年度目标：完成…").
 */
export function matchLabel(text: string): LabelMatch | null {
  if (!text || !mayBeLabel(text)) return null;
  const head = text.length > MAX_LABEL_LENGTH ? text.slice(0, MAX_LABEL_LENGTH) : text;
  const n = normalizeLabel(head);
  if (!n) return null;
  if (text.length <= MAX_LABEL_LENGTH) {
    const key = EXACT.get(n);
    if (key) return { key, rest: '', year: null };
  }
  return matchPrefixLabel(n);
}

/** Characters a normalised label can start with; the prefix labels (填报日期, 长期目标, 年度目标, 单位：) included. */
const FIRST_CHARS = new Set<string>(['填', '长', '中', '年', '单', ...[...EXACT.keys()].map((k) => k[0]!)]);

/**
 * A cheap test that lets most table contents (计划标准, ≥95%, 基本型…) skip
 * normalisation: the first visible character must start some label, or be
 * part of a section number or required mark, or the cell names the title.
 */
function mayBeLabel(text: string): boolean {
  const m = /[^\s\u3000]/.exec(text);
  if (!m) return false;
  const ch = m[0].normalize('NFKC');
  return FIRST_CHARS.has(ch) || /[0-9一二三四五六七八九十(*]/.test(ch) || text.includes('申报表');
}

/** Header labels written with their value in one cell after a colon (“部门(单位)名称:某某局”). */
const LABEL_WITH_VALUE: readonly [RegExp, LabelKey][] = [
  [/^(?:预算)?(?:部门\(单位\)|部门|单位)(?:\(单位\))?名称:(.+)$/, 'department'],
  [/^(?:填报人|填表人|经办人):(.+)$/, 'filler'],
  [/^(?:联系电话|电话|联系方式):(.+)$/, 'phone'],
];

function matchPrefixLabel(n: string): LabelMatch | null {
  for (const [re, key] of LABEL_WITH_VALUE) {
    const v = re.exec(n);
    if (v) return { key, rest: v[1]!, year: null };
  }
  let m = /^填[报表]日期:?(.*)$/.exec(n);
  if (m) return { key: 'fillDate', rest: m[1]!, year: null };
  m = /^(?:中)?长期目标:?(.*)$/.exec(n);
  if (m) {
    const { year, rest } = splitHorizon(m[1]!);
    return { key: 'longTermGoal', rest, year };
  }
  m = /^年度目标:?(.*)$/.exec(n);
  if (m) return { key: 'annualGoal', rest: m[1]!, year: null };
  m = /^单位:(.*)$/.exec(n);
  if (m) return { key: 'unit', rest: m[1]!, year: null };
  if (n.includes('绩效目标申报表')) return { key: 'title', rest: '', year: null };
  return null;
}

/** "(截止2029年)目标1…" → year 2029 and the text after the bracket. */
function splitHorizon(s: string): { year: number | null; rest: string } {
  const m = /^:?\(([^)]*)\):?(.*)$/.exec(s);
  if (m) return { year: horizonYearOf(m[1]!), rest: m[2]! };
  const bare = /^(?:截止|至)(\d{4})年?度?:?(.*)$/.exec(s);
  if (bare) return { year: Number(bare[1]), rest: bare[2]! };
  return { year: null, rest: s };
}

/**
 * The horizon year written in a 长期目标 label: after 截止/至 when present,
 * else the last four-digit year ("2026-2029年" → 2029). Null when none.
 */
export function horizonYearOf(text: string): number | null {
  const n = text.normalize('NFKC').replace(/\s+/g, '');
  const after = /(?:截止|截至|至)(?:到)?(\d{4})/.exec(n);
  if (after) return Number(after[1]);
  const all = n.match(/(?:19|20|21)\d{2}(?=年|$|\D)/g);
  return all ? Number(all[all.length - 1]) : null;
}

/**
 * A history column header: "2024年", "2024", 2024 (a number cell), "前年", "上年".
 * Returns the year, or the relative position when only 前年/上年 is written.
 */
export function historyHeaderOf(
  value: unknown,
): { year: number; relative: null } | { year: null; relative: 'yearBeforeLast' | 'lastYear' } | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1990 && value <= 2199 ? { year: value, relative: null } : null;
  }
  if (typeof value !== 'string') return null;
  const n = normalizeLabel(value);
  const key = EXACT.get(n);
  if (key === 'yearBeforeLast' || key === 'lastYear') return { year: null, relative: key };
  const m = /^((?:19|20|21)\d{2})(?:年度?)?(?:金额|决算数?|预算数?|执行数?|实际值|指标值|完成值)?$/.exec(n);
  return m ? { year: Number(m[1]), relative: null } : null;
}

/**
 * A history column header whose year was never filled in: the printed form's
 * “    年” (or “    年度”). Its place under 近两年收支金额 still says which column it is.
 */
export function isYearlessHeader(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return /^年度?(?:金额|决算数?|预算数?|执行数?)?$/.test(normalizeLabel(value));
}

/** A budget year stated in the title block: “2021年度”, “(    2021     年度)”, “2021年度部门整体…申报表”. */
export function titleYearOf(text: string): number | null {
  const n = normalizeLabel(text);
  const m = /^\(?((?:19|20|21)\d{2})年度\)?(?:部门整体(?:支出)?绩效目标申报表)?$/.exec(n);
  return m ? Number(m[1]) : null;
}

/** Labels the reader treats as the start of a new section (a table or text ends at the next of these). */
export const SECTION_KEYS: readonly LabelKey[] = [
  'funding',
  'functions',
  'annualTasks',
  'projects',
  'goals',
  'longTermTable',
  'annualTable',
];

/** Footer lines below the last table that end it (填表说明, signatures). */
export function isFooterText(text: string): boolean {
  // Cheap first-character test: this runs on every cell of long tables.
  if (!/^\s*[注备说填单部财审制]/.test(text)) return false;
  const n = normalizeLabel(text.slice(0, 32));
  return /^(?:(?:注|备注|说明|填表说明|填报说明)(?::|$)|单位负责人|部门负责人|财务负责人|审核人|制表人)/.test(n);
}
