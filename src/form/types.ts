/**
 * The declaration form (部门整体绩效目标申报表) as data. Code names follow
 * docs/spec/form.md. The reader fills these from a Grid; every field keeps
 * the cell it came from so a finding can be flagged in place.
 */
import type { CellRange } from '../sheet/cell-range';
import type { CellValue } from '../sheet/grid';
import type { EditionId } from './editions';

/** A cell of the sheet. row/col are 0-based and absolute. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
  /** Sheet-qualified A1 address, e.g. "Sheet1!E11". */
  address: string;
}

/**
 * One value cell as found. When the form has a place for a value but the cell
 * is empty, the Field still exists (value null, text "") so that a
 * required-field finding can name the empty cell.
 */
export interface Field {
  ref: CellRef;
  value: CellValue;
  /** Displayed text as the host shows it (not trimmed). */
  text: string;
  numFmt: string;
  /** "=SUM(D5:D7)" when the cell holds a formula. */
  formula: string | null;
}

export type SectionCode =
  | 'header'
  | 'funding'
  | 'functions'
  | 'annualTasks'
  | 'projects'
  | 'goals'
  | 'longTermIndicators'
  | 'annualIndicators'
  | 'form';

export interface Header {
  /** 附件2 / 部门整体绩效目标申报表 title cell. */
  title: Field | null;
  /** The budget year the title block states (“2021年度”, “(    2021     年度)”), and the cell saying it. */
  titleYear?: { year: number; cell: Field } | null;
  /** 部门（单位）名称 value cell. */
  department: Field | null;
  /** 填报人 value cell. */
  filler: Field | null;
  /** 联系电话 value cell. */
  phone: Field | null;
  /**
   * 填报日期: the cell holding the date. When the date is written in the label
   * cell itself ("填报日期：2025年 11月 26日"), that cell.
   */
  fillDate: Field | null;
  /** The 单位：万元 cell, when present. */
  unit: Field | null;
}

/** Line codes of every edition (src/form/editions.ts): edition A's first, then edition B's. */
export type IncomeLineCode = 'appropriation' | 'specialAccount' | 'unitFunds' | 'otherFunds';
export type ExpenditureLineCode = 'personnel' | 'operations' | 'specialPurpose' | 'basic' | 'project';

/** One row of the funding table. */
export interface FundingLine {
  /** The line label cell (财政拨款, 合计…). */
  label: Field;
  /** 当年金额. */
  current: Field;
  /** 占比 (current year only). */
  share: Field | null;
  /** 近两年收支金额: 前年 (budget year − 2). */
  yearBeforeLast: Field | null;
  /** 近两年收支金额: 上年 (budget year − 1). */
  lastYear: Field | null;
}

/** One row of a block as printed, known to the form's edition or not. */
export interface FundingRow {
  /** The line's code in the form's edition; null when the edition has no line of this label. */
  code: string | null;
  /** The label as printed (trimmed), "" when the row has amounts but no label. */
  name: string;
  line: FundingLine;
}

export interface FundingBlock<Code extends string> {
  /** The block's lines by code; a line missing from the sheet is absent. */
  lines: Partial<Record<Code, FundingLine>>;
  total: FundingLine | null;
  /**
   * Every row between the block's first line and its 合计, in sheet order,
   * whatever its label: each counts into the block's sum. Set by the reader;
   * when absent (a form built by hand), the block's lines are its rows.
   */
  rows?: FundingRow[];
}

/** The history columns the funding header names (2024年 → 2024), null for 前年/上年. */
export interface FundingYears {
  yearBeforeLast: number | null;
  lastYear: number | null;
  /** Header cells, for messages and for inferring the budget year. */
  yearBeforeLastHeader: Field | null;
  lastYearHeader: Field | null;
}

export interface Funding {
  income: FundingBlock<IncomeLineCode>;
  expenditure: FundingBlock<ExpenditureLineCode>;
  years: FundingYears;
}

export interface Project {
  /** 0-based sheet row. */
  row: number;
  name: Field;
  category: Field;
  totalBudget: Field;
  annualBudget: Field;
  purpose: Field;
}

