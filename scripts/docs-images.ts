/**
 * Regenerates the printed pictures in docs/images from the current build, all from the bundled example, so they
 * agree with each other and with what a user gets (`npm run docs:images`):
 *
 * - template.png, template-filled.png: page 1 of the empty template and of the template filled with the example;
 * - result-sheet.png: the first page of 校验结果 in an annotated copy of the example;
 * - review-summary.png: page 1 of the 汇总 sheet of a review summary over three departments' forms;
 * - next-year-rolled.png: page 1 of the example rolled to 2027 by `jixiao next`.
 *
 * Every command runs in a fresh temporary folder with relative file names, so no picture shows a path of this
 * machine. The pane screenshots come from the browser suites: `UPDATE_SCREENSHOTS=1 npx jest tests/browser/pane.test.ts
 * tests/wps/browser.test.ts`. Needs `libreoffice-calc fonts-noto-cjk poppler-utils`.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withDepartment } from '../tests/helpers/department';

const ROOT = path.resolve(__dirname, '..');
const IMAGES = path.join(ROOT, 'docs', 'images');
const EXAMPLE = path.join(ROOT, 'examples', '部门整体绩效目标申报表-示例.xlsx');
const BIN = path.join(ROOT, 'bin', 'jixiao.js');
const RESOLUTION = '70';

function jixiao(args: string[], cwd: string): void {
  try {
    execFileSync(process.execPath, [BIN, ...args], { cwd, stdio: 'pipe' });
  } catch (err) {
    // check exits 1 when the forms have errors (the example has): only 2 is a failure.
    if ((err as { status?: number }).status !== 1) throw err;
  }
}

function toPdf(file: string, cwd: string): string {
  const outdir = path.dirname(path.join(cwd, file));
  execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', outdir, file], { cwd, stdio: 'pipe' });
  return file.replace(/\.xlsx$/, '.pdf');
}

/** The number of the first page of `pdf` whose text contains `marker`. */
function pageWith(pdf: string, cwd: string, marker: string): number {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { cwd, encoding: 'utf8' }))![1]);
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { cwd, encoding: 'utf8' });
    if (text.includes(marker)) return p;
  }
  throw new Error(`${pdf}: no page with ${marker}`);
}

/** Page `page` of `pdf` as docs/images/<name>.png. */
function picture(pdf: string, cwd: string, page: number, name: string): void {
  execFileSync(
    'pdftoppm',
    ['-png', '-r', RESOLUTION, '-f', String(page), '-l', String(page), '-singlefile', pdf, name],
    {
      cwd,
    },
  );
  copyFileSync(path.join(cwd, `${name}.png`), path.join(IMAGES, `${name}.png`));
  process.stdout.write(`docs/images/${name}.png ← ${pdf} 第 ${page} 页\n`);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'jixiao-docs-images-'));
  try {
    // The template, empty and filled (tests/template/render.ts writes both and their pages).
    execFileSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(ROOT, 'tests', 'template', 'render.ts'), tmp],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    for (const name of ['template', 'template-filled']) picture(`${name}.pdf`, tmp, 1, name);

    // An annotated copy of the example: its 校验结果 sheet.
    copyFileSync(EXAMPLE, path.join(tmp, '阳新县信访局.xlsx'));
    jixiao(['check', '阳新县信访局.xlsx', '--annotate', '标注'], tmp);
    const annotated = toPdf(path.join('标注', '阳新县信访局.xlsx'), tmp);
    picture(annotated, tmp, pageWith(annotated, tmp, '校验结果（'), 'result-sheet');

    // A review summary over three departments' forms.
    const batch = path.join(tmp, '2026年申报表');
    execFileSync('mkdir', ['-p', batch]);
    for (const name of ['阳新县信访局', '阳新县财政局', '阳新县教育局']) {
      writeFileSync(path.join(batch, `${name}.xlsx`), await withDepartment(readFileSync(EXAMPLE), name));
    }
    jixiao(['check', '2026年申报表', '--summary', '审核汇总.xlsx'], tmp);
    picture(toPdf('审核汇总.xlsx', tmp), tmp, 1, 'review-summary');

    // Next year's form, rolled from the example.
    jixiao(['next', '阳新县信访局.xlsx', '阳新县信访局-2027.xlsx'], tmp);
    picture(toPdf('阳新县信访局-2027.xlsx', tmp), tmp, 1, 'next-year-rolled');

    const left = readdirSync(IMAGES).filter((n) => n.endsWith('.png'));
    process.stdout.write(
      `docs/images: ${left.length} pictures; the pane's come from UPDATE_SCREENSHOTS=1 (see above)\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
