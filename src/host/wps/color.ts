/**
 * WPS (like Excel's COM model) takes colours as one number r + g*256 + b*65536,
 * i.e. BGR, not "#RRGGBB". Whether every WPS build agrees is unverified on a
 * live WPS, so the conversion lives here and nowhere else.
 */

/** "#RRGGBB" (or "RRGGBB") → r + g*256 + b*65536. Throws on anything else: colours come from code, not users. */
export function bgrFromHex(hex: string): number {
  const m = /^#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex.trim());
  if (!m) throw new Error(`颜色值“${hex}”不是 #RRGGBB 格式`);
  const r = parseInt(m[1]!, 16);
  const g = parseInt(m[2]!, 16);
  const b = parseInt(m[3]!, 16);
  return r + g * 256 + b * 65536;
}

/** r + g*256 + b*65536 → "#RRGGBB" (upper case). */
export function hexFromBgr(color: number): string {
  const n = Math.max(0, Math.min(0xffffff, Math.round(color)));
  const r = n % 256;
  const g = Math.floor(n / 256) % 256;
  const b = Math.floor(n / 65536) % 256;
  return `#${[r, g, b]
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}
