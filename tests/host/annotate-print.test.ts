/**
 * An annotated copy printed in black and white: LibreOffice renders it to
 * A4, poppler gives the words with their places and the page in greyscale.
 * Each flagged cell shows the 序号 of its line on the 校验结果 sheet, and an
 * error's mark and a 提示's differ in grey, where the pink and yellow fills do
 * not. Needs libreoffice-calc, fonts-noto-cjk and poppler-utils (skipped
 * without them, except in CI).
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PackageWorkbook } from '../../src/host/file/index';
import { XlsxPackage } from '../../src/xlsx/package/package';
import { annotatePackage } from '../../src/xlsx/annotate/annotate';
import { checkWorkbook } from '../../src/cli/check-file';
import { finding } from '../helpers/findings';
import { EXAMPLE } from '../helpers/xlsx-package';
import { describeRendered, RENDER_TIMEOUT_MS, toPdf } from '../helpers/render-pdf';
import type { Finding } from '../../src/report/types';

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of one page with their boxes, in points. */
function words(pdf: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ text: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) }));
}

interface Grey {
  width: number;
  height: number;
  dpi: number;
  at(x: number, y: number): number;
}

/** Page `page` in greyscale (pdftoppm -gray writes a binary PGM). */
function greyPage(pdf: string, page: number, dpi: number): Grey {
  const out = path.join(path.dirname(pdf), `grey-${page}`);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdf,
    out,
  ]);
  const bytes = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = bytes.subarray(header[0].length);
  return { width, height, dpi, at: (x, y) => data[y * width + x]! };
}

/** Share of dark pixels (below 96 of 255) in a word's box grown by `pad` points. */
function darkShare(g: Grey, w: Word, pad: number): number {
  const px = (pt: number) => Math.round((pt * g.dpi) / 72);
  let dark = 0;
  let all = 0;
  for (let y = px(w.yMin - pad); y <= px(w.yMax + pad); y++)
    for (let x = px(w.xMin - pad); x <= px(w.xMax + pad); x++) {
      all++;
      if (g.at(x, y) < 96) dark++;
    }
  return dark / all;
}

const flagged = (severity: Finding['severity'], cell: string): Finding =>
  finding({ rule: 'funding-share', severity, message: '示例', cells: [cell] });

describeRendered('an annotated copy on a black-and-white page', () => {
  jest.setTimeout(2 * RENDER_TIMEOUT_MS);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-annotate-print-'));

  it('an error’s mark is dark and a 提示’s light with an outline, though both fills print as pale grey', () => {
    // One error on G11 and one 提示 on G12 (序号 1 and 2), the same column and look otherwise.
    const pkg = XlsxPackage.open(readFileSync(EXAMPLE));
    annotatePackage(pkg, {
      sheet: '附件2',
      findings: [flagged('error', '附件2!G11'), flagged('warning', '附件2!G12')],
      result: null,
      isOwnResultSheet: () => false,
    });
    const file = path.join(dir, 'two.xlsx');
    writeFileSync(file, pkg.toBytes());
    const pdf = toPdf(file);
    const page = words(pdf, 1);
    const value = (text: string) => page.find((w) => w.text === text)!;
    const share11 = value('83.99%');
    const share12 = value('7.12%');
    // Each mark is a word of its own, on its cell's top border, left of the cell's figure.
    const mark = (n: string, under: Word) =>
      page.find(
        (w) =>
          w.text === n &&
          w.xMax < under.xMin &&
          w.yMax > under.yMin - 12 &&
          w.yMin < under.yMin + 2 &&
          w.yMax < under.yMax,
      );
    const one = mark('1', share11);
    const two = mark('2', share12);
    expect(one).toBeDefined();
    expect(two).toBeDefined();
    const grey = greyPage(pdf, 1, 150);
    // Black box with white figure versus white box with a dashed outline and a black figure.
    expect(darkShare(grey, one!, 1)).toBeGreaterThan(0.5);
    expect(darkShare(grey, two!, 1)).toBeLessThan(0.35);
    expect(darkShare(grey, two!, 1)).toBeGreaterThan(0.05);
    // The fills themselves are pale in grey: none of the figures' surroundings counts as dark.
    const fillOnly: Word = {
      text: '',
      xMin: share11.xMin - 20,
      xMax: share11.xMin - 8,
      yMin: share11.yMin,
      yMax: share11.yMax,
    };
    expect(darkShare(grey, fillOnly, 0)).toBe(0);
  });

  it('the example’s marks carry the 序号 of their lines on the printed 校验结果 sheet', async () => {
    const wb = PackageWorkbook.open(readFileSync(EXAMPLE));
    const saved: Uint8Array[] = [];
    const spy = Object.assign(Object.create(wb) as PackageWorkbook, {
      async save(this: PackageWorkbook) {
        saved.push(this.annotatedBytes());
      },
    });
    const r = await checkWorkbook('示例.xlsx', spy, { annotateTo: '/dev/null/never-written.xlsx' });
    if (r.kind !== 'form') throw new Error('not read as a form');
    const file = path.join(dir, 'example.xlsx');
    writeFileSync(file, saved[0]!);
    const pdf = toPdf(file);
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
    // The result sheet lists G11's finding under its 序号.
    const n = r.report.findings.findIndex((f) => f.cells[0]?.row === 10 && f.cells[0]?.col === 6) + 1;
    expect(n).toBeGreaterThan(0);
    expect(pages.join('\n')).toMatch(new RegExp(`\\n\\s*${n}\\s+错误\\s+\\S+\\s+附件2!G11`));
    // On the form's first page, the mark with that number sits on G11's top border, left of its figure.
    const page = words(pdf, 1);
    const share = page.find((w) => w.text === '83.99%')!;
    const mark = page.find(
      (w) => w.text === String(n) && w.xMax < share.xMin && w.yMax > share.yMin - 12 && w.yMin < share.yMin + 2,
    );
    expect(mark).toBeDefined();
    // The legend on the 校验结果 sheet says how to read the marks.
    expect(pages.join('').replace(/\s+/g, '')).toContain('黑底白字为错误，白底虚线框为提示');
  });
});
