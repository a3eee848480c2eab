/**
 * One way per thing in the command line (issue 20): one error base class checked with
 * instanceof, one "find the form in this workbook", one atomic write.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { findForm } from '../../src/read/find-form';
import { isReaderError, UnreadableError } from '../../src/cli/xlsx-workbook';
import type { Grid } from '../../src/sheet/grid';
import { FileError } from '../../src/xlsx/errors';
import { NotAWorkbookError } from '../../src/xlsx/package/package';
import { UnsafeXmlError, XmlError, XmlLimitError } from '../../src/xlsx/package/xml';
import { LimitError, ZipError } from '../../src/xlsx/package/zip';
import { PackageError } from '../../src/xlsx/patch-cells';
import { SheetRangeError } from '../../src/xlsx/reader/sheet';
import { buildGrid } from '../helpers/grid-builder';
import { typedForm } from '../read/fixtures';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

// The file host's opener (src/host/file) is the command line's too, and the panes' for a picked workbook.
const cliAndXlsx = [
  ...sources(path.join(SRC, 'cli')),
  ...sources(path.join(SRC, 'xlsx')),
  ...sources(path.join(SRC, 'host', 'file')),
].map((f) => ({
  file: path.relative(SRC, f).split(path.sep).join('/'),
  text: readFileSync(f, 'utf8'),
}));

describe('file errors: one base class, recognised with instanceof', () => {
  test.each(
    [
      new LimitError('文件过大'),
      new ZipError('文件已损坏'),
      new XmlError('xl/workbook.xml', '意外的结尾'),
      new UnsafeXmlError('xl/workbook.xml'),
      new XmlLimitError('xl/sharedStrings.xml'),
      new NotAWorkbookError('缺少 xl/workbook.xml'),
      new SheetRangeError('工作表过大'),
      new PackageError('文件已损坏'),
      new UnreadableError('文件是空的（0 字节）'),
    ].map((e) => [e.name, e] as const),
  )('%s is a FileError the CLI shows as it is', (_name, err) => {
    expect(err).toBeInstanceOf(FileError);
    expect(isReaderError(err)).toBe(true);
  });

  test('an error merely named like one is not taken for a file error', () => {
    const impostor = new Error('Invalid typed array length');
    impostor.name = 'LimitError';
    expect(isReaderError(impostor)).toBe(false);
  });

  test('no error is recognised by its name string in src/cli or src/xlsx', () => {
    const byName = /\.name\s*[!=]==\s*'\w*Error'|ERRORS\s*=\s*new Set\(/;
    expect(cliAndXlsx.filter((f) => byName.test(f.text)).map((f) => f.file)).toEqual([]);
  });
});

describe('findForm: the one "which sheet is the form"', () => {
  const form = (sheet: string): Grid => {
    const spec = typedForm();
    return buildGrid(spec.rows, { sheet, merges: spec.merges, numFmt: spec.numFmt });
  };
  const note = (sheet: string): Grid => buildGrid([['说明'], ['随手记']], { sheet });

  test('a visible form is chosen before a hidden one earlier in the tab order, and the other is named', async () => {
    const grids = [form('旧表'), note('封面'), form('附件2'), note('备注')];
    const found = await findForm({
      sheetNames: async () => grids.map((g) => g.sheet),
      readGrid: async (name) => grids.find((g) => g.sheet === name)!,
      sheetStates: async () =>
        grids.map((g) => ({ name: g.sheet, state: g.sheet === '旧表' ? ('hidden' as const) : ('visible' as const) })),
    });
    expect(found.form && found.read.declaration.sheet).toBe('附件2');
    expect(found.form && found.state).toBe('visible');
    expect(found.form && found.notes.join('\n')).toMatch(/另有“旧表”（隐藏）未校验/);
  });

  test('no form: the reason names every sheet looked at', async () => {
    const grids = [note('封面'), note('备注')];
    const found = await findForm({
      sheetNames: async () => grids.map((g) => g.sheet),
      readGrid: async (name) => grids.find((g) => g.sheet === name)!,
    });
    expect(found.form).toBe(false);
    expect(!found.form && found.reason).toMatch(/“封面”、“备注”/);
  });

  test('the CLI reads the form only through findForm (src/read/find-form.ts, shared with the panes’ picked file)', () => {
    const readers = cliAndXlsx.filter((f) => /\b(findDeclaration|readDeclaration)\(/.test(f.text)).map((f) => f.file);
    expect(readers).toEqual([]);
    const shared = readFileSync(path.join(SRC, 'read', 'find-form.ts'), 'utf8');
    expect(shared).toMatch(/\breadDeclaration\(/);
    const previousFile = readFileSync(path.join(SRC, 'app', 'previous-file.ts'), 'utf8');
    expect(previousFile).toMatch(/\bfindForm\(/);
  });
});

test('every file the CLI writes is renamed into place by writeAtomically alone', () => {
  // code-cache.ts writes V8's code cache at build time, in its own bundle before the CLI loads.
  const renames = cliAndXlsx
    .filter((f) => /\brename(Sync)?\(/.test(f.text) && f.file !== 'cli/code-cache.ts')
    .map((f) => f.file);
  expect(renames).toEqual(['cli/fs-safe.ts']);
});
