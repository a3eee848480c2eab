/**
 * The install and uninstall scripts of the built package, run for real (sh)
 * against a temporary home folder: the jsaddons layout and publish.xml WPS
 * expects, other add-ins' entries kept, upgrades, and uninstall taking away
 * exactly what install added. The Windows scripts are checked for content
 * (no PowerShell here).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildPackage, type BuiltPackage } from './package';

let pkg: BuiltPackage;
const homes: string[] = [];

beforeAll(() => {
  pkg = buildPackage();
});

afterAll(() => {
  for (const h of [...homes, pkg.out]) rmSync(h, { recursive: true, force: true });
});

function newHome(): string {
  const h = mkdtempSync(join(tmpdir(), 'jixiao-home-'));
  homes.push(h);
  return h;
}

const LINUX = (home: string) => join(home, '.local', 'share', 'Kingsoft', 'wps', 'jsaddons');
const MAC = (home: string) =>
  join(home, 'Library', 'Containers', 'com.kingsoft.wpsoffice.mac', 'Data', '.kingsoft', 'wps', 'jsaddons');

function run(script: string, home: string, env: Record<string, string> = {}, dir = pkg.dir) {
  const r = spawnSync('sh', [join(dir, script)], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

interface Entry {
  tag: string;
  attrs: Record<string, string>;
}

function entries(xml: string): Entry[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (_n, _p, _l, isAttribute) => !isAttribute,
  }).parse(xml) as {
    jsplugins: Record<string, Record<string, string>[]>[];
  };
  const root = doc.jsplugins[0] ?? {};
  return ['jsplugin', 'jspluginonline'].flatMap((tag) => (root[tag] ?? []).map((attrs) => ({ tag, attrs })));
}

const OTHER_PUBLISH = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<jsplugins>',
  '  <jsplugin name="oaassist" type="wps" url="oaassist_1.2.0" version="1.2.0" enable="enable_dev" install="null"/>',
  '  <jspluginonline name="jixiao2" type="et" url="http://127.0.0.1:3889/" enable="enable_dev" install="null"/>',
  '</jsplugins>',
  '',
].join('\n');

test('install.sh copies the add-in into jsaddons/jixiao_<version> and registers it in a new publish.xml', () => {
  const home = newHome();
  const r = run('install.sh', home);
  expect(r.status).toBe(0);
  expect(r.out).toContain('已安装绩效申报助手');
  expect(r.out).toContain('信任');
  const jsaddons = LINUX(home);
  const target = join(jsaddons, pkg.folder);
  for (const f of [
    'index.html',
    'main.js',
    'ribbon.xml',
    'manifest.xml',
    'taskpane.html',
    'taskpane.js',
    'images/validate.png',
    'uninstall.sh',
  ])
    expect(existsSync(join(target, f))).toBe(true);
  expect(readFileSync(join(target, 'main.js'))).toEqual(readFileSync(join(pkg.dir, 'main.js')));
  expect(readdirSync(jsaddons).sort()).toEqual([pkg.folder, 'publish.xml'].sort());
  const publish = readFileSync(join(jsaddons, 'publish.xml'), 'utf8');
  expect(entries(publish)).toEqual([
    {
      tag: 'jsplugin',
      attrs: {
        name: 'jixiao',
        type: 'et',
        url: pkg.folder,
        version: pkg.version,
        enable: 'enable_dev',
        install: 'null',
        customDomain: '',
      },
    },
  ]);
  // In the order wpsjs build writes them.
  expect(/<jsplugin ([^/]*)\/>/.exec(publish)![1]!.match(/\w+(?==)/g)).toEqual([
    'name',
    'type',
    'url',
    'version',
    'enable',
    'install',
    'customDomain',
  ]);
  // The line in build/wps/publish.xml is the one install writes.
  const built = readFileSync(join(pkg.out, 'publish.xml'), 'utf8');
  expect(entries(built)).toEqual(entries(publish));
});

test('other add-ins’ entries survive install, and uninstall gives publish.xml back byte for byte', () => {
  const home = newHome();
  const jsaddons = LINUX(home);
  mkdirSync(join(jsaddons, 'oaassist_1.2.0'), { recursive: true });
  writeFileSync(join(jsaddons, 'publish.xml'), OTHER_PUBLISH);
  expect(run('install.sh', home).status).toBe(0);
  const after = entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8'));
  expect(after.map((e) => `${e.tag}:${e.attrs.name}`)).toEqual([
    'jsplugin:oaassist',
    'jsplugin:jixiao',
    'jspluginonline:jixiao2',
  ]);
  expect(existsSync(join(jsaddons, 'oaassist_1.2.0'))).toBe(true);

  // Uninstall from the installed copy, as an officer would after deleting the USB folder.
  const r = run('uninstall.sh', home, {}, join(jsaddons, pkg.folder));
  expect(r.status).toBe(0);
  expect(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).toBe(OTHER_PUBLISH);
  expect(readdirSync(jsaddons).sort()).toEqual(['oaassist_1.2.0', 'publish.xml']);
});

test('uninstall after a fresh install leaves jsaddons as install found it (publish.xml was created by install)', () => {
  const home = newHome();
  expect(run('install.sh', home).status).toBe(0);
  expect(run('uninstall.sh', home).status).toBe(0);
  expect(readdirSync(LINUX(home))).toEqual([]);
});

test('installing twice keeps one entry; a newer version replaces an older one and its entry', () => {
  const home = newHome();
  const jsaddons = LINUX(home);
  // An older version of the package: the same scripts with another version number.
  const old = join(mkdtempSync(join(tmpdir(), 'jixiao-old-')), 'jixiao_0.0.9');
  homes.push(join(old, '..'));
  cpSync(pkg.dir, old, { recursive: true });
  const lib = join(old, 'jsaddons.sh');
  writeFileSync(lib, readFileSync(lib, 'utf8').replace(`JIXIAO_VERSION=${pkg.version}`, 'JIXIAO_VERSION=0.0.9'));
  mkdirSync(jsaddons, { recursive: true });
  writeFileSync(join(jsaddons, 'publish.xml'), OTHER_PUBLISH);
  expect(run('install.sh', home, {}, old).status).toBe(0);
  expect(existsSync(join(jsaddons, 'jixiao_0.0.9'))).toBe(true);
  expect(run('install.sh', home).status).toBe(0);
  expect(run('install.sh', home).status).toBe(0);
  expect(existsSync(join(jsaddons, 'jixiao_0.0.9'))).toBe(false);
  const mine = entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).filter((e) => e.attrs.name === 'jixiao');
  expect(mine).toHaveLength(1);
  expect(mine[0]!.attrs.version).toBe(pkg.version);
  expect(run('uninstall.sh', home).status).toBe(0);
  expect(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).toBe(OTHER_PUBLISH);
});

test('a publish.xml written on one line, with a non-self-closing jixiao entry and a look-alike name, is edited in place', () => {
  const home = newHome();
  const jsaddons = LINUX(home);
  mkdirSync(jsaddons, { recursive: true });
  const oneLine =
    '<jsplugins><jsplugin name="jixiao_old" type="et" url="x_1" version="1"/>' +
    "<jsplugin name='jixiao' type='et' url='jixiao_0.0.1' version='0.0.1'></jsplugin></jsplugins>";
  writeFileSync(join(jsaddons, 'publish.xml'), oneLine);
  expect(run('install.sh', home).status).toBe(0);
  const list = entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8'));
  expect(list.map((e) => `${e.attrs.name}@${e.attrs.version}`)).toEqual(['jixiao_old@1', `jixiao@${pkg.version}`]);
  expect(run('uninstall.sh', home).status).toBe(0);
  expect(entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).map((e) => e.attrs.name)).toEqual(['jixiao_old']);
});

test('an unreadable publish.xml is kept aside and a new one written', () => {
  const home = newHome();
  const jsaddons = LINUX(home);
  mkdirSync(jsaddons, { recursive: true });
  writeFileSync(join(jsaddons, 'publish.xml'), 'not xml at all');
  const r = run('install.sh', home);
  expect(r.status).toBe(0);
  expect(r.out).toContain('publish.xml.jixiao-broken');
  expect(readFileSync(join(jsaddons, 'publish.xml.jixiao-broken'), 'utf8')).toBe('not xml at all');
  expect(entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).map((e) => e.attrs.name)).toEqual(['jixiao']);
});

test('run from a folder that is not the package, install.sh refuses with a Chinese message', () => {
  const home = newHome();
  const lonely = mkdtempSync(join(tmpdir(), 'jixiao-lonely-'));
  homes.push(lonely);
  for (const f of ['install.sh', 'jsaddons.sh']) cpSync(join(pkg.dir, f), join(lonely, f));
  const r = run('install.sh', home, {}, lonely);
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('没有在');
  expect(existsSync(join(LINUX(home), 'publish.xml'))).toBe(false);
});

test('install.sh refuses to run under sudo (it would install into root’s home)', () => {
  const home = newHome();
  const r = spawnSync('sh', [join(pkg.dir, 'install.sh')], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, SUDO_USER: 'someone' },
    encoding: 'utf8',
  });
  if (process.getuid?.() === 0) {
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('sudo');
  } else {
    expect(r.status).toBe(0);
  }
});

test('install-macos.sh installs into the WPS container of the Mac, uninstall-macos.sh removes it', () => {
  const home = newHome();
  mkdirSync(join(home, 'Library', 'Containers', 'com.kingsoft.wpsoffice.mac'), { recursive: true });
  expect(run('install-macos.sh', home).status).toBe(0);
  const jsaddons = MAC(home);
  expect(existsSync(join(jsaddons, pkg.folder, 'ribbon.xml'))).toBe(true);
  expect(entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).map((e) => e.attrs.url)).toEqual([pkg.folder]);
  expect(existsSync(LINUX(home))).toBe(false);
  expect(run('uninstall-macos.sh', home).status).toBe(0);
  expect(readdirSync(jsaddons)).toEqual([]);
});

test('the scripts are plain POSIX sh (dash accepts them) and the package is self-contained', () => {
  for (const f of ['install.sh', 'uninstall.sh', 'install-macos.sh', 'uninstall-macos.sh', 'jsaddons.sh']) {
    expect(() => execFileSync('sh', ['-n', join(pkg.dir, f)])).not.toThrow();
    expect(readFileSync(join(pkg.dir, f), 'utf8')).not.toContain('\r');
    expect(readFileSync(join(pkg.dir, f), 'utf8')).not.toContain('@VERSION@');
  }
  expect(readFileSync(join(pkg.dir, '安装说明.txt'), 'utf8')).toContain(`jixiao_${pkg.version}`);
});

describe('Windows scripts (content only: no PowerShell on this machine)', () => {
  const read = (f: string) => readFileSync(join(pkg.dir, f));

  test('install.ps1: UTF-8 with BOM and CRLF, %APPDATA%\\kingsoft\\wps\\jsaddons, the same entry, other entries kept', () => {
    const raw = read('install.ps1');
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain("Join-Path $env:APPDATA 'kingsoft\\wps\\jsaddons'");
    expect(text).toContain(`$Version = '${pkg.version}'`);
    expect(text).toContain("SelectNodes(\"jsplugin[@name='$Name'] | jspluginonline[@name='$Name']\")");
    for (const [k, v] of [
      ['name', '$Name'],
      ['type', "'et'"],
      ['url', '"$($Name)_$Version"'],
      ['version', '$Version'],
      ['enable', "'enable_dev'"],
      ['install', "'null'"],
      ['customDomain', "''"],
    ])
      expect(text).toContain(`$entry.SetAttribute('${k}', ${v})`);
    expect(text).toContain('UTF8Encoding($false)');
    expect(text).toContain('信任');
  });

  test('uninstall.ps1 removes only jixiao’s folder and entry', () => {
    const text = read('uninstall.ps1').toString('utf8');
    expect(text).toContain("$_.Name -match ('^' + $Name + '_\\d+(\\.\\d+)*$')");
    expect(text).toContain("SelectNodes(\"jsplugin[@name='$Name'] | jspluginonline[@name='$Name']\")");
    expect(text).toContain("SelectNodes('jsplugin|jspluginonline').Count");
  });

  test('install.bat / uninstall.bat run the PowerShell scripts beside them, CRLF, plain ASCII and no chcp 65001', () => {
    for (const [bat, ps1] of [
      ['install.bat', 'install.ps1'],
      ['uninstall.bat', 'uninstall.ps1'],
    ]) {
      const raw = read(bat!);
      const text = raw.toString('utf8');
      expect(text).not.toMatch(/[^\r]\n/);
      expect(text).toContain(`powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0${ps1}"`);
      // cmd reads a batch file in the console's code page: ASCII reads the same in every one, so no code page
      // switch is needed (chcp 65001 is known to make cmd's batch processing unstable); PowerShell writes the
      // Chinese messages to the console itself.
      expect([...raw].every((b) => b < 0x80)).toBe(true);
      expect(text).not.toMatch(/chcp/i);
    }
  });
});

describe('install.sh says what WPS it finds, and installs either way', () => {
  /** A PATH whose dpkg-query knows only the given package (or none), as on a Debian-based desktop. */
  function fakeDpkg(pkgName: string | null, version = ''): string {
    const bin = mkdtempSync(join(tmpdir(), 'jixiao-bin-'));
    homes.push(bin);
    const script = [
      '#!/bin/sh',
      '# dpkg-query -W -f=FORMAT PACKAGE',
      'for last; do :; done',
      pkgName ? `[ "$last" = "${pkgName}" ] && { printf 'install ok installed ${version}'; exit 0; }` : ':',
      'echo "dpkg-query: no packages found matching $last" >&2',
      'exit 1',
      '',
    ].join('\n');
    writeFileSync(join(bin, 'dpkg-query'), script, { mode: 0o755 });
    writeFileSync(join(bin, 'rpm'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    return `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  }

  const cases: [string, string | null, string, string, RegExp][] = [
    ['no WPS at all', null, '', '', /没有找到 WPS Office/],
    [
      'the Linux personal edition',
      'wps-office',
      '11.1.0.11720',
      '',
      /个人版 11\.1\.0\.11720[\s\S]*没有说明 Linux 个人版能否加载 JS 加载项[\s\S]*11\.1\.0\.117xx 可以加载/,
    ],
    [
      'an enterprise build below the floor',
      'cn.wps.wps-office-pro',
      '11.8.2.9022',
      '',
      /11\.8\.2\.9022[\s\S]*低于 JS 加载项所需的 11\.8\.2\.9346/,
    ],
    [
      'an enterprise build at the floor',
      'cn.wps.wps-office-pro',
      '11.8.2.9346',
      '',
      /检测到 WPS Office 11\.8\.2\.9346.*支持 JS 加载项/,
    ],
    ['WPS 12', 'cn.wps.wps-office-pro', '12.8.2.21555', '', /检测到 WPS Office 12\.8\.2\.21555/],
    [
      'an older professional build numbered 11.1',
      'cn.wps.wps-office-pro',
      '11.1.0.10314',
      '',
      /11\.1\.0\.10314[\s\S]*低于 JS 加载项所需的 11\.8\.2\.9346/,
    ],
    ['WPS 2016 (no JS add-ins)', 'wps-office', '10.1.0.6757', '', /10\.1\.0\.6757.*不能加载 JS 加载项/],
    ['a WPS folder without a package', null, '', 'dir', /检测到 WPS Office：.*无法读出版本号/],
  ];
  test.each(cases)('%s', (_what, pkgName, version, dir, said) => {
    const home = newHome();
    const wpsDir = dir ? join(home, 'opt', 'kingsoft', 'wps-office') : '';
    if (wpsDir) mkdirSync(wpsDir, { recursive: true });
    const env = { PATH: fakeDpkg(pkgName, version), JIXIAO_WPS_DIRS: wpsDir };
    const check = run('install.sh', home, env);
    expect(check.status).toBe(0);
    expect(check.out).toMatch(said);
    // Installed whatever was found.
    expect(check.out).toContain('已安装绩效申报助手');
    expect(existsSync(join(LINUX(home), pkg.folder, 'main.js'))).toBe(true);
    if (!/at the floor|WPS 12/.test(_what)) expect(check.out).toContain('加载项文件仍会');
  });

  test('a running WPS is named (it must be quit after installing); none running, no warning', () => {
    for (const [procs, warned] of [
      ['bash\n/opt/kingsoft/wps-office/office6/et\nsshd', true],
      ['bash\nwpsoffice', true],
      ['bash\nsshd\nwpsx', false],
    ] as const) {
      const home = newHome();
      const r = run('install.sh', home, { PATH: fakeDpkg(null, ''), JIXIAO_WPS_DIRS: '', JIXIAO_PROCESSES: procs });
      expect(r.status).toBe(0);
      expect(r.out.includes('WPS 正在运行')).toBe(warned);
      expect(existsSync(join(LINUX(home), pkg.folder, 'main.js'))).toBe(true);
    }
  });

  test('--check only reports', () => {
    const home = newHome();
    const r = spawnSync('sh', [join(pkg.dir, 'install.sh'), '--check'], {
      env: { PATH: fakeDpkg('wps-office', '11.1.0.11720'), HOME: home, JIXIAO_WPS_DIRS: '' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('个人版');
    expect(existsSync(LINUX(home))).toBe(false);
  });
});

test('a <jspluginonline name="jixiao"> left by wpsjs debug is removed on install and uninstall; neighbours stay', () => {
  const home = newHome();
  const jsaddons = LINUX(home);
  mkdirSync(jsaddons, { recursive: true });
  const withDebug = OTHER_PUBLISH.replace(
    '</jsplugins>',
    '  <jspluginonline name="jixiao" type="et" url="http://127.0.0.1:3889/" debug="" enable="enable_dev" install="null" customDomain=""/>\n</jsplugins>',
  );
  writeFileSync(join(jsaddons, 'publish.xml'), withDebug);
  const r = run('install.sh', home);
  expect(r.status).toBe(0);
  expect(r.out).toContain('jspluginonline');
  const after = entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8'));
  expect(after.filter((e) => e.attrs.name === 'jixiao').map((e) => e.tag)).toEqual(['jsplugin']);
  expect(after.map((e) => `${e.tag}:${e.attrs.name}`).sort()).toEqual(
    ['jsplugin:oaassist', 'jsplugin:jixiao', 'jspluginonline:jixiao2'].sort(),
  );
  // A leftover written again after install (another wpsjs debug run) goes on uninstall too.
  writeFileSync(
    join(jsaddons, 'publish.xml'),
    readFileSync(join(jsaddons, 'publish.xml'), 'utf8').replace(
      '</jsplugins>',
      '<jspluginonline name="jixiao" type="et" url="http://127.0.0.1:3889/"></jspluginonline>\n</jsplugins>',
    ),
  );
  expect(run('uninstall.sh', home).status).toBe(0);
  expect(entries(readFileSync(join(jsaddons, 'publish.xml'), 'utf8')).map((e) => `${e.tag}:${e.attrs.name}`)).toEqual([
    'jsplugin:oaassist',
    'jspluginonline:jixiao2',
  ]);
});

test('only jixiao_<version> folders are this add-in’s: jixiao_tools_1.0 and jixiao_backup survive install and uninstall', () => {
  const home = newHome();
  const jsaddons = LINUX(home);
  for (const d of ['jixiao_tools_1.0', 'jixiao_backup', 'jixiao_0.0.9', 'jixiao_1.2.3.4'])
    mkdirSync(join(jsaddons, d), { recursive: true });
  writeFileSync(join(jsaddons, 'jixiao_tools_1.0', 'main.js'), 'other');
  expect(run('install.sh', home).status).toBe(0);
  expect(readdirSync(jsaddons).sort()).toEqual(['jixiao_tools_1.0', 'jixiao_backup', pkg.folder, 'publish.xml'].sort());
  expect(run('uninstall.sh', home).status).toBe(0);
  expect(readdirSync(jsaddons).sort()).toEqual(['jixiao_backup', 'jixiao_tools_1.0']);
  expect(readFileSync(join(jsaddons, 'jixiao_tools_1.0', 'main.js'), 'utf8')).toBe('other');
});

test('macOS: the older ~/Library/Application Support/Kingsoft/WPS Office/jsaddons is covered too, beside the container', () => {
  const home = newHome();
  const older = join(home, 'Library', 'Application Support', 'Kingsoft', 'WPS Office', 'jsaddons');
  mkdirSync(join(home, 'Library', 'Application Support', 'Kingsoft'), { recursive: true });
  expect(run('install-macos.sh', home).status).toBe(0);
  expect(existsSync(join(older, pkg.folder, 'ribbon.xml'))).toBe(true);
  expect(existsSync(MAC(home))).toBe(false);
  mkdirSync(join(home, 'Library', 'Containers', 'com.kingsoft.wpsoffice.mac'), { recursive: true });
  expect(run('install-macos.sh', home).status).toBe(0);
  for (const dir of [older, MAC(home)]) {
    expect(existsSync(join(dir, pkg.folder, 'main.js'))).toBe(true);
    expect(entries(readFileSync(join(dir, 'publish.xml'), 'utf8')).map((e) => e.attrs.url)).toEqual([pkg.folder]);
  }
  expect(run('uninstall-macos.sh', home).status).toBe(0);
  expect(readdirSync(older)).toEqual([]);
  expect(readdirSync(MAC(home))).toEqual([]);
});

test('every shell script passes sh -n, dash -n and bash -n', () => {
  const shells = ['sh', 'dash', 'bash'].filter((s) => spawnSync(s, ['-c', 'true']).status === 0);
  expect(shells).toContain('sh');
  for (const f of ['install.sh', 'uninstall.sh', 'install-macos.sh', 'uninstall-macos.sh', 'jsaddons.sh']) {
    for (const shell of shells) {
      const r = spawnSync(shell, ['-n', join(pkg.dir, f)], { encoding: 'utf8' });
      expect({ f, shell, status: r.status, err: r.stderr }).toEqual({ f, shell, status: 0, err: '' });
    }
  }
});
