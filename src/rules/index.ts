/**
 * Every rule, in the order of docs/spec/rules.md (the generated rule list follows it).
 * One file per rule, named by its id, in a folder per family; helpers live in ./support.
 * The engine, the command line and the pane iterate this list and never name a rule.
 */
import { fundingTotal } from './funding/funding-total';
import { fundingShare } from './funding/funding-share';
import { fundingBalance } from './funding/funding-balance';
import { fundingAmount } from './funding/funding-amount';
import { fundingUnit } from './funding/funding-unit';
import { fundingLine } from './funding/funding-line';
import { fundingHistoryYear } from './funding/funding-history-year';
import { headerRequired } from './header/header-required';
import { headerPhone } from './header/header-phone';
import { headerDate } from './header/header-date';
import { textRequired } from './texts/text-required';
import { textPlaceholder } from './texts/text-placeholder';
import { goalHorizon } from './goals/goal-horizon';
import { indicatorRequired } from './indicators/indicator-required';
import { indicatorHistory } from './indicators/indicator-history';
import { indicatorLevel1 } from './indicators/indicator-level1';
import { indicatorCoverage } from './indicators/indicator-coverage';
import { indicatorLevel2 } from './indicators/indicator-level2';
import { indicatorBasis } from './indicators/indicator-basis';
import { indicatorClass } from './indicators/indicator-class';
import { indicatorPlaceholder } from './indicators/indicator-placeholder';
import { indicatorDuplicate } from './indicators/indicator-duplicate';
import { indicatorCostBasis } from './indicators/indicator-cost-basis';
import { indicatorValue } from './indicators/indicator-value';
import { indicatorConsistency } from './indicators/indicator-consistency';
import { indicatorCoreOutput } from './indicators/indicator-core-output';
import { projectRequired } from './projects/project-required';
import { projectAmount } from './projects/project-amount';
import { projectOverTotal } from './projects/project-over-total';
import { projectSum } from './projects/project-sum';
import { projectMissing } from './projects/project-missing';
import { historyFormat } from './history/history-format';
import { historyBelow } from './history/history-below';
import { historyBasis } from './history/history-basis';
import { costBound } from './history/cost-bound';
import { previousPair } from './previous/previous-pair';
import { previousFunding } from './previous/previous-funding';
import { previousHistory } from './previous/previous-history';
import { previousLongTerm } from './previous/previous-long-term';
import { previousDropped } from './previous/previous-dropped';
import { previousLowered } from './previous/previous-lowered';
import { formStructure } from './structure/form-structure';
import { formulaStale } from './structure/formula-stale';
import type { Rule } from './rule';

export const ALL_RULES: Rule[] = [
  fundingTotal,
  fundingShare,
  fundingBalance,
  fundingAmount,
  fundingUnit,
  fundingLine,
  fundingHistoryYear,
  projectRequired,
  projectAmount,
  projectOverTotal,
  projectSum,
  projectMissing,
  headerRequired,
  headerPhone,
  headerDate,
  textRequired,
  textPlaceholder,
  goalHorizon,
  indicatorRequired,
  indicatorHistory,
  indicatorLevel1,
  indicatorCoverage,
  indicatorLevel2,
  indicatorBasis,
  indicatorClass,
  indicatorValue,
  indicatorPlaceholder,
  indicatorDuplicate,
  indicatorCostBasis,
  indicatorConsistency,
  indicatorCoreOutput,
  historyFormat,
  historyBelow,
  historyBasis,
  costBound,
  previousPair,
  previousFunding,
  previousHistory,
  previousLongTerm,
  previousDropped,
  previousLowered,
  formStructure,
  formulaStale,
];

/** A rule's meta by id (for the pane and the CLI's rule list), undefined for an unknown id. */
export function ruleMeta(id: string): Rule['meta'] | undefined {
  return ALL_RULES.find((r) => r.meta.id === id)?.meta;
}
