/**
 * Issue 21, point 15: folders and files the user may not read. An unreadable subfolder of a batch is said (没有权限)
 * in its place, the batch goes on and the run's summary lists it; a path named explicitly behind a folder that may
 * not be searched is 没有权限, never 找不到. Through the real command line, with real EACCES: run as root (where
 * mode 000 stops nothing), the command line is started as the user nobody by setpriv. The same refusals are
 * injected into discover() in tests/cli/discover.test.ts, which runs wherever this cannot.
 */
import { spawnSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { EXAMPLE } from '../helpers/xlsx-package';
import { buildCli } from '../cli/run-cli';
import { BIN } from './run';
import { expectChineseOnly, tempDir } from './in-support';

const SETPRIV = '/usr/bin/setpriv';
const root = process.getuid?.() === 0;
/** As root, the command line runs as nobody, so that permissions apply; elsewhere as the user running the tests. */
const asUser = root ? [SETPRIV, '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
const runnable = !root || existsSync(SETPRIV);

let tmp: string;

interface Entry {
  file: string;
  form: boolean;
  error?: string;
}

function jixiao(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const [cmd, ...pre] = [...asUser, process.execPath];
  const r = spawnSync(cmd, [...pre, BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  buildCli();
  tmp = await tempDir();
  // Open to the user the command line runs as: it writes the summary here.
  await fs.chmod(tmp, 0o777);
  for (const d of ['batch/ok', 'batch/secret']) await fs.mkdir(path.join(tmp, d), { recursive: true });
  for (const f of ['batch/ok/a.xlsx', 'batch/secret/b.xlsx', 'batch/locked.xlsx'])
    await fs.copyFile(EXAMPLE, path.join(tmp, f));
  for (const d of ['batch', 'batch/ok']) await fs.chmod(path.join(tmp, d), 0o755);
  await fs.chmod(path.join(tmp, 'batch/ok/a.xlsx'), 0o644);
  await fs.chmod(path.join(tmp, 'batch/secret'), 0o000);
  await fs.chmod(path.join(tmp, 'batch/locked.xlsx'), 0o000);
});

afterAll(async () => {
  await fs.chmod(path.join(tmp, 'batch/secret'), 0o755).catch(() => undefined);
  await fs.rm(tmp, { recursive: true, force: true });
});

const FOLDER_DENIED = '没有权限读取这个文件夹，其中的文件没有校验';

(runnable ? describe : describe.skip)('files and folders without permission (issue 21 point 15)', () => {
  it('an unreadable subfolder and file of a batch are said with 没有权限, the rest is checked, the summary lists them', async () => {
    const r = jixiao(['check', 'batch', '--format', 'json', '--summary', 'summary.xlsx']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { files: Entry[]; summary: { files: number; unreadable: number } };
    expect(out.files.map((f) => [f.file, f.form, f.error])).toEqual([
      ['batch/locked.xlsx', false, '没有读取权限'],
      ['batch/ok/a.xlsx', true, undefined],
      ['batch/secret', false, FOLDER_DENIED],
    ]);
    expect(out.summary).toMatchObject({ files: 3, unreadable: 2 });
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([`jixiao：batch/locked.xlsx：没有读取权限`, `jixiao：batch/secret：${FOLDER_DENIED}`]);
    expectChineseOnly(r.stderr);
    // The review summary has a row for the folder too, with the reason.
    const parts = unzipSync(await fs.readFile(path.join(tmp, 'summary.xlsx')));
    const strings = Object.entries(parts)
      .filter(([name]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name))
      .map(([, data]) => strFromU8(data))
      .join('');
    expect(strings).toContain('batch/secret');
    expect(strings).toContain(FOLDER_DENIED);
  });

  it('named explicitly, a file behind a folder that may not be searched is 没有权限, not 找不到', () => {
    const r = jixiao(['check', 'batch/secret/b.xlsx', 'batch/secret', 'batch/ok/a.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'jixiao：batch/secret/b.xlsx：没有权限访问这个路径（它所在的文件夹不允许读取）',
      `jixiao：batch/secret：${FOLDER_DENIED}`,
    ]);
    expect(r.stderr).not.toMatch(/找不到|不存在/);
    expect(r.stdout).toMatch(/共检查 3 个文件：有错误的 1 个，无法读取的 2 个/);
  });

  it('next on a file it may not read says 没有读取权限 and writes nothing', async () => {
    const r = jixiao(['next', 'batch/secret/b.xlsx', 'next.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/batch\/secret\/b\.xlsx：没有读取权限/);
    expectChineseOnly(r.stderr);
    expect(existsSync(path.join(tmp, 'next.xlsx'))).toBe(false);
  });
});
