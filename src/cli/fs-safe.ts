/**
 * File system steps the command line takes on paths a user (or a script)
 * gives, done so that no path can hang the run or write somewhere unexpected.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { describeError } from './errors';

/** A folder that cannot be made; the message is Chinese and names the folder. */
export class FolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderError';
  }
}

/** No real path has more components than this; a longer walk up means something is wrong. */
const MAX_DEPTH = 4096;

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/**
 * `mkdir -p`, written out: Node's recursive mkdir retries forever where the
 * parent exists but refuses a child with ENOENT (/proc, some FUSE mounts).
 * Walks up to the nearest existing ancestor (which must be a folder), then
 * creates each missing folder once, top down.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (let depth = 0; ; depth++) {
    if (depth > MAX_DEPTH) throw new FolderError(`无法创建文件夹 ${dir}：路径层级过多`);
    let stat;
    try {
      stat = await fs.stat(cur);
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT' && errnoCode(err) !== 'ENOTDIR') {
        throw new FolderError(`无法创建文件夹 ${dir}：${describeError(err)}`);
      }
      const parent = path.dirname(cur);
      if (parent === cur) throw new FolderError(`无法创建文件夹 ${dir}：磁盘或根目录不存在`);
      missing.push(cur);
      cur = parent;
      continue;
    }
    if (!stat.isDirectory()) {
      throw new FolderError(`无法创建文件夹 ${dir}：${cur} 已存在同名文件，不是文件夹`);
    }
    break;
  }
  for (const d of missing.reverse()) {
    try {
      await fs.mkdir(d);
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'EEXIST') {
        const st = await fs.stat(d).catch(() => null);
        if (st?.isDirectory()) continue; // made meanwhile by someone else
        throw new FolderError(`无法创建文件夹 ${dir}：${d} 已存在同名文件，不是文件夹`);
      }
      // The parent exists (just checked or just made): ENOENT here means the place refuses new folders.
      const why = code === 'ENOENT' ? `${path.dirname(d)} 中不能新建文件夹` : describeError(err);
      throw new FolderError(`无法创建文件夹 ${dir}：${why}`);
    }
  }
}

/** The temporary file replaceFile writes `target` through (a killed worker may leave it behind). */
export function tempPathOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

/**
 * The one atomic write of the command line (every file it writes goes through it): writes `target` through `write(temp)` beside it, then renames over it: the
 * rename replaces a link at the target instead of writing through it (into
 * whatever file it points at), and a crash never leaves a half-written file
 * under the final name.
 */
export async function replaceFile(target: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempPathOf(target);
  try {
    await write(temp);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}
