/**
 * The rule contract, shaped like ESLint's: a rule is its `meta` (id, severity, section, Chinese title,
 * description and message templates) and a `check(ctx)` that reports findings by message id.
 */
import type { DeclarationForm, SectionCode } from '../form/types';
import type { Finding, PreviousForm, ResolvedOptions, Severity } from '../report/types';

/**
 * What a rule reports: a message id of its `meta.messages` and the data to fill
 * it with; check() makes the message and fills `explained`.
 */
export type FindingInput = Omit<Finding, 'explained' | 'explanation' | 'rule' | 'section' | 'message' | 'messageId'> & {
  rule?: string;
  section?: SectionCode;
  messageId: string;
};

export interface RuleContext {
  form: DeclarationForm;
  options: ResolvedOptions;
  /** Last year's form, when the check compares with one (CheckOptions.previous). */
  previous?: PreviousForm;
  report(finding: FindingInput): void;
  /**
   * Computes a value once per (key, name) during one check() run (several
   * indicator rules classify the same rows). Optional: rules work without it.
   */
  memo?<T>(key: object, name: string, compute: () => T): T;
}

export interface RuleMeta {
  id: string;
  /** 'mixed' when the severity depends on the case (see description). */
  severity: Severity | 'mixed';
  section: SectionCode;
  /** Every section the rule reports in, when more than one (the README's 区域 column). */
  sections?: SectionCode[];
  /** Short Chinese title, shown in the pane and the README. */
  title: string;
  /** Chinese description of what is checked. */
  description: string;
  /** Message id → Chinese template with {placeholders} (as ESLint's meta.messages). */
  messages: Record<string, string>;
  /**
   * The message ids that report a cell left empty: such a finding is a blank (待填写), shown apart
   * from errors and 提示 (a fresh template or a rolled draft is mostly blanks), and marked `blank`.
   */
  blanks?: readonly string[];
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
