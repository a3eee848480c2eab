/**
 * deploy/excel/nginx/jixiao.conf served by a real nginx (issue 17): the add-in's site under /jixiao/, as
 * every guide writes its address. The pane page, the help page and the manifest are never cached (an
 * exact `location = /taskpane.html` let /jixiao/taskpane.html be cached for a week: an update would not
 * reach Excel), the other files are cached, every file type has its MIME type, http goes to https.
 * Needs nginx and openssl (.ci/run installs nginx-light and openssl).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as plainRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const CONF = join(__dirname, '..', '..', 'deploy', 'excel', 'nginx', 'jixiao.conf');
jest.setTimeout(60_000);

let dir: string;
let nginx: ChildProcess | undefined;
let https = 0;
let http = 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(path: string, secure = true): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: secure ? https : http, path, agent: false as const };
    const req = secure
      ? request({ ...options, rejectUnauthorized: false, servername: 'addins.example.gov.cn' }, done)
      : plainRequest({ ...options, headers: { host: 'addins.example.gov.cn' } }, done);
    function done(res: import('node:http').IncomingMessage) {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }
    req.on('error', reject);
    req.end();
  });
}

/** The config as an admin fills it in: the three values its header names, and this test's ports. */
function filledIn(conf: string): string {
  const edits: [RegExp, string][] = [
    [/listen 80;/, `listen 127.0.0.1:${http};`],
    [/listen 443 ssl;/, `listen 127.0.0.1:${https} ssl;`],
    [/ssl_certificate\s+\S+;/, `ssl_certificate ${join(dir, 'site.crt')};`],
    [/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${join(dir, 'site.key')};`],
    [/root \S+;/, `root ${join(dir, 'www')};`],
  ];
  for (const [re, to] of edits) {
    // Each value is where the header says it is: a changed layout fails here, not silently.
    expect({ edit: String(re), found: re.test(conf) }).toEqual({ edit: String(re), found: true });
    conf = conf.replace(re, to);
  }
  return conf;
}

beforeAll(async () => {
  if (!existsSync(NGINX)) {
    throw new Error(`nginx is missing at ${NGINX}: install it with "apt-get update && apt-get install -y nginx-light"`);
  }
  dir = mkdtempSync(join(tmpdir(), 'jixiao-nginx-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=addins.example.gov.cn'].concat([
      '-keyout',
      join(dir, 'site.key'),
      '-out',
      join(dir, 'site.crt'),
    ]),
    { stdio: 'ignore' },
  );
  const site = join(dir, 'www', 'jixiao');
  mkdirSync(join(site, 'assets'), { recursive: true });
  mkdirSync(join(site, 'office-js'), { recursive: true });
  const files: Record<string, string> = {
    'taskpane.html': '<!doctype html><title>绩效申报助手</title>',
    'help.html': '<!doctype html><title>帮助</title>',
    'manifest.xml': '<?xml version="1.0" encoding="UTF-8"?><OfficeApp/>',
    'manifest.xml.bak': '<OfficeApp/>',
    'taskpane.0123abcd.js': 'var a = 1;',
    'taskpane.0123abcd.js.map': '{}',
    'office-js/office.js': 'var Office = {};',
    'assets/logo-32.png': '\x89PNG',
    'assets/font.woff2': 'wOF2',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(site, name), text);
  http = await freePort();
  https = await freePort();
  writeFileSync(join(dir, 'jixiao.conf'), filledIn(readFileSync(CONF, 'utf8')));
  // The http block of Debian's /etc/nginx/nginx.conf: the system's MIME types are inherited, as on a server.
  const mime = existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : '';
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'daemon off;',
      'events {}',
      `http { ${mime} default_type application/octet-stream; access_log off;`,
      `  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir};`,
      `  uwsgi_temp_path ${dir}; scgi_temp_path ${dir};`,
      `  include ${join(dir, 'jixiao.conf')}; }`,
    ].join('\n'),
  );
  // `nginx -t` as the guide says: the configuration is accepted without a warning.
  const t = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
  expect({ status: t.status, warnings: t.stderr.split('\n').filter((l) => /\[(warn|emerg|error)\]/.test(l)) }).toEqual({
    status: 0,
    warnings: [],
  });
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await get('/jixiao/taskpane.html');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
});

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const ended = new Promise((r) => nginx!.once('exit', r));
    nginx.kill('SIGTERM');
    await ended;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const noStore = (r: Reply) => {
  const cc = String(r.headers['cache-control'] ?? '');
  return /no-store/.test(cc) && /no-cache/.test(cc) && !/max-age=[1-9]/.test(cc) && r.headers.expires === undefined;
};

test.each([
  ['/jixiao/taskpane.html', 'text/html', '绩效申报助手'],
  ['/jixiao/', 'text/html', '绩效申报助手'],
  ['/jixiao/help.html', 'text/html', '帮助'],
  ['/jixiao/manifest.xml', 'text/xml', 'OfficeApp'],
])('%s: served as %s, never cached', async (path, type, text) => {
  const r = await get(path);
  expect(r.status).toBe(200);
  expect(r.body).toContain(text);
  expect(String(r.headers['content-type'])).toMatch(new RegExp(`^${type}; charset=utf-8$`));
  expect({ path, cacheControl: r.headers['cache-control'], noStore: noStore(r) }).toEqual({
    path,
    cacheControl: r.headers['cache-control'],
    noStore: true,
  });
  expect(r.headers['x-content-type-options']).toBe('nosniff');
});

test.each([
  ['/jixiao/taskpane.0123abcd.js', /^text\/javascript; charset=utf-8$/],
  ['/jixiao/taskpane.0123abcd.js.map', /^application\/json; charset=utf-8$/],
  ['/jixiao/office-js/office.js', /^text\/javascript; charset=utf-8$/],
  ['/jixiao/assets/logo-32.png', /^image\/png$/],
  ['/jixiao/assets/font.woff2', /^font\/woff2$/],
])('%s: its MIME type, cached for a week', async (path, type) => {
  const r = await get(path);
  expect(r.status).toBe(200);
  expect(String(r.headers['content-type'])).toMatch(type);
  expect(r.headers['cache-control']).toBe('max-age=604800');
  expect(r.headers['x-content-type-options']).toBe('nosniff');
});

test('a file that is not there is 404; http is sent to https', async () => {
  expect((await get('/jixiao/nothing.js')).status).toBe(404);
  const r = await get('/jixiao/taskpane.html', false);
  expect(r.status).toBe(301);
  expect(r.headers.location).toBe('https://addins.example.gov.cn/jixiao/taskpane.html');
});
