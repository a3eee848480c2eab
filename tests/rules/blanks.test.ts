/**
 * Blanks (待填写): findings about cells left empty are marked `blank`, so a fresh template reads as
 * cells to fill rather than hundreds of errors (issue 19), while nothing of the check changes.
 */
import { check } from '../../src/check';
import { readDeclaration } from '../../src/read';
import ExcelJS from 'exceljs';
import { join } from 'path';
import { worksheetToGrid } from '../../src/host/exceljs/grid';
import { ALL_RULES as allRules } from '../../src/rules';
import { shownCounts } from '../../src/report/wording';
import { buildTemplate } from '../../src/template';
import { MemoryHost } from '../fakes/memory';

async function loadExample() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx'));
  const r = readDeclaration(worksheetToGrid(wb.worksheets[0]!));
  if (!r.form) throw new Error(r.reason);
  return r;
}

async function freshTemplate() {
  const host = new MemoryHost();
  const sheet = await host.createSheet(buildTemplate({ department: '阳新县信访局', budgetYear: 2026 }));
  const r = readDeclaration(await host.readGrid(sheet));
  if (!r.form) throw new Error(r.reason);
  return check(r.declaration);
}

test('every finding on a fresh template is a blank: no error is left once the cells are counted apart', async () => {
  const report = await freshTemplate();
  expect(report.findings.length).toBeGreaterThan(200);
  const notBlank = report.findings.filter((f) => !f.blank).map((f) => `${f.rule}: ${f.message}`);
  expect(notBlank).toEqual([]);
  const c = shownCounts(report.findings);
  expect(c).toEqual({ errors: 0, blanks: report.findings.length, warnings: 0, explained: 0 });
  // The check itself is unchanged: blanks are still errors (or 提示) and still stop the form.
  expect(report.summary.errors).toBeGreaterThan(200);
});

test('the example, which is filled in, has no blank', async () => {
  const report = check((await loadExample()).declaration);
  expect(report.findings.filter((f) => f.blank)).toEqual([]);
});

test('only message ids a rule declares as blanks mark a finding blank, and every such id exists', () => {
  for (const rule of allRules) {
    for (const id of rule.meta.blanks ?? []) expect(Object.keys(rule.meta.messages)).toContain(id);
  }
  const declaring = allRules.filter((r) => r.meta.blanks?.length).map((r) => r.meta.id);
  expect(declaring.length).toBeGreaterThanOrEqual(9);
});
