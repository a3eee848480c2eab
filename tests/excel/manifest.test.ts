/**
 * The manifests: the source and every built one (webpack's copy with the
 * deployment origin) must pass a strict XML 1.0 parser and Microsoft's own
 * offline reader (office-addin-manifest, run by scripts/check-manifests.mjs in
 * a child process, as .ci/run does). The built one is then checked the way
 * Office's online validator would: ids, resids, URLs, element order for the
 * elements used, limits, and the ExecuteFunction names against what
 * src/shell/excel/commands.ts registers.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import { COMMANDS, registerCommands, type OfficeCommandsApi } from '../../src/shell/excel/commands';
import type { Session } from '../../src/app/session';
import { buildAddin } from '../browser/build';

type Node = { [tag: string]: Node[] | string } & { ':@'?: Record<string, string> };

const ORIGIN = 'https://intranet.example.gov.cn/jixiao/';
const ROOT = path.resolve(__dirname, '../..');
let root: Node;
let outDir: string;
let devDir: string;

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-manifest-'));
  devDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-manifest-dev-'));
  await buildAddin(outDir, { manifestOnly: true, url: ORIGIN });
  await buildAddin(devDir, { manifestOnly: true });
  const xml = fs.readFileSync(path.join(outDir, 'manifest.xml'), 'utf8');
  const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    xml,
  ) as Node[];
  root = parsed.find((n) => 'OfficeApp' in n)!;
}, 120_000);

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(devDir, { recursive: true, force: true });
});

interface CheckResult {
  file: string;
  ok: boolean;
  strict: string[];
  reader: string | null;
  info: { id: string; version: string; hosts: string[]; sourceLocation: string } | null;
}

/** scripts/check-manifests.mjs: a strict XML parser (saxes) and Microsoft's reader (office-addin-manifest). */
function checkManifests(files: string[]): CheckResult[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/check-manifests.mjs'), '--json', ...files], {
      encoding: 'utf8',
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CheckResult);
}

test('the source and every built manifest pass a strict XML parser and Microsoft’s manifest reader', () => {
  const files = [path.join(ROOT, 'manifest.xml'), path.join(outDir, 'manifest.xml'), path.join(devDir, 'manifest.xml')];
  const results = checkManifests(files);
  expect(results.map((r) => ({ file: r.file, strict: r.strict, reader: r.reader }))).toEqual(
    files.map((file) => ({ file, strict: [], reader: null })),
  );
  for (const r of results) {
    expect(r.info?.id).toBe('d2d63cb9-68bc-48a2-a174-234c4f3f6a77');
    expect(r.info?.hosts).toEqual(['Workbook']);
  }
  expect(results[1]!.info?.sourceLocation).toBe(`${ORIGIN}taskpane.html`);
});

test('the checker says no: "--" inside a comment, an unbound prefix, a stray end tag', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bad-manifest-'));
  const good = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const bad = {
    comment: good.replace('<OfficeApp ', '<!-- npm run build -- --env url=x -->\n<OfficeApp '),
    prefix: good.replace('<Permissions>', '<x:Permissions>').replace('</Permissions>', '</x:Permissions>'),
    endTag: good.replace('</Hosts>', '</Hosts></Host>'),
  };
  const files = Object.entries(bad).map(([name, xml]) => {
    const f = path.join(dir, `${name}.xml`);
    fs.writeFileSync(f, xml);
    return f;
  });
  try {
    const results = checkManifests(files);
    expect(results).toHaveLength(3);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.strict.length).toBeGreaterThan(0);
    }
    expect(results[0]!.reader).toMatch(/comment/i);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
const kids = (n: Node): Node[] => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? v.filter((c) => tagOf(c) !== '#text' && tagOf(c) !== '#comment') : [];
};
const attrs = (n: Node) => n[':@'] ?? {};
const child = (n: Node, tag: string) => kids(n).find((c) => tagOf(c) === tag);
function all(n: Node, out: Node[] = []): Node[] {
  out.push(n);
  for (const c of kids(n)) all(c, out);
  return out;
}
const text = (n: Node) => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? v.map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('') : '';
};

