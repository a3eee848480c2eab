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
import * as example from '../../scripts/example-data';

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

const INCOME_CODES: (IncomeLineCode | 'total')[] = ['appropriation', 'specialAccount', 'unitFunds', 'total'];
const EXPENDITURE_CODES: (ExpenditureLineCode | 'total')[] = ['personnel', 'operations', 'specialPurpose', 'total'];

/** The example's income lines (scripts/example-data.ts), 占比 as printed. */
const INCOME_ROWS: [IncomeLineCode | 'total', string, Amounts][] = example.INCOME.map(
  ([label, current, share, yearBeforeLast, lastYear], i) => [
    INCOME_CODES[i]!,
    label,
    [current, share, yearBeforeLast, lastYear],
  ],
);

/** The example's expenditure lines with the three line 占比s given (the total's stays 100%). */
function expenditureRows(shares: [number, number, number]): [ExpenditureLineCode | 'total', string, Amounts][] {
  return example.EXPENDITURE.map(([label, current, share, yearBeforeLast, lastYear], i) => [
    EXPENDITURE_CODES[i]!,
    label,
    [current, i < shares.length ? shares[i]! : share, yearBeforeLast, lastYear],
  ]);
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

/** The example's projects (scripts/example-data.ts). */
export const EXAMPLE_PROJECTS: ProjectSpec[] = example.PROJECTS.map(([name, category, total, annual, purpose]) => ({
  name,
  category,
  total,
  annual,
  purpose,
}));

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
    goal: cell(first - (annual ? 4 : 2), 1, annual ? example.ANNUAL_GOAL : example.GOALS),
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

// The example's tables, row by row, from scripts/example-data.ts; validForm corrects them with these words.
const B = '预算支出标准';
const P = '计划标准';
const BASE = '基本型';

type LT = [string | undefined, string | undefined, string, string, string, string];
type AN = [string | undefined, string | undefined, string, string, string, string, string, string];

/** 一级 and 二级 of an example row: '' continues the group above and null stands empty in a `……` row; both are carried down here. */
const carried = (c: example.Cell | undefined): string | undefined => (c === '' || c === null ? undefined : c);
const text = (c: example.Cell | undefined): string => c ?? '';

const EXAMPLE_LONG_TERM: LT[] = example.LONG_TERM.map(([l1, l2, l3, value, basis, cls]) => [
  carried(l1),
  carried(l2),
  text(l3),
  text(value),
  text(basis),
  text(cls),
]);

const EXAMPLE_ANNUAL: AN[] = example.ANNUAL.map(([l1, l2, l3, h1, h2, value, basis, cls]) => [
  carried(l1),
  carried(l2),
  text(l3),
  text(h1),
  text(h2),
  text(value),
  text(basis),
  text(cls),
]);

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

/** The example form of seed-form.txt as printed (filler and phone fictional), its known errors included. */
export function exampleForm(): DeclarationForm {
  const form: DeclarationForm = {
    sheet: SHEET,
    header: {
      title: cell(1, 0, '部门整体绩效目标申报表'),
      department: cell(3, 1, example.DEPARTMENT),
      filler: cell(3, 4, example.FILLER),
      phone: cell(3, 6, example.PHONE),
      fillDate: cell(2, 0, example.FILL_DATE),
      unit: cell(2, 6, '单位：万元'),
    },
    funding: funding([0.8399, 0.0712, 0.0889]),
    functions: cell(15, 1, example.FUNCTIONS),
    annualTasks: cell(16, 1, example.TASKS),
    projects: null,
    goals: {
      longTerm: cell(23, 1, example.GOALS),
      annual: cell(23, 4, example.GOALS),
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
