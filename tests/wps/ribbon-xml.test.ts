/**
 * ribbon.xml as WPS needs it: no XML prolog (the file must start with
 * <customUI), well-formed, unique control ids, the 绩效申报 tab with the
 * three buttons, and every callback attribute naming a function the main page
 * defines on `window.ribbon`. Also the WPS manifest and the jsplugins.xml
 * template.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BUTTONS, IMAGES } from '../../src/shell/wps/ribbon';
import { wpsRibbon } from '../../src/shell/wps/wiring';

const root = join(__dirname, '..', '..');
const ribbonXml = readFileSync(join(root, 'wps', 'ribbon.xml'), 'utf8');

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
}

/** A small element tree from fast-xml-parser's preserveOrder output. */
function tree(xml: string): Element[] {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
  const convert = (nodes: Record<string, unknown>[]): Element[] =>
    nodes.flatMap((node) => {
      const name = Object.keys(node).find((k) => k !== ':@');
      if (!name || name === '#text' || name === '#comment' || name.startsWith('?')) return [];
      return [
        {
          name,
          attrs: (node[':@'] as Record<string, string>) ?? {},
          children: convert((node[name] as Record<string, unknown>[]) ?? []),
        },
      ];
    });
  return convert(parser.parse(xml) as Record<string, unknown>[]);
}

function walk(elements: Element[], visit: (e: Element) => void): void {
  for (const e of elements) {
    visit(e);
    walk(e.children, visit);
  }
}

test('starts with <customUI: no XML prolog, no BOM, no leading blank', () => {
  expect(ribbonXml.startsWith('<customUI')).toBe(true);
  expect(ribbonXml).not.toMatch(/<\?xml/);
});

test('is well-formed with unique ids and the 绩效申报 tab holding the three buttons', () => {
  expect(XMLValidator.validate(ribbonXml)).toBe(true);
  const ids: string[] = [];
  const buttons: Record<string, string> = {};
  let tabLabel = '';
  walk(tree(ribbonXml), (e) => {
    if (e.attrs.id) ids.push(e.attrs.id);
    if (e.name === 'tab') tabLabel = e.attrs.label ?? '';
    if (e.name === 'button') buttons[e.attrs.id!] = e.attrs.label!;
  });
  expect(new Set(ids).size).toBe(ids.length);
  expect(tabLabel).toBe('绩效申报');
  expect(buttons).toEqual({
    [BUTTONS.validate]: '校验本表',
    [BUTTONS.pane]: '打开助手',
    [BUTTONS.generate]: '生成申报表',
  });
});

test('every callback attribute names a function the main page defines on window.ribbon', () => {
  const ribbon = wpsRibbon({ location: { href: 'file:///x/index.html' }, alert: () => undefined }) as unknown as Record<
    string,
    unknown
  >;
  const callbacks: string[] = [];
  walk(tree(ribbonXml), (e) => {
    for (const [attr, value] of Object.entries(e.attrs)) {
      if (/^(on[A-Z]|get[A-Z])/.test(attr)) callbacks.push(value);
    }
  });
  expect(callbacks).toContain('ribbon.OnAddinLoad');
  expect(callbacks).toContain('ribbon.OnAction');
  for (const cb of callbacks) {
    const [object, fn] = cb.split('.');
    expect(object).toBe('ribbon');
    expect(typeof ribbon[fn!]).toBe('function');
  }
});

test('every button has its own icon among those the package ships (tests/wps/package.test.ts checks the files)', () => {
  const icons = Object.values(BUTTONS).map((id) => IMAGES[id]);
  expect(new Set(icons).size).toBe(icons.length);
  for (const icon of icons) expect(['images/validate.png', 'images/pane.png', 'images/generate.png']).toContain(icon);
});

test('the WPS manifest is a <JsPlugin> naming the add-in; the enterprise template is a jspluginonline entry', () => {
  const manifest = readFileSync(join(root, 'wps', 'manifest.xml'), 'utf8');
  expect(XMLValidator.validate(manifest)).toBe(true);
  const [top] = tree(manifest);
  expect(top!.name).toBe('JsPlugin');
  expect(top!.children.map((c) => c.name)).toEqual(expect.arrayContaining(['Name', 'Description']));
  const jsplugins = readFileSync(join(root, 'wps', 'jsplugins.xml'), 'utf8');
  expect(XMLValidator.validate(jsplugins)).toBe(true);
  const entries: Element[] = [];
  walk(tree(jsplugins), (e) => e.name === 'jspluginonline' && entries.push(e));
  expect(entries).toHaveLength(1);
  expect(entries[0]!.attrs).toMatchObject({ name: 'jixiao', type: 'et' });
  expect(entries[0]!.attrs.url).toMatch(/^http:\/\/.+\/$/);
});
