import { parseArgs, UsageError, type CheckCommand, type TemplateCommand } from '../../src/cli/args';

const NOW = new Date(2025, 10, 26);

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv, NOW);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('parseArgs: help and version', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j shows the main help', (argv) => {
    expect(parseArgs(argv, NOW)).toEqual({ kind: 'help', topic: 'main' });
  });

  it('help check / check --help show the check help', () => {
    expect(parseArgs(['help', 'check'], NOW)).toEqual({ kind: 'help', topic: 'check' });
    expect(parseArgs(['check', '--help'], NOW)).toEqual({ kind: 'help', topic: 'check' });
    expect(parseArgs(['template', '-h'], NOW)).toEqual({ kind: 'help', topic: 'template' });
  });

  it('--version', () => {
    expect(parseArgs(['--version'], NOW)).toEqual({ kind: 'version' });
  });

  it('an unknown command is a usage error in Chinese', () => {
    const err = usageError(['verify', 'a.xlsx']);
    expect(err.message).toBe('没有名为“verify”的命令');
    expect(err.topic).toBe('main');
    expect(usageError(['help', 'nope']).message).toContain('nope');
  });
});

describe('parseArgs: template', () => {
  it('defaults: next year, common indicators, no force', () => {
    const cmd = parseArgs(['template', 'out.xlsx'], NOW) as TemplateCommand;
    expect(cmd).toEqual({
      kind: 'template',
      out: 'out.xlsx',
      department: '',
      budgetYear: 2026,
      prefillCommon: true,
      force: false,
    });
  });

  it('reads every option, in both --opt value and --opt=value forms', () => {
    const cmd = parseArgs(
      [
        'template',
        '--department',
        '某某县信访局',
        '--year=2027',
        '--horizon',
        '2031',
        '--projects',
        '6',
        '--no-common',
        '--filler',
        '张三',
        '--phone=0714-7654321',
        '--force',
        '申报表.xlsx',
      ],
      NOW,
    ) as TemplateCommand;
    expect(cmd).toEqual({
      kind: 'template',
      out: '申报表.xlsx',
      department: '某某县信访局',
      budgetYear: 2027,
      horizonYear: 2031,
      projectRows: 6,
      prefillCommon: false,
      filler: '张三',
      phone: '0714-7654321',
      force: true,
    });
  });

  it.each([
    [['template'], '缺少输出文件名'],
    [['template', 'a.xlsx', 'b.xlsx'], '只能指定一个输出文件'],
    [['template', 'a.xls'], '应以 .xlsx 结尾'],
    [['template', 'a.xlsx', '--year', '二〇二六'], '--year 应为整数'],
    [['template', 'a.xlsx', '--year'], '--year 需要一个取值'],
    [['template', 'a.xlsx', '--department', '--force'], '--department 需要一个取值'],
    [['template', 'a.xlsx', '--colour'], '未知选项：--colour'],
    [['template', 'a.xlsx', '--force=yes'], '--force 不带取值'],
    [['template', 'a.xlsx', '--force', '--force'], '重复出现'],
    [['template', 'a.xlsx', '-x'], '未知选项：-x'],
  ])('%j → usage error “%s”', (argv, fragment) => {
    const err = usageError(argv);
    expect(err.message).toContain(fragment);
    expect(err.topic).toBe('template');
  });
});

describe('parseArgs: check', () => {
  it('collects paths and options', () => {
    const cmd = parseArgs(['check', 'a.xlsx', 'dir', '--format', 'json', '--annotate', 'out', '--year', '2026'], NOW);
    expect(cmd).toEqual<CheckCommand>({
      kind: 'check',
      paths: ['a.xlsx', 'dir'],
      format: 'json',
      annotateDir: 'out',
      budgetYear: 2026,
    });
  });

  it('text is the default format; -- ends the options', () => {
    expect(parseArgs(['check', '--', '--odd-name.xlsx'], NOW)).toEqual({
      kind: 'check',
      paths: ['--odd-name.xlsx'],
      format: 'text',
    });
  });

  it.each([
    [['check'], '缺少要校验的文件'],
    [['check', 'a.xlsx', '--format', 'xml'], '--format 只能是 text 或 json'],
    [['check', 'a.xlsx', '--year', '1999'], '2000–2100'],
    [['check', 'a.xlsx', '--force'], '未知选项：--force'],
  ])('%j → usage error “%s”', (argv, fragment) => {
    const err = usageError(argv);
    expect(err.message).toContain(fragment);
    expect(err.topic).toBe('check');
  });
});
