import { MAX_CELL_TEXT, storableText } from '../../src/sheet/storable';

describe('storableText', () => {
  it('keeps text a workbook can hold as it is', () => {
    expect(storableText('阳新县信访局\t第一行\n第二行\r')).toEqual({
      text: '阳新县信访局\t第一行\n第二行\r',
      replaced: 0,
      truncated: false,
    });
    expect(storableText('😀 表').text).toBe('😀 表');
  });

  it('replaces what XML cannot hold by U+FFFD: C0 controls, U+FFFE, U+FFFF, unpaired surrogates', () => {
    const r = storableText('a\u0001b\ufffec\uffffd\ud800e\udc00f\u001b');
    expect(r.text).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffd');
    expect(r.replaced).toBe(6);
    expect(r.truncated).toBe(false);
  });

  it('cuts text over 32,767 characters with a marker that says so, never inside a surrogate pair', () => {
    const r = storableText('占'.repeat(40000));
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(r.text).toMatch(/…（以下已截断：原文 40000 字，超过单元格上限 32767 字）$/);
    const emoji = storableText('😀'.repeat(20000));
    expect(emoji.text.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji.text)).toBe(false);
    expect(storableText('x'.repeat(MAX_CELL_TEXT)).truncated).toBe(false);
  });
});
