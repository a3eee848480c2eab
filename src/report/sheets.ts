/**
 * jixiao's own sheets, named once. A workbook may carry them beside the form; every host and
 * command skips them when it looks for the form, and `jixiao next` leaves them out of next year's.
 */

/** The filer's explanations of warnings (rule, cell, text); travels with the file to the reviewer. */
export const EXPLANATION_SHEET = '校验说明';

/** The findings table that `jixiao check --annotate` adds to the annotated copy. */
export const RESULT_SHEET = '校验结果';

/** The very hidden sheet where the ExcelJS host keeps the cells' looks from before they were flagged. */
export const FLAG_STATE_SHEET = '_jixiao_flags';

/** The very hidden sheet where the WPS add-in keeps the same (its main page and pane are separate contexts). */
export const WPS_STATE_SHEET = 'jixiao_state';
