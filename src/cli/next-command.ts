/**
 * `jixiao next LAST.xlsx NEXT.xlsx`: next year's form from this year's
 * (docs/spec/next-year.md). LAST is read with the reader, the roll is computed
 * by src/next, and NEXT is LAST's package with exactly the rolled cells
 * rewritten (src/xlsx/patch-cells): formats, merges, names, validation,
 * page setup and images stay as they were. LAST is never written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { NOTE_MARK } from '../report/flags';
import { EXPLANATION_SHEET, FLAG_STATE_SHEET, RESULT_SHEET, WPS_STATE_SHEET } from '../report/sheets';
import { openPackage, packageHasNoteWith, packageSheetNames, patchPackage, type CellPatch } from '../xlsx/patch-cells';
import { DEFAULT_READ_LIMITS, type PackageWorkbook, type ReadLimits } from '../host/file/index';
import { RESULT_TITLE } from '../xlsx/annotate/result-sheet';
import { isExplanationSheet } from '../report/explanations';
import { rollForward, type CellEdit, type RollResult } from '../next/roll';
import { valueAt } from '../sheet/grid';
import type { NextCommand } from './args';
import { checkWorkbook } from './check-file';
import { describeError } from './errors';
import { findForm } from '../read/find-form';
import { FolderError, makeFolders, writeAtomically } from './fs-safe';
import type { WorkbookOpener } from './check-command';
import { formatFileText } from './output/format-text';
import type { CliIO } from './io';
import { oneLine } from './output/printable';
import { isReaderError, openWorkbookPackage, readInputFile } from './xlsx-workbook';

/** A failure the user can act on; the message is Chinese. */
export class NextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NextError';
  }
}

export interface RolledPackage {
  bytes: Uint8Array;
  roll: Extract<RollResult, { ok: true }>;
  /** Sheets of LAST not carried over (校验说明, 校验结果). */
  dropped: string[];
  /** About the choice of the form sheet (hidden, several candidates); Chinese. */
  notes: string[];
}

export function cellPatches(edits: CellEdit[]): CellPatch[] {
  return edits.map((e) =>
    e.kind === 'result'
      ? { row: e.row, col: e.col, kind: 'result', value: e.value }
      : { row: e.row, col: e.col, kind: 'value', value: e.kind === 'set' ? e.value : null },
  );
}

/**
 * LAST's bytes → NEXT's bytes. The package is opened once and every step works on it: the look for jixiao's own
 * marks (sheet names, notes), the reader's view of LAST (the form, its grid, jixiao's own sheets) and the patch. The
 * steps come in the order their refusals are told (the package layer's message for a file that is no package at
 * all, then the marks, then the reader's), and each step inflates within a decompression budget of its own, as when
 * each opened the bytes anew (XlsxPackage.renewBudget).
 */
