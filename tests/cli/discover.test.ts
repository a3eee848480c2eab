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
