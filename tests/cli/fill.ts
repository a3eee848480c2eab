/**
 * Fills a template made by `jixiao template` the way a careful filer would,
 * so the end-to-end test can check that a complete form passes. Cells are
 * found through the reader (every Field knows its cell), not by address, so
 * the helper follows the template when its layout changes.
 */
import { XlsxHost } from '../../src/host/exceljs';
import type { CellWrite } from '../../src/host/types';
import type { DeclarationForm, Field, FundingLine, IndicatorTable } from '../../src/form/types';
import { readDeclaration } from '../../src/read';
import { textAt, type Grid } from '../../src/sheet/grid';

const AMOUNTS = {
  income: { appropriation: [374.13, 341.7, 282.9], specialAccount: [0, 0, 0], unitFunds: [0, 0, 0] },
  expenditure: { personnel: [314.72, 282.4, 229.85], operations: [26.41, 26.3, 20.05], specialPurpose: [33, 33, 33] },
} as const;

const TEXT = '1.接待和办理人民群众来信来访，保证信访渠道畅通；2.承办上级交办的重要信访事项。';

async function readForm(host: XlsxHost): Promise<{ grid: Grid; form: DeclarationForm }> {
  const [sheet] = await host.sheetNames();
  const grid = await host.readGrid(sheet!);
  const read = readDeclaration(grid);
  if (!read.form) throw new Error(`the generated template is not read as a form: ${read.reason}`);
  return { grid, form: read.declaration };
}

function need<T>(found: T | null | undefined, what: string): T {
  if (!found) throw new Error(`the reader found no cell for ${what}`);
  return found;
}

function normalize(s: string): string {
  return s.replace(/\s+/g, '');
}

function projectRow(grid: Grid, form: DeclarationForm): CellWrite[] {
  const header = need(form.projects?.header, '项目名称');
  const r = header.ref.row;
  const labels: Record<string, string | number> = {
    项目名称: '信访专项工作经费',
    支出项目类别: '31-本级支出项目',
    项目总预算: 100,
    项目本年度预算: 33,
    项目主要支出方向和用途: '办理网上信访事项，开展信访专项工作。',
  };
  const writes: CellWrite[] = [];
  for (let c = grid.left; c < grid.left + 20; c++) {
    const value = labels[normalize(textAt(grid, r, c))];
    if (value !== undefined) writes.push({ cell: { sheet: grid.sheet, row: r + 1, col: c }, value });
  }
  if (writes.length !== 5) throw new Error(`found ${writes.length} of the 5 project columns`);
  return writes;
}

function indicatorValues(table: IndicatorTable): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const row of table.rows) {
    let name = row.level3.text.trim();
    if (name === '') {
      // Rows the template leaves for the department's own indicators (核心业务产出N, 经济效益) get a 三级 name.
      const level2 = row.level2.text.trim();
      name = /^核心业务产出/.test(level2) ? `办理信访事项数量${level2.slice(-1)}` : `${level2}情况`;
      writes.push({ cell: row.level3.ref, value: name });
    }
    const isCost = row.level1.text.replace(/\s/g, '') === '运行成本';
    const value = name.endsWith('率') ? '100%' : /数量/.test(name) ? '≥1500件/年' : '符合要求';
    writes.push({ cell: row.value.ref, value });
    writes.push({ cell: row.basis.ref, value: isCost ? '预算支出标准' : '计划标准' });
    writes.push({ cell: row.classification.ref, value: '基本型' });
    if (row.history) {
      writes.push({ cell: row.history.yearBeforeLast.ref, value });
      writes.push({ cell: row.history.lastYear.ref, value });
    }
  }
  return writes;
}

/** Fills every input cell of the template at `file` (generated with one project row) and saves it. */
export async function fillTemplate(file: string): Promise<void> {
  const host = await XlsxHost.load(file);
  let { grid, form } = await readForm(host);
  await host.write(projectRow(grid, form));
  ({ grid, form } = await readForm(host));

  const writes: CellWrite[] = [];
  const put = (field: Field | null | undefined, what: string, value: string | number) => {
    writes.push({ cell: need(field, what).ref, value });
  };
  put(form.header.department, '部门（单位）名称', '某某县信访局');
  put(form.header.filler, '填报人', '张三');
  put(form.header.phone, '联系电话', '0714-7654321');
  put(form.header.fillDate, '填报日期', '2025年11月26日');
  if (!form.funding) throw new Error('the reader found no 部门总体资金情况');
  for (const block of ['income', 'expenditure'] as const) {
    const lines: Partial<Record<string, FundingLine>> = form.funding[block].lines;
    for (const [code, amounts] of Object.entries(AMOUNTS[block])) {
      const line = lines[code];
      put(line?.current, `${block}.${code} 当年金额`, amounts[0]);
      put(line?.yearBeforeLast, `${block}.${code} 前年`, amounts[1]);
      put(line?.lastYear, `${block}.${code} 上年`, amounts[2]);
    }
  }
  put(form.functions, '部门职能概述', TEXT);
  put(form.annualTasks, '年度工作任务', TEXT);
  put(form.goals.longTerm, '长期目标', '目标1：办理网上信访事项，维护全县信访秩序。');
  put(form.goals.annual, '年度目标', '完成信访事项化解工作。');
  if (form.longTermIndicators?.goal)
    put(form.longTermIndicators.goal, '长期目标（指标表上方）', '目标1：办理网上信访事项。');
  if (form.annualIndicators?.goal) put(form.annualIndicators.goal, '年度目标（指标表上方）', '完成信访事项化解工作。');
  writes.push(...indicatorValues(need(form.longTermIndicators, '长期绩效指标')));
  writes.push(...indicatorValues(need(form.annualIndicators, '年度绩效指标')));
  await host.write(writes);
  await host.save(file);
}
