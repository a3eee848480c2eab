/**
 * `jixiao check … --previous LAST` before any form is checked: find last year's workbooks (a file, or every
 * workbook of a folder), read each one (in the worker pool when there is one, under the same limits as a checked
 * file) and write the index that each check pairs its form from (previous.ts). Bad input is said here, in Chinese,
 * naming the file; the run then ends with 2, and every form is still checked on its own.
 */
import { promises as fs, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync, type Stats } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discover, type Target } from './discover';
import { describeError } from './errors';
import { trackTemp, untrackTemp } from './fs-safe';
import { KnownFiles, pruneCache, type CachedMeta } from './previous-cache';
import type { PreviousEntry, PreviousIndex, PreviousProbe } from './previous';
import { oneLine, printableName } from './output/printable';

function metaOf(e: PreviousEntry): CachedMeta {
  return { key: e.key, department: e.department, budgetYear: e.budgetYear };
}

/** Reads one of last year's workbooks and spools its form (a worker, or this process). */
export type PreviousProber = (file: string, spool: string, cache: string | null) => Promise<PreviousProbe>;

export interface PreviousPlan {
  /** The index file to give every check task, null when nothing can be compared. */
  index: string | null;
  /** Checked files (as given) that must not be paired: they are the very file given as last year's form. */
  alone: Set<string>;
  /** Chinese lines for stderr (without the “jixiao：” prefix); any of them makes the run end with 2. */
  problems: string[];
  /** Removes the spooled forms (the run is over). */
  dispose(): void;
  /**
   * After the checks (it is no part of them): keeps the cache of last year's forms within its size when this run
   * added to it, and writes down the workbooks whose key this run learnt (KnownFiles).
   */
  prune(): Promise<void>;
}

/**
 * What makes two paths one file: its real path (links resolved); as given, resolved, when there is none. Not the
 * device and inode a status gives: some network shares number every file alike, and every form would then be its
 * own last year's form.
 */
export function fileIdentity(p: string): string {
  try {
    return path.resolve(realpathSync.native(p));
  } catch {
    return path.resolve(p);
  }
}

