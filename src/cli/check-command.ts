/**
 * `jixiao check`: discover the files, check them — in worker threads, several
 * at once, when a pool is given — and report them in the order given. Each
 * result is written as soon as it and every result before it are known, so
 * stdout is always one complete document naming every file, whatever
 * happened to any one of them.
 */
import { promises as fs } from 'fs';
import { AnnotatePaths } from './annotate-path';
import type { CheckCommand } from './args';
import { describeError } from './errors';
import { renderResult, type Rendered } from './output/render';
import type { WorkbookOpener } from './check-one';
import * as path from 'path';
import { discover, type ArgumentProblem, type Target } from './discover';
import {
  abandonOutputs,
  FolderError,
  lockOutput,
  makeFolders,
  tempBeside,
  trackTemp,
  untrackTemp,
  writeAtomically,
} from './fs-safe';
import { JsonStream } from './output/format-json';
import { formatRunText } from './output/format-text';
import { OutputError, type CliIO } from './io';
import type { CheckTask } from './pool';
import { oneLine, printableName } from './output/printable';
import type { ReviewSummary } from './output/summary';
import { NO_INDEX, type PreviousProbe } from './previous';
import { planPrevious, type PreviousPlan } from './previous-plan';
import { cacheFolder } from './previous-cache';
import pkg from '../../package.json';
import { addToSummary, emptyRunSummary, exitCode, type FileResult } from './result';

export type { WorkbookOpener };

/** Checks one file somewhere (a worker pool); never rejects. */
export interface FileChecker {
  run(task: CheckTask): Promise<FileResult | Rendered>;
  /** Reads one of last year's workbooks (--previous) and spools its form; absent: read in this process. */
  runProbe?(file: string, spool: string, cache: string | null): Promise<PreviousProbe>;
  /** Starts up to `n` workers now (never more than the files to check), so their start-up overlaps other work. */
  prestart?(n: number): void;
  close(): Promise<void>;
}

export async function runCheck(
  cmd: CheckCommand,
  io: CliIO,
  open: WorkbookOpener,
  checker?: FileChecker,
): Promise<number> {
  const annotateDir = cmd.annotateDir;
  // A folder that cannot be made costs the copies, not the check: every file is still reported.
  let annotateProblem: string | null = null;
  if (annotateDir !== undefined) {
    try {
      await makeFolders(annotateDir);
    } catch (err) {
      annotateProblem =
        err instanceof FolderError ? err.message : `无法创建标注目录 ${annotateDir}：${describeError(err)}`;
      await io.err(`jixiao：${oneLine(annotateProblem)}\n`);
    }
  }
  let problems: ArgumentProblem[] = [];
  let targets: Target[];
  // The real path of each file found (--previous never pairs a form with itself).
  const realPaths = new Map<string, string>();
  try {
    const found = await discover(cmd.paths, annotateDir !== undefined ? { annotateDir, realPaths } : { realPaths });
    problems = found.filter((t): t is ArgumentProblem => 'problem' in t);
    targets = found.filter((t): t is Target => !('problem' in t));
  } catch (err) {
    // Whatever happened, the output still names every path given.
    targets = cmd.paths.map((p) => ({ path: p, error: `无法查找文件：${describeError(err)}` }));
  }
  // Patterns that matched nothing and empty folders are no files: said once each, and the run ends with 2.
  for (const p of problems) await io.err(`jixiao：${printableName(p.path)}：${p.problem}\n`);
  const force = cmd.force === true;
  if (cmd.summary !== undefined) {
    const checked = await checkSummaryTarget(cmd.summary, targets, force);
    if (typeof checked === 'string') {
      await io.err(`jixiao：${oneLine(checked)}\n`);
      return 2;
    }
    targets = checked;
  }
  let annotatePaths: AnnotatePaths | null = null;
  if (annotateDir !== undefined && annotateProblem === null) {
    const inputs = await Promise.all(targets.map((t) => realPath(t.path)));
    annotatePaths = new AnnotatePaths(annotateDir, inputs, await realPath(annotateDir));
  }
  // Annotated names are given out in input order, before any file is checked, so they never depend on timing.
  const copies = targets.map((t) => ('error' in t || !annotatePaths ? null : annotatePaths.next(t.path)));
  if (!force) {
    // A file already where a copy would go is not this run's: named, and kept (like every other writer).
    const taken: string[] = [];
    for (const c of copies) if (c !== null && (await lexists(c))) taken.push(c);
    if (taken.length > 0) {
      const shown = taken.slice(0, 5).map((f) => printableName(f));
      const more = taken.length > shown.length ? ` 等 ${taken.length} 个文件` : '';
      await io.err(
        `jixiao：标注目录中已有同名文件，--annotate 不会覆盖它们：${shown.join('、')}${more}（如需覆盖请加 --force，或换一个标注目录）\n`,
      );
      return 2;
    }
  }
  // One run at a time per output: a second run on the same summary or annotate folder refuses at once.
  const releases: (() => void)[] = [];
  const unlock = () => releases.splice(0).forEach((release) => release());
  try {
    if (cmd.summary !== undefined) {
      const dir = path.dirname(path.resolve(cmd.summary));
      await makeFolders(dir).catch(() => undefined);
      releases.push(await lockOutput(dir, path.basename(cmd.summary), `审核汇总 ${printableName(cmd.summary)}`));
    }
    if (annotatePaths && annotateDir !== undefined) {
      releases.push(await lockOutput(annotateDir, '--annotate', `标注目录 ${printableName(annotateDir)}`));
    }
  } catch (err) {
    unlock();
    await io.err(`jixiao：${oneLine(describeError(err))}\n`);
    return 2;
  }
  try {
    return await checkTargets(cmd, io, open, checker, { targets, problems, copies, annotateProblem, force, realPaths });
  } finally {
    unlock();
  }
}

