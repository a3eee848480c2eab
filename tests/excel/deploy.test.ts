/**
 * The files an IT admin deploys the Excel add-in with (deploy/excel/, issue 17): the IIS
 * web.config is strict XML with the MIME types and no caching of the pane page and the manifest;
 * the nginx configuration says the same; the .reg files have regedit's format and the keys
 * Microsoft documents for trusted catalogs; the PowerShell script keeps to PowerShell 2.0.
 * A real nginx serves the configuration in tests/excel/deploy-nginx.test.ts. Not run here (no Windows,
 * IIS or PowerShell on this machine): IIS reading the config, regedit importing the files, PowerShell
 * running the script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';

const DIR = join(__dirname, '..', '..', 'deploy', 'excel');
const read = (p: string) => readFileSync(join(DIR, p));
const CATALOG_ID = '{6686f50e-740e-4a75-a9b9-3b80db38a499}';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
}

function parseXml(text: string): El {
  const parser = new SaxesParser({ xmlns: false });
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  parser.on('doctype', () => {
    throw new Error('DOCTYPE not allowed');
  });
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: t.attributes, children: [] };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  return root.children[0]!;
}

const find = (el: El, name: string): El[] =>
  el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...find(c, name)]);

describe('IIS web.config', () => {
  const config = parseXml(read('iis/web.config').toString('utf8'));

  test('is strict XML whose root is <configuration>', () => {
    expect(config.name).toBe('configuration');
    expect(() => parseXml('<configuration><a></configuration>')).toThrow();
  });

  test('declares every file type of the add-in site, each removed first (IIS refuses a duplicate mimeMap)', () => {
    const maps = find(config, 'mimeMap').map((m) => m.attrs.fileExtension);
    const removed = find(config, 'remove').map((m) => m.attrs.fileExtension);
    for (const ext of ['.js', '.json', '.html', '.xml', '.css', '.png', '.svg', '.woff', '.woff2']) {
      expect(maps).toContain(ext);
      expect(removed).toContain(ext);
    }
    expect(new Set(maps).size).toBe(maps.length);
  });

  test('taskpane.html, help.html and manifest.xml are never cached', () => {
    const noCache = find(config, 'location')
      .filter((l) => find(l, 'clientCache').some((c) => c.attrs.cacheControlMode === 'DisableCache'))
      .map((l) => l.attrs.path);
    expect(noCache.sort()).toEqual(['help.html', 'manifest.xml', 'taskpane.html']);
  });
});

describe('nginx configuration', () => {
  const conf = read('nginx/jixiao.conf').toString('utf8');
  const code = conf
    .split('\n')
    .map((l) => l.replace(/#.*$/, ''))
    .join('\n');

  test('braces balance and every directive ends with ; or a block', () => {
    let depth = 0;
    for (const ch of code) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    for (const line of code
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      expect({ line, ok: /[;{}]$/.test(line) || /^[\w/+.-]+\s+[\w\s.-]+;?$/.test(line) }).toEqual({ line, ok: true });
    }
  });

  test('https with a certificate, MIME types, and no caching of the pane page and the manifest', () => {
    expect(code).toMatch(/listen 443 ssl;/);
    expect(code).toMatch(/ssl_certificate\s+\S+;/);
    for (const t of ['text/javascript\\s+js', 'application/json\\s+json', 'text/xml\\s+xml', 'font/woff2\\s+woff2'])
      expect(code).toMatch(new RegExp(t));
    // One regular-expression location for the three files, under whatever path the site sits (/jixiao/…):
    // an exact `location = /taskpane.html` would miss /jixiao/taskpane.html (tests/excel/deploy-nginx.test.ts serves it).
    const noCache = /location ~ (\S+) \{[^}]*Cache-Control "no-cache, no-store/.exec(code);
    expect(noCache).not.toBeNull();
    const pattern = new RegExp(noCache![1]!);
    for (const page of ['taskpane.html', 'help.html', 'manifest.xml'])
      for (const at of ['', '/jixiao', '/a/b']) expect(pattern.test(`${at}/${page}`)).toBe(true);
    for (const other of ['/jixiao/taskpane.0123abcd.js', '/jixiao/manifest.xml.bak', '/jixiao/xtaskpane.html'])
      expect(pattern.test(other)).toBe(false);
  });
});

describe('trusted catalog registration', () => {
  /** regedit's "Version 5.00" files are UTF-16 LE with a byte-order mark and CRLF lines. */
  const regText = (p: string) => {
    const b = read(p);
    expect([b[0], b[1]]).toEqual([0xff, 0xfe]);
    const text = b.subarray(2).toString('utf16le');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    return text.split('\r\n');
  };
  const KEY = `HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs\\${CATALOG_ID}`;

  test('register-catalog.reg: Id, Url (a share) and Flags = 1 under TrustedCatalogs\\{GUID}', () => {
    const lines = regText('catalog/register-catalog.reg');
    expect(lines[0]).toBe('Windows Registry Editor Version 5.00');
    const body = lines.filter((l) => l && !l.startsWith(';'));
    expect(body[1]).toBe(`[${KEY}]`);
    const values = Object.fromEntries(
      body.slice(2).map((l) => {
        const m = /^"(\w+)"=(.*)$/.exec(l);
        expect(m).not.toBeNull();
        return [m![1], m![2]];
      }),
    );
    expect(values).toEqual({
      Id: `"${CATALOG_ID}"`,
      Url: '"\\\\\\\\fileserver\\\\excel-addins"',
      Flags: 'dword:00000001',
    });
  });

  test('unregister-catalog.reg removes that one key only', () => {
    const lines = regText('catalog/unregister-catalog.reg').filter((l) => l && !l.startsWith(';'));
    expect(lines).toEqual(['Windows Registry Editor Version 5.00', `[-${KEY}]`]);
  });

  test('register-catalog.ps1 writes the same key and values, and keeps to PowerShell 2.0', () => {
    const b = read('catalog/register-catalog.ps1');
    // Windows PowerShell reads a file without a BOM as the ANSI code page: the Chinese messages need it.
    expect([b[0], b[1], b[2]]).toEqual([0xef, 0xbb, 0xbf]);
    const text = b.subarray(3).toString('utf8');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain(`$CatalogId = '${CATALOG_ID}'`);
    expect(text).toContain("'HKCU:\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs'");
    expect(text).toMatch(/-Name 'Id' -Value \$CatalogId -PropertyType String/);
    expect(text).toMatch(/-Name 'Url' -Value \$SharePath -PropertyType String/);
    expect(text).toMatch(/-Name 'Flags' -Value 1 -PropertyType DWord/);
    const newer: [string, RegExp, string][] = [
      ['[ordered]', /\[ordered\]/i, '$a = [ordered]@{}'],
      ['[pscustomobject]', /\[pscustomobject\]/i, '[PSCustomObject]@{a=1}'],
      ['::new()', /::new\(/i, '[Text.StringBuilder]::new()'],
      ['-in / -notin', /\s-(?:not)?in\s/i, 'if ($a -in $b) {}'],
      ['$PSScriptRoot', /\$PSScriptRoot/i, 'Join-Path $PSScriptRoot x'],
      ['Get-ItemPropertyValue', /Get-ItemPropertyValue/i, 'Get-ItemPropertyValue -Path $k -Name Id'],
      ['-ErrorAction Ignore', /-ErrorAction\s+Ignore/i, 'gi x -ErrorAction Ignore'],
      ['Set-StrictMode -Version Latest', /Set-StrictMode\s+-Version\s+Latest/i, 'Set-StrictMode -Version Latest'],
    ];
    const codeOnly = text.replace(/<#[\s\S]*?#>/g, '').replace(/#.*$/gm, '');
    for (const [what, pattern, example] of newer) {
      expect({ what, catches: pattern.test(example) }).toEqual({ what, catches: true });
      expect({ what, found: pattern.test(codeOnly) }).toEqual({ what, found: false });
    }
    // PowerShell reads “ and ” as quote marks inside a double-quoted string.
    for (const line of codeOnly.split('\r\n')) expect(line.replace(/'[^']*'/g, "''")).not.toMatch(/"[^"]*[“”][^"]*"/);
  });
});
