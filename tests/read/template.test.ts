/**
 * The reader finds every part of a sheet made from the product's own
 * template (through the memory host), empty or pre-filled.
 */
import { MemoryHost } from '../fakes/memory';
import { readDeclaration } from '../../src/read';
import { buildTemplate, type TemplateParams } from '../../src/template';

async function readTemplate(p: TemplateParams) {
  const host = new MemoryHost();
  const sheet = await host.createSheet(buildTemplate(p));
  const r = readDeclaration(await host.readGrid(sheet));
  if (!r.form) throw new Error(r.reason);
  return r.declaration;
}

test('a template with the common indicators has every part and no problem', async () => {
  const d = await readTemplate({ department: '测试局', budgetYear: 2026, projectRows: 4, prefillCommon: true });
  expect(d.problems).toEqual([]);
  expect(d.header.department?.text).toBe('测试局');
  expect([d.funding?.years.yearBeforeLast, d.funding?.years.lastYear]).toEqual([2024, 2025]);
  expect(d.goals.horizonYear).toBe(2029);
  expect(d.longTermIndicators?.horizonYear).toBe(2029);
  // Empty project rows are blank rows: skipped.
  expect(d.projects?.rows).toEqual([]);
  const lt = d.longTermIndicators!.rows;
  expect(lt.length).toBeGreaterThan(20);
  expect(lt[0]!.level1.text.replace(/\s/g, '')).toBe('运行成本');
  expect(d.annualIndicators?.rows.length).toBe(lt.length);
  expect(d.annualIndicators?.columns.yearBeforeLast).not.toBeNull();
});

test('an empty template: a horizon of 2031 and indicator rows still to be named', async () => {
  const d = await readTemplate({ department: '', budgetYear: 2027, horizonYear: 2031, prefillCommon: false });
  expect(d.problems).toEqual([]);
  expect([d.funding?.years.yearBeforeLast, d.funding?.years.lastYear]).toEqual([2025, 2026]);
  expect(d.goals.horizonYear).toBe(2031);
  expect(d.header.department?.value).toBeNull();
  // Without the common indicators the rows carry only their 一级: rows to fill, each with an empty 三级.
  const rows = d.longTermIndicators?.rows ?? [];
  expect(rows.length).toBeGreaterThanOrEqual(6);
  expect(rows.every((r) => r.level3.value === null)).toBe(true);
  expect(new Set(rows.map((r) => r.level1.text.replace(/\s/g, '')))).toEqual(
    new Set(['运行成本', '管理效率', '履职效能', '社会效应', '可持续发展能力', '满意度']),
  );
});
