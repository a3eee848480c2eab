/**
 * The bundled example workbook (the seed form in the official paper layout),
 * read through worksheetToGrid → readDeclaration. Expected counts were taken
 * by hand from docs/spec/seed-form.txt: the long-term table has 39 rows
 * (37 indicators + 2 `……`), the annual table 42 (40 + 2 `……`).
 */
import ExcelJS from 'exceljs';
import { EXAMPLE_FILE, EXAMPLE_SHEET, exampleSheet } from '../../scripts/make-example';
import type { DeclarationForm, IndicatorTable } from '../../src/form/types';
import { worksheetToGrid } from '../../src/host/exceljs/grid';
import type { Grid } from '../../src/sheet/grid';
import { readDeclaration } from '../../src/read';
import { buildGrid } from '../helpers/grid-builder';

let grid: Grid;
let form: DeclarationForm;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE_FILE);
  grid = worksheetToGrid(wb.getWorksheet(EXAMPLE_SHEET)!);
  const r = readDeclaration(grid);
  if (!r.form) throw new Error(r.reason);
  form = r.declaration;
});

const at = (a: string): string => `${EXAMPLE_SHEET}!${a}`;

describe('the example workbook', () => {
  test('is read as a declaration with no structural problem', () => {
    expect(form.sheet).toBe('附件2');
    expect(form.problems).toEqual([]);
  });

  test('header: title, department, filler, phone, the date inside its label cell, the unit', () => {
    const h = form.header;
    expect(h.title?.ref.address).toBe(at('A2'));
    expect(h.department?.ref.address).toBe(at('B4'));
    expect(h.department?.text).toBe('　阳新县信访局');
    expect(h.filler?.text).toBe('张三');
    expect(h.phone?.ref.address).toBe(at('H4'));
    expect(h.phone?.text).toBe('0714-7654321');
    expect(h.fillDate?.ref.address).toBe(at('A3'));
    expect(h.fillDate?.text).toBe('填报日期：  2025年  11月   26日');
    expect(h.unit?.ref.address).toBe(at('H3'));
  });

  test('funding: every line, 占比 as formatted percentages, history years 2024 / 2025', () => {
    const f = form.funding!;
    expect(Object.keys(f.income.lines).sort()).toEqual(['appropriation', 'specialAccount', 'unitFunds']);
    expect(Object.keys(f.expenditure.lines).sort()).toEqual(['operations', 'personnel', 'specialPurpose']);
    const personnel = f.expenditure.lines.personnel!;
    expect(personnel.share?.ref.address).toBe(at('G11'));
    expect(personnel.share?.value).toBe(0.8399);
    expect(personnel.share?.text).toBe('83.99%');
    expect(personnel.share?.numFmt).toBe('0.00%');
    expect(personnel.current.ref.address).toBe(at('E11'));
    expect(personnel.current.value).toBe(314.72);
    expect(personnel.yearBeforeLast?.ref.address).toBe(at('H11'));
    expect(personnel.lastYear?.value).toBe(229.85);
    expect(f.income.total?.current.ref.address).toBe(at('E10'));
    expect(f.income.total?.share?.text).toBe('100%');
    expect(f.expenditure.total?.current.ref.address).toBe(at('E14'));
    expect(f.income.lines.specialAccount?.share?.text).toBe('0%');
    expect(f.expenditure.lines.specialPurpose?.current.text).toBe('33.00');
    expect(f.years.yearBeforeLast).toBe(2024);
    expect(f.years.lastYear).toBe(2025);
    expect(f.years.yearBeforeLastHeader?.ref.address).toBe(at('H6'));
    expect(f.years.lastYearHeader?.ref.address).toBe(at('I6'));
  });

  test('texts: 部门职能概述 and 年度工作任务 with their full text', () => {
    expect(form.functions?.ref.address).toBe(at('B15'));
    expect(form.functions?.text).toMatch(
      /^1\.接待和办理人民群众来信来访[\s\S]*7\.切实履行《信访工作条例》赋予的各项职能。$/,
    );
    expect(form.annualTasks?.ref.address).toBe(at('B16'));
    expect(form.annualTasks?.text.trim().endsWith('……')).toBe(true);
  });

  test('projects: the four rows, 20 + 4 + 7 + 2 in 项目本年度预算', () => {
    const p = form.projects!;
    expect(p.header.ref.address).toBe(at('B17'));
    expect(p.rows.map((r) => r.name.text)).toEqual(['信访专项工作经费', '房屋租金', '接访中心经费', '网络信息构建']);
    expect(p.rows.map((r) => r.annualBudget.value)).toEqual([20, 4, 7, 2]);
    expect(p.rows.map((r) => r.totalBudget.value)).toEqual([100, 20, 35, 10]);
    expect(p.rows[0]!.category.text).toBe('31-本级支出项目');
    expect(p.rows[3]!.purpose.ref.address).toBe(at('G21'));
    expect(p.annualBudgetColumn).toEqual({ col: 5, firstRow: 17, lastRow: 20 });
  });

  test('整体绩效总目标: both texts side by side, horizon 2029 from its header', () => {
    const g = form.goals;
    expect(g.horizonCell?.ref.address).toBe(at('B22'));
    expect(g.horizonYear).toBe(2029);
    expect(g.longTerm?.ref.address).toBe(at('B23'));
    expect(g.annual?.ref.address).toBe(at('F23'));
    expect(g.longTerm?.text.startsWith('目标1办理网上信访事项')).toBe(true);
  });

  test('long-term table: 39 rows, columns, goal and horizon above it', () => {
    const t = form.longTermIndicators!;
    expect(t.label.ref.address).toBe(at('A25'));
    expect(t.goal?.ref.address).toBe(at('B24'));
    expect(t.horizonCell?.ref.address).toBe(at('A24'));
    expect(t.horizonYear).toBe(2029);
    expect(t.headerRow).toBe(24);
    expect(t.columns).toEqual({
      level1: 1,
      level2: 2,
      level3: 3,
      value: 4,
      yearBeforeLast: null,
      lastYear: null,
      basis: 7,
      classification: 8,
    });
    expect(t.rows).toHaveLength(39);
    expect(t.firstRow).toBe(25);
    expect(t.lastRow).toBe(63);
    expect(placeholders(t)).toBe(2);
    expect(t.rows.every((r) => r.history === null)).toBe(true);
    // `预算支出` (not 预算支出标准) is written three times, as filed.
    expect(t.rows.filter((r) => r.basis.text === '预算支出').map((r) => r.level3.text)).toEqual([
      '绩效监控开展率',
      '绩效评价覆盖率',
      '评价结果应用率',
    ]);
  });

  test('long-term table: 一级 and 二级 are carried down from the top of their merged group', () => {
    const t = form.longTermIndicators!;
    const row = (level3: string) => t.rows.find((r) => r.level3.text === level3)!;
    const sanGong = row('“三公经费”变动率');
    expect(sanGong.row).toBe(28);
    expect(sanGong.level1.ref.address).toBe(at('B26'));
    expect(sanGong.level1.text).toBe('运行\n成本');
    expect(sanGong.level2.ref.address).toBe(at('C28'));
    expect(sanGong.level2.text).toBe('项目支出成本控制');
    const rate = row('评价结果应用率');
    expect(rate.level1.text).toBe('管理\n效率');
    expect(rate.level2.text).toBe('绩效管理');
    expect(row('对接单位满意度').level1.text).toBe('满意度');
    expect(new Set(t.rows.map((r) => r.level1.text.replace(/\s/g, '')))).toEqual(
      new Set(['运行成本', '管理效率', '履职效能', '社会效应', '可持续发展能力', '满意度']),
    );
  });

  test('annual table: 42 rows, three header rows, history columns 前年 / 上年', () => {
    const t = form.annualIndicators!;
    expect(t.label.ref.address).toBe(at('A66'));
    expect(t.goal?.ref.address).toBe(at('B65'));
    expect(t.goal?.text).toBe('　完成完善信访法治化、信访事项化解、中巡组移交件办理、积案攻坚等信访工作。');
    expect(t.horizonCell).toBeNull();
    expect(t.headerRow).toBe(65);
    expect(t.columns).toEqual({
      level1: 1,
      level2: 2,
      level3: 3,
      value: 6,
      yearBeforeLast: 4,
      lastYear: 5,
      basis: 7,
      classification: 8,
    });
    expect(t.rows).toHaveLength(42);
    expect(t.firstRow).toBe(68);
    expect(t.lastRow).toBe(109);
    expect(placeholders(t)).toBe(2);
    const staff = t.rows.find((r) => r.level3.text === '在职人员控制率')!;
    expect(staff.history?.yearBeforeLast.text).toBe('57.14%');
    expect(staff.history?.lastYear.text).toBe('75%');
    expect(staff.value.text).toBe('82.35%');
    expect(staff.value.ref.address).toBe(at('G70'));
    const economic = t.rows.find((r) => r.level2.text === '经济效益')!;
    expect(economic.level3.text).toBe('无');
    expect(economic.basis.value).toBeNull();
    expect(t.rows.filter((r) => r.level2.text.startsWith('核心业务产出'))).toHaveLength(5);
  });
});

describe('the example sheet built in memory', () => {
  test('reads the same as the xlsx file when moved to F20', () => {
    const model = exampleSheet();
    const moved = buildGrid(model.rows, { sheet: '附件2', origin: 'F20', merges: model.merges, numFmt: model.numFmt });
    const r = readDeclaration(moved);
    expect(r.form).toBe(true);
    if (!r.form) return;
    const d = r.declaration;
    expect(d.problems).toEqual([]);
    // G11 moves by 19 rows and 5 columns.
    expect(d.funding?.expenditure.lines.personnel?.share?.ref.address).toBe('附件2!L30');
    expect(d.longTermIndicators?.rows).toHaveLength(39);
    expect(d.annualIndicators?.rows).toHaveLength(42);
    expect(d.projects?.rows).toHaveLength(4);
  });
});

function placeholders(t: IndicatorTable): number {
  return t.rows.filter((r) => r.level3.text === '……').length;
}
