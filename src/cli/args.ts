import { MAX_HORIZON_YEARS, MAX_PROJECT_ROWS } from '../template';

/**
 * argv → a command. Hand-written rather than a dependency: two commands and a
 * dozen options do not justify one, and every message must be in Chinese.
 */

export type OutputFormat = 'text' | 'json';

export interface TemplateCommand {
  kind: 'template';
  out: string;
  department: string;
  budgetYear: number;
  horizonYear?: number;
  projectRows?: number;
  prefillCommon: boolean;
  filler?: string;
  phone?: string;
  force: boolean;
}

export interface CheckCommand {
  kind: 'check';
  paths: string[];
  format: OutputFormat;
  annotateDir?: string;
  budgetYear?: number;
  /** --summary: the review workbook (审核汇总) to write at the end of the run. */
  summary?: string;
  /** --force: the summary and the annotated copies may replace existing files. */
  force?: boolean;
  /** Files checked at once (--jobs); absent: one per core. */
  jobs?: number;
  /** --previous: last year's form (a file) or forms (a folder) to compare with. */
  previous?: string;
  /** --no-cache: last year's forms are read afresh, and nothing is kept (previous-cache.ts). */
  noCache?: boolean;
}

export interface NextCommand {
  kind: 'next';
  last: string;
  out: string;
  /** NEXT's budget year; by default LAST's + 1. */
  budgetYear?: number;
  force: boolean;
}

export type HelpTopic = 'main' | 'check' | 'template' | 'next';

export type Command =
  TemplateCommand | CheckCommand | NextCommand | { kind: 'help'; topic: HelpTopic } | { kind: 'version' };

/** Bad arguments; the message is Chinese and shown with the usage of `topic`. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly topic: HelpTopic,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionKind = 'flag' | 'value';

const TEMPLATE_OPTIONS: Record<string, OptionKind> = {
  department: 'value',
  year: 'value',
  horizon: 'value',
  projects: 'value',
  'no-common': 'flag',
  filler: 'value',
  phone: 'value',
  force: 'flag',
  help: 'flag',
};

const CHECK_OPTIONS: Record<string, OptionKind> = {
  format: 'value',
  annotate: 'value',
  summary: 'value',
  force: 'flag',
  year: 'value',
  jobs: 'value',
  previous: 'value',
  'no-cache': 'flag',
  help: 'flag',
};

const NEXT_OPTIONS: Record<string, OptionKind> = {
  year: 'value',
  force: 'flag',
  help: 'flag',
};

interface Split {
  positional: string[];
  options: Map<string, string | true>;
}

/** Separates options from positional arguments; accepts `--opt value`, `--opt=value` and `--`. */
function splitArgs(args: string[], known: Record<string, OptionKind>, topic: HelpTopic): Split {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`未知选项：${arg}`, topic);
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = known[name];
    if (!kind) throw new UsageError(`未知选项：--${name}`, topic);
    if (options.has(name)) throw new UsageError(`选项 --${name} 重复出现`, topic);
    if (kind === 'flag') {
      if (eq >= 0) throw new UsageError(`选项 --${name} 不带取值`, topic);
      options.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    // "--department --force" is a missing value, not a department called "--force".
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`选项 --${name} 需要一个取值`, topic);
    options.set(name, value);
  }
  return { positional, options };
}

function stringOption(split: Split, name: string): string | undefined {
  const v = split.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Parses a whole number; `what` names it in the message. Ranges of template
 * parameters are checked by validateTemplateParams, so they live in one place.
 */
function intOption(split: Split, name: string, what: string, topic: HelpTopic): number | undefined {
  const raw = stringOption(split, name);
  if (raw === undefined) return undefined;
  // A sign is part of an integer: "-1" is out of range (said below), not "not an integer".
  if (!/^[+-]?\d{1,15}$/.test(raw.trim())) throw new UsageError(`--${name} 应为整数（${what}），实际为“${raw}”`, topic);
  return Number(raw.trim());
}

/** intOption within [min, max]; `kind` is 年份 or 整数, `what` explains the bounds. */
function rangedOption(
  split: Split,
  name: string,
  what: string,
  bounds: { min: number; max: number; kind: '年份' | '整数' },
  topic: HelpTopic,
): number | undefined {
  const n = intOption(split, name, what, topic);
  if (n !== undefined && (n < bounds.min || n > bounds.max)) {
    const raw = stringOption(split, name)!;
    throw new UsageError(
      `--${name} 应为 ${bounds.min}–${bounds.max} 之间的${bounds.kind}（${what}），实际为“${raw}”`,
      topic,
    );
  }
  return n;
}

/** The earliest and latest 预算年度 the form and the command line accept. */
const YEAR_BOUNDS = { min: 2000, max: 2100, kind: '年份' } as const;

function parseTemplate(args: string[], now: Date): Command {
  const split = splitArgs(args, TEMPLATE_OPTIONS, 'template');
  if (split.options.has('help')) return { kind: 'help', topic: 'template' };
  if (split.positional.length === 0) throw new UsageError('缺少输出文件名（例如：申报表.xlsx）', 'template');
  if (split.positional.length > 1)
    throw new UsageError(`只能指定一个输出文件，实际给了 ${split.positional.length} 个`, 'template');
  const out = split.positional[0]!;
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`输出文件名应以 .xlsx 结尾：${out}`, 'template');
  const budgetYear = rangedOption(split, 'year', '预算年度', YEAR_BOUNDS, 'template') ?? now.getFullYear() + 1;
  const horizonYear = rangedOption(
    split,
    'horizon',
    `长期目标截止年份，不早于预算年度、不晚于其后 ${MAX_HORIZON_YEARS} 年`,
    { min: budgetYear, max: budgetYear + MAX_HORIZON_YEARS, kind: '年份' },
    'template',
  );
  const cmd: TemplateCommand = {
    kind: 'template',
    out,
    department: stringOption(split, 'department') ?? '',
    budgetYear,
    prefillCommon: !split.options.has('no-common'),
    force: split.options.has('force'),
  };
  if (horizonYear !== undefined) cmd.horizonYear = horizonYear;
  const projectRows = rangedOption(
    split,
    'projects',
    '项目行数',
    { min: 0, max: MAX_PROJECT_ROWS, kind: '整数' },
    'template',
  );
  if (projectRows !== undefined) cmd.projectRows = projectRows;
  const filler = stringOption(split, 'filler');
  if (filler !== undefined) cmd.filler = filler;
  const phone = stringOption(split, 'phone');
  if (phone !== undefined) cmd.phone = phone;
  return cmd;
}