/** The schema's sequence for each element we use; children must appear in this relative order. */
const ORDER: Record<string, string[]> = {
  OfficeApp: [
    'Id',
    'AlternateId',
    'Version',
    'ProviderName',
    'DefaultLocale',
    'DisplayName',
    'Description',
    'IconUrl',
    'HighResolutionIconUrl',
    'SupportUrl',
    'AppDomains',
    'Hosts',
    'Requirements',
    'DefaultSettings',
    'Permissions',
    'AllowSnapshot',
    'VersionOverrides',
  ],
  VersionOverrides: ['Description', 'Requirements', 'Hosts', 'Resources'],
  Host: ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
  DesktopFormFactor: ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
  GetStarted: ['Title', 'Description', 'LearnMoreUrl'],
  ExtensionPoint: ['CustomTab', 'OfficeTab'],
  CustomTab: ['Group', 'Label', 'InsertAfter', 'InsertBefore'],
  Group: ['Label', 'Icon', 'Control'],
  Control: ['Label', 'Supertip', 'Icon', 'Action'],
  Supertip: ['Title', 'Description'],
  Action: ['TaskpaneId', 'SourceLocation', 'Title', 'FunctionName'],
  Resources: ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
};

test('element order follows the schema for every element used', () => {
  const wrong: string[] = [];
  for (const n of all(root)) {
    const seq = ORDER[tagOf(n)];
    if (!seq) continue;
    const tags = kids(n).map(tagOf);
    const unknown = tags.filter((t) => !seq.includes(t));
    if (unknown.length) wrong.push(`${tagOf(n)}: unexpected ${unknown.join(', ')}`);
    const idx = tags.map((t) => seq.indexOf(t));
    if (idx.some((v, i) => i > 0 && v < idx[i - 1]!)) wrong.push(`${tagOf(n)}: ${tags.join(' → ')}`);
  }
  expect(wrong).toEqual([]);
});

test('ids are unique, and every resid is defined, of the right kind and short enough', () => {
  const ids = all(root)
    .map((n) => attrs(n).id)
    .filter((x): x is string => !!x);
  expect(new Set(ids).size).toBe(ids.length);

  const resources = child(child(root, 'VersionOverrides')!, 'Resources')!;
  const defined = (tag: string) => new Set(kids(child(resources, tag)!).map((n) => attrs(n).id));
  const images = defined('bt:Images');
  const urls = defined('bt:Urls');
  const short = defined('bt:ShortStrings');
  const long = defined('bt:LongStrings');
  const expected: Record<string, Set<string | undefined>> = {
    'bt:Image': images,
    Runtime: urls,
    FunctionFile: urls,
    SourceLocation: urls,
    LearnMoreUrl: urls,
    Label: short,
    Title: short,
    Description: long,
  };
  const problems: string[] = [];
  for (const n of all(child(root, 'VersionOverrides')!)) {
    const resid = attrs(n).resid;
    if (!resid) continue;
    if (resid.length > 32) problems.push(`${resid}: longer than 32`);
    const kind = expected[tagOf(n)];
    if (!kind) problems.push(`${tagOf(n)} has a resid`);
    else if (!kind.has(resid)) problems.push(`${tagOf(n)} resid="${resid}" is not defined where it should be`);
  }
  expect(problems).toEqual([]);
});

