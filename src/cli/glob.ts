/**
 * The little glob the command line needs when the shell did not expand a
 * pattern (quoted, or Windows cmd): `*` and `?` within one path segment, `**`
 * across segments. Paths are compared with forward slashes.
 */

export function hasGlobMagic(s: string): boolean {
  return /[*?]/.test(s);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Pattern relative to a base folder → a RegExp over slash-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/').filter((s) => s !== '');
  let re = '';
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '**') {
      // "**" stands for zero or more whole segments.
      re += last ? '(?:[^/]+(?:/[^/]+)*)?' : '(?:[^/]+/)*';
      return;
    }
    let part = '';
    for (let k = 0; k < seg.length; k++) {
      const ch = seg[k]!;
      if (ch === '*') {
        // A lone "**" inside a segment ("a**b") behaves like "*".
        while (seg[k + 1] === '*') k++;
        part += '[^/]*';
      } else if (ch === '?') part += '[^/]';
      else part += escapeRegExp(ch);
    }
    re += part + (last ? '' : '/');
  });
  return new RegExp(`^${re}$`, process.platform === 'win32' ? 'i' : '');
}

/**
 * Splits "forms/2026/**\/*.xlsx" into the folder to walk ("forms/2026") and
 * the pattern under it ("**\/*.xlsx"). An absolute pattern keeps its root.
 */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const normalized = process.platform === 'win32' ? pattern.replace(/\\/g, '/') : pattern;
  const segments = normalized.split('/');
  const firstMagic = segments.findIndex((s) => hasGlobMagic(s));
  if (firstMagic < 0) return { base: normalized, rest: '' };
  const baseSegments = segments.slice(0, firstMagic);
  let base = baseSegments.join('/');
  if (base === '' && normalized.startsWith('/')) base = '/';
  if (base === '') base = '.';
  return { base, rest: segments.slice(firstMagic).join('/') };
}
