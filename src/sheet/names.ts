/**
 * Worksheet names as Excel and WPS accept them: at most 31 characters, none
 * of : \ / ? * [ ], no apostrophe at either end, compared case-insensitively.
 */

/** The longest sheet name Excel and WPS accept. */
export const MAX_SHEET_NAME = 31;

/** `name` made acceptable as a sheet name (forbidden characters become "_"); `fallback` when nothing is left. */
export function sanitizeSheetName(name: string, fallback = '绩效申报表'): string {
  const clean = name
    .replace(/[:\\/?*[\]]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  return (clean || fallback).slice(0, MAX_SHEET_NAME);
}

/** "绩效申报表", then "绩效申报表 (2)", "绩效申报表 (3)"…: the first acceptable name no sheet in `taken` has. */
export function freeSheetName(taken: readonly string[], preferred: string): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  const base = sanitizeSheetName(preferred);
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${base.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
