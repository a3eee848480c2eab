/** The check loop with injected workbooks: failure paths the end-to-end tests cannot provoke. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck } from '../../src/cli/check-command';
import type { CheckableWorkbook } from '../../src/cli/check-file';
import { memoryIO } from '../../src/cli/io';
import { runTemplate } from '../../src/cli/template-command';
import { createWorkbook, openWorkbook } from '../../src/cli/xlsx-workbook';
import { ALL_RULES } from '../../src/rules/index';
import type { Rule } from '../../src/rules/rule';
import { fillTemplate } from './fill';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');

let tmp: string;
let files: string[];

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-run-'));
  files = [path.join(tmp, 'a.xlsx'), path.join(tmp, 'b.xlsx')];
  for (const f of files) await fs.copyFile(EXAMPLE, f);
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('runCheck', () => {
  it('an annotated copy that cannot be saved: the file is still reported, one stderr line, exit 2', async () => {
    const io = memoryIO();
    const open = async (file: string): Promise<CheckableWorkbook> => {
      const host = await openWorkbook(file);
      return Object.assign(Object.create(host) as CheckableWorkbook, {
        save: async () => {
          throw new Error('EROFS: read-only file system');
        },
      });
    };
    const code = await runCheck(
      { kind: 'check', paths: [files[0]!], format: 'json', annotateDir: path.join(tmp, 'out') },
      io,
      open,
    );
    expect(code).toBe(2);
    const out = JSON.parse(io.stdout) as { files: { form: boolean; annotateError?: string; findings: unknown[] }[] };
    expect(out.files[0]!.form).toBe(true);
    expect(out.files[0]!.findings.length).toBeGreaterThan(0);
    expect(out.files[0]!.annotateError).toContain('无法写出标注副本');
    expect(io.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(io.stderr).toContain('磁盘或文件夹是只读的');
    expect(io.stderr).not.toContain('EROFS');
  });

  it('a host that fails while reading a sheet makes that file unreadable, not the run', async () => {
    const io = memoryIO();
    const open = async (file: string): Promise<CheckableWorkbook> => {
      const host = await openWorkbook(file);
      if (file !== files[0]) return host;
      return Object.assign(Object.create(host) as CheckableWorkbook, {
        readGrid: async () => {
          throw new Error('boom\n    at somewhere (x.js:1:1)');
        },
      });
    };
    const code = await runCheck({ kind: 'check', paths: files, format: 'text' }, io, open);
    expect(code).toBe(2);
    // The exception's English stays out of the user's sight.
    expect(io.stderr).toBe(`jixiao：${files[0]}：读取工作表时出错：程序内部错误，请把此文件反馈给开发者\n`);
    expect(io.stdout).toContain('共检查 2 个文件：有错误的 1 个，无法读取的 1 个');
  });

  it('an opener error that is not an UnreadableError is wrapped in Chinese', async () => {
    const io = memoryIO();
    const code = await runCheck({ kind: 'check', paths: [files[0]!], format: 'json' }, io, async () => {
      throw new Error('unexpected');
    });
    expect(code).toBe(2);
    expect(JSON.parse(io.stdout).files[0].error).toBe('无法读取（程序内部错误，请把此文件反馈给开发者）');
  });

  it('an annotate folder that cannot be created: one stderr line, the files are still checked and say why there is no copy, exit 2', async () => {
    const blocker = path.join(tmp, 'file-not-folder');
    await fs.writeFile(blocker, 'x');
    const io = memoryIO();
    const code = await runCheck(
      { kind: 'check', paths: files, format: 'text', annotateDir: path.join(blocker, 'out') },
      io,
      openWorkbook,
    );
    expect(code).toBe(2);
    expect(io.stderr).toBe(
      `jixiao：无法创建文件夹 ${path.join(blocker, 'out')}：${blocker} 已存在同名文件，不是文件夹\n`,
    );
    expect(io.stdout).toContain('共检查 2 个文件');
    expect(io.stdout.match(/标注副本未写出/g)).toHaveLength(2);
  });
});

describe('runCheck --annotate through a symlink', () => {
  it('an output folder that links to the input folder never overwrites the input', async () => {
    const link = path.join(tmp, 'link');
    await fs.symlink(tmp, link);
    const before = await fs.readFile(files[0]!);
    const io = memoryIO();
    const code = await runCheck(
      { kind: 'check', paths: [files[0]!], format: 'json', annotateDir: link },
      io,
      openWorkbook,
    );
    expect(code).toBe(1);
    expect(JSON.parse(io.stdout).files[0].annotated).toBe(path.join(link, 'a.校验.xlsx'));
    expect((await fs.readFile(files[0]!)).equals(before)).toBe(true);
  });
});

describe('runCheck --annotate onto a link', () => {
  it('a copy whose name is a link to an input replaces the link, never writes through it', async () => {
    const out = path.join(tmp, 'out');
    await fs.mkdir(out);
    await fs.symlink(files[0]!, path.join(out, 'b.xlsx'));
    const before = await fs.readFile(files[0]!);
    // Without --force the name is taken: refused, and said which.
    const refused = memoryIO();
    expect(
      await runCheck({ kind: 'check', paths: [files[1]!], format: 'json', annotateDir: out }, refused, openWorkbook),
    ).toBe(2);
    expect(refused.stderr).toMatch(/已有同名文件.*b\.xlsx/);
    expect((await fs.lstat(path.join(out, 'b.xlsx'))).isSymbolicLink()).toBe(true);
    const io = memoryIO();
    const code = await runCheck(
      { kind: 'check', paths: [files[1]!], format: 'json', annotateDir: out, force: true },
      io,
      openWorkbook,
    );
    expect(code).toBe(1);
    expect((await fs.readFile(files[0]!)).equals(before)).toBe(true);
    expect((await fs.lstat(path.join(out, 'b.xlsx'))).isSymbolicLink()).toBe(false);
    expect((await fs.readdir(out)).sort()).toEqual(['b.xlsx']);
  });
});

describe('runCheck with a rule that crashes', () => {
  it('a clean form checked by a crashing rule is not clean: an error naming the rule, exit 1', async () => {
    const file = path.join(tmp, '空白.xlsx');
    const made = await runTemplate(
      {
        kind: 'template',
        out: file,
        department: '',
        budgetYear: 2026,
        projectRows: 1,
        prefillCommon: true,
        force: false,
      },
      memoryIO(),
      createWorkbook,
    );
    expect(made).toBe(0);
    await fillTemplate(file);
    const clean = memoryIO();
    expect(await runCheck({ kind: 'check', paths: [file], format: 'text' }, clean, openWorkbook)).toBe(0);

    const crashing: Rule = {
      meta: {
        id: 'test-crash',
        severity: 'warning',
        section: 'funding',
        title: '测试规则',
        description: '测试',
        messages: {},
      },
      check() {
        throw new TypeError("Cannot read properties of undefined (reading 'current')");
      },
    };
    ALL_RULES.push(crashing);
    try {
      const io = memoryIO();
      const code = await runCheck({ kind: 'check', paths: [file], format: 'text' }, io, openWorkbook);
      expect(code).toBe(1);
      expect(io.stdout).toContain('错误    —  规则“测试规则”（test-crash）检查时程序出错');
      expect(io.stdout).not.toContain('Cannot read');
    } finally {
      ALL_RULES.pop();
    }
  });
});
