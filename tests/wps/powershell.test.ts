/**
 * The Windows install scripts must run on Windows PowerShell 2.0 (what Windows 7 ships). There is no
 * PowerShell here, so the scripts are scanned for constructs newer than 2.0: each rule names the construct
 * and the PowerShell (or .NET Framework, for PowerShell 2.0 runs on .NET 2.0/3.5) version that brought it.
 * Every rule is checked against an example it must catch, so a rule that can no longer fire fails too.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, ROOT, type BuiltPackage } from './package';

interface Rule {
  construct: string;
  since: string;
  pattern: RegExp;
  example: string;
}

const RULES: Rule[] = [
  {
    construct: 'Get-ChildItem -Directory',
    since: 'PowerShell 3.0',
    pattern: /-Directory\b(?!\s*[-\w]*\s*=)/i,
    example: 'Get-ChildItem -Path $p -Directory',
  },
  {
    construct: 'Get-ChildItem -File',
    since: 'PowerShell 3.0',
    pattern: /\b(?:Get-ChildItem|gci|dir|ls)\b[^\n|]*\s-File\b/i,
    example: 'Get-ChildItem $p -File',
  },
  {
    construct: 'Get-ChildItem -Hidden / -ReadOnly / -System / -Attributes',
    since: 'PowerShell 3.0',
    pattern: /\b(?:Get-ChildItem|gci)\b[^\n|]*\s-(?:Hidden|ReadOnly|System|Attributes)\b/i,
    example: 'gci $p -Hidden',
  },
  {
    construct: 'Get-ChildItem -Depth',
    since: 'PowerShell 5.0',
    pattern: /\s-Depth\b/i,
    example: 'Get-ChildItem $p -Recurse -Depth 2',
  },
  {
    construct: '[ordered] dictionaries',
    since: 'PowerShell 3.0',
    pattern: /\[ordered\]/i,
    example: '$h = [ordered]@{ a = 1 }',
  },
  {
    construct: '[PSCustomObject] casts',
    since: 'PowerShell 3.0',
    pattern: /\[pscustomobject\]/i,
    example: '[PSCustomObject]@{ a = 1 }',
  },
  {
    construct: '::new() constructors',
    since: 'PowerShell 5.0',
    pattern: /\]::new\s*\(/i,
    example: '[System.Text.UTF8Encoding]::new($false)',
  },
  {
    construct: '-in / -notin operators',
    since: 'PowerShell 3.0',
    pattern: /\s-(?:not)?in\s/i,
    example: 'if ($a -in @(1, 2)) { }',
  },
  { construct: '$PSItem', since: 'PowerShell 3.0', pattern: /\$PSItem\b/i, example: '$list | % { $PSItem }' },
  {
    construct: '$PSScriptRoot outside a module',
    since: 'PowerShell 3.0',
    pattern: /\$PSScriptRoot\b/i,
    example: 'Join-Path $PSScriptRoot x',
  },
  {
    construct: '$PSCommandPath',
    since: 'PowerShell 3.0',
    pattern: /\$PSCommandPath\b/i,
    example: 'Split-Path $PSCommandPath',
  },
  {
    construct: 'Invoke-WebRequest / Invoke-RestMethod',
    since: 'PowerShell 3.0',
    pattern: /\bInvoke-(?:WebRequest|RestMethod)\b/i,
    example: 'Invoke-WebRequest http://x',
  },
  {
    construct: 'ConvertFrom-Json / ConvertTo-Json',
    since: 'PowerShell 3.0',
    pattern: /\bConvert(?:From|To)-Json\b/i,
    example: '$x | ConvertTo-Json',
  },
  {
    construct: 'Get-Content -Raw',
    since: 'PowerShell 3.0',
    pattern: /\bGet-Content\b[^\n|]*\s-Raw\b/i,
    example: 'Get-Content $p -Raw',
  },
  {
    construct: '-Encoding utf8NoBOM / utf8BOM',
    since: 'PowerShell 6.0',
    pattern: /-Encoding\s+['"]?utf8(?:No)?BOM/i,
    example: 'Set-Content $p $t -Encoding utf8NoBOM',
  },
  {
    construct: 'Set-Content / Out-File / Add-Content -NoNewline',
    since: 'PowerShell 5.0',
    pattern: /-NoNewline\b/i,
    example: 'Set-Content $p $t -NoNewline',
  },
  {
    construct: 'ForEach-Object -MemberName and the simplified syntax',
    since: 'PowerShell 3.0',
    pattern:
      /\b(?:ForEach-Object|Where-Object)\s+(?:-MemberName\b|-Property\b|[A-Za-z]\w*\s+-[a-z]+\b|[A-Za-z]\w*\s*(?:\||$))/im,
    example: '$list | Where-Object Name -eq x',
  },
  {
    construct: '.ForEach() / .Where() methods',
    since: 'PowerShell 4.0',
    pattern: /\.(?:ForEach|Where)\s*\(/i,
    example: '$list.Where({ $_ })',
  },
  {
    construct: 'class / enum definitions',
    since: 'PowerShell 5.0',
    pattern: /^\s*(?:class|enum)\s+\w+/im,
    example: 'class Foo { }',
  },
  {
    construct: 'using namespace / using module',
    since: 'PowerShell 5.0',
    pattern: /^\s*using\s+(?:namespace|module)\b/im,
    example: 'using namespace System.Text',
  },
  {
    construct: '-ErrorAction Ignore',
    since: 'PowerShell 3.0',
    pattern: /-ErrorAction\s+['"]?Ignore\b/i,
    example: 'Remove-Item $p -ErrorAction Ignore',
  },
  { construct: '$using: scope', since: 'PowerShell 3.0', pattern: /\$using:/i, example: 'Invoke-Command { $using:x }' },
  { construct: 'Get-FileHash', since: 'PowerShell 4.0', pattern: /\bGet-FileHash\b/i, example: 'Get-FileHash $p' },
  {
    construct: 'Expand-Archive / Compress-Archive',
    since: 'PowerShell 5.0',
    pattern: /\b(?:Expand|Compress)-Archive\b/i,
    example: 'Expand-Archive x.zip',
  },
  {
    construct: 'New-Item -ItemType SymbolicLink / Junction',
    since: 'PowerShell 5.0',
    pattern: /-ItemType\s+['"]?(?:SymbolicLink|Junction|HardLink)\b/i,
    example: 'New-Item -ItemType SymbolicLink',
  },
  {
    construct: 'Split-Path -LeafBase / -Extension',
    since: 'PowerShell 6.0',
    pattern: /\bSplit-Path\b[^\n|]*\s-(?:LeafBase|Extension)\b/i,
    example: 'Split-Path $p -LeafBase',
  },
  {
    construct: 'Join-Path -AdditionalChildPath',
    since: 'PowerShell 6.0',
    pattern: /-AdditionalChildPath\b/i,
    example: 'Join-Path a b -AdditionalChildPath c',
  },
  {
    construct: 'Write-Information',
    since: 'PowerShell 5.0',
    pattern: /\bWrite-Information\b/i,
    example: 'Write-Information hi',
  },
  { construct: 'pipeline chain operators && / ||', since: 'PowerShell 7.0', pattern: /&&|\|\|/, example: 'a && b' },
  { construct: 'null-coalescing ?? / ??=', since: 'PowerShell 7.0', pattern: /\?\?/, example: '$a ?? $b' },
  {
    construct: 'ternary operator',
    since: 'PowerShell 7.0',
    pattern: /\)\s*\?\s*[^\s?]+\s*:\s/,
    example: '($a -gt 1) ? 1 : 2',
  },
  {
    construct: '[string]::IsNullOrWhiteSpace',
    since: '.NET Framework 4.0 (PowerShell 2.0 runs on 2.0/3.5)',
    pattern: /IsNullOrWhiteSpace/i,
    example: '[string]::IsNullOrWhiteSpace($a)',
  },
  {
    construct: 'Directory.EnumerateFiles / EnumerateDirectories',
    since: '.NET Framework 4.0',
    pattern: /::Enumerate(?:Files|Directories|FileSystemEntries)\b/i,
    example: '[IO.Directory]::EnumerateFiles($p)',
  },
  {
    construct: 'Path.Combine with more than two parts',
    since: '.NET Framework 4.0',
    pattern: /Path\]::Combine\s*\([^,()]+,[^,()]+,/i,
    example: '[IO.Path]::Combine($a, $b, $c)',
  },
  {
    construct: 'Requires -Version above 2',
    since: 'the stated version',
    pattern: /#requires\s+-version\s+[3-9]/i,
    example: '#Requires -Version 3',
  },
];

/** The script without comments (`# …` to the end of a line, `<# … #>`), so that prose cannot trip a rule. */
function code(text: string): string {
  return text
    .replace(/<#[\s\S]*?#>/g, '')
    .split(/\r?\n/)
    .map((line) => {
      // A # starts a comment unless it is inside a quoted string on that line.
      let quote: string | null = null;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quote) {
          if (ch === quote) quote = null;
          else if (ch === '`') i++;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '#') return /^\s*#requires/i.test(line) ? line : line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

function newerThanPs2(text: string): string[] {
  const body = code(text);
  return RULES.filter((r) => r.pattern.test(body)).map((r) => `${r.construct} (${r.since})`);
}

let pkg: BuiltPackage;
beforeAll(() => {
  pkg = buildPackage();
});
afterAll(() => rmSync(pkg.out, { recursive: true, force: true }));

test.each(RULES.map((r) => [r.construct, r] as const))('the scanner catches %s', (_name, rule) => {
  expect(newerThanPs2(rule.example)).toContain(`${rule.construct} (${rule.since})`);
});

test('comments mentioning a construct do not count; a # inside a string does not start a comment', () => {
  expect(newerThanPs2('# Get-ChildItem -Directory needs 3.0\n<# $PSItem #>\nWrite-Host "a"')).toEqual([]);
  expect(newerThanPs2("Write-Host 'a # b' -NoNewline")).toHaveLength(1);
});

test('no curly double quote inside a double-quoted string (PowerShell reads “ and ” as quote marks there)', () => {
  for (const f of ['install.ps1', 'uninstall.ps1']) {
    const lines = code(readFileSync(join(ROOT, 'wps', 'install', f), 'utf8')).split('\n');
    // Double-quoted strings on a line (single-quoted ones may hold “…”: PowerShell leaves them alone there).
    const bad = lines.filter((l) => /"[^"']*[\u201c\u201d\u201e][^"']*"/.test(l.replace(/'[^']*'/g, "''")));
    expect({ f, bad }).toEqual({ f, bad: [] });
  }
});

test('the scripts as they were (Get-ChildItem -Directory) fail the scan', () => {
  expect(
    newerThanPs2('foreach ($old in @(Get-ChildItem -Path $JsAddons -Directory -Filter "$($Name)_*")) { }'),
  ).toEqual(['Get-ChildItem -Directory (PowerShell 3.0)']);
});

test.each(['install.ps1', 'uninstall.ps1'])('%s (source and built) uses nothing newer than PowerShell 2.0', (f) => {
  for (const text of [readFileSync(join(ROOT, 'wps', 'install', f), 'utf8'), readFileSync(join(pkg.dir, f), 'utf8')]) {
    expect(newerThanPs2(text)).toEqual([]);
  }
});

test('the scripts keep what PowerShell 2.0 needs: the script folder from $MyInvocation, folders told apart by PSIsContainer', () => {
  for (const f of ['install.ps1', 'uninstall.ps1']) {
    const text = readFileSync(join(pkg.dir, f), 'utf8');
    expect(text).toContain('$_.PSIsContainer');
    expect(text).not.toMatch(/-Filter "\$\(\$Name\)_\*"/);
  }
  expect(readFileSync(join(pkg.dir, 'install.ps1'), 'utf8')).toContain('$MyInvocation.MyCommand.Path');
});

test('the Excel package’s set-url.ps1 (packaging/excel) uses nothing newer than PowerShell 2.0 and no curly quote in a double-quoted string', () => {
  const text = readFileSync(join(ROOT, 'packaging', 'excel', 'set-url.ps1'), 'utf8');
  expect(newerThanPs2(text)).toEqual([]);
  const bad = code(text)
    .split('\n')
    .filter((l) => /"[^"']*[\u201c\u201d\u201e][^"']*"/.test(l.replace(/'[^']*'/g, "''")));
  expect(bad).toEqual([]);
});

test('install.ps1 warns when WPS is running (no PowerShell here: the code is read), before it installs and with -Check too', () => {
  const text = code(readFileSync(join(pkg.dir, 'install.ps1'), 'utf8'));
  const call = /Get-Process\s+-Name\s+([^-\n]+?)\s+-ErrorAction\s+SilentlyContinue/.exec(text);
  expect(call).not.toBeNull();
  const names = [...call![1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  // WPS 表格 runs as et.exe inside the wps.exe shell; both must count.
  expect(names).toEqual(expect.arrayContaining(['wps', 'et']));
  const warning = text.indexOf('WPS 正在运行');
  expect(warning).toBeGreaterThan(call!.index);
  expect(warning).toBeLessThan(text.indexOf('if ($Check) { exit 0 }'));
  expect(warning).toBeLessThan(text.indexOf('New-Item -ItemType Directory -Force -Path $JsAddons'));
});
