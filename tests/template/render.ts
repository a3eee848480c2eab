/**
 * Writes the template, empty and filled with the example, as .xlsx and — when
 * LibreOffice and poppler are installed — as PDF and PNG pages, to look at:
 *
 *   npx tsx tests/template/render.ts /tmp/render
 *
 * (apt-get install -y libreoffice-calc fonts-noto-cjk poppler-utils). Not a test: the
 * pictures are for a person; docs/images/template.png is page 1 of the empty one.
 */
import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import * as path from 'path';
import { XlsxHost } from '../../src/host/exceljs';
import { readDeclaration } from '../../src/read';
import { buildTemplate } from '../../src/template';
import { exampleWrites, readExample } from './example-fill';

async function main(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const plan = buildTemplate({ department: '阳新县信访局', budgetYear: 2026, filler: '张三', phone: '0714-7654321' });
  const empty = XlsxHost.create();
  await empty.createSheet(plan);
  await empty.save(path.join(out, 'template.xlsx'));

  // Filled in the workbook it was made in, as a filer types into it (ExcelJS does not read page breaks back).
  const filled = XlsxHost.create();
  const sheet = await filled.createSheet(plan);
  const read = readDeclaration(await filled.readGrid(sheet));
  if (!read.form) throw new Error(read.reason);
  await filled.write(exampleWrites(await readExample(), read.declaration, plan, sheet));
  await filled.save(path.join(out, 'template-filled.xlsx'));

  for (const name of ['template', 'template-filled']) {
    try {
      execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, `${name}.xlsx`], { cwd: out });
      execFileSync('pdftoppm', ['-png', '-r', '70', `${name}.pdf`, name], { cwd: out });
    } catch (err) {
      process.stderr.write(`no PDF/PNG for ${name}: ${(err as Error).message}\n`);
    }
  }
  process.stdout.write(`written to ${out}\n`);
}

void main(process.argv[2] ?? 'render-out');
