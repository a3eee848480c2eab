/**
 * Opening an .xlsx from its bytes within the reader's limits: the one way both the command line's files and the
 * workbook an officer picks in a pane (last year's form) are opened. Runs in node and in the panes' browsers
 * (no node built-ins): the bytes are sniffed for what the file is, then handed to the bounded package reader
 * (src/xlsx/package: a total decompression budget, entries longer than stated refused, no DOCTYPE).
 */

import { FileError } from '../../xlsx/errors';

/** A file that cannot be opened as a workbook; the message is Chinese and names the cause. */
export class UnreadableError extends FileError {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableError';
  }
}

/** A declaration form is well under 1 MB; a file past this is refused before it is read. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The message for a file past MAX_FILE_BYTES. */
export function tooLargeMessage(size: number): string {
  return `文件过大：${(size / 1024 / 1024).toFixed(0)} MB，超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 的读取上限`;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an old .xls, or an .xlsx saved with a password (both are wrapped this way). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Says what the file is instead of quoting a zip library, from its first bytes. */
export function sniff(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UnreadableError('文件是空的（0 字节）');
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new UnreadableError('这是设置了打开密码的工作簿或旧版 .xls 文件，请取消密码并另存为 .xlsx 后再校验');
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new UnreadableError('文件已损坏，或不是 .xlsx 格式');
  if (bytes.length > MAX_FILE_BYTES) throw new UnreadableError(tooLargeMessage(bytes.length));
}

/** Errors of the reader whose message already says in Chinese what is wrong with the file. */
export function isReaderError(err: unknown): err is FileError {
  return err instanceof FileError;
}

/** Sniffs the bytes and opens them with `open` (a package reader); every failure is an UnreadableError. */
export function openPackageBytes<T>(bytes: Uint8Array, open: (bytes: Uint8Array) => T): T {
  sniff(bytes);
  try {
    return open(bytes);
  } catch (err) {
    if (isReaderError(err)) throw new UnreadableError(err.message);
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UnreadableError(`文件已损坏，或不是 Excel/WPS 保存的 .xlsx 工作簿（${detail}）`);
  }
}
