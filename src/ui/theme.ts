/**
 * The pane's Fluent theme: Fluent's web theme with a Chinese font stack (Fluent's own stack starts
 * with Segoe UI, which has no Chinese glyphs, so the browser falls back to whatever it finds), and
 * the host's colours (Office's theme, dark included) when the host gives them.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export const CHINESE_FONT_STACK =
  "'Microsoft YaHei UI', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', sans-serif";

/** The colours Office reports for its theme (Office.context.officeTheme). */
export interface HostColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

/** Relative luminance (0 black … 1 white) of "#RRGGBB"; null when not a colour. */
export function luminance(color: string | undefined): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(color?.trim() ?? '');
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

/**
 * "#RRGGBBAA" and "#RGBA" as rgba(): engines before Chromium 62 (WPS's floor is 58, docs/wps.md) do not
 * read them, and a token they cannot read makes every property using it fall back to nothing.
 */
export function rgbaHex(value: string): string {
  const m = /^#([0-9a-f]{8}|[0-9a-f]{4})$/i.exec(value.trim());
  if (!m) return value;
  const hex = m[1]!.length === 4 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const [r, g, b, a] = [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${Number((a! / 255).toFixed(3))})`;
}

export function paneTheme(colors?: HostColors | null): Theme {
  const bg = luminance(colors?.bodyBackgroundColor);
  const dark = bg !== null && bg < 0.2;
  const base = dark ? webDarkTheme : webLightTheme;
  const theme: Theme = { ...base, fontFamilyBase: CHINESE_FONT_STACK };
  const tokens = theme as unknown as Record<string, unknown>;
  for (const key of Object.keys(tokens)) {
    const v = tokens[key];
    if (typeof v === 'string') tokens[key] = rgbaHex(v);
  }
  if (bg !== null && colors?.bodyBackgroundColor) theme.colorNeutralBackground1 = colors.bodyBackgroundColor;
  if (luminance(colors?.bodyForegroundColor) !== null && colors?.bodyForegroundColor) {
    theme.colorNeutralForeground1 = colors.bodyForegroundColor;
  }
  return theme;
}