interface Plan {
  targets: Target[];
  problems: ArgumentProblem[];
  /** Where each target's annotated copy goes (null: none). */
  copies: (string | null)[];
  annotateProblem: string | null;
  force: boolean;
  /** The real paths of the targets, as discover found them. */
  realPaths: Map<string, string>;
}

async function checkTargets(
  cmd: CheckCommand,
  io: CliIO,
  open: WorkbookOpener,
  checker: FileChecker | undefined,
  plan: Plan,
): Promise<number> {
  const { targets } = plan;
  let previous: PreviousPlan | null = null;
  if (cmd.previous !== undefined) {
    const given = cmd.previous;
    const prober = checker?.runProbe
      ? checker.runProbe.bind(checker)
      : async (file: string, spool: string, cache: string | null) =>
          (await import('./previous')).probePrevious(file, spool, open, cache);
    const cache = cmd.noCache === true ? null : cacheFolder(pkg.version);
    previous = await planPrevious(given, cmd.paths, targets, prober, cache, {
      realPaths: plan.realPaths,
      // The workers that will check the forms start once last year's are listed, while they are looked up.
      listed: () => checker?.prestart?.(targets.filter((t) => !('error' in t)).length),
    });
    for (const p of previous.problems) await io.err(`jixiao：${oneLine(p)}\n`);
  }
  try {
    return await checkPlanned(cmd, io, open, checker, plan, previous);
  } finally {
    previous?.dispose();
    await previous?.prune();
  }
}

