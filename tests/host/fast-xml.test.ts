/**
 * The package reader's XML tokenizer: what it reports for well-formed parts,
 * whatever the chunks it is fed, and what it refuses.
 */
import { FastXml } from '../../src/xlsx/package/fast-xml';

type Event = string;

function events(chunks: string[], collect: (name: string) => boolean = () => true): Event[] {
  const out: Event[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  const p = new FastXml(
    'xl/test.xml',
    {
      open(name, attrs, selfClosing) {
        flush();
        const keys = Object.keys(attrs).sort();
        const parts = [`open ${name}`, keys.map((k) => `${k}=${JSON.stringify(attrs[k])}`).join(' ')];
        if (selfClosing) parts.push('/');
        out.push(parts.join(' '));
      },
      close(name) {
        flush();
        out.push(`close ${name}`);
      },
      text(t) {
        // Text may arrive in pieces (chunks); only the joined text counts.
        text += t;
      },
    },
    collect,
  );
  for (const c of chunks) p.write(c);
  p.close();
  flush();
  return out;
}

function fails(xml: string, pattern: RegExp, collect?: (name: string) => boolean): void {
  expect(() => events([xml], collect)).toThrow(pattern);
  // And the same when it arrives one character at a time.
  expect(() => events([...xml], collect)).toThrow(pattern);
}

const SHEET =
  '\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="x">' +
  '<!-- a comment with <tags> and "quotes" -->' +
  '<dimension ref="A1:C3"/><sheetData>' +
  '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/>' +
  '<c r=\'C1\' t="str"><f>IF(A1&gt;0,"a&amp;b",\'x\')</f><v>a&amp;b</v></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><r><t xml:space="preserve"> 中文 &#x4E2D;&#20013;</t></r><rPh><t>ふりがな</t></rPh></is></c>' +
  '<c r="B2"  s = "3" ><v>1.5</v></c><c r="C2" t="s"><v><![CDATA[x<y>&z]]></v></c></row>' +
  '<row r="3" x="a&gt;b" y=\'say "hi"\' z="1 > 0"/>' +
  '</sheetData><mergeCells count="1"><mergeCell ref="A3:C3"/></mergeCells>' +
  '<x:ext xmlns:x="y" uri="{A}"><x:item/></x:ext>' +
  '</worksheet>\r\n';

describe('well-formed parts', () => {
  const whole = events([SHEET]);

  it('reports elements, attributes (decoded) and text (decoded, CRLF as LF)', () => {
    expect(whole).toEqual([
      'open worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="x"',
      'open dimension ref="A1:C3" /',
      'close dimension',
      'open sheetData ',
      'open row r="1" spans="1:3" x14ac:dyDescent="0.25"',
      'open c r="A1" s="1" t="s"',
      'open v ',
      'text "0"',
      'close v',
      'close c',
      'open c r="B1" s="2" /',
      'close c',
      'open c r="C1" t="str"',
      'open f ',
      'text "IF(A1>0,\\"a&b\\",\'x\')"',
      'close f',
      'open v ',
      'text "a&b"',
      'close v',
      'close c',
      'close row',
      'open row r="2"',
      'open c r="A2" t="inlineStr"',
      'open is ',
      'open r ',
      'open t xml:space="preserve"',
      'text " 中文 中中"',
      'close t',
      'close r',
      'open rPh ',
      'open t ',
      'text "ふりがな"',
      'close t',
      'close rPh',
      'close is',
      'close c',
      'open c r="B2" s="3"',
      'open v ',
      'text "1.5"',
      'close v',
      'close c',
      'open c r="C2" t="s"',
      'open v ',
      'text "x<y>&z"',
      'close v',
      'close c',
      'close row',
      'open row r="3" x="a>b" y="say \\"hi\\"" z="1 > 0" /',
      'close row',
      'close sheetData',
      'open mergeCells count="1"',
      'open mergeCell ref="A3:C3" /',
      'close mergeCell',
      'close mergeCells',
      'open x:ext uri="{A}" xmlns:x="y"',
      'open x:item  /',
      'close x:item',
      'close x:ext',
      'close worksheet',
    ]);
  });

  it('gives the same events however the text is cut into chunks', () => {
    for (let i = 1; i < SHEET.length; i++) {
      expect(events([SHEET.slice(0, i), SHEET.slice(i)])).toEqual(whole);
    }
    expect(events([...SHEET])).toEqual(whole);
    for (const size of [2, 3, 7, 16, 100]) {
      const chunks: string[] = [];
      for (let i = 0; i < SHEET.length; i += size) chunks.push(SHEET.slice(i, i + size));
      expect(events(chunks)).toEqual(whole);
    }
  });

  it('checks the form of attributes it does not collect, and hands over none', () => {
    const only = events([SHEET], (n) => n === 'c');
    expect(only).toContain('open row ');
    expect(only).toContain('open c r="A1" s="1" t="s"');
    expect(() => events(['<a><b x=1/></a>'], (n) => n === 'a')).toThrow(/属性 x 的值缺少引号/);
  });

  it('whitespace around "=" and before the end of a tag is allowed; a tag may span lines', () => {
    expect(events(['<a\n  x = "1"\n\ty=\'2\'\n/>'])).toEqual(['open a x="1" y="2" /', 'close a']);
    expect(events(['<a ></a >'])).toEqual(['open a ', 'close a']);
  });
});

describe('what is refused', () => {
  it('a DOCTYPE, in any case, wherever the chunks are cut', () => {
    fails('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', /DOCTYPE/);
    fails('<!doctype x><x/>', /DOCTYPE/);
  });

  it('entities other than the five predefined ones and character references', () => {
    fails('<a>&nbsp;</a>', /未定义的实体 &nbsp;/);
    fails('<a x="&foo;"/>', /未定义的实体 &foo;/);
    fails('<a>&amp</a>', /未结束的实体引用/);
    fails('<a>&#0;</a>', /无效的字符引用/);
    fails('<a>&#x110000;</a>', /无效的字符引用/);
    fails('<a>&#x1;</a>', /无效的字符引用 &#x1;/);
    fails('<a x="&#xFFFE;"/>', /无效的字符引用/);
  });

  it('end tags that do not match, elements left open, a second root', () => {
    fails('<a><b></a></b>', /结束标记 <\/a> 与 <b> 不配对/);
    fails('<a><b></b>', /元素未闭合/);
    fails('<a/><b/>', /根元素之后还有元素/);
    fails('</a>', /不配对/);
    fails('', /元素未闭合/);
  });

  it('broken tags and attributes', () => {
    fails('<a><c r="A1" <v>1</v></c></a>', /标记中出现“<”|属性缺少“=”/);
    fails('<a><b x="1" x="2"/></a>', /属性 x 重复/);
    fails('<a><b x="1/></a>', /属性 x 的值未结束|元素未闭合|文档在元素中间结束/);
    fails('<a><b x/></a>', /属性缺少“=”/);
    fails('<a><b x=y/></a>', /属性 x 的值缺少引号/);
    fails('<a>< b/></a>', /缺少元素名/);
    fails('<a><!foo></a>', /无法识别的标记/);
    fails('<a><b', /文档在元素中间结束|元素未闭合/);
  });

  it('text or CDATA outside the root', () => {
    fails('hello<a/>', /根元素之外有文本/);
    fails('<a/>bye', /根元素之外有文本/);
    fails('<![CDATA[x]]><a/>', /根元素之外有 CDATA/);
  });

  it('a run of text or a tag over 1 MB', () => {
    const p = new FastXml('xl/big.xml', { open() {}, close() {}, text() {} });
    p.write('<a>');
    expect(() => {
      for (let i = 0; i < 20; i++) p.write('x'.repeat(64 * 1024));
    }).toThrow(/超过 1 MB/);
    const q = new FastXml('xl/big.xml', { open() {}, close() {}, text() {} });
    expect(() => {
      q.write('<a><b x="');
      for (let i = 0; i < 20; i++) q.write('y'.repeat(64 * 1024));
    }).toThrow(/超过 1 MB/);
  });
});