function parseCheck(args: string[]): Command {
  const split = splitArgs(args, CHECK_OPTIONS, 'check');
  if (split.options.has('help')) return { kind: 'help', topic: 'check' };
  if (split.positional.length === 0) throw new UsageError('缺少要校验的文件、文件夹或通配符', 'check');
  const format = stringOption(split, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`--format 只能是 text 或 json，实际为“${format}”`, 'check');
  }
  const cmd: CheckCommand = { kind: 'check', paths: split.positional, format };
  const annotateDir = stringOption(split, 'annotate');
  if (annotateDir !== undefined) cmd.annotateDir = annotateDir;
  const budgetYear = rangedOption(split, 'year', '预算年度', YEAR_BOUNDS, 'check');
  if (budgetYear !== undefined) cmd.budgetYear = budgetYear;
  const summary = stringOption(split, 'summary');
  if (summary !== undefined) {
    if (!/\.xlsx$/i.test(summary)) throw new UsageError(`审核汇总的文件名应以 .xlsx 结尾：${summary}`, 'check');
    cmd.summary = summary;
  }
  if (split.options.has('force')) {
    if (summary === undefined && annotateDir === undefined)
      throw new UsageError(
        '未知选项：--force（check 只在写审核汇总或标注副本时接受 --force：它允许 --summary、--annotate 覆盖已有的文件）',
        'check',
      );
    cmd.force = true;
  }
  const jobs = rangedOption(split, 'jobs', '同时校验的文件数', { min: 1, max: 64, kind: '整数' }, 'check');
  if (jobs !== undefined) cmd.jobs = jobs;
  const previous = stringOption(split, 'previous');
  if (previous !== undefined) cmd.previous = previous;
  if (split.options.has('no-cache')) {
    if (previous === undefined)
      throw new UsageError(
        '未知选项：--no-cache（它只与 --previous 一起使用：不使用也不保存上年申报表的缓存）',
        'check',
      );
    cmd.noCache = true;
  }
  return cmd;
}

function parseNext(args: string[]): Command {
  const split = splitArgs(args, NEXT_OPTIONS, 'next');
  if (split.options.has('help')) return { kind: 'help', topic: 'next' };
  if (split.positional.length < 2)
    throw new UsageError('需要两个文件：上一年度的申报表和新申报表（例如：jixiao next 2026.xlsx 2027.xlsx）', 'next');
  if (split.positional.length > 2)
    throw new UsageError(`只能指定两个文件，实际给了 ${split.positional.length} 个`, 'next');
  const [last, out] = split.positional as [string, string];
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`新申报表的文件名应以 .xlsx 结尾：${out}`, 'next');
  const cmd: NextCommand = { kind: 'next', last, out, force: split.options.has('force') };
  const budgetYear = rangedOption(split, 'year', '新申报表的预算年度', YEAR_BOUNDS, 'next');
  if (budgetYear !== undefined) cmd.budgetYear = budgetYear;
  return cmd;
}

/** argv without node and script. `now` gives the default budget year (next year). */
export function parseArgs(argv: string[], now: Date = new Date()): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { kind: 'help', topic: 'main' };
  if (first === '--version' || first === '-V' || first === '-v') return { kind: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { kind: 'help', topic: 'main' };
    if (topic === 'check' || topic === 'template' || topic === 'next') return { kind: 'help', topic };
    throw new UsageError(`没有名为“${topic}”的命令`, 'main');
  }
  if (first === 'template') return parseTemplate(rest, now);
  if (first === 'check') return parseCheck(rest);
  if (first === 'next') return parseNext(rest);
  throw new UsageError(first.startsWith('-') ? `未知选项：${first}` : `没有名为“${first}”的命令`, 'main');
}
