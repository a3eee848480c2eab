/**
 * Command-line paths → the list of workbooks to check. Only names are
 * collected here (cheap even for thousands of files); workbooks are opened one
 * at a time later, so memory stays bounded.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { describeError } from './errors';
import { compileGlob, hasGlobMagic, splitGlob } from './glob';

/** A file to check, or a file that cannot be (missing, a FIFO…) with the Chinese reason. */
export type Target = { path: string } | { path: string; error: string };

/** An argument that names no file at all (a pattern matching nothing, a folder without workbooks). */
export interface ArgumentProblem {
  path: string;
  problem: string;
}

export interface DiscoverOptions {
  /**
   * The --annotate folder, so a rerun does not check its own copies: inside a
   * searched folder it is skipped; when it is the searched folder itself, only
   * the suffixed copies (名称.校验.xlsx) are.
   */
  annotateDir?: string;
  /**
   * Filled, when given, with the real path of each file found (links resolved): what makes two paths one file
   * (previous-plan.ts). Mostly known from the folder's listing, so asking for it costs nothing more.
   */
  realPaths?: Map<string, string>;
}

/** The names AnnotatePaths gives a copy that sits beside its input. */
export function isAnnotatedCopyName(name: string): boolean {
  return /\.校验(\(\d+\))?\.xlsx$/i.test(name);
}

/** Office writes "~$name.xlsx" beside an open workbook: a lock file, never a form. */
export function isLockFile(name: string): boolean {
  return name.startsWith('~$');
}

function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name) && !isLockFile(name);
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Walker {
  /** Real path of the --annotate folder, or null. */
  annotateDir: string | null;
  /** Real paths of folders already entered, so symlink loops end. */
  visited: Set<string>;
  /** Real path of each plain file found (not a link): its folder's real path and its name, known without asking. */
  realOf: Map<string, string>;
}

/** A folder that cannot be listed keeps its files from being checked: said, in words, never skipped silently. */
export const FOLDER_DENIED = '没有权限读取这个文件夹，其中的文件没有校验';
/** A path whose folder may not be searched: it may well exist, so it is never called missing. */
export const PATH_DENIED = '没有权限访问这个路径（它所在的文件夹不允许读取）';

function isDenied(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EACCES' || code === 'EPERM';
}

/** Gone while the folders were walked (removed, or a dangling link): nothing to check, nothing to say. */
function isGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A relative slash path found by walking: a file, or a folder that could not be read (with the reason). */
type Found = string | { folder: string; error: string };

/** Why a folder found by walking could not be listed; null when it is gone and nothing need be said. */
function folderError(err: unknown): string | null {
  if (isDenied(err)) return FOLDER_DENIED;
  if (isGone(err)) return null;
  return `无法读取这个文件夹（${describeError(err)}），其中的文件没有校验`;
}

/**
 * Every file under `dir` (relative slash paths, sorted), without the annotate folder or its copies, and every
 * folder that could not be listed, in its place.
 */
async function walk(dir: string, walker: Walker, rel = ''): Promise<Found[]> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (err) {
    const error = folderError(err);
    return error ? [{ folder: rel, error }] : [];
  }
  if (walker.visited.has(real)) return [];
  const isAnnotateDir = real === walker.annotateDir;
  if (isAnnotateDir && rel !== '') return [];
  walker.visited.add(real);
  let entries: import('fs').Dirent[];
  try {
    entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
  } catch (err) {
    const error = folderError(err);
    return error ? [{ folder: rel, error }] : [];
  }
  const out: Found[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const full = path.join(dir, name);
    const relName = rel ? `${rel}/${name}` : name;
    // A plain file or folder is known from the listing; a link (or a file system that does not say) is asked.
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (!isDir && !isFile) {
      try {
        const stat = await fs.stat(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue; // a dangling link or a file removed while walking
      }
    } else if (isFile) walker.realOf.set(full, path.join(real, name));
    if (isDir) out.push(...(await walk(full, walker, relName)));
    // Copies an earlier --annotate left beside their inputs (名称.校验.xlsx) are never forms to check again.
    else if (isFile && !isAnnotatedCopyName(name)) out.push(relName);
  }
  return out;
}

