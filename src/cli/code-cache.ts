/**
 * Loading a bundled CommonJS file from V8's code cache, so a process or
 * worker does not compile its bundle at every start. Used by the worker
 * (check-worker-loader.ts) and by the launcher (bin/jixiao.js, through
 * dist/code-cache.js). The file is run the way Node runs a CommonJS file:
 * same wrapper, its own require, its own __dirname. V8 checks a cache against
 * the length of the source only, so a cache starts with the SHA-256 of the
 * bundle it was made from and is used only with that bundle; without a
 * matching cache the bundle is compiled as usual.
 */
import { createHash } from 'crypto';
import { readFileSync, renameSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vm from 'vm';

export interface Loaded {
  exports: unknown;
  /** Writes the cache for the functions compiled so far (temporary file, then renamed into place). */
  writeCache(): void;
}

/** Runs `file`, from `cacheFile` when it was made from this very file (`useCache` false: compile it afresh). */
export function loadWithCache(file: string, cacheFile: string, useCache = true): Loaded {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  let cachedData: Buffer | undefined;
  try {
    const cache = useCache ? readFileSync(cacheFile) : null;
    if (cache && cache.length > digest.length && cache.subarray(0, digest.length).equals(digest))
      cachedData = cache.subarray(digest.length);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${bytes.toString('utf8')}\n});`;
  const script = new vm.Script(wrapped, cachedData ? { filename: file, cachedData } : { filename: file });
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  const mod = { exports: {} as unknown, filename: file, id: file };
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return {
    exports: mod.exports,
    writeCache() {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, Buffer.concat([digest, script.createCachedData()]));
      renameSync(temp, cacheFile);
    },
  };
}