export async function rollPackage(
  file: string,
  bytes: Uint8Array,
  options: { year?: number },
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<RolledPackage> {
  const pkg = openPackage(bytes, limits);
  const names = await packageSheetNames(pkg);
  if (names.includes(FLAG_STATE_SHEET) || names.includes(WPS_STATE_SHEET)) throw markedError(file);
  pkg.renewBudget();
  if (await packageHasNoteWith(pkg, NOTE_MARK)) throw markedError(file);
  pkg.renewBudget();
  const wb = openWorkbookPackage(bytes, pkg, limits);
  // The same sheet `check` checks (a visible form before a hidden one; see find-form.ts).
  const choice = await findForm(wb);
  if (!choice.form) throw new NextError(`${file}：${choice.reason}`);
  const form = choice.read.declaration;
  const grid = await wb.readGrid(form.sheet);
  const opts: { year?: number } = {};
  if (options.year !== undefined) opts.year = options.year;
  const roll = rollForward(form, grid, opts);
  if (!roll.ok) throw new NextError(`${file}：${roll.message}`);
  const dropSheets = await ownSheets(wb);
  pkg.renewBudget();
  // The last use of the package: patching changes it (the reader over it is done with).
  const out = await patchPackage(pkg, { sheet: form.sheet, cells: cellPatches(roll.edits), dropSheets });
  return { bytes: out.bytes, roll, dropped: out.dropped, notes: choice.notes };
}

function markedError(file: string): NextError {
  return new NextError(
    `${file} 中带有绩效申报助手标出的问题（标注副本，或未清除的标记）：请用原来的申报表，或先在 Excel/WPS 中清除标记后再生成`,
  );
}

/**
 * The sheets jixiao itself made about last year's cells, recognised by their content, never by name alone: the
 * 校验结果 sheet of an annotated copy starts with its title in A1 (as --annotate checks before replacing it), the
 * 校验说明 sheet has its header row. A filer's own sheet of either name with other content is carried over.
 */
async function ownSheets(wb: PackageWorkbook): Promise<string[]> {
  const out: string[] = [];
  const result = await wb.readSheet(RESULT_SHEET);
  if (result && valueAt(result, 0, 0) === RESULT_TITLE) out.push(RESULT_SHEET);
  const explanations = await wb.readSheet(EXPLANATION_SHEET);
  if (explanations && isExplanationSheet(explanations)) out.push(EXPLANATION_SHEET);
  return out;
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

export function formatRoll(out: string, r: RolledPackage): string {
  const { roll } = r;
  let s = `已生成 ${roll.toYear} 年度申报表：${out}（由 ${roll.fromYear} 年度的工作表“${roll.sheet}”生成，改动 ${roll.edits.length} 个单元格）\n`;
  for (const note of r.notes) s += `注意：${note}\n`;
  s += '\n已移动和保留：\n';
  for (const line of roll.moved) s += `  · ${line}\n`;
  if (r.dropped.length)
    s += `  · 未带入：${r.dropped.map((n) => `“${n}”工作表`).join('、')}（说的是上一年度的单元格）\n`;
  s += '\n还需要填写或复核：\n';
  for (const line of roll.toFill) s += `  · ${line}\n`;
  return s;
}

/** What `next` prints and ends with, made where the work was done (a worker thread, or this thread in tests). */
export interface NextOutcome {
  code: number;
  out: string;
  err: string;
}

/** Runs `next`'s work on LAST somewhere (a worker with the reader's memory and time limits); never rejects. */
export type NextRunner = (cmd: NextCommand, color: boolean) => Promise<NextOutcome>;

export async function runNext(cmd: NextCommand, io: CliIO, open: WorkbookOpener, runner?: NextRunner): Promise<number> {
  if (await sameFile(cmd.last, cmd.out)) {
    await io.err(`jixiao：新申报表不能和上一年度的申报表是同一个文件：${cmd.out}\n`);
    return 2;
  }
  if (!cmd.force && (await exists(cmd.out))) {
    await io.err(`jixiao：文件已存在：${cmd.out}（不会覆盖；如需覆盖请加 --force）\n`);
    return 2;
  }
  const outcome = runner ? await runner(cmd, io.color) : await produceNext(cmd, open, io.color);
  if (outcome.out) await io.out(outcome.out);
  if (outcome.err) await io.err(outcome.err);
  return outcome.code;
}

/**
 * `next` after its arguments were checked: LAST read through the same bounded reader as `check` (file type and size,
 * decompression, cells, formulas), rolled, NEXT written beside its name and renamed, then checked. Never rejects.
 */
export async function produceNext(cmd: NextCommand, open: WorkbookOpener, color: boolean): Promise<NextOutcome> {
  let rolled: RolledPackage;
  try {
    const bytes = readInputFile(cmd.last);
    const opts: { year?: number } = {};
    if (cmd.budgetYear !== undefined) opts.year = cmd.budgetYear;
    // LAST is opened from the bytes just read: one read, and the reader's view is of the very bytes rolled.
    rolled = await rollPackage(cmd.last, bytes, opts);
  } catch (err) {
    const message =
      err instanceof NextError
        ? err.message
        : isReaderError(err)
          ? `${cmd.last}：${err.message}`
          : `无法由 ${cmd.last} 生成新申报表（${describeError(err)}）`;
    return { code: 2, out: '', err: `jixiao：${oneLine(message)}\n` };
  }
  const target = cmd.out;
  try {
    await makeFolders(path.dirname(path.resolve(target)));
    await writeAtomically(target, (temp) => fs.writeFile(temp, rolled.bytes), { replace: cmd.force });
  } catch (err) {
    const why = err instanceof FolderError ? err.message : describeError(err);
    return { code: 2, out: '', err: `jixiao：无法写出 ${target}：${oneLine(why)}\n` };
  }
  let out = formatRoll(target, rolled);
  out += `\n新申报表的校验结果：\n`;
  try {
    const result = await checkWorkbook(target, await open(target), {});
    out += formatFileText(result, { color });
  } catch (err) {
    const why = isReaderError(err) ? err.message : describeError(err);
    return { code: 2, out, err: `jixiao：无法校验 ${target}：${oneLine(why)}\n` };
  }
  return { code: 0, out, err: '' };
}
