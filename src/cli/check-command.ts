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
import { FolderError, makeFolders, replaceFile } from './fs-safe';
import { JsonStream } from './output/format-json';
import { formatRunText } from './output/format-text';
import type { CliIO } from './io';
import type { CheckTask } from './pool';
import { oneLine, printableName } from './output/printable';
import type { ReviewSummary } from './output/summary';
import { addToSummary, emptyRunSummary, exitCode, type FileResult } from './result';

export type { WorkbookOpener };

/** Checks one file somewhere (a worker pool); never rejects. */
export interface FileChecker {
  run(task: CheckTask): Promise<FileResult | Rendered>;
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
  try {
    const found = await discover(cmd.paths, annotateDir !== undefined ? { annotateDir } : {});
    problems = found.filter((t): t is ArgumentProblem => 'problem' in t);
    targets = found.filter((t): t is Target => !('problem' in t));
  } catch (err) {
    // Whatever happened, the output still names every path given.
    targets = cmd.paths.map((p) => ({ path: p, error: `无法查找文件：${describeError(err)}` }));
  }
  // Patterns that matched nothing and empty folders are no files: said once each, and the run ends with 2.
  for (const p of problems) await io.err(`jixiao：${printableName(p.path)}：${p.problem}\n`);
  let summary: ReviewSummary | null = null;
  if (cmd.summary !== undefined) {
    const checked = await checkSummaryTarget(cmd.summary, targets, cmd.force === true);
    if (typeof checked === 'string') {
      await io.err(`jixiao：${oneLine(checked)}\n`);
      return 2;
    }
    targets = checked;
    // Loaded only for --summary: it pulls in ExcelJS, which a plain check never needs.
    const { ReviewSummary } = await import('./output/summary');
    summary = new ReviewSummary();
  }
  let annotatePaths: AnnotatePaths | null = null;
  if (annotateDir !== undefined && annotateProblem === null) {
    const inputs = await Promise.all(targets.map((t) => realPath(t.path)));
    annotatePaths = new AnnotatePaths(annotateDir, inputs, await realPath(annotateDir));
  }

  const json = cmd.format === 'json' ? new JsonStream() : null;
  if (json) await io.out(json.begin());
  const run = emptyRunSummary();
  let annotateFailures = 0;

  const write = async (given: FileResult | Rendered) => {
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
    summary?.add(result);
    if (result.kind === 'unreadable') await io.err(`jixiao：${printableName(result.file)}：${oneLine(result.error)}\n`);
    if (result.kind === 'form' && result.annotateError) {
      annotateFailures++;
      if (annotateProblem === null) await io.err(`jixiao：${oneLine(result.annotateError)}\n`);
    }
    await io.out(text);
  };

  // Annotated names are given out in input order, before any file is checked, so they never depend on timing.
  const tasks: (CheckTask | FileResult)[] = targets.map((target) => {
    if ('error' in target) return { kind: 'unreadable', file: target.path, error: target.error };
    const task: CheckTask = { file: target.path };
    if (cmd.budgetYear !== undefined) task.budgetYear = cmd.budgetYear;
    // The worker writes the file's output itself, unless this thread must change the result first (a folder
    // for the copies that could not be made); the review summary needs the findings back.
    if (checker && annotateProblem === null) {
      task.render = { format: json ? 'json' : 'text', color: io.color, keepFindings: summary !== null };
    }
    if (annotatePaths) task.annotateTo = annotatePaths.next(target.path);
    return task;
  });
  const isResult = (t: CheckTask | FileResult): t is FileResult => 'kind' in t;
  try {
    if (checker) {
      // Every file is queued at once; the pool runs as many as it has workers, results are written in input order.
      const pending = tasks.map((t) => (isResult(t) ? Promise.resolve(t) : checker.run(t)));
      for (const [i, p] of pending.entries()) await write(await settle(p, targets[i]!.path));
    } else {
      // In-process, one at a time (tests drive this with their own opener). Loaded here: with workers, this
      // thread never runs the reader or the rules, and starts without their code.
      const { checkOne } = await import('./check-one');
      for (const [i, t] of tasks.entries())
        await write(isResult(t) ? t : await settle(checkOne(t, open), targets[i]!.path));
    }
  } finally {
    await checker?.close();
  }

  await io.out(json ? json.end(run, problems) : formatRunText(run));
  if (summary && cmd.summary !== undefined) {
    try {
      await writeSummary(summary, cmd.summary);
    } catch (err) {
      const reason = err instanceof FolderError ? err.message : describeError(err);
      await io.err(`jixiao：无法写出审核汇总 ${printableName(cmd.summary)}：${oneLine(reason)}\n`);
      return 2;
    }
    if (!json) await io.out(`已写出审核汇总：${printableName(cmd.summary)}\n`);
  }
  return problems.length > 0 ? 2 : exitCode(run, annotateFailures);
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

/** Written beside the target and renamed over it, so a failure never leaves half a workbook under the name. */
async function writeSummary(summary: ReviewSummary, target: string): Promise<void> {
  await makeFolders(path.dirname(path.resolve(target)));
  await replaceFile(target, (temp) => summary.write(temp));
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