async function checkPlanned(
  cmd: CheckCommand,
  io: CliIO,
  open: WorkbookOpener,
  checker: FileChecker | undefined,
  plan: Plan,
  previous: PreviousPlan | null,
): Promise<number> {
  const { targets, problems, copies, annotateProblem, force } = plan;
  let summary: ReviewSummary | null = null;
  if (cmd.summary !== undefined) {
    // Loaded only for --summary: it pulls in ExcelJS, which a plain check never needs.
    const { ReviewSummary } = await import('./output/summary');
    summary = new ReviewSummary(cmd.summary, annotateProblem === null ? (cmd.annotateDir ?? null) : null, {
      previous: previous !== null,
      sources: cmd.paths,
    });
  }
  const json = cmd.format === 'json' ? new JsonStream() : null;
  const run = emptyRunSummary(previous !== null);
  /** Forms for which no form of last year was found (--previous), for the closing lines. */
  const unpaired: string[] = [];
  let annotateFailures = 0;
  let copiesWritten = 0;

  const write = async (given: FileResult | Rendered, temp: string | undefined) => {
    if (temp !== undefined) untrackTemp(temp);
    let result: FileResult;
    let text: string;
    if ('rendered' in given) ({ result, text } = given);
    else {
      const withProblem: FileResult =
        annotateProblem !== null && given.kind === 'form' ? { ...given, annotateError: annotateProblem } : given;
      ({ result, text } = renderResult(withProblem, { format: json ? 'json' : 'text', color: io.color }));
    }
    if (json) text = json.entryText(text);
    addToSummary(run, result);
    if (previous && result.kind === 'form' && typeof result.previous !== 'string') unpaired.push(result.file);
    summary?.add(result);
    if (result.kind === 'form' && result.annotated !== undefined) copiesWritten++;
    if (result.kind === 'unreadable') await io.err(`jixiao：${printableName(result.file)}：${oneLine(result.error)}\n`);
    if (result.kind === 'form' && result.annotateError) {
      annotateFailures++;
      if (annotateProblem === null) await io.err(`jixiao：${oneLine(result.annotateError)}\n`);
    }
    await io.out(text);
  };

  const tasks: (CheckTask | FileResult)[] = targets.map((target, i) => {
    if ('error' in target) {
      const missing: FileResult = { kind: 'unreadable', file: target.path, error: target.error };
      if (previous) missing.previous = null;
      return missing;
    }
    const task: CheckTask = { file: target.path };
    if (previous) {
      // A file given as its own last year's form is checked alone, and says why.
      if (previous.index !== null && !previous.alone.has(target.path)) task.previous = previous.index;
      else task.previous = NO_INDEX;
    }
    if (cmd.budgetYear !== undefined) task.budgetYear = cmd.budgetYear;
    // The worker writes the file's output itself, unless this thread must change the result first (a folder
    // for the copies that could not be made); the review summary needs the findings back.
    if (checker && annotateProblem === null) {
      task.render = { format: json ? 'json' : 'text', color: io.color, keepFindings: summary !== null };
    }
    const copy = copies[i];
    if (copy !== null && copy !== undefined) {
      task.annotateTo = copy;
      if (force) task.replace = true;
      if (checker) {
        // Chosen here, so this thread can remove it if the run is stopped while a worker writes the copy.
        task.annotateTemp = tempBeside(copy);
        trackTemp(task.annotateTemp);
      }
    }
    return task;
  });
  const tempOf = (i: number): string | undefined => {
    const t = tasks[i];
    return t && !isResult(t) ? t.annotateTemp : undefined;
  };
  try {
    if (json) await io.out(json.begin());
    try {
      if (checker) {
        // Every file is queued at once; the pool runs as many as it has workers, results are written in input order.
        const pending: (Promise<FileResult | Rendered> | null)[] = tasks.map((t) =>
          isResult(t) ? Promise.resolve(t) : checker.run(t),
        );
        for (let i = 0; i < pending.length; i++) {
          const p = pending[i]!;
          // Let go of each result once written: a settled promise keeps its value (and the report's findings,
          // which the summary asks for) for as long as it is referenced, and the run would hold them all.
          pending[i] = null;
          await write(await settle(p, targets[i]!.path), tempOf(i));
        }
      } else {
        // In-process, one at a time (tests drive this with their own opener). Loaded here: with workers, this
        // thread never runs the reader or the rules, and starts without their code.
        const { checkOne } = await import('./check-one');
        for (const [i, t] of tasks.entries())
          await write(isResult(t) ? t : await settle(checkOne(t, open), targets[i]!.path), undefined);
      }
    } finally {
      // Workers still writing a copy are stopped; what they leave is removed below (a stopped run).
      await checker?.close();
    }
    await io.out(json ? json.end(run, problems) : formatRunText(run, unpaired));
  } catch (err) {
    if (!(err instanceof OutputError)) throw err;
    // Stdout broke: the run stops here, and says on stderr what was and was not written.
    summary?.discard();
    abandonOutputs();
    const parts = [`jixiao：${err.message}，运行已停止（已输出 ${run.files} 个文件的结果，共 ${targets.length} 个）`];
    if (copies.some((c) => c !== null)) parts.push(`已写出的 ${copiesWritten} 个标注副本完整保留，其余未写出`);
    if (cmd.summary !== undefined) parts.push(`审核汇总 ${printableName(cmd.summary)} 未写出`);
    await io.err(`${parts.join('；')}\n`);
    return 2;
  }
  if (summary && cmd.summary !== undefined) {
    let notes: string[];
    try {
      notes = await writeSummary(summary, cmd.summary, force);
    } catch (err) {
      const reason = err instanceof FolderError ? err.message : describeError(err);
      await io.err(`jixiao：无法写出审核汇总 ${printableName(cmd.summary)}：${oneLine(reason)}\n`);
      return 2;
    }
    for (const note of notes) await io.err(`jixiao：${oneLine(note)}\n`);
    if (!json) await io.out(`已写出审核汇总：${printableName(cmd.summary)}\n`).catch(() => undefined);
  }
  if (previous && previous.problems.length > 0) return 2;
  return problems.length > 0 ? 2 : exitCode(run, annotateFailures);
}

