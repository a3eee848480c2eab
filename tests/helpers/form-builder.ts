/**
 * Builds a DeclarationForm for rule tests without the reader.
 *
 *   const form = validForm();        // complete and correct: check() finds nothing
 *   put(form.funding!.expenditure.lines.personnel!.share!, 0.8399, '0.00%');
 *   setIndicators(form, 'annual', [{ l1: '运行成本', l2: '公用经费控制', l3: '公用经费控制率', value: '100%', history: ['95%', '98%'] }]);
 *
 *   const seed = exampleForm();      // seed-form.txt exactly as printed (errors included)
 *
 * Cells sit where a paper form would put them on sheet "附件2" (funding lines
 * in rows 8–15 with 当年 in D and 占比 in E, projects from row 19, the
 * long-term table from row 27, the annual table from row 201), so a finding's
 * address can be asserted. `put` changes a Field in place and keeps its cell.
 */
import { check } from '../../src/check';
import { displayText } from '../../src/sheet/number-format';
import type { CheckOptions, Finding } from '../../src/report/types';
import { qualified } from '../../src/sheet/ref';
import { type CellValue } from '../../src/sheet/grid';
import type {
  DeclarationForm,
  ExpenditureLineCode,
  Field,
  FundingLine,
  IncomeLineCode,
  IndicatorRow,
  IndicatorTable,
  IndicatorTableKind,
  Project,
} from '../../src/form/types';

export const SHEET = '附件2';
const PCT = '0.00%';
const AMT = '0.00';

/** A Field at a 0-based cell of sheet 附件2. */
export function cell(
  row: number,
  col: number,
  value: CellValue = null,
  numFmt = 'General',
  formula: string | null = null,
): Field {
  return {
    ref: { sheet: SHEET, row, col, address: qualified(SHEET, row, col) },
    value,
    text: displayText(value, numFmt),
    numFmt,
    formula,
  };
}

/** Changes a Field's content in place (its cell stays). */
export function put(f: Field, value: CellValue, numFmt?: string, formula: string | null = null): Field {
  f.value = value;
  if (numFmt !== undefined) f.numFmt = numFmt;
  f.text = displayText(value, f.numFmt);
  f.formula = formula;
  return f;
}

/** "附件2!E12" for a 0-based cell. */
export function at(row: number, col: number): string {
  return qualified(SHEET, row, col);
}

// ---------------------------------------------------------------------------
// Funding: rows 8–15 (0-based 7–14); C line label, D 当年, E 占比, F 前年, G 上年.

type Amounts = [number | string | null, number | string | null, number | string | null, number | string | null];

const INCOME_ROWS: [IncomeLineCode | 'total', string, Amounts][] = [
  ['appropriation', '财政拨款', [374.13, 1, 341.7, 282.9]],
  ['specialAccount', '财政专户管理资金', [0, 0, 0, 0]],
  ['unitFunds', '单位资金', [0, 0, 0, 0]],
  ['total', '合计', [374.13, 1, 341.7, 282.9]],
];

function expenditureRows(shares: [number, number, number]): [ExpenditureLineCode | 'total', string, Amounts][] {
  return [
    ['personnel', '人员类项目支出', [314.72, shares[0], 282.4, 229.85]],
    ['operations', '运转类项目支出', [26.41, shares[1], 26.3, 20.05]],
    ['specialPurpose', '特定目标类项目支出', [33, shares[2], 33, 33]],
    ['total', '合计', [374.13, 1, 341.7, 282.9]],
  ];
}

function fundingLine(row: number, label: string, a: Amounts): FundingLine {
  return {
    label: cell(row, 2, label),
    current: cell(row, 3, a[0], AMT),
    share: cell(row, 4, a[1], PCT),
    yearBeforeLast: cell(row, 5, a[2], AMT),
    lastYear: cell(row, 6, a[3], AMT),
  };
}