test('every URL is https on the one origin the build was made for, and points at a file the build ships', () => {
  const urls: string[] = [];
  for (const n of all(root)) {
    const v = attrs(n).DefaultValue;
    if (v && /^[a-z]+:\/\//i.test(v)) urls.push(v);
  }
  expect(urls.length).toBeGreaterThan(10);
  for (const u of urls) {
    expect(u.startsWith(ORIGIN)).toBe(true);
    const file = u.slice(ORIGIN.length);
    const shipped =
      file === 'taskpane.html' || file === 'help.html' || fs.existsSync(path.join(ROOT, 'assets', path.basename(file)));
    expect({ u, shipped }).toEqual({ u, shipped: true });
  }
  expect(child(root, 'AppDomains')).toBeUndefined();
});

test('Workbook host, ReadWriteDocument, honest requirements, and the shared runtime wired through one URL', () => {
  expect(attrs(child(child(root, 'Hosts')!, 'Host')!).Name).toBe('Workbook');
  expect(text(child(root, 'Permissions')!)).toBe('ReadWriteDocument');
  const sets = kids(child(child(root, 'Requirements')!, 'Sets')!).map((s) => `${attrs(s).Name} ${attrs(s).MinVersion}`);
  // SharedRuntime 1.1 exists only where ExcelApi 1.10 does: declaring less would promise Office 2019 an add-in it cannot load.
  expect(sets.sort()).toEqual(['ExcelApi 1.10', 'SharedRuntime 1.1']);

  const vo = child(root, 'VersionOverrides')!;
  const host = child(child(vo, 'Hosts')!, 'Host')!;
  const runtime = child(child(host, 'Runtimes')!, 'Runtime')!;
  expect(attrs(runtime)).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
  const form = child(host, 'DesktopFormFactor')!;
  expect(attrs(child(form, 'FunctionFile')!).resid).toBe('Taskpane.Url');
  const showPane = all(form).filter((n) => tagOf(n) === 'Action' && attrs(n)['xsi:type'] === 'ShowTaskpane');
  expect(showPane).toHaveLength(1);
  expect(attrs(child(showPane[0]!, 'SourceLocation')!).resid).toBe('Taskpane.Url');
  // Office opens a pane with the document only through this documented id (and the document setting of the same name).
  expect(text(child(showPane[0]!, 'TaskpaneId')!)).toBe('Office.AutoShowTaskpaneWithDocument');
  const pane = kids(child(child(vo, 'Resources')!, 'bt:Urls')!).find((n) => attrs(n).id === 'Taskpane.Url')!;
  expect(attrs(child(child(root, 'DefaultSettings')!, 'SourceLocation')!).DefaultValue).toBe(attrs(pane).DefaultValue);
});

test('the tab and its three buttons, with 16/32/80 icons and strings within Office’s limits', () => {
  const strings = all(root).filter((n) => tagOf(n) === 'bt:String');
  const label = (id: string) => attrs(strings.find((s) => attrs(s).id === id)!).DefaultValue;
  const tab = all(root).find((n) => tagOf(n) === 'CustomTab')!;
  expect(label(attrs(child(tab, 'Label')!).resid!)).toBe('绩效申报');
  const controls = all(tab).filter((n) => tagOf(n) === 'Control');
  expect(controls.map((c) => label(attrs(child(c, 'Label')!).resid!))).toEqual(['校验本表', '打开助手', '生成申报表']);
  for (const c of controls) {
    expect(kids(child(c, 'Icon')!).map((i) => attrs(i).size)).toEqual(['16', '20', '24', '32', '40', '48', '64', '80']);
  }
  const shortStrings = kids(all(root).find((n) => tagOf(n) === 'bt:ShortStrings')!);
  const longStrings = kids(all(root).find((n) => tagOf(n) === 'bt:LongStrings')!);
  for (const s of shortStrings) expect(attrs(s).DefaultValue!.length).toBeLessThanOrEqual(125);
  for (const s of longStrings) expect(attrs(s).DefaultValue!.length).toBeLessThanOrEqual(250);
});

test('each ExecuteFunction name is one that src/shell/excel/commands.ts associates, and nothing else is associated', () => {
  const inManifest = all(root)
    .filter((n) => tagOf(n) === 'FunctionName')
    .map(text)
    .sort();
  const associated: string[] = [];
  const office: OfficeCommandsApi = {
    actions: { associate: (name) => void associated.push(name) },
    context: { requirements: { isSetSupported: () => true } },
  };
  registerCommands(office, () => ({}) as Session);
  expect(inManifest).toEqual([...associated].sort());
  expect(inManifest).toEqual(Object.values(COMMANDS).sort());
});

test('the source manifest uses the development origin, so `npm start` sideloads against the dev server', () => {
  const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const urls = [...source.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]!);
  expect(urls.every((u) => u.startsWith('https://localhost:3000/'))).toBe(true);
});

test('the built manifest’s <Version> is package.json’s version (the one place it is kept), whatever the source says', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const dir of [outDir, devDir]) {
    const xml = fs.readFileSync(path.join(dir, 'manifest.xml'), 'utf8');
    expect(/<Version>([^<]*)<\/Version>/.exec(xml)?.[1]).toBe(`${pkg.version}.0`);
  }
});
