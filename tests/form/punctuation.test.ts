/**
 * The explicit punctuation/symbol table (src/form/punctuation.ts) answers exactly as \p{P}\p{S}
 * does in the Node running the tests, for every code point, and the checks that use it
 * (isPunctuationOnly, placeholderIn) keep their answers without ES2018 regex features.
 */
import { NOT_PUNCTUATION } from '../../src/form/punctuation';
import { isPunctuationOnly, placeholderIn } from '../../src/form/values';

test('NOT_PUNCTUATION agrees with [^\\s\\p{P}\\p{S}\\u3000] on every code point', () => {
  const reference = new RegExp('[^\\s\\p{P}\\p{S}\\u3000]', 'u');
  // Code points this Node's Unicode does not assign yet are left out (an older Node than the generator's);
  // a newer Node that assigns new punctuation fails here: run scripts/gen-punctuation.mjs again.
  const unassigned = new RegExp('\\p{Cn}', 'u');
  const differ: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (unassigned.test(ch)) continue;
    if (NOT_PUNCTUATION.test(ch) !== reference.test(ch)) differ.push(cp.toString(16));
  }
  expect(differ).toEqual([]);
});

test('the table holds no \\p{…} escape and no lookbehind', () => {
  expect(NOT_PUNCTUATION.source).not.toMatch(/\\[pP]\{|\(\?<[=!]/);
});

test('isPunctuationOnly: punctuation, symbols and spaces only', () => {
  for (const s of ['', '   ', '。，、', '——', '……', '\u3000', '-/-', '￥%', '★', '😀']) {
    expect(isPunctuationOnly(s)).toBe(true);
  }
  for (const s of ['无', 'a', '1', '。一', 'Ⅰ', '𠀀']) expect(isPunctuationOnly(s)).toBe(false);
});

test('placeholderIn: XXX only between non-letters, the placeholder alone is returned', () => {
  expect(placeholderIn('XXX')).toBe('XXX');
  expect(placeholderIn('项目XXX名称')).toBe('XXX');
  expect(placeholderIn('（XXXX）')).toBe('XXXX');
  expect(placeholderIn('..xxx')).toBe('xxx');
  expect(placeholderIn('…XXX')).toBe('XXX');
  expect(placeholderIn('aXXX')).toBeNull();
  expect(placeholderIn('XXXa')).toBeNull();
  expect(placeholderIn('MAXXXL')).toBeNull();
  expect(placeholderIn('共……项')).toBe('……');
  expect(placeholderIn('（请填写）')).toBe('（请填写）');
  expect(placeholderIn('...XXX')).toBe('...');
  expect(placeholderIn('完成率100%')).toBeNull();
});
