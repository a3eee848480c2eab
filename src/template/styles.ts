/**
 * The template's look. Government forms are printed in 宋体; Excel and WPS on
 * Chinese Windows have it, LibreOffice maps it to the installed CJK serif
 * (Noto Serif CJK SC on Debian with fonts-noto-cjk).
 */
import type { CellStyle } from './plan';

export const FONT_NAME = '宋体';
export const FONT_SIZE = 11;

/** Formula cells: light grey, so the filler sees at a glance what is computed. */
export const FORMULA_FILL = '#F2F2F2';

export const AMOUNT_FORMAT = '0.00';
export const SHARE_FORMAT = '0.00%';
export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
/** Text inputs keep what is typed (a phone number or 1-2 is not turned into a number or a date). */
export const TEXT_FORMAT = '@';

const base: CellStyle = { fontName: FONT_NAME, fontSize: FONT_SIZE, vAlign: 'middle' };
const boxed: CellStyle = { ...base, border: true, wrap: true };
const input: CellStyle = { ...boxed, unlocked: true };

export const STYLES: Record<string, CellStyle> = {
  attachment: { ...base, fontSize: 12, hAlign: 'left' },
  title: { ...base, fontSize: 18, bold: true, hAlign: 'center' },
  dateLabel: { ...base, hAlign: 'right' },
  dateInput: { ...input, hAlign: 'left', numFmt: DATE_FORMAT, wrap: false },
  unit: { ...base, hAlign: 'right' },
  /** Section labels of column A and the header's field labels. */
  section: { ...boxed, bold: true, hAlign: 'center' },
  /** Column headings inside a table. */
  heading: { ...boxed, bold: true, hAlign: 'center' },
  /** Row labels of the funding table (财政拨款…). */
  lineLabel: { ...boxed, hAlign: 'center' },
  lineTotal: { ...boxed, bold: true, hAlign: 'center' },
  input: { ...input, hAlign: 'left', numFmt: TEXT_FORMAT },
  inputCenter: { ...input, hAlign: 'center', numFmt: TEXT_FORMAT },
  textBlock: { ...input, hAlign: 'left', vAlign: 'top', numFmt: TEXT_FORMAT },
  amount: { ...input, hAlign: 'right', numFmt: AMOUNT_FORMAT },
  formulaAmount: { ...boxed, hAlign: 'right', numFmt: AMOUNT_FORMAT, fill: FORMULA_FILL },
  formulaShare: { ...boxed, hAlign: 'right', numFmt: SHARE_FORMAT, fill: FORMULA_FILL },
  /** Pre-filled 一级 / 二级 names: the filler may still change them. */
  level: { ...input, hAlign: 'center', numFmt: TEXT_FORMAT },
};