function funding(shares: [number, number, number]): DeclarationForm['funding'] {
  const inc: Partial<Record<IncomeLineCode, FundingLine>> = {};
  let incTotal: FundingLine | null = null;
  INCOME_ROWS.forEach(([code, label, a], i) => {
    const line = fundingLine(7 + i, label, a);
    if (code === 'total') incTotal = line;
    else inc[code] = line;
  });
  const exp: Partial<Record<ExpenditureLineCode, FundingLine>> = {};
  let expTotal: FundingLine | null = null;
  expenditureRows(shares).forEach(([code, label, a], i) => {
    const line = fundingLine(11 + i, label, a);
    if (code === 'total') expTotal = line;
    else exp[code] = line;
  });
  return {
    income: { lines: inc, total: incTotal },
    expenditure: { lines: exp, total: expTotal },
    years: {
      yearBeforeLast: 2024,
      lastYear: 2025,
      yearBeforeLastHeader: cell(6, 5, '2024年'),
      lastYearHeader: cell(6, 6, '2025年'),
    },
  };
}

// ---------------------------------------------------------------------------
// Projects: header row 18 (0-based 17), rows from 19; B name, C category, D total, E annual, F purpose.

export interface ProjectSpec {
  name: CellValue;
  category?: CellValue;
  total: CellValue;
  annual: CellValue;
  purpose?: CellValue;
}

export const EXAMPLE_PROJECTS: ProjectSpec[] = [
  { name: '信访专项工作经费', total: 100, annual: 20, purpose: '办理网上信访事项，复查复核信访事项' },
  { name: '房屋租金', total: 20, annual: 4, purpose: '提供信访局办公场所，开展好各项信访工作。' },
  { name: '接访中心经费', total: 35, annual: 7, purpose: '做好来访群众接待、登记、受理等工作' },
  { name: '网络信息构建', total: 10, annual: 2, purpose: '做好县内外群众的来信来电及来访工作' },
];

export function setProjects(form: DeclarationForm, specs: ProjectSpec[]): Project[] {
  const rows: Project[] = specs.map((p, i) => {
    const row = 18 + i;
    return {
      row,
      name: cell(row, 1, p.name),
      category: cell(row, 2, p.category === undefined ? '31-本级支出项目' : p.category),
      totalBudget: cell(row, 3, p.total, AMT),
      annualBudget: cell(row, 4, p.annual, AMT),
      purpose: cell(row, 5, p.purpose === undefined ? '用途说明' : p.purpose),
    };
  });
  form.projects = {
    header: cell(17, 1, '项目名称'),
    rows,
    annualBudgetColumn: rows.length > 0 ? { col: 4, firstRow: 18, lastRow: 18 + rows.length - 1 } : null,
  };
  return rows;
}

// ---------------------------------------------------------------------------
// Indicators. Long-term data from row 27 (0-based 26): B 一级, C 二级, D 三级, E 指标值, F 依据, G 分类.
// Annual data from row 201 (0-based 200): B, C, D, E 前年, F 上年, G 预期当年实现值, H 依据, I 分类.

export interface IndicatorSpec {
  /** 一级; omitted = carried down from the row above (the same cell). */
  l1?: CellValue;
  /** 二级; omitted = carried down. */
  l2?: CellValue;
  l3: CellValue;
  value?: CellValue;
  /** Annual only: 前年, 上年. */
  history?: [CellValue, CellValue];
  basis?: CellValue;
  cls?: CellValue;
  /** Number format of the value cell (default General). */
  valueFmt?: string;
}

const LONG_TERM_FIRST = 26;
const ANNUAL_FIRST = 200;

