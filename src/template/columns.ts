/**
 * The template's nine columns. The widest part of the paper form is the annual
 * indicator table (label + 一级 二级 三级 前年 上年 当年 依据 分类); every other
 * section lays its columns over the same grid with merged cells, as the paper does.
 */
export const COL = {
  label: 0,
  level1: 1,
  level2: 2,
  level3: 3,
  yearBeforeLast: 4,
  lastYear: 5,
  current: 6,
  basis: 7,
  classification: 8,
} as const;

export const FIRST_COL = 0;
export const LAST_COL = 8;

/** Widths in characters (a CJK character counts about two). */
export const COLUMN_WIDTHS = [17, 14, 16, 24, 12, 12, 14, 14, 10];