async function statOrNull(p: string): Promise<import('fs').Stats | null> {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/** A path's stat, or why it has none: missing (null error) or not to be looked at (a Chinese reason). */
async function statOf(p: string): Promise<{ stat: import('fs').Stats | null; error: string | null }> {
  try {
    return { stat: await fs.stat(p), error: null };
  } catch (err) {
    if (isDenied(err)) return { stat: null, error: PATH_DENIED };
    if (isGone(err)) return { stat: null, error: null };
    return { stat: null, error: describeError(err) };
  }
}

/** A file found under `base`, or a folder that could not be read, as a Target. */
function foundTarget(base: string, f: Exclude<Found, string>): Target {
  return { path: f.folder ? path.join(base, f.folder) : base, error: f.error };
}

async function expandFolder(dir: string, walker: Walker): Promise<(string | Target)[]> {
  const out: (string | Target)[] = [];
  for (const f of await walk(dir, walker)) {
    if (typeof f !== 'string') out.push(foundTarget(dir, f));
    else if (isWorkbookName(path.basename(f))) out.push(path.join(dir, f));
  }
  return out;
}

/**
 * Whether files under the folder `dirRel` could match the pattern `rest`: every folder could under "**"; else the
 * folder must match the pattern's leading segments.
 */
function mayHoldMatches(rest: string, dirRel: string): boolean {
  if (rest.includes('**')) return true;
  const segments = rest.split('/');
  const depth = dirRel === '' ? 0 : dirRel.split('/').length;
  if (depth >= segments.length) return false;
  return depth === 0 || compileGlob(segments.slice(0, depth).join('/')).test(dirRel);
}

async function expandGlob(pattern: string, walker: Walker): Promise<(string | Target)[]> {
  const { base, rest } = splitGlob(pattern);
  const re = compileGlob(rest);
  const baseStat = await statOrNull(base);
  if (!baseStat?.isDirectory()) return [];
  const out: (string | Target)[] = [];
  // Folders matched by the pattern are checked like folder arguments, as after shell expansion.
  const matchedDirs = new Set<string>();
  for (const found of await walk(base, { ...walker, visited: new Set() })) {
    if (typeof found !== 'string') {
      // An unreadable folder is said where the pattern could have matched a file inside it.
      const parts = found.folder.split('/');
      const under = parts.some(
        (_, i) => matchedDirs.has(parts.slice(0, i + 1).join('/')) || re.test(parts.slice(0, i + 1).join('/')),
      );
      if (under || mayHoldMatches(rest, found.folder)) out.push(foundTarget(base, found));
      continue;
    }
    const rel = found;
    const parts = rel.split('/');
    const name = parts[parts.length - 1]!;
    if (re.test(rel)) {
      if (!isLockFile(name)) out.push(path.join(base, rel));
      continue;
    }
    for (let i = 1; i < parts.length; i++) {
      const dirRel = parts.slice(0, i).join('/');
      if (matchedDirs.has(dirRel) || re.test(dirRel)) {
        matchedDirs.add(dirRel);
        if (isWorkbookName(name)) out.push(path.join(base, rel));
        break;
      }
    }
  }
  return out;
}

/** What a path that is neither a file nor a folder is, in words; null for a file or folder. */
function specialKind(stat: import('fs').Stats): string | null {
  if (stat.isFIFO()) return '这是一个命名管道（FIFO），不是文件';
  if (stat.isSocket()) return '这是一个套接字（socket），不是文件';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return '这是一个设备，不是文件';
  return null;
}

/**
 * Expands files, folders (recursively, *.xlsx, no lock files, no earlier
 * annotated copies) and glob patterns, in argument order, each file once —
 * once by its real path, so a file reached through a link is not checked
 * twice. A path that does not exist, or is a FIFO or device, becomes a Target
 * with an error; a pattern that matches nothing or a folder without
 * workbooks names no file and becomes an ArgumentProblem.
 */
export async function discover(args: string[], options: DiscoverOptions = {}): Promise<(Target | ArgumentProblem)[]> {
  let annotateDir: string | null = null;
  if (options.annotateDir !== undefined) {
    annotateDir = await fs.realpath(options.annotateDir).catch(() => path.resolve(options.annotateDir!));
  }
  const seen = new Set<string>();
  const targets: (Target | ArgumentProblem)[] = [];
  const realOf = new Map<string, string>();
  const add = async (p: string): Promise<void> => {
    const key = realOf.get(p) ?? (await fs.realpath(p).catch(() => path.resolve(p)));
    if (seen.has(key)) return;
    seen.add(key);
    options.realPaths?.set(p, key);
    targets.push({ path: p });
  };
  const addAll = async (found: (string | Target)[]): Promise<void> => {
    for (const f of found) {
      if (typeof f === 'string') await add(f);
      else targets.push(f);
    }
  };
  for (const arg of args) {
    const walker: Walker = { annotateDir, visited: new Set(), realOf };
    const { stat, error } = await statOf(arg);
    const special = stat ? specialKind(stat) : null;
    if (stat?.isFile()) await add(arg);
    else if (special) targets.push({ path: arg, error: special });
    else if (stat?.isDirectory()) {
      const found = await expandFolder(arg, walker);
      if (found.length === 0) targets.push({ path: arg, problem: '文件夹中没有 .xlsx 文件' });
      await addAll(found);
    } else if (!stat && hasGlobMagic(arg)) {
      const found = await expandGlob(arg, walker);
      if (found.length === 0) targets.push({ path: arg, problem: '没有与该通配符匹配的文件' });
      await addAll(found);
    } else {
      targets.push({ path: arg, error: error ?? '找不到该文件或文件夹' });
    }
  }
  return targets;
}