export function setIndicators(form: DeclarationForm, kind: IndicatorTableKind, specs: IndicatorSpec[]): IndicatorTable {
  const annual = kind === 'annual';
  const first = annual ? ANNUAL_FIRST : LONG_TERM_FIRST;
  const columns = annual
    ? { level1: 1, level2: 2, level3: 3, value: 6, yearBeforeLast: 4, lastYear: 5, basis: 7, classification: 8 }
    : { level1: 1, level2: 2, level3: 3, value: 4, yearBeforeLast: null, lastYear: null, basis: 5, classification: 6 };
  let l1: Field | null = null;
  let l2: Field | null = null;
  const rows: IndicatorRow[] = specs.map((s, i) => {
    const row = first + i;
    if (s.l1 !== undefined || !l1) l1 = cell(row, columns.level1, s.l1 ?? null);
    if (s.l2 !== undefined || s.l1 !== undefined || !l2) l2 = cell(row, columns.level2, s.l2 ?? null);
    const history =
      annual && columns.yearBeforeLast !== null && columns.lastYear !== null
        ? {
            yearBeforeLast: cell(row, columns.yearBeforeLast, s.history?.[0] ?? null),
            lastYear: cell(row, columns.lastYear, s.history?.[1] ?? null),
          }
        : null;
    return {
      table: kind,
      row,
      level1: l1,
      level2: l2,
      level3: cell(row, columns.level3, s.l3),
      value: cell(row, columns.value, s.value ?? null, s.valueFmt ?? 'General'),
      history,
      basis: cell(row, columns.basis, s.basis ?? null),
      classification: cell(row, columns.classification, s.cls ?? null),
    };
  });
  const headerRow = annual ? first - 3 : first - 1;
  const table: IndicatorTable = {
    kind,
    label: cell(headerRow, 0, annual ? '年度绩效指标' : '长期绩\n效指标'),
    goal: cell(first - (annual ? 4 : 2), 1, annual ? '完成完善信访法治化等信访工作。' : '目标1办理网上信访事项'),
    horizonCell: annual ? null : cell(first - 2, 0, '长期目标：\n（截止 2029年）'),
    horizonYear: annual ? null : 2029,
    headerRow,
    columns,
    rows,
    firstRow: first,
    lastRow: first + Math.max(rows.length, 1) - 1,
  };
  if (annual) form.annualIndicators = table;
  else form.longTermIndicators = table;
  return table;
}

// The example's tables, row by row (seed-form.txt). B = 预算支出标准, P = 计划标准, H = 历史标准.
const B = '预算支出标准';
const P = '计划标准';
const H = '历史标准';
const BASE = '基本型';

type LT = [string | undefined, string | undefined, string, string, string, string];
type AN = [string | undefined, string | undefined, string, string, string, string, string, string];

const EXAMPLE_LONG_TERM: LT[] = [
  ['运行\n成本', '公用经费控制', '公用经费控制率', '≥95%', B, BASE],
  [undefined, '在职人员控制', '在职人员控制率', '≥80%', B, BASE],
  [undefined, '项目支出成本控制', '会议费控制率', '≥90%', B, BASE],
  [undefined, undefined, '“三公经费”变动率', '0%', B, BASE],
  [undefined, undefined, '……', '', '', ''],
  ['管理\n效率', '战略管理', '中长期规划相符性', '与政府规划职能相符', P, BASE],
  [undefined, undefined, '工作计划健全性', '工作计划系统全面，与部门职能和长期规划相符', P, BASE],
  [undefined, '预算编制', '预算编制科学性', '内容真实、完整、准确，项目预算依据充分', P, BASE],
  [undefined, undefined, '预算编制合理性', '项目之间不交叉，减少资金浪费', P, BASE],
  [undefined, undefined, '立项规范性', '设立依据充分，按规定设立', P, BASE],
  [undefined, undefined, '预算调整率', '0%', P, BASE],
  [undefined, '预算执行', '预算执行率', '99%', P, BASE],
  [undefined, undefined, '结转结余率', '0%', P, BASE],
  [undefined, undefined, '政府采购执行率', '100%', P, BASE],
  [undefined, undefined, '非税收入预算完成率', '无', '', ''],
  [undefined, '绩效管理', '事前绩效评估完成率', '无', '', ''],
  [undefined, undefined, '绩效目标合理性', '绩效目标符合实际要求', P, BASE],
  [undefined, undefined, '绩效监控开展率', '100%', '预算支出', BASE],
  [undefined, undefined, '绩效评价覆盖率', '100%', '预算支出', BASE],
  [undefined, undefined, '评价结果应用率', '100%', '预算支出', BASE],
  [undefined, '资产管理', '资产管理制度健全性', '制定资产评估、配置、使用制度，制定内部制度', P, BASE],
  [undefined, undefined, '资产管理规范性', '资产保存完整、使用合规、配置合理、处置规范', P, BASE],
  [undefined, '财务管理', '财务管理制度健全性', '制度合法合规完整', P, BASE],
  [undefined, undefined, '会计核算规范性', '符合资金管理规定，资料真实准确', P, BASE],
  [undefined, undefined, '资金使用合规性', '符合国家规定，手续齐全', P, BASE],
  ['履职\n效能', '核心业务产出1', '办理群众来访信访事项数量', '≥1500件/年', H, BASE],
  [undefined, '核心业务产出2', '网络信息服务次数', '≥1次/年', H, BASE],
  [undefined, '核心业务产出3', '办理群众来信、网上信访、督查复核等案件事项数量', '≥1000件/年', H, BASE],
  ['社会\n效应', '社会效益', '是否对社会发展有不良影响', '无', P, BASE],
  [undefined, '生态效益', '是否对生态环境有不良影响', '无', P, BASE],
  ['可持续发展能力', '体制机制改革', '服务体制改革成效', '服务型政府建设', P, BASE],
  [undefined, undefined, '行政管理体制改革成效', '机构、职能、权利、程序法定化', P, BASE],
  [undefined, '人才支撑', '业务学习与培训完成率', '100%', P, BASE],
  [undefined, undefined, '干部队伍体系建设规划情况', '人才队伍建设符合本单位要求', P, BASE],
  [undefined, undefined, '高学历、高层次人才储备率', '29.41%', '其他标准', BASE],
  [undefined, '科技支撑', '信息化建设情况', '充分利用信息化手段提升工作效率', P, BASE],
  [undefined, undefined, '……', '', '', ''],
  ['满意度', '服务对象满意度', '服务对象满意度', '≥90%', P, BASE],
  [undefined, '联系部门满意度', '对接单位满意度', '≥90%', P, BASE],
];