/** A path's status, null when it has none (missing, or not to be looked at). */
function statOf(p: string): Stats | null {
  try {
    return statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

export interface PlanOptions {
  /** Real paths of the targets known already (discover's), so they need not be asked for again. */
  realPaths?: Map<string, string>;
  /**
   * Called once last year's workbooks are listed (or it is known there are none), before they are looked up: the
   * caller starts its workers then. Listing waits on the file system, and would wait longer on a machine whose
   * cores are busy starting workers; looking up is this thread's own work, and overlaps their start.
   */
  listed?: () => void;
}

/**
 * `given`: the --previous argument; `paths`: the arguments of the check (to refuse a folder compared with itself);
 * `targets`: the files to check; `cache`: the folder of forms read before (previous-cache.ts), null for none.
 */
export async function planPrevious(
  given: string,
  paths: string[],
  targets: Target[],
  probe: PreviousProber,
  cache: string | null = null,
  opts: PlanOptions = {},
): Promise<PreviousPlan> {
  let started = false;
  const listed = () => {
    if (started) return;
    started = true;
    opts.listed?.();
  };
  try {
    return await makePlan(given, paths, targets, probe, cache, { ...opts, listed });
  } finally {
    listed();
  }
}

async function makePlan(
  given: string,
  paths: string[],
  targets: Target[],
  probe: PreviousProber,
  cache: string | null,
  opts: PlanOptions,
): Promise<PreviousPlan> {
  const identity = (p: string, found?: Map<string, string>) => found?.get(p) ?? fileIdentity(p);
  const problems: string[] = [];
  const alone = new Set<string>();
  // Last year's workbooks whose key is known by their path and status (previous-cache.ts), kept after the checks;
  // read once they are listed.
  let known: KnownFiles | null = null;
  // Only a run that wrote entries can have grown the cache: one that found every form in it leaves it as it was.
  let wrote = false;
  const prune = async () => {
    if (cache === null) return;
    if (wrote) await pruneCache(cache);
    await known?.save();
  };
  const nothing = (problem: string): PreviousPlan => ({
    index: null,
    alone,
    problems: [...problems, problem],
    dispose: () => undefined,
    prune,
  });
  const name = printableName(given);
  let stat: Stats;
  try {
    stat = await fs.stat(given);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return nothing(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `--previous：找不到上年申报表或上年目录 ${name}；各表已单独校验，未与上年对比`
        : `--previous：无法打开 ${name}（${describeError(err)}）；各表已单独校验，未与上年对比`,
    );
  }
  const folder = stat.isDirectory();
  if (!folder && !stat.isFile()) return nothing(`--previous：${name} 不是文件或文件夹；各表已单独校验，未与上年对比`);
  const own = fileIdentity(given);
  const checked = targets.map((t) => ({ target: t, id: identity(t.path, opts.realPaths) }));
  let files: string[];
  let ids: string[];
  let stats: (Stats | null)[];
  if (folder) {
    // The folder checked itself: every form would be its own last year's form.
    const dirs = paths.map((p) => (statOf(p)?.isDirectory() ? fileIdentity(p) : null));
    if (dirs.includes(own)) {
      return nothing(`--previous：上年目录 ${name} 就是要校验的目录，不能与自己对比；各表已单独校验，未与上年对比`);
    }
    const realPaths = new Map<string, string>();
    const found = await discover([given], { realPaths });
    opts.listed?.();
    const listed = found.filter((t): t is Target => !('problem' in t) && !('error' in t));
    if (listed.length === 0)
      return nothing(`--previous：上年目录 ${name} 中没有 .xlsx 文件；各表已单独校验，未与上年对比`);
    // A workbook that is checked too (the folders overlap) is never anyone's last year's form.
    const checkedIds = new Set(checked.map((c) => c.id));
    const all = listed.map((t) => ({ path: t.path, st: statOf(t.path), id: identity(t.path, realPaths) }));
    const kept = all.filter((f) => !checkedIds.has(f.id));
    files = kept.map((f) => f.path);
    ids = kept.map((f) => f.id);
    stats = kept.map((f) => f.st);
  } else {
    opts.listed?.();
    for (const c of checked) {
      if (c.id !== own) continue;
      alone.add(c.target.path);
      problems.push(`--previous：上年申报表 ${name} 就是要校验的文件，不能与自己对比；该表已单独校验`);
    }
    files = [given];
    ids = [own];
    stats = [stat];
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-previous-'));
  trackTemp(dir);
  const dispose = () => {
    rmSync(dir, { recursive: true, force: true });
    untrackTemp(dir);
  };
  try {
    // Forms read on an earlier run are found here; only the others go to the workers to be read.
    if (cache !== null) known = KnownFiles.load(cache);
    const lookUp = cache !== null ? (await import('./previous')).lookUpCached : null;
    const probes = await Promise.all(
      files.map(
        async (f, i) => lookUp?.(f, cache!, known, ids[i], stats[i]) ?? probe(f, path.join(dir, `${i}.json`), cache),
      ),
    );
    const entries: PreviousEntry[] = [];
    for (const [i, p] of probes.entries()) {
      if (p.kind === 'previous') {
        entries.push(p.entry);
        if (!p.entry.cached) wrote = true;
        if (p.known) known?.remember(ids[i]!, { ...p.known, meta: metaOf(p.entry) });
      } else if (p.kind === 'unreadable')
        problems.push(`--previous：无法读取上年申报表 ${printableName(p.file)}：${oneLine(p.error)}`);
      else if (!folder)
        // In a folder, a workbook that is no form (a 工资表) is simply not last year's form of anyone.
        problems.push(`--previous：${printableName(p.file)} 不是部门整体绩效目标申报表（${oneLine(p.reason)}）`);
    }
    if (entries.length === 0) {
      dispose();
      const why = folder ? `上年目录 ${name} 中没有可读的申报表` : '上年申报表无法使用';
      return {
        index: null,
        alone,
        problems: [...problems, `--previous：${why}；各表已单独校验，未与上年对比`],
        dispose: () => undefined,
        prune,
      };
    }
    const index: PreviousIndex = { mode: folder ? 'department' : 'fixed', entries, source: given };
    const file = path.join(dir, 'index.json');
    writeFileSync(file, JSON.stringify(index));
    return { index: file, alone, problems, dispose, prune };
  } catch (err) {
    dispose();
    return nothing(`--previous：无法准备上年申报表（${describeError(err)}）；各表已单独校验，未与上年对比`);
  }
}
