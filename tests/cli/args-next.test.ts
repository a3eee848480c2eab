/** Arguments of `jixiao next` and of `check --summary/--force`. */
import { parseArgs, UsageError } from '../../src/cli/args';
import { usage } from '../../src/cli/help';

describe('jixiao next', () => {
  test('two files, --year and --force', () => {
    expect(parseArgs(['next', 'a.xlsx', 'b.xlsx'])).toEqual({
      kind: 'next',
      last: 'a.xlsx',
      out: 'b.xlsx',
      force: false,
    });
    expect(parseArgs(['next', 'a.xlsx', 'b.xlsx', '--year', '2027', '--force'])).toEqual({
      kind: 'next',
      last: 'a.xlsx',
      out: 'b.xlsx',
      budgetYear: 2027,
      force: true,
    });
    expect(parseArgs(['help', 'next'])).toEqual({ kind: 'help', topic: 'next' });
    expect(parseArgs(['next', '--help'])).toEqual({ kind: 'help', topic: 'next' });
    expect(usage('next')).toMatch(/jixiao next 上年\.xlsx 新表\.xlsx/);
    expect(usage('main')).toMatch(/jixiao next/);
  });

  test.each([
    [['next', 'a.xlsx'], /需要两个文件/],
    [['next', 'a.xlsx', 'b.xlsx', 'c.xlsx'], /只能指定两个文件/],
    [['next', 'a.xlsx', 'b.xls'], /应以 \.xlsx 结尾/],
    [['next', 'a.xlsx', 'b.xlsx', '--year', '27'], /2000–2100/],
    [['next', 'a.xlsx', 'b.xlsx', '--year', '二〇二七'], /应为整数/],
    [['next', 'a.xlsx', 'b.xlsx', '--format', 'json'], /未知选项/],
  ])('%j is refused in Chinese', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('check --summary', () => {
  test('--summary takes an .xlsx name; --force goes with it', () => {
    expect(parseArgs(['check', 'd', '--summary', '审核汇总.xlsx', '--force'])).toEqual({
      kind: 'check',
      paths: ['d'],
      format: 'text',
      summary: '审核汇总.xlsx',
      force: true,
    });
    expect(() => parseArgs(['check', 'd', '--summary', '审核汇总.csv'])).toThrow(/应以 \.xlsx 结尾/);
    expect(() => parseArgs(['check', 'd', '--force'])).toThrow(
      /未知选项：--force（check 只在写审核汇总或标注副本时接受 --force/,
    );
    expect(usage('check')).toMatch(/--summary 文件\.xlsx/);
  });
});
