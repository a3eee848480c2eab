/**
 * `jixiao next LAST.xlsx NEXT.xlsx`: next year's form from this year's
 * (docs/spec/next-year.md). LAST is read with the reader, the roll is computed
 * by src/next, and NEXT is LAST's package with exactly the rolled cells
 * rewritten (src/xlsx/patch-cells): formats, merges, names, validation,
 * page setup and images stay as they were. LAST is never written.
 */
import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { NOTE_MARK } from '../report/flags';
import { EXPLANATION_SHEET, FLAG_STATE_SHEET, RESULT_SHEET, WPS_STATE_SHEET } from '../report/sheets';
import { packageHasNoteWith, packageSheetNames, patchPackage, type CellPatch } from '../xlsx/patch-cells';
import { FileError } from '../xlsx/errors';
import { rollForward, type CellEdit, type RollResult } from '../next/roll';
import { findForm } from './find-form';
import type { NextCommand } from './args';
import { checkWorkbook } from './check-file';
import { describeError } from './errors';
import { replaceFile } from './fs-safe';
import type { WorkbookOpener } from './check-command';
import { formatFileText } from './output/format-text';
import type { CliIO } from './io';

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
}

export function cellPatches(edits: CellEdit[]): CellPatch[] {
  return edits.map((e) =>
    e.kind === 'result'
      ? { row: e.row, col: e.col, kind: 'result', value: e.value }
      : { row: e.row, col: e.col, kind: 'value', value: e.kind === 'set' ? e.value : null },
  );
}

/** LAST's bytes → NEXT's bytes. `open` reads the same bytes as a workbook (the reader's view of LAST). */
export async function rollPackage(
  file: string,
  bytes: Uint8Array,
  open: WorkbookOpener,
  options: { year?: number },
): Promise<RolledPackage> {
  const names = await packageSheetNames(bytes);
  if (
    names.includes(FLAG_STATE_SHEET) ||
    names.includes(WPS_STATE_SHEET) ||
    (await packageHasNoteWith(bytes, NOTE_MARK))
  ) {
    throw new NextError(
      `${file} 中带有绩效申报助手标出的问题（标注副本，或未清除的标记）：请用原来的申报表，或先在 Excel/WPS 中清除标记后再生成`,
    );
  }
  const wb = await open(file);
  const read = await findForm(wb);
  if (!read.form) throw new NextError(`${file}：${read.reason}`);
  const { declaration: form, grid } = read;
  const opts: { year?: number } = {};
  if (options.year !== undefined) opts.year = options.year;
  const roll = rollForward(form, grid, opts);
  if (!roll.ok) throw new NextError(`${file}：${roll.message}`);
  const out = await patchPackage(bytes, {
    sheet: form.sheet,
    cells: cellPatches(roll.edits),
    dropSheets: [EXPLANATION_SHEET, RESULT_SHEET],
  });
  return { bytes: out.bytes, roll, dropped: out.dropped };
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
  s += '\n已移动和保留：\n';
  for (const line of roll.moved) s += `  · ${line}\n`;
  if (r.dropped.length)
    s += `  · 未带入：${r.dropped.map((n) => `“${n}”工作表`).join('、')}（说的是上一年度的单元格）\n`;
  s += '\n还需要填写或复核：\n';
  for (const line of roll.toFill) s += `  · ${line}\n`;
  return s;
}

export async function runNext(cmd: NextCommand, io: CliIO, open: WorkbookOpener): Promise<number> {
  if (await sameFile(cmd.last, cmd.out)) {
    await io.err(`jixiao：新申报表不能和上一年度的申报表是同一个文件：${cmd.out}\n`);
    return 2;
  }
  if (!cmd.force && (await exists(cmd.out))) {
    await io.err(`jixiao：文件已存在：${cmd.out}（不会覆盖；如需覆盖请加 --force）\n`);
    return 2;
  }
  let rolled: RolledPackage;
  try {
    let bytes: Buffer;
    try {
      bytes = readFileSync(cmd.last);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹，不是文件' : describeError(err);
      throw new NextError(`无法读取 ${cmd.last}：${why}`);
    }
    const opts: { year?: number } = {};
    if (cmd.budgetYear !== undefined) opts.year = cmd.budgetYear;
    rolled = await rollPackage(cmd.last, bytes, open, opts);
  } catch (err) {
    const message =
      err instanceof NextError
        ? err.message
        : err instanceof FileError
          ? `${cmd.last}：${err.message}`
          : `无法由 ${cmd.last} 生成新申报表（${describeError(err)}）`;
    await io.err(`jixiao：${message}\n`);
    return 2;
  }
  const target = cmd.out;
  try {
    await fs.mkdir(path.dirname(path.resolve(target)), { recursive: true });
    await replaceFile(target, (temp) => fs.writeFile(temp, rolled.bytes));
  } catch (err) {
    await io.err(`jixiao：无法写出 ${target}：${describeError(err)}\n`);
    return 2;
  }
  await io.out(formatRoll(target, rolled));
  await io.out(`\n新申报表的校验结果：\n`);
  try {
    const result = await checkWorkbook(target, await open(target), {});
    await io.out(formatFileText(result, { color: io.color }));
  } catch (err) {
    await io.err(`jixiao：无法校验 ${target}：${describeError(err)}\n`);
    return 2;
  }
  return 0;
}
