// What the command line's bundles share between scripts/build-cli.mjs (dist/) and scripts/release.mjs (the single
// executables): the plugin that leaves ExcelJS's streaming reader out, and the notices for what a bundle holds.
import * as path from 'path';
import { describePackages, packageDirsOf, renderNotices } from './notices.mjs';

/**
 * ExcelJS's streaming reader (ExcelJS.stream.xlsx.WorkbookReader), which jixiao never uses, is left out of the
 * bundle: it is the only user of unzipper, whose dependency buffers@0.1.1 declares no licence. Should anything
 * reach it, it fails with a plain message instead of running code whose terms are unknown.
 */
export const withoutStreamingReader = {
  name: 'without-streaming-reader',
  setup(b) {
    b.onResolve({ filter: /^unzipper$/ }, () => ({ path: 'unzipper', namespace: 'left-out' }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
      contents: [
        "function leftOut() { throw new Error('jixiao 未包含 ExcelJS 的流式读取（unzipper）'); }",
        'module.exports = { Parse: leftOut, ParseOne: leftOut, Extract: leftOut, Open: { file: leftOut, buffer: leftOut } };',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/** The licences of what the bundles hold (dist/THIRD-PARTY-NOTICES.txt, shipped in the npm package). */
export function cliNotices(metafiles) {
  // The inputs that put bytes into an output (a file only parsed, then shaken out, is not in the bundle).
  const inputs = metafiles.flatMap((m) =>
    Object.values(m.outputs).flatMap((o) => Object.keys(o.inputs).filter((i) => o.inputs[i].bytesInOutput > 0)),
  );
  const packages = describePackages(packageDirsOf(inputs, process.cwd()));
  const esbuildPkg = describePackages([path.resolve('node_modules', 'esbuild')])[0];
  return renderNotices({
    what: 'jixiao 命令行 / command line (npm package jixiao-cli, single executables)',
    packages,
    extra: [{ ...esbuildPkg, role: 'run-time helpers emitted into the bundle' }],
    notes: [
      "Not included: ExcelJS's streaming reader and what only it needs (unzipper, and through it binary and buffers).",
      'buffers@0.1.1 declares no licence, so the build leaves unzipper out; jixiao never uses the streaming reader.',
      '未包含：ExcelJS 的流式读取及只有它用到的 unzipper（以及 binary、buffers）。buffers@0.1.1 没有声明许可证，',
      '构建时把 unzipper 换成占位模块；jixiao 从不使用流式读取。',
    ],
  });
}