const same = (v: string): [string, string, string] => [v, v, v];

const EXAMPLE_ANNUAL: AN[] = [
  ['运行\n成本', '公用经费控制', '公用经费控制率', '100%', '100%', '100%', B, BASE],
  [undefined, '在职人员控制', '在职人员控制率', '57.14%', '75%', '82.35%', B, BASE],
  [undefined, '项目支出成本控制', '会议费控制率', '88%', '95%', '100%', B, BASE],
  [undefined, undefined, '“三公经费”变动率', ...same('100%'), B, BASE],
  [undefined, undefined, '……', '', '', '', '', ''],
  ['管理\n效率', '战略管理', '中长期规划相符性', ...same('与政府规划职能相符'), P, BASE],
  [undefined, undefined, '工作计划健全性', ...same('工作计划系统全面，与部门职能和长期规划相符'), P, BASE],
  [undefined, '预算编制', '预算编制科学性', ...same('内容真实、完整、准确，项目预算依据充分'), P, BASE],
  [undefined, undefined, '预算编制合理性', ...same('项目之间不交叉，减少资金浪费'), P, BASE],
  [undefined, undefined, '立项规范性', ...same('设立依据充分，按规定设立'), P, BASE],
  [undefined, undefined, '预算调整率', ...same('0%'), B, BASE],
  [undefined, '预算执行', '预算执行率', '98%', '99%', '100%', B, BASE],
  [undefined, undefined, '结转结余率', ...same('0'), B, BASE],
  [undefined, undefined, '政府采购执行率', ...same('无'), '', ''],
  [undefined, undefined, '非税收入预算完成率', ...same('无'), '', ''],
  [undefined, '绩效管理', '事前绩效评估完成率', ...same('无'), '', ''],
  [undefined, undefined, '绩效目标合理性', ...same('绩效目标符合实际要求'), B, BASE],
  [undefined, undefined, '绩效监控开展率', ...same('100%'), B, BASE],
  [undefined, undefined, '绩效评价覆盖率', ...same('100%'), B, BASE],
  [undefined, undefined, '评价结果应用率', ...same('100%'), P, BASE],
  [undefined, '资产管理', '资产管理制度健全性', ...same('制定资产评估、配置、使用制度，制定内部制度'), P, BASE],
  [undefined, undefined, '资产管理规范性', ...same('资产保存完整、使用合规、配置合理、处置规范'), P, BASE],
  [undefined, '财务管理', '财务管理制度健全性', ...same('制度合法合规完整'), P, BASE],
  [undefined, undefined, '会计核算规范性', ...same('符合资金管理规定，资料真实准确'), P, BASE],
  [undefined, undefined, '资金使用合规性', ...same('符合国家规定，手续齐全'), P, BASE],
  ['履职\n效能', '核心业务产出1', '办理群众来访信访事项数量', ...same('≥1500件/年'), H, BASE],
  [undefined, '核心业务产出2', '网络信息服务次数', ...same('≥1次/年'), H, BASE],
  [undefined, '核心业务产出3', '办理群众来信、网上信访、督查复核等案件事项数量', ...same('≥1000件/年'), H, BASE],
  [undefined, '核心业务产出4', '办理群众来信信访事项数量', ...same('≥230件/年'), H, BASE],
  [undefined, '核心业务产出5', '县领导接待群众来访批次', ...same('≥600批/年'), H, BASE],
  ['社会\n效应', '经济效益', '无', ...same('无'), '', ''],
  [undefined, '社会效益', '是否对社会发展有不良影响', ...same('无'), P, BASE],
  [undefined, '生态效益', '是否对生态环境有不良影响', ...same('无'), P, BASE],
  ['可持续发展能力', '体制机制改革', '服务体制改革成效', ...same('服务型政府建设'), P, BASE],
  [undefined, undefined, '行政管理体制改革成效', ...same('机构、职能、权利、程序法定化'), P, BASE],
  [undefined, '人才支撑', '业务学习与培训完成率', ...same('100%'), P, BASE],
  [undefined, undefined, '干部队伍体系建设规划情况', ...same('人才队伍建设符合本单位要求'), P, BASE],
  [undefined, undefined, '高学历、高层次人才储备率', '29.41%', '29.41%', '35.29%', P, BASE],
  [undefined, '科技支撑', '信息化建设情况', ...same('充分利用信息化手段提升工作效率'), P, BASE],
  [undefined, undefined, '……', '', '', '', '', ''],
  ['满意度', '服务对象满意度', '服务对象满意度', ...same('≥90%'), P, BASE],
  [undefined, '联系部门满意度', '对接单位满意度', ...same('≥90%'), P, BASE],
];

