import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discover, isLockFile } from '../../src/cli/discover';

let root: string;

async function touch(rel: string): Promise<void> {
  const p = path.join(root, rel);
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, 'x');
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-discover-'));
  await touch('a.xlsx');
  await touch('b.XLSX');
  await touch('~$a.xlsx');
  await touch('notes.txt');
  await touch('sub/c.xlsx');
  await touch('sub/deep/d.xlsx');
  await touch('sub/~$c.xlsx');
  await touch('out/a.xlsx');
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const rel = (targets: { path: string }[]): string[] =>
  targets.map((t) => path.relative(root, t.path).split(path.sep).join('/'));

describe('discover', () => {
  it('recurses a folder for *.xlsx, sorted, without lock files or other files', async () => {
    const targets = await discover([root]);
    expect(rel(targets)).toEqual(['a.xlsx', 'b.XLSX', 'out/a.xlsx', 'sub/c.xlsx', 'sub/deep/d.xlsx']);
    expect(targets.every((t) => !('error' in t))).toBe(true);
  });

  it('skips the annotate folder inside a searched folder', async () => {
    const targets = await discover([root], { annotateDir: path.join(root, 'out') });
    expect(rel(targets)).toEqual(['a.xlsx', 'b.XLSX', 'sub/c.xlsx', 'sub/deep/d.xlsx']);
  });

  it('earlier suffixed copies are skipped in every searched folder; the annotate folder itself is searched', async () => {
    await touch('a.校验.xlsx');
    await touch('a.校验(2).xlsx');
    await touch('sub/c.校验.xlsx');
    const targets = await discover([root], { annotateDir: root });
    expect(rel(targets)).toEqual(['a.xlsx', 'b.XLSX', 'out/a.xlsx', 'sub/c.xlsx', 'sub/deep/d.xlsx']);
    // Named explicitly, a copy is checked.
    expect(rel(await discover([path.join(root, 'a.校验.xlsx')], { annotateDir: root }))).toEqual(['a.校验.xlsx']);
  });

  it('gives the real path of every file it lists, through links and a linked folder', async () => {
    await fs.symlink(path.join(root, 'sub', 'c.xlsx'), path.join(root, 'link.xlsx'));
    const via = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-discover-via-'));
    try {
      await fs.symlink(path.join(root, 'sub'), path.join(via, 'sub'));
      const realPaths = new Map<string, string>();
      const targets = await discover([path.join(via, 'sub', 'deep', 'd.xlsx'), root], { realPaths });
      const real = async (p: string) => fs.realpath(p);
      // Listed once each: the link and c.xlsx are one file, and d.xlsx was named through the linked folder.
      expect(rel(targets).slice(1)).toEqual(['a.xlsx', 'b.XLSX', 'link.xlsx', 'out/a.xlsx']);
      expect(realPaths.size).toBe(targets.length);
      for (const t of targets) expect(realPaths.get(t.path)).toBe(await real(t.path));
      expect(realPaths.get(path.join(root, 'link.xlsx'))).toBe(await real(path.join(root, 'sub', 'c.xlsx')));
    } finally {
      await fs.rm(via, { recursive: true, force: true });
    }
  });

  it('takes an explicit file whatever its extension, and lists each file once', async () => {
    const a = path.join(root, 'a.xlsx');
    const targets = await discover([a, path.join(root, 'notes.txt'), root]);
    expect(rel(targets)).toEqual(['a.xlsx', 'notes.txt', 'b.XLSX', 'out/a.xlsx', 'sub/c.xlsx', 'sub/deep/d.xlsx']);
  });

  it('expands *, ** and ? patterns the shell left alone', async () => {
    expect(rel(await discover([path.join(root, '*.xlsx')]))).toEqual(['a.xlsx']);
    expect(rel(await discover([path.join(root, 'sub/**/*.xlsx')]))).toEqual(['sub/c.xlsx', 'sub/deep/d.xlsx']);
    expect(rel(await discover([path.join(root, '?.xlsx')]))).toEqual(['a.xlsx']);
    expect(rel(await discover([`${root}/**/?.xlsx`]))).toEqual([
      'a.xlsx',
      'out/a.xlsx',
      'sub/c.xlsx',
      'sub/deep/d.xlsx',
    ]);
  });

  it('a folder matched by a pattern is searched like a folder argument', async () => {
    expect(rel(await discover([path.join(root, 's*')]))).toEqual(['sub/c.xlsx', 'sub/deep/d.xlsx']);
  });

  it('a missing path is a file that cannot be read; an unmatched pattern and an empty folder name no file', async () => {
    await fs.mkdir(path.join(root, 'empty'));
    const targets = await discover([path.join(root, 'nope.xlsx'), path.join(root, '*.pdf'), path.join(root, 'empty')]);
    expect(targets).toEqual([
      { path: path.join(root, 'nope.xlsx'), error: '找不到该文件或文件夹' },
      { path: path.join(root, '*.pdf'), problem: '没有与该通配符匹配的文件' },
      { path: path.join(root, 'empty'), problem: '文件夹中没有 .xlsx 文件' },
    ]);
  });

  it('ends on a symlink loop', async () => {
    await fs.symlink(root, path.join(root, 'sub', 'loop'));
    const targets = await discover([root]);
    expect(rel(targets)).toEqual(['a.xlsx', 'b.XLSX', 'out/a.xlsx', 'sub/c.xlsx', 'sub/deep/d.xlsx']);
  });

  it('recognises Office lock files', () => {
    expect(isLockFile('~$申报表.xlsx')).toBe(true);
    expect(isLockFile('申报表.xlsx')).toBe(false);
  });
});

