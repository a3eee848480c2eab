/** form + options → Report. The engine never knows a rule by name. */
import type { DeclarationForm } from './form/types';
import type { CheckOptions, Report } from './rules/types';

export function check(form: DeclarationForm, _options: CheckOptions = {}): Report {
  return {
    sheet: form.sheet,
    findings: [],
    summary: { errors: 0, warnings: 0, explained: 0 },
    options: {
      budgetYear: null,
      classifications: ['基本型'],
      tolerances: { amountDecimals: 2, unitSuspectTotal: 1000000 },
    },
  };
}
