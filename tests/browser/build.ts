/** Builds the add-in with the project's webpack config (used by the pane test and the bundle benchmark). */
import * as fs from 'fs';
import * as path from 'path';
import zlib from 'zlib';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../../webpack.config.js') as (
  env: Record<string, string | boolean>,
  argv: { mode: string },
) => webpack.Configuration;

export async function buildAddin(outDir: string, env: Record<string, string | boolean> = {}): Promise<webpack.Stats> {
  const config = makeConfig({ outDir, quiet: true, ...env }, { mode: 'production' });
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (!stats || stats.hasErrors())
        return reject(new Error(stats?.toString({ all: false, errors: true }) ?? 'build failed'));
      resolve(stats);
    });
  });
}

/** The JavaScript files taskpane.html loads from the add-in's own origin (office.js excluded), with their gzip sizes. */
export function paneScripts(outDir: string): { file: string; bytes: number; gzip: number }[] {
  const html = fs.readFileSync(path.join(outDir, 'taskpane.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const own = srcs.filter((s) => !/^https?:/.test(s) && !s.startsWith('office-js/'));
  // Chunks the entry may load later sit beside it; count every emitted .js except office.js.
  const all = new Set([...own, ...fs.readdirSync(outDir).filter((f) => f.endsWith('.js'))]);
  return [...all].map((file) => {
    const buf = fs.readFileSync(path.join(outDir, file));
    return { file, bytes: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  });
}
