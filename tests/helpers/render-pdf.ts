/**
 * Renders .xlsx files to PDF with LibreOffice and reads the pages back with
 * poppler (pdftotext, pdftoppm), for the tests about what goes on paper.
 *
 * Without LibreOffice the tests that need it are skipped on a developer's
 * machine, but never in CI (CI=true): there a missing renderer is a failure
 * (.ci/run installs libreoffice-calc, fonts-noto-cjk and poppler-utils).
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

function found(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether LibreOffice and poppler are installed. */
export const CAN_RENDER = found('libreoffice') && found('pdftotext') && found('pdftoppm');

/** `describe`, or `describe.skip` when the renderer is missing outside CI (in CI the tests run and fail). */
export const describeRendered: jest.Describe = CAN_RENDER || process.env.CI === 'true' ? describe : describe.skip;

/** Time for one conversion on a busy shared machine. */
export const RENDER_TIMEOUT_MS = 180_000;

/**
 * Converts `xlsx` to a PDF beside it and returns the PDF's path. Each call uses
 * its own LibreOffice profile, so conversions running in parallel (other jest
 * workers, a person's LibreOffice) do not meet on one profile lock.
 */
export function toPdf(xlsx: string): string {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-'));
  const outDir = path.dirname(xlsx);
  execFileSync(
    'libreoffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, xlsx],
    { stdio: 'pipe', timeout: RENDER_TIMEOUT_MS },
  );
  const pdf = path.join(outDir, `${path.basename(xlsx, path.extname(xlsx))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice made no PDF of ${xlsx}`);
  return pdf;
}

/** The text of every page, in order (pdftotext's layout mode keeps one printed line per line). */
export function pdfPages(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = text.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/** Writes page `page` (1-based) as a greyscale or colour PNG at `dpi` and returns its bytes' path. */
export function pageImage(pdf: string, page: number, out: string, opts: { grey?: boolean; dpi?: number } = {}): string {
  const args = ['-png', '-r', String(opts.dpi ?? 70), '-f', String(page), '-l', String(page), '-singlefile'];
  if (opts.grey) args.push('-gray');
  execFileSync('pdftoppm', [...args, pdf, out]);
  const png = `${out}.png`;
  readFileSync(png);
  return png;
}
