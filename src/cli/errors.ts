/**
 * Exceptions → one Chinese line. Node's file system errors, the runtime's
 * own (RangeError: Invalid string length, TypeError: Cannot read properties
 * of undefined) and a library's English never reach a finance officer as such.
 */

/** Node's error codes a user can meet, in words. */
const ERRNO: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  EEXIST: '已存在同名的文件或文件夹',
  EACCES: '没有权限',
  EPERM: '没有权限（或该位置不允许这样操作）',
  EISDIR: '这是一个文件夹，不是文件',
  ENOTDIR: '路径中的某一级不是文件夹',
  EROFS: '磁盘或文件夹是只读的',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '超出了磁盘配额',
  EBUSY: '文件正被其他程序占用',
  ETXTBSY: '文件正被其他程序占用',
  EMFILE: '同时打开的文件太多',
  ENFILE: '同时打开的文件太多',
  ENAMETOOLONG: '文件名或路径太长',
  ELOOP: '符号链接太多或形成了循环',
  EIO: '读写磁盘时出错',
  EXDEV: '不能跨磁盘移动文件',
  EINVAL: '文件名或路径不合法',
  ENOTEMPTY: '文件夹不是空的',
  EAGAIN: '资源暂时不可用，请稍后再试',
  ETIMEDOUT: '操作超时',
  ENXIO: '设备不存在或未就绪',
  ENODEV: '设备不存在',
  EFBIG: '文件太大',
};

const CJK = /[\u3400-\u9fff]/;

/** The error's code when it is one of Node's (EEXIST, …). */
function codeOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return code;
  // A library that rethrows keeps Node's "EROFS: read-only file system, open '…'" as the message only.
  const msg = err instanceof Error ? err.message : '';
  return /^(E[A-Z0-9]{3,}):/.exec(msg)?.[1] ?? null;
}

/** A Chinese one-liner for an exception raised while reading or writing, never a stack trace. */
export function describeError(err: unknown): string {
  const code = codeOf(err);
  if (code) return ERRNO[code] ?? `系统错误（错误代码 ${code}）`;
  const msg = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const first = msg.split('\n')[0]!.trim();
  // Our own messages (and an UnreadableError's) are Chinese already.
  if (CJK.test(first)) return first;
  // Matched by words, not class: an error that crossed from a worker thread is no RangeError any more.
  if (isSizeError(err)) return '文件过大：内容超出了程序能处理的范围';
  if (/out of memory|heap/i.test(first)) return '内存不足';
  return '程序内部错误，请把此文件反馈给开发者';
}

/** What V8 and Node say when a string, array or buffer cannot be as large as a file asks. */
const SIZE_WORDS =
  /Invalid string length|Invalid array length|Invalid typed array length|Array buffer allocation failed|out of memory/i;

export function isSizeError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return SIZE_WORDS.test(msg);
}