const orNull = (s: string): CellValue => (s === '' ? null : s);

function longTermSpecs(rows: LT[]): IndicatorSpec[] {
  return rows.map(([l1, l2, l3, value, basis, cls]) => ({
    l1,
    l2,
    l3,
    value: orNull(value),
    basis: orNull(basis),
    cls: orNull(cls),
  }));
}

function annualSpecs(rows: AN[]): IndicatorSpec[] {
  return rows.map(([l1, l2, l3, h1, h2, value, basis, cls]) => ({
    l1,
    l2,
    l3,
    history: [orNull(h1), orNull(h2)],
    value: orNull(value),
    basis: orNull(basis),
    cls: orNull(cls),
  }));
}

// ---------------------------------------------------------------------------

const ANNUAL_TASKS_EXAMPLE =
  ' 1.办理网上信访事项，复查复核信访事项，维护全县信访秩序。；\n 2.做好县内外群众的来信来电及来访工作。 ；\n     ……';

/** The example form of seed-form.txt as printed (filler and phone fictional), its known errors included. */
export function exampleForm(): DeclarationForm {
  const form: DeclarationForm = {
    sheet: SHEET,
    header: {
      title: cell(1, 0, '部门整体绩效目标申报表'),
      department: cell(3, 1, '　阳新县信访局'),
      filler: cell(3, 4, '张三'),
      phone: cell(3, 6, '0714-7654321'),
      fillDate: cell(2, 0, '填报日期：  2025年  11月   26日'),
      unit: cell(2, 6, '单位：万元'),
    },
    funding: funding([0.8399, 0.0712, 0.0889]),
    functions: cell(
      15,
      1,
      '1.接待和办理人民群众来信来访，保证信访渠道畅通；\n2.承办并反馈上级和县委、县政府批转及交办的重要信访事项。',
    ),
    annualTasks: cell(16, 1, ANNUAL_TASKS_EXAMPLE),
    projects: null,
    goals: {
      longTerm: cell(23, 1, '目标1办理网上信访事项'),
      annual: cell(23, 4, '目标1办理网上信访事项'),
      horizonCell: cell(22, 1, '长期目标（截止     2029年）'),
      horizonYear: 2029,
    },
    longTermIndicators: null,
    annualIndicators: null,
    problems: [],
  };
  setProjects(form, EXAMPLE_PROJECTS);
  setIndicators(form, 'longTerm', longTermSpecs(EXAMPLE_LONG_TERM));
  setIndicators(form, 'annual', annualSpecs(EXAMPLE_ANNUAL));
  return form;
}

