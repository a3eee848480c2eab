/**
 * `jixiao check`: discover the files, then open, check and report them one at
 * a time. Each result is written as soon as it is known and then dropped, so a
 * run over hundreds of forms holds one workbook at a time.
 */
import { promises as fs } from 'fs';
import { AnnotatePaths } from './annotate-path';
import type { CheckCommand } from './args';
import { checkWorkbook, describeError, type CheckableWorkbook } from './check-file';
import * as path from 'path';
import { packageSheetNames } from '../host/xlsx/patch-cells';
import { discover, type ArgumentProblem, type Target } from './discover';
import { FolderError, makeFolders } from './fs-safe';
import { ReviewSummary, SUMMARY_SHEETS } from './summary';
import { JsonStream } from './format-json';
import { formatFileText, formatRunText } from './format-text';
import type { CliIO } from './io';
import { oneLine, printableName } from './printable';
import { addToSummary, emptyRunSummary, exitCode, type FileResult } from './result';

export type WorkbookOpener = (file: string) => Promise<CheckableWorkbook>;

export async function runCheck(cmd: CheckCommand, io: CliIO, open: WorkbookOpener): Promise<number> {
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
  const found = await discover(cmd.paths, annotateDir !== undefined ? { annotateDir } : {});
  // Patterns that matched nothing and empty folders are no files: said once each, and the run ends with 2.
  const problems = found.filter((t): t is ArgumentProblem => 'problem' in t);
  let targets = found.filter((t): t is Target => !('problem' in t));
  for (const p of problems) await io.err(`jixiao：${printableName(p.path)}：${p.problem}\n`);
  let summary: ReviewSummary | null = null;
  if (cmd.summary !== undefined) {
    const checked = await checkSummaryTarget(cmd.summary, targets, cmd.force === true);
    if (typeof checked === 'string') {
      await io.err(`jixiao：${checked}\n`);
      return 2;
    }
    targets = checked;
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

  for (const target of targets) {
    let result: FileResult;
    if ('error' in target) {
      result = { kind: 'unreadable', file: target.path, error: target.error };
    } else {
      result = await checkOne(target.path, open, cmd, annotatePaths);
      if (annotateProblem !== null && result.kind === 'form') result.annotateError = annotateProblem;
    }
    addToSummary(run, result);
    summary?.add(result);
    if (result.kind === 'unreadable') await io.err(`jixiao：${printableName(result.file)}：${oneLine(result.error)}\n`);
    if (result.kind === 'form' && result.annotateError) {
      annotateFailures++;
      if (annotateProblem === null) await io.err(`jixiao：${oneLine(result.annotateError)}\n`);
    }
    await io.out(json ? json.entry(result) : formatFileText(result, { color: io.color }));
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
    const names = await packageSheetNames(await fs.readFile(file));
    return SUMMARY_SHEETS.every((n) => names.includes(n)) && names.length === SUMMARY_SHEETS.length;
  } catch {
    return false;
  }
}

/** Written beside the target and renamed over it, so a failure never leaves half a workbook under the name. */
async function writeSummary(summary: ReviewSummary, target: string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  await makeFolders(dir);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await summary.write(temp);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Symlinks resolved, so an output folder that links to an input folder is recognised. */
async function realPath(p: string): Promise<string> {
  return fs.realpath(p).catch(() => p);
}

async function checkOne(
  file: string,
  open: WorkbookOpener,
  cmd: CheckCommand,
  annotatePaths: AnnotatePaths | null,
): Promise<FileResult> {
  if (/\.xls$/i.test(file)) {
    return { kind: 'unreadable', file, error: '不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx 后再校验' };
  }
  let wb: CheckableWorkbook;
  try {
    wb = await open(file);
  } catch (err) {
    // The opener says in Chinese what is wrong with the file; anything else is wrapped.
    const error =
      err instanceof Error && err.name === 'UnreadableError' ? err.message : `无法读取（${describeError(err)}）`;
    return { kind: 'unreadable', file, error };
  }
  try {
    const opts: { budgetYear?: number; annotateTo?: string } = {};
    if (cmd.budgetYear !== undefined) opts.budgetYear = cmd.budgetYear;
    if (annotatePaths) opts.annotateTo = annotatePaths.next(file);
    return await checkWorkbook(file, wb, opts);
  } catch (err) {
    // The reader and check() never throw by contract; this guards a host failure while reading sheets.
    return { kind: 'unreadable', file, error: `读取工作表时出错：${describeError(err)}` };
  }
}
