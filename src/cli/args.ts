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
  /** Files checked at once (--jobs); absent: one per core. */
  jobs?: number;
}

export type HelpTopic = 'main' | 'check' | 'template';

export type Command = TemplateCommand | CheckCommand | { kind: 'help'; topic: HelpTopic } | { kind: 'version' };

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
  year: 'value',
  jobs: 'value',
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
  if (!/^\d{1,6}$/.test(raw.trim())) throw new UsageError(`--${name} 应为整数（${what}），实际为“${raw}”`, topic);
  return Number(raw.trim());
}

function parseTemplate(args: string[], now: Date): Command {
  const split = splitArgs(args, TEMPLATE_OPTIONS, 'template');
  if (split.options.has('help')) return { kind: 'help', topic: 'template' };
  if (split.positional.length === 0) throw new UsageError('缺少输出文件名（例如：申报表.xlsx）', 'template');
  if (split.positional.length > 1)
    throw new UsageError(`只能指定一个输出文件，实际给了 ${split.positional.length} 个`, 'template');
  const out = split.positional[0]!;
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`输出文件名应以 .xlsx 结尾：${out}`, 'template');
  const budgetYear = intOption(split, 'year', '预算年度', 'template') ?? now.getFullYear() + 1;
  const horizonYear = intOption(split, 'horizon', '长期目标截止年份', 'template');
  const cmd: TemplateCommand = {
    kind: 'template',
    out,
    department: stringOption(split, 'department') ?? '',
    budgetYear,
    prefillCommon: !split.options.has('no-common'),
    force: split.options.has('force'),
  };
  if (horizonYear !== undefined) cmd.horizonYear = horizonYear;
  const projectRows = intOption(split, 'projects', '项目行数', 'template');
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
  const budgetYear = intOption(split, 'year', '预算年度', 'check');
  if (budgetYear !== undefined) {
    if (budgetYear < 2000 || budgetYear > 2100)
      throw new UsageError(`--year 应为 2000–2100 之间的年份，实际为 ${budgetYear}`, 'check');
    cmd.budgetYear = budgetYear;
  }
  const jobs = intOption(split, 'jobs', '同时校验的文件数', 'check');
  if (jobs !== undefined) {
    if (jobs < 1 || jobs > 64) throw new UsageError(`--jobs 应为 1–64 之间的整数，实际为 ${jobs}`, 'check');
    cmd.jobs = jobs;
  }
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
    if (topic === 'check' || topic === 'template') return { kind: 'help', topic };
    throw new UsageError(`没有名为“${topic}”的命令`, 'main');
  }
  if (first === 'template') return parseTemplate(rest, now);
  if (first === 'check') return parseCheck(rest);
  throw new UsageError(first.startsWith('-') ? `未知选项：${first}` : `没有名为“${first}”的命令`, 'main');
}