/** What validForm's signed annual rows achieved in 前年 and 上年 (plain figures, no sign, below the target). */
const ACHIEVED: Record<string, [string, string]> = {
  办理群众来访信访事项数量: ['1380件', '1460件'],
  网络信息服务次数: ['1次', '1次'],
  '办理群众来信、网上信访、督查复核等案件事项数量': ['950件', '990件'],
  办理群众来信信访事项数量: ['210件', '226件'],
  县领导接待群众来访批次: ['560批', '590批'],
  服务对象满意度: ['88%', '89.5%'],
  对接单位满意度: ['87%', '90%'],
};

/**
 * The example with every known error corrected: shares 84.12% / 7.06% / 8.82%,
 * no placeholder text or rows, 预算支出标准 only under 运行成本, consistent
 * long-term and annual values, achieved figures in the history columns and no
 * target worse than last year's. check() gives no finding.
 */
export function validForm(): DeclarationForm {
  const form = exampleForm();
  const exp = form.funding!.expenditure.lines;
  put(exp.personnel!.share!, 0.8412);
  put(exp.operations!.share!, 0.0706);
  put(exp.specialPurpose!.share!, 0.0882);
  put(form.annualTasks!, '1.办理网上信访事项。\n2.做好来访群众接待工作。');
  const fixBasis = (b: string, level1: string | undefined): string =>
    b === '预算支出' || (b === B && level1 !== '运行\n成本') ? P : b;
  let l1: string | undefined;
  const lt = EXAMPLE_LONG_TERM.filter((r) => r[2] !== '……').map((r): LT => {
    l1 = r[0] ?? l1;
    return [r[0], r[1], r[2], r[3], fixBasis(r[4], l1), r[5]];
  });
  l1 = undefined;
  const an = EXAMPLE_ANNUAL.filter((r) => r[2] !== '……').map((r): AN => {
    l1 = r[0] ?? l1;
    const row: AN = [r[0], r[1], r[2], r[3], r[4], r[5], fixBasis(r[6], l1), r[7]];
    if (r[2] === '“三公经费”变动率') row[5] = '0%';
    if (r[2] === '结转结余率') [row[3], row[4], row[5]] = ['0%', '0%', '0%'];
    if (r[2] === '政府采购执行率') [row[3], row[4], row[5], row[6], row[7]] = ['100%', '100%', '100%', P, BASE];
    // 会议费 is lower-is-better: a target no worse than the 95% achieved last year.
    if (r[2] === '会议费控制率') row[5] = '95%';
    // History columns hold achieved figures, below the signed targets (not the targets copied).
    const achieved = ACHIEVED[r[2]];
    if (achieved) [row[3], row[4]] = achieved;
    return row;
  });
  // Placeholder rows sat under 运行成本 / 可持续发展能力 and carried nothing of their own: dropping them is safe.
  setIndicators(form, 'longTerm', longTermSpecs(lt));
  setIndicators(form, 'annual', annualSpecs(an));
  return form;
}

/** The row (0-based) of the first indicator with 三级 `name` in a table. */
export function indicatorRow(form: DeclarationForm, kind: IndicatorTableKind, name: string): IndicatorRow {
  const table = kind === 'annual' ? form.annualIndicators : form.longTermIndicators;
  const r = table?.rows.find((x) => x.level3.value === name);
  if (!r) throw new Error(`no indicator ${name} in ${kind}`);
  return r;
}

/** The findings of one rule (or of every rule when `rule` is omitted) for a form. */
export function findingsOf(form: DeclarationForm, rule?: string, options: CheckOptions = {}): Finding[] {
  const all = check(form, options).findings;
  return rule ? all.filter((f) => f.rule === rule) : all;
}

/** A table's rows back as specs (一级/二级 only where they stand), to splice and setIndicators again. */
export function specsOf(table: IndicatorTable): IndicatorSpec[] {
  return table.rows.map((r) => ({
    ...(r.level1.ref.row === r.row ? { l1: r.level1.value } : {}),
    ...(r.level2.ref.row === r.row ? { l2: r.level2.value } : {}),
    l3: r.level3.value,
    value: r.value.value,
    valueFmt: r.value.numFmt,
    ...(r.history
      ? { history: [r.history.yearBeforeLast.value, r.history.lastYear.value] as [CellValue, CellValue] }
      : {}),
    basis: r.basis.value,
    cls: r.classification.value,
  }));
}

/** What a finding says, as its rule's message id and the data (tests assert these, not whole sentences). */
export function said(f: Finding): [string | undefined, Finding['data']] {
  return [f.messageId, f.data];
}
