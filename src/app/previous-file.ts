/**
 * Last year's workbook picked from disk in a pane (docs/spec/previous-year.md, 与上年度对比): read inside the pane
 * by the command line's package reader under its limits (src/host/file: size, decompression budget, no DOCTYPE),
 * its form chosen as `jixiao check` chooses it (src/read/find-form.ts). Nothing leaves the pane.
 */
import type { DeclarationForm } from '../form/types';
import { MAX_FILE_BYTES, openPackageBytes, tooLargeMessage } from '../host/file/open';
import { PackageReader } from '../host/file/reader';
import { candidateOf } from '../next/previous';
import { findForm } from '../read/find-form';

/** The form of the picked workbook. */
export interface PreviousFile {
  /** The file's name as picked (no path: a browser gives none). */
  name: string;
  form: DeclarationForm;
  /** Its budget year as the engine resolves it, null when it cannot be told. */
  year: number | null;
}

/** A picked file that cannot serve as last year's form; the message is Chinese and names the file. */
export class PreviousFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviousFileError';
  }
}

/** A file's name as quoted in a message: bounded, whatever it is. */
function quoted(name: string): string {
  return `“${name.length > 60 ? `${name.slice(0, 60)}…` : name}”`;
}

/**
 * Reads the picked file: `size` is checked before `load` reads a byte. Rejects with a PreviousFileError saying,
 * in one Chinese sentence, why the file cannot be used.
 */
export async function readPreviousFile(
  name: string,
  size: number,
  load: () => Promise<Uint8Array>,
): Promise<PreviousFile> {
  const fail = (why: string) => new PreviousFileError(`无法使用上年申报表${quoted(name)}：${why}`);
  if (/\.xls$/i.test(name)) throw fail('不支持旧版 .xls 格式，请在 Excel 或 WPS 中另存为 .xlsx');
  if (size > MAX_FILE_BYTES) throw fail(tooLargeMessage(size));
  let reader: PackageReader;
  try {
    reader = openPackageBytes(await load(), (b) => PackageReader.open(b));
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  let choice: Awaited<ReturnType<typeof findForm>>;
  try {
    choice = await findForm(reader);
  } catch (err) {
    throw fail(err instanceof Error ? err.message : String(err));
  }
  if (!choice.form) throw fail(`不是部门整体绩效目标申报表（${choice.reason}）`);
  const form = choice.read.declaration;
  return { name, form, year: candidateOf(form).budgetYear };
}
