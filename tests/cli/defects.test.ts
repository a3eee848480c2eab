/**
 * The command line's smaller defects found by a hostile tester (issue 9): each
 * case as the user meets it, through the built bin in a child process where a
 * hang or the real file system is the point.
 */
import { execFileSync, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { discover } from '../../src/cli/discover';
import { describeError } from '../../src/cli/errors';
import { validateTemplateParams } from '../../src/template';
import { BIN, buildCli, EXAMPLE, parseJson, type CliRun } from './run-cli';

let tmp: string;

beforeAll(() => {
  buildCli();
});

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-defects-'));
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The bin with a short time limit: a hang shows as code null instead of stalling the suite. */
function run(args: string[], timeout = 20_000): CliRun & { timedOut: boolean } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
    timeout,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.status === null };
}

async function example(name: string, dir = tmp): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const p = path.join(dir, name);
  await fs.copyFile(EXAMPLE, p);
  return p;
}

const CHINESE = /[\u4e00-\u9fff]/;
/** English words of a library or the runtime: what must not reach a finance officer. */
const ENGLISH = /\b(?:E[A-Z]{3,}|Cannot|Invalid|undefined|TypeError|RangeError|Error)\b/;

/** The output with this run's temporary folder named as <tmp>: its random name (…-EECDJG) is no English word. */
function withoutTmp(text: string): string {
  return text.split(tmp).join('<tmp>');
}

