/**
 * The little glob the command line needs when the shell did not expand a
 * pattern (quoted, or Windows cmd): `*` and `?` within one path segment, `**`
 * across segments. Paths are compared with forward slashes.
 */

export function hasGlobMagic(s: string): boolean {
  return /[*?]/.test(s);
}

/** A compiled pattern: `test(rel)` over slash-separated relative paths. */
export interface GlobMatcher {
  test(rel: string): boolean;
}

/**
 * One segment ("*.xlsx", "表?.xlsx") against one name, by the greedy two-pointer method: a `*` that fails is
 * retried one character further, never nested. Time is at most segment length × name length, whatever the
 * pattern (a backtracking regular expression takes exponential time on "*a*a*a*…b" against a long name).
 */
function matchSegment(seg: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const c = seg[p];
    if (c === '*') {
      star = p++;
      resume = n;
    } else if (c !== undefined && (c === '?' || c === name[n])) {
      p++;
      n++;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (seg[p] === '*') p++;
  return p === seg.length;
}

/**
 * Pattern relative to a base folder → a matcher over slash-separated relative paths. `*` and `?` stay within
 * one name, `**` stands for zero or more whole folders. Segments are matched by a table over (pattern segment,
 * path segment) pairs, each pair at most once, so matching is bounded by the sizes, never exponential.
 */
export function compileGlob(pattern: string): GlobMatcher {
  const fold = process.platform === 'win32';
  const segments = pattern
    .split('/')
    .filter((s) => s !== '')
    // A run of stars inside a name ("a**b") behaves like one star.
    .map((s) => (s === '**' ? s : s.replace(/\*{2,}/g, '*')))
    .map((s) => (fold ? s.toLowerCase() : s));
  return {
    test(rel: string): boolean {
      const names = (fold ? rel.toLowerCase() : rel).split('/');
      if (names.some((n) => n === '')) return false;
      // memo[i * (names.length + 1) + j]: pattern segments from i match names from j (0 unknown, 1 yes, 2 no).
      const width = names.length + 1;
      const memo = new Uint8Array((segments.length + 1) * width);
      const match = (i: number, j: number): boolean => {
        const k = i * width + j;
        if (memo[k]) return memo[k] === 1;
        let ok: boolean;
        if (i === segments.length) ok = j === names.length;
        else if (segments[i] === '**') ok = match(i + 1, j) || (j < names.length && match(i, j + 1));
        else ok = j < names.length && matchSegment(segments[i]!, names[j]!) && match(i + 1, j + 1);
        memo[k] = ok ? 1 : 2;
        return ok;
      };
      return match(0, 0);
    },
  };
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