/**
 * Permission refusals, from a file system that says no (as root, chmod 000 does not stop reading: the refusals
 * are injected here, the real ones are in tests/hostile/in-permissions.test.ts).
 */
describe('discover on folders and paths it may not read (issue 21)', () => {
  const denied = (syscall: string, p: string) =>
    Object.assign(new Error(`EACCES: permission denied, ${syscall} '${p}'`), { code: 'EACCES', syscall, path: p });

  afterEach(() => jest.restoreAllMocks());

  /** readdir of the folders `dirs` and stat of the paths `paths` fail with EACCES; the rest is the real disk. */
  function sayNo(dirs: string[], paths: string[] = []): void {
    const readdir = fs.readdir.bind(fs);
    const stat = fs.stat.bind(fs);
    jest.spyOn(fs, 'readdir').mockImplementation((async (p: string, o: unknown) => {
      if (dirs.includes(path.resolve(p))) throw denied('scandir', p);
      return readdir(p, o as never);
    }) as never);
    jest.spyOn(fs, 'stat').mockImplementation((async (p: string) => {
      if (paths.includes(path.resolve(p))) throw denied('stat', p);
      return stat(p);
    }) as never);
  }

  it('an unreadable subfolder is named in its place, with 没有权限, and the batch goes on', async () => {
    sayNo([path.join(root, 'sub')]);
    const targets = await discover([root]);
    expect(rel(targets)).toEqual(['a.xlsx', 'b.XLSX', 'out/a.xlsx', 'sub']);
    expect(targets[3]).toEqual({ path: path.join(root, 'sub'), error: '没有权限读取这个文件夹，其中的文件没有校验' });
    expect(targets.slice(0, 3).every((t) => !('error' in t))).toBe(true);
  });

  it('a folder named explicitly that cannot be listed is 没有权限, not an empty folder', async () => {
    sayNo([path.join(root, 'sub')]);
    expect(await discover([path.join(root, 'sub')])).toEqual([
      { path: path.join(root, 'sub'), error: '没有权限读取这个文件夹，其中的文件没有校验' },
    ]);
  });

  it('a file named explicitly whose folder may not be searched is 没有权限, not 找不到', async () => {
    const file = path.join(root, 'sub', 'c.xlsx');
    sayNo([], [file]);
    expect(await discover([file])).toEqual([{ path: file, error: '没有权限访问这个路径（它所在的文件夹不允许读取）' }]);
    expect(await discover([path.join(root, 'nope.xlsx')])).toEqual([
      { path: path.join(root, 'nope.xlsx'), error: '找不到该文件或文件夹' },
    ]);
  });

  it('a glob names an unreadable folder only where the pattern could match inside it', async () => {
    sayNo([path.join(root, 'sub')]);
    const deep = await discover([path.join(root, '**', '*.xlsx')]);
    expect(deep.filter((t) => 'error' in t)).toEqual([
      { path: path.join(root, 'sub'), error: '没有权限读取这个文件夹，其中的文件没有校验' },
    ]);
    const oneLevel = await discover([path.join(root, '*', '*.xlsx')]);
    expect(oneLevel.filter((t) => 'error' in t).map((t) => t.path)).toEqual([path.join(root, 'sub')]);
    const top = await discover([path.join(root, '*.xlsx')]);
    expect(top.filter((t) => 'error' in t)).toEqual([]);
    expect(rel(top)).toEqual(['a.xlsx']);
  });
});