function usage(argv: string[]): UsageError {
  try {
    parseArgs(argv, new Date(2025, 5, 1));
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('--annotate to a path that is a file', () => {
  it('JSON: stdout is still one complete document naming the file, each entry says why no copy was written, exit 2', async () => {
    const file = await example('表.xlsx');
    const blocker = path.join(tmp, '已标注');
    await fs.writeFile(blocker, 'x');
    const r = run(['check', file, '--annotate', blocker, '--format', 'json']);
    expect(r.code).toBe(2);
    const out = parseJson(r);
    expect(out.files.map((f) => f.file)).toEqual([file]);
    expect(out.files[0]!.form).toBe(true);
    expect((out.files[0] as { annotateError?: string }).annotateError).toMatch(/已存在同名文件，不是文件夹/);
    expect(r.stderr).toMatch(CHINESE);
    expect(withoutTmp(r.stderr)).not.toMatch(ENGLISH);
  });
});

describe('folders that cannot be made', () => {
  it('--annotate under /proc ends at once with a Chinese reason', async () => {
    const file = await example('表.xlsx');
    const r = run(['check', file, '--annotate', '/proc/jixiao-no/such', '--format', 'json']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/无法创建.*\/proc\/jixiao-no/);
    expect(withoutTmp(r.stderr)).not.toMatch(ENGLISH);
    expect(parseJson(r).files.map((f) => f.file)).toEqual([file]);
  });

  it('template under /proc ends at once with a Chinese reason', () => {
    const r = run(['template', '/proc/jixiao-no/t.xlsx', '--year', '2026']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^jixiao：无法写出 \/proc\/jixiao-no\/t\.xlsx：/);
    expect(withoutTmp(r.stderr)).not.toMatch(ENGLISH);
  });

  it('template under a path whose parent is a file says so', async () => {
    await fs.writeFile(path.join(tmp, '文件'), 'x');
    const r = run(['template', path.join(tmp, '文件', 't.xlsx'), '--year', '2026']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是文件夹');
    expect(withoutTmp(r.stderr)).not.toMatch(ENGLISH);
  });
});

describe('template --force onto a symlink', () => {
  it('replaces the link and leaves the file it pointed at alone', async () => {
    const victim = path.join(tmp, '别人的文件.xlsx');
    await fs.writeFile(victim, 'do not touch');
    const link = path.join(tmp, '模板.xlsx');
    await fs.symlink(victim, link);
    const r = run(['template', link, '--year', '2026', '--force']);
    expect(r.code).toBe(0);
    expect(await fs.readFile(victim, 'utf8')).toBe('do not touch');
    const st = await fs.lstat(link);
    expect(st.isSymbolicLink()).toBe(false);
    expect(st.isFile()).toBe(true);
    expect(run(['check', link, '--format', 'json']).code).not.toBe(2);
  });
});

describe('characters a workbook cannot hold', () => {
  it('a department name with U+FFFE or a control character is refused with a Chinese message', () => {
    const r = run(['template', path.join(tmp, 't.xlsx'), '--year', '2026', '--department', '信访\uFFFE局']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('部门（单位）名称');
    expect(r.stderr).toContain('U+FFFE');
    const problems = validateTemplateParams({
      department: 'a',
      budgetYear: 2026,
      prefillCommon: true,
      filler: '张\u0001三',
      phone: '0714\uD800',
    });
    expect(problems.join('\n')).toMatch(/填报人.*U\+0001/);
    expect(problems.join('\n')).toMatch(/联系电话.*U\+D800/);
  });

  it('a name with characters that are fine in a workbook (tab, emoji, CJK extension) makes a template that reads back', () => {
    const out = path.join(tmp, 't.xlsx');
    expect(run(['template', out, '--year', '2026', '--department', '信访\t局😀𠀀']).code).toBe(0);
    const r = run(['check', out, '--format', 'json']);
    expect(r.code).not.toBe(2);
    expect(parseJson(r).files[0]!.form).toBe(true);
  });
});

describe('which files a run checks', () => {
  it('the same file reached through a symlink is checked once', async () => {
    const real = await example('表.xlsx', path.join(tmp, 'forms'));
    await fs.symlink(real, path.join(tmp, 'forms', '链接.xlsx'));
    await fs.symlink(path.join(tmp, 'forms'), path.join(tmp, 'forms-link'));
    const targets = await discover([path.join(tmp, 'forms'), path.join(tmp, 'forms-link', '表.xlsx'), real]);
    expect(targets.filter((t) => !('error' in t) && !('problem' in t))).toHaveLength(1);
  });

  it('a glob that matches nothing is an error for that pattern, not a file checked', async () => {
    const file = await example('表.xlsx');
    const pattern = path.join(tmp, '*.pdf');
    const r = run(['check', pattern, file, '--format', 'json']);
    expect(r.code).toBe(2);
    const out = parseJson(r) as ReturnType<typeof parseJson> & { problems?: { path: string; error: string }[] };
    expect(out.files.map((f) => f.file)).toEqual([file]);
    expect(out.summary.files).toBe(1);
    expect(out.summary.unreadable).toBe(0);
    expect(out.problems).toEqual([{ path: pattern, error: '没有与该通配符匹配的文件' }]);
    expect(r.stderr).toBe(`jixiao：${pattern}：没有与该通配符匹配的文件\n`);
    const text = run(['check', pattern, file]);
    expect(text.stdout).toContain('共检查 1 个文件');
  });

  it('earlier annotated copies (名称.校验.xlsx) in a searched folder are skipped, without --annotate too', async () => {
    await example('表.xlsx', path.join(tmp, 'forms'));
    await example('表.校验.xlsx', path.join(tmp, 'forms'));
    await example('表.校验(2).xlsx', path.join(tmp, 'forms', 'sub'));
    const folder = await discover([path.join(tmp, 'forms')]);
    expect(folder.map((t) => path.basename(t.path))).toEqual(['表.xlsx']);
    const glob = await discover([path.join(tmp, 'forms', '**', '*.xlsx')]);
    expect(glob.map((t) => path.basename(t.path))).toEqual(['表.xlsx']);
    // Named on its own, a copy is checked: the user asked for it.
    const named = await discover([path.join(tmp, 'forms', '表.校验.xlsx')]);
    expect(named).toEqual([{ path: path.join(tmp, 'forms', '表.校验.xlsx') }]);
  });

  it('a FIFO is named as what it is, never opened (which would block), and not called missing', async () => {
    const fifo = path.join(tmp, '管道.xlsx');
    execFileSync('mkfifo', [fifo]);
    const r = run(['check', fifo, '--format', 'json']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    const entry = parseJson(r).files[0]!;
    expect(entry.error).toBe('这是一个命名管道（FIFO），不是文件');
    expect(r.stderr).not.toContain('找不到');
  });
});

describe('numeric options', () => {
  it('--horizon outside budget year … budget year + 20 is refused', () => {
    expect(usage(['template', 'a.xlsx', '--year', '2026', '--horizon', '999999']).message).toBe(
      '--horizon 应为 2026–2046 之间的年份（长期目标截止年份，不早于预算年度、不晚于其后 20 年），实际为“999999”',
    );
    expect(usage(['template', 'a.xlsx', '--year', '2026', '--horizon', '2025']).message).toContain('2026–2046');
    expect(parseArgs(['template', 'a.xlsx', '--year', '2026', '--horizon', '2046'])).toMatchObject({
      horizonYear: 2046,
    });
  });

  it('--projects -1 is out of range, not “not an integer”', () => {
    expect(usage(['template', 'a.xlsx', '--projects', '-1']).message).toBe(
      '--projects 应为 0–500 之间的整数（项目行数），实际为“-1”',
    );
    expect(usage(['template', 'a.xlsx', '--projects', '501']).message).toContain('0–500');
    expect(usage(['template', 'a.xlsx', '--projects', '1.5']).message).toBe(
      '--projects 应为整数（项目行数），实际为“1.5”',
    );
  });

  it('--year out of range for template as for check', () => {
    expect(usage(['template', 'a.xlsx', '--year', '99999']).message).toBe(
      '--year 应为 2000–2100 之间的年份（预算年度），实际为“99999”',
    );
  });
});

describe('library English never reaches the user', () => {
  const errno = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    [errno('EEXIST', "EEXIST: file already exists, mkdir '/x'"), '已存在同名的文件或文件夹'],
    [errno('ENOENT', "ENOENT: no such file or directory, open '/x'"), '文件或文件夹不存在'],
    [errno('ENOTDIR', 'ENOTDIR: not a directory'), '路径中的某一级不是文件夹'],
    [errno('EROFS', 'EROFS: read-only file system'), '磁盘或文件夹是只读的'],
    [errno('ENOSPC', 'ENOSPC: no space left on device'), '磁盘空间不足'],
    [new RangeError('Invalid string length'), '文件过大：内容超出了程序能处理的范围'],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), '程序内部错误，请把此文件反馈给开发者'],
    [errno('EWHATEVER', 'EWHATEVER: something'), '系统错误（错误代码 EWHATEVER）'],
  ])('%s', (err, chinese) => {
    expect(describeError(err)).toBe(chinese);
  });

  it('a Chinese message of our own passes through, on one line', () => {
    expect(describeError(new Error('工作表“表”不存在\n    at x (y.js:1:1)'))).toBe('工作表“表”不存在');
  });
});

describe('a file name with line breaks', () => {
  it('keeps one line per problem in the text output and on stderr', async () => {
    const file = await example('甲\n乙.xlsx');
    const r = run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`${path.join(tmp, '甲\\n乙.xlsx')}（工作表：附件2，部门：阳新县信访局）`);
    const bad = path.join(tmp, '坏\r\n文件.xlsx');
    await fs.writeFile(bad, 'not a zip');
    const e = run(['check', bad]);
    expect(e.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(e.stderr).toContain('坏\\r\\n文件.xlsx');
  });
});
