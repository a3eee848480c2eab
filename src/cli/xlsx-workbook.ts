/** The command line's workbooks are .xlsx files on disk, through XlsxHost (ExcelJS). */
import { readFileSync } from 'fs';
import { XlsxHost } from '../host/xlsx';
import type { CheckableWorkbook } from './check-file';
import { describeError } from './errors';
import type { TemplateWorkbook } from './template-command';

/** A file that cannot be opened as a workbook; the message is Chinese and names the cause. */
export class UnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableError';
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an old .xls, or an .xlsx saved with a password (both are wrapped this way). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

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

/** Says what the file is instead of quoting a zip library, from its first bytes. */
function sniff(bytes: Buffer): void {
  if (bytes.length === 0) throw new UnreadableError('文件是空的（0 字节）');
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new UnreadableError('这是设置了打开密码的工作簿或旧版 .xls 文件，请取消密码并另存为 .xlsx 后再校验');
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new UnreadableError('文件已损坏，或不是 .xlsx 格式');
}

/**
 * Reads the file once (the bytes serve both the sniffing and ExcelJS) and
 * opens it. Synchronously: the command line handles one file at a time, and
 * fs.promises.readFile's thread-pool round trips cost more than ExcelJS's own
 * parsing of a small workbook.
 */
export async function openWorkbook(file: string): Promise<CheckableWorkbook> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const known = fsMessage(err as NodeJS.ErrnoException);
    throw new UnreadableError(known ?? `无法打开文件（${describeError(err)}）`);
  }
  sniff(bytes);
  try {
    return await XlsxHost.load(bytes);
  } catch (err) {
    // A zip that is not a workbook, or a truncated one: ExcelJS's own words mean little to a finance officer.
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UnreadableError(`文件已损坏，或不是 Excel/WPS 保存的 .xlsx 工作簿（${detail}）`);
  }
}

export async function createWorkbook(): Promise<TemplateWorkbook> {
  return XlsxHost.create();
}
