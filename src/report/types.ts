/**
 * What every layer passes around: findings, the report, fixes, explanations and check options.
 * A finding's `rule` is a rule id, a public contract (docs/spec/rules.md): add rules freely, never
 * rename one. The rule contract itself is in src/rules/rule.ts.
 */
import type { EditionId } from '../form/editions';
import type { DeclarationForm, IndicatorTableKind, SectionCode } from '../form/types';
import type { CellRange } from '../sheet/cell-range';

export type Severity = 'error' | 'warning';

/** The values a message template is filled with (already worded: amounts formatted, names quoted). */
export type MessageData = Record<string, string | number>;

/** A value that makes the finding go away when written to `cell`. */
export interface Fix {
  /** The cell to write. */
  cell: CellRange;
  /** The value to write (a number is written as a number). */
  value?: number | string;
  /** Or a formula to restore, en-US syntax with a leading "=". */
  formula?: string;
}

/**
 * A fixed set of valid values for one cell (the five 指标值确定依据, say): writing any one of them
 * makes the finding go away. The pane offers one button per value; the filer picks, or (a 提示)
 * explains instead.
 */
export interface Choices {
  /** The cell to write. */
  cell: CellRange;
  /** The values, in the order offered (text, written as text). */
  values: string[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Chinese; names the values involved and what was expected (the rule's template filled with `data`). */
  message: string;
  /** The id of the message in the rule's `meta.messages`. */
  messageId?: string;
  /** The values the message template was filled with. */
  data?: MessageData;
  /** The cells and ranges concerned (0-based); the first is the one to select. A1 text only at the edges (refText). */
  cells: CellRange[];
  /** The expected value as the user would read it ("84.12%", "374.13", "预算支出标准"). */
  expected?: string;
  fix?: Fix;
  /** Values to choose from when the rule knows the valid set but not which one is meant. */
  choices?: Choices;
  section: SectionCode;
  /** Indicator findings: which table and which sheet row (1-based, as the user sees it). */
  table?: IndicatorTableKind;
  row?: number;
  /**
   * A cell left empty (待填写): an error or a 提示 all the same, but shown apart from them, so that
   * a fresh template or a rolled draft reads as a list of blanks rather than hundreds of errors.
   */
  blank?: true;
  /** True when a warning carries the filer's explanation (errors never do). */
  explained: boolean;
  explanation?: string;
}

/** A filer's explanation of a warning, kept in the workbook's 校验说明 sheet. */
export interface Explanation {
  rule: string;
  /** Sheet-qualified address of the finding's first cell. */
  cell: string;
  text: string;
  /** The finding's message when the explanation was written (shown to the reviewer; not used for matching). */
  message?: string;
  /** When it was written, YYYY-MM-DD. */
  date?: string;
}

export interface Tolerances {
  /** Amounts compare after rounding both sides to this many decimals (default 2). */
  amountDecimals: number;
  /** Block 合计 above this (万元) suggests the amounts are in 元 (default 1,000,000). */
  unitSuspectTotal: number;
}

export interface CheckOptions {
  /** 预算年度; inferred from the history headers, else 填报日期 + 1, when absent. */
  budgetYear?: number;
  /** Allowed 指标分类 values (default ["基本型"]). */
  classifications?: string[];
  tolerances?: Partial<Tolerances>;
  explanations?: Explanation[];
  /** Today's date, YYYY-MM-DD: lets a fix write the 填报日期 (the core has no clock). */
  today?: string;
  /**
   * Last year's form (LAST, budget year Y − 1) to compare with: the previous-* rules
   * (docs/spec/previous-year.md) run only when it is given.
   */
  previous?: DeclarationForm;
}

/** Last year's form as the rules see it: the form and its budget year (as resolved for it, null when unknown). */
export interface PreviousForm {
  form: DeclarationForm;
  budgetYear: number | null;
}

export interface ResolvedOptions {
  budgetYear: number | null;
  /** Where the budget year came from. */
  budgetYearSource?: 'options' | 'title' | 'funding-years' | 'fill-date' | null;
  classifications: string[];
  tolerances: Tolerances;
  /** Today's date when the caller gave it (YYYY-MM-DD). */
  today?: string;
}

export interface Summary {
  errors: number;
  warnings: number;
  explained: number;
}

export interface Report {
  sheet: string;
  /** The edition of the form the rules were applied to (src/form/editions.ts). */
  edition?: EditionId;
  findings: Finding[];
  summary: Summary;
  /** The options actually used (budget year as inferred). */
  options: ResolvedOptions;
}