const isResult = (t: CheckTask | FileResult): t is FileResult => 'kind' in t;

async function lexists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * The summary is never written over an input, nor over an existing file
 * without --force. A summary of an earlier run found inside a checked folder
 * is not an input (it is no form); with --force it is replaced.
 */
async function checkSummaryTarget(summaryPath: string, targets: Target[], force: boolean): Promise<Target[] | string> {
  const exists = await fs.lstat(summaryPath).then(
    () => true,
    () => false,
  );
  if (exists && !force) return `文件已存在：${summaryPath}（审核汇总不会覆盖它；如需覆盖请加 --force）`;
  const own = path.resolve(await realPath(summaryPath));
  const out: Target[] = [];
  for (const t of targets) {
    if (path.resolve(await realPath(t.path)) !== own) {
      out.push(t);
      continue;
    }
    if (exists && (await isReviewSummary(summaryPath))) continue;
    return `审核汇总不能写在要校验的文件上：${summaryPath}`;
  }
  return out;
}

async function isReviewSummary(file: string): Promise<boolean> {
  try {
    const [{ packageSheetNames }, { SUMMARY_SHEETS }] = await Promise.all([
      import('../xlsx/patch-cells'),
      import('./output/summary'),
    ]);
    const names = await packageSheetNames(await fs.readFile(file));
    return SUMMARY_SHEETS.every((n) => names.includes(n)) && names.length === SUMMARY_SHEETS.length;
  } catch {
    return false;
  }
}

/** Written beside the target and renamed over it (or, without --force, published only if nothing is there). */
async function writeSummary(summary: ReviewSummary, target: string, force: boolean): Promise<string[]> {
  await makeFolders(path.dirname(path.resolve(target)));
  let notes: string[] = [];
  await writeAtomically(
    target,
    async (temp) => {
      notes = await summary.write(temp);
    },
    { replace: force },
  );
  return notes;
}

/** A result, or the file reported unreadable when getting it failed in any way. */
async function settle<T>(p: Promise<T>, file: string): Promise<T | FileResult> {
  try {
    return await p;
  } catch (err) {
    return { kind: 'unreadable', file, error: `无法读取（${describeError(err)}）` };
  }
}

/** Symlinks resolved, so an output folder that links to an input folder is recognised. */
async function realPath(p: string): Promise<string> {
  return fs.realpath(p).catch(() => p);
}
