/**
 * Where --annotate writes each copy: DIR/<same base name>, unless that would
 * be an input of this run (the input is never written) or a copy already
 * written in this run; then a suffix: 名称.校验.xlsx, 名称.校验(2).xlsx…
 */
import * as path from 'path';

export class AnnotatePaths {
  private readonly used = new Set<string>();
  private readonly inputs: Set<string>;

  /**
   * `inputs`: every file of the run, so none of them is ever chosen. Pass real
   * paths (symlinks resolved) for `inputs` and `realDir`, or a link to the
   * input folder would slip past the comparison; `dir` is what the user wrote.
   */
  constructor(
    private readonly dir: string,
    inputs: string[],
    private readonly realDir: string = dir,
  ) {
    this.inputs = new Set(inputs.map((p) => key(p)));
  }

  /** A free output path for the copy of `input`. */
  next(input: string): string {
    const ext = path.extname(input);
    const stem = path.basename(input, ext);
    for (let n = 0; ; n++) {
      const name = n === 0 ? `${stem}${ext}` : n === 1 ? `${stem}.校验${ext}` : `${stem}.校验(${n})${ext}`;
      const k = key(path.join(this.realDir, name));
      if (this.inputs.has(k) || this.used.has(k)) continue;
      this.used.add(k);
      return path.join(this.dir, name);
    }
  }
}

/** Case-insensitive on the platforms whose file systems usually are. */
function key(p: string): string {
  const resolved = path.resolve(p);
  return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
}
