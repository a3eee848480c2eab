/**
 * Every rule, in the order of shared/spec/rules.md (the README lists them so).
 * The engine, the command line and the pane iterate this list and never name a rule.
 */
import { FUNDING_RULES } from './funding';
import { HEADER_RULES } from './header';
import { indicatorConsistency, indicatorCoreOutput, indicatorValue } from './indicator-values';
import {
  indicatorBasis,
  indicatorClass,
  indicatorCostBasis,
  indicatorCoverage,
  indicatorDuplicate,
  indicatorHistory,
  indicatorLevel1,
  indicatorLevel2,
  indicatorPlaceholder,
  indicatorRequired,
} from './indicators';
import { PROJECT_RULES } from './projects';
import { STRUCTURE_RULES } from './structure';
import type { Rule } from './types';

export const ALL_RULES: Rule[] = [
  ...FUNDING_RULES,
  ...PROJECT_RULES,
  ...HEADER_RULES,
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
  ...STRUCTURE_RULES,
];

/** A rule's meta by id (for the pane and the CLI's rule list), undefined for an unknown id. */
export function ruleMeta(id: string): Rule['meta'] | undefined {
  return ALL_RULES.find((r) => r.meta.id === id)?.meta;
}
