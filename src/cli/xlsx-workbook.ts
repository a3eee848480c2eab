/**
 * The command line's workbooks are .xlsx files on disk: checked straight from
 * the package (PackageWorkbook), templates made with XlsxHost (ExcelJS).
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, type Stats } from 'fs';
import { PackageWorkbook, type ReadLimits } from '../host/file/index';
import type { XlsxPackage } from '../xlsx/package/package';
import { MAX_FILE_BYTES, openPackageBytes, tooLargeMessage, UnreadableError } from '../host/file/open';
import type { CheckableWorkbook } from './check-file';
import { describeError } from './errors';
import type { TemplateWorkbook } from './template-command';

export { isReaderError, MAX_FILE_BYTES, UnreadableError } from '../host/file/open';

function fsMessage(err: NodeJS.ErrnoException): string | null {
  switch (err.code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'EBUSY':
      return '文件正被其他程序占用';
    default:
      return null;
  }
}

/** What a path that is not a regular file is, in the words of the messages. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return '这是一个文件夹，不是文件';
  if (st.isFIFO()) return '这是一个命名管道（FIFO），不是文件，不会打开读取';
  if (st.isCharacterDevice() || st.isBlockDevice()) return '这是一个设备，不是文件，不会打开读取';
  if (st.isSocket()) return '这是一个套接字，不是文件，不会打开读取';
  return '这不是普通文件，不会打开读取';
}

/**
 * The bytes of an input file, read within the reader's limits whatever the path is: opened without blocking (a
 * FIFO never hangs the run), refused unless it is a regular file (a device such as /dev/zero is never read), refused
 * by its size before a byte is read, and never read past the limit (a file that grows while it is read stops there).
 * Every command that reads a workbook reads it through here. `limit`: the most bytes taken (a caller may want fewer).
 */
export function readInputFile(file: string, limit: number = MAX_FILE_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (err) {
    const known = fsMessage(err as NodeJS.ErrnoException);
    throw new UnreadableError(known ?? `无法打开文件（${describeError(err)}）`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UnreadableError(kindOf(st));
    const tooLarge = (size: number) => new UnreadableError(tooLargeMessage(size));
    if (st.size > limit) throw tooLarge(st.size);
    const bytes = Buffer.allocUnsafe(Math.min(limit + 1, st.size + 1));
    let n = 0;
    for (;;) {
      const got = readSync(fd, bytes, n, bytes.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === bytes.length) {
        if (n > limit) throw tooLarge(n);
        break;
      }
    }
    return bytes.subarray(0, n);
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    const known = fsMessage(err as NodeJS.ErrnoException);
    throw new UnreadableError(known ?? `无法读取文件（${describeError(err)}）`);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of an .xlsx opened as a workbook, with the reader's limits; failures are UnreadableErrors. */
export function openWorkbookBytes(bytes: Uint8Array, limits?: ReadLimits): PackageWorkbook {
  return openPackageBytes(bytes, (b) => PackageWorkbook.open(b, limits));
}

/**
 * As openWorkbookBytes, over `pkg`: the package of these very bytes, opened already (with the same limits) by a
 * caller that reads it in other ways too. The bytes are sniffed as openWorkbookBytes sniffs them, with the same
 * messages.
 */
export function openWorkbookPackage(bytes: Uint8Array, pkg: XlsxPackage, limits?: ReadLimits): PackageWorkbook {
  return openPackageBytes(bytes, () => PackageWorkbook.over(pkg, limits));
}

/**
 * Reads the file once (the bytes serve both the sniffing and the reader) and
 * opens its package; the sheets are read when asked for. Synchronously: a
 * form is small, and fs.promises.readFile's thread-pool round trips cost more
 * than reading it.
 */
export async function openWorkbook(file: string, limits?: ReadLimits): Promise<CheckableWorkbook> {
  return openWorkbookBytes(readInputFile(file), limits);
}

/** ExcelJS is loaded only here, for `jixiao template`: checking never needs it (it costs a worker a tenth of a second). */
export async function createWorkbook(): Promise<TemplateWorkbook> {
  const { XlsxHost } = await import('../host/exceljs');
  return XlsxHost.create();
}
