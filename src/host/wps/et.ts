/// <reference types="et-jsapi-declare" />
/**
 * The slice of WPS 表格's object model (ET JSAPI) the adapter uses, typed with
 * et-jsapi-declare. The typings' `Et.*` enums compile to reads of a global `Et`
 * that does not exist at run time, so every constant the adapter needs is
 * spelled out here as a number.
 */

/** window.Application in a WPS add-in page: the ET application plus the add-in services. */
export type EtApplication = WPSMergedRoot;
export type EtRange = Et.Range;
export type EtWorksheet = Et.Worksheet;
export type EtComment = Et.Comment;
export type EtTaskPane = WPS.CustomTaskpane;

/** XlColorIndex.xlColorIndexNone, also XlPattern.xlPatternNone: "no fill". */
export const XL_NONE = -4142;
/** XlPattern.xlPatternSolid. */
export const XL_SOLID = 1;
/** XlPattern: 8 % grey dots over the fill colour (xlPatternGray8). */
export const XL_PATTERN_GRAY8 = 18;

/** XlBordersIndex: edges and inside lines. */
export const XL_EDGE_LEFT = 7;
export const XL_EDGE_TOP = 8;
export const XL_EDGE_BOTTOM = 9;
export const XL_EDGE_RIGHT = 10;
export const XL_INSIDE_VERTICAL = 11;
export const XL_INSIDE_HORIZONTAL = 12;
/** XlLineStyle.xlContinuous (drawn thin by default). */
export const XL_CONTINUOUS = 1;

/** XlHAlign / XlVAlign. */
export const XL_H_LEFT = -4131;
export const XL_H_CENTER = -4108;
export const XL_H_RIGHT = -4152;
export const XL_V_TOP = -4160;
export const XL_V_CENTER = -4108;
export const XL_V_BOTTOM = -4107;

/** XlDVType.xlValidateList, XlDVAlertStyle stop / warning, XlFormatConditionOperator.xlBetween. */
export const XL_VALIDATE_LIST = 3;
export const XL_VALID_ALERT_STOP = 1;
export const XL_VALID_ALERT_WARNING = 2;
export const XL_BETWEEN = 1;

/** XlPaperSize.xlPaperA4, XlPageOrientation. */
export const XL_PAPER_A4 = 9;
export const XL_PORTRAIT = 1;
export const XL_LANDSCAPE = 2;

/** XlSheetVisibility. */
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_HIDDEN = 0;
export const XL_SHEET_VERY_HIDDEN = 2;

/** Points per inch (PageSetup margins are in points). */
export const POINTS_PER_INCH = 72;

/**
 * Error values as Value2 hands them over: the CVErr variant codes (0x800A07xx
 * read as a signed 32-bit number). A form never holds such numbers legitimately.
 */
export const CVERR_TEXT: Readonly<Record<number, string>> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
  [-2146826245]: '#GETTING_DATA',
};
