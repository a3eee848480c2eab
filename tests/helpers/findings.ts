/**
 * The one way tests make a Finding by hand: what a test does not care about has a default
 * (rule test-rule, an error, in funding, a message naming the rule, not explained); cells may be
 * given as A1 text ("表!A1") or typed.
 */
import type { Finding } from '../../src/report/types';
import type { CellRange } from '../../src/sheet/cell-range';
import { ref } from './refs';

export type FindingSpec = Partial<Omit<Finding, 'cells'>> & { cells?: readonly (string | CellRange)[] };

export function finding(spec: FindingSpec = {}): Finding {
  const { cells = [], ...rest } = spec;
  const rule = rest.rule ?? 'test-rule';
  return {
    rule,
    severity: 'error',
    message: `消息-${rule}`,
    section: 'funding',
    explained: false,
    ...rest,
    cells: cells.map((c) => (typeof c === 'string' ? ref(c) : c)),
  };
}