export interface Projects {
  /** The 项目名称 header cell. */
  header: Field;
  /** Non-empty project rows, top to bottom (rows left entirely blank are skipped). */
  rows: Project[];
  /** The 项目本年度预算 column: 0-based col and the first/last data row (for flagging the column). */
  annualBudgetColumn: { col: number; firstRow: number; lastRow: number } | null;
}

export interface Goals {
  /** 整体绩效总目标 › 长期目标 text. */
  longTerm: Field | null;
  /** 整体绩效总目标 › 年度目标 text. */
  annual: Field | null;
  /** The cell holding 长期目标（截止 YYYY年）. */
  horizonCell: Field | null;
  /** The year written in it, null when none could be read. */
  horizonYear: number | null;
}

export type IndicatorTableKind = 'longTerm' | 'annual';

export interface IndicatorRow {
  table: IndicatorTableKind;
  /** 0-based sheet row. */
  row: number;
  /**
   * 一级 and 二级 are carried down over merged groups: the Field is the cell
   * where the value stands (the top of the group), which may be above this row.
   */
  level1: Field;
  level2: Field;
  level3: Field;
  /** Long-term: 指标值. Annual: 预期当年实现值. */
  value: Field;
  /** Annual only: 近两年指标值 前年 / 上年. */
  history: { yearBeforeLast: Field; lastYear: Field } | null;
  basis: Field;
  classification: Field;
}

export interface IndicatorTable {
  kind: IndicatorTableKind;
  /** The section label cell (长期绩效指标 / 年度绩效指标). */
  label: Field;
  /** The goal text above the table (长期目标：（截止 2029年） … / 年度目标： …). */
  goal: Field | null;
  /** Long-term table only: the cell holding （截止 YYYY年） above it, and its year. */
  horizonCell: Field | null;
  horizonYear: number | null;
  /** Header row (0-based) of the 一级指标 header. */
  headerRow: number;
  /** Column of each part (0-based). */
  columns: {
    level1: number;
    level2: number;
    level3: number;
    value: number;
    yearBeforeLast: number | null;
    lastYear: number | null;
    basis: number;
    classification: number;
  };
  /** Data rows, top to bottom, including placeholder rows (……) and blank rows inside merged groups are skipped. */
  rows: IndicatorRow[];
  /** First and last data row (0-based), for flagging the whole table column. */
  firstRow: number;
  lastRow: number;
}

/** A structural problem found while reading (a section or row that could not be found). */
export interface ReadProblem {
  section: SectionCode;
  /** Chinese message naming what is missing and where it was expected. */
  message: string;
  /** Cells it concerns, possibly none. */
  cells: CellRange[];
}

/** A formula cell whose saved result differs from what its formula gives (the file was not recalculated). */
export interface StaleFormulaCell {
  cell: CellRange;
  formula: string;
  /** The result saved in the file. */
  cached: CellValue;
  /** The result the reader computed and used. */
  computed: CellValue;
  numFmt: string;
}

export interface DeclarationForm {
  sheet: string;
  /** The edition read (src/form/editions.ts); absent means edition A, the current one. */
  edition?: EditionId;
  header: Header;
  funding: Funding | null;
  functions: Field | null;
  annualTasks: Field | null;
  projects: Projects | null;
  goals: Goals;
  longTermIndicators: IndicatorTable | null;
  annualIndicators: IndicatorTable | null;
  problems: ReadProblem[];
  /**
   * Formula cells whose saved results were stale; the form holds the computed
   * results instead. Absent when every saved result agrees.
   */
  staleFormulas?: StaleFormulaCell[];
}

/** What reading a sheet gives: a form, or the reason it is not one. */
export type ReadResult =
  | { form: true; declaration: DeclarationForm }
  | {
      form: false;
      sheet: string;
      reason: string;
      /** Set when the sheet was recognised as something else: another province's form, or this product's own output. */
      kind?: 'other-province' | 'own-output';
    };
