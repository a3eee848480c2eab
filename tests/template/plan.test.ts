import { BASES, CATALOGUE, DEFAULT_CLASSIFICATIONS, LEVEL1 } from '../../src/form/catalogue';
import { a1, parseAddress } from '../../src/sheet/ref';
import { buildTemplate, validateTemplateParams, type TemplateParams } from '../../src/template';
import { recalculate } from '../../src/sheet/formula';
import { parseFormula, references } from '../../src/sheet/formula-parse';
import type { PlanRange, SheetPlan } from '../../src/template/plan';
import { findLabel, planCell, planToGrid } from './plan-grid';

const base: TemplateParams = { department: '阳新县信访局', budgetYear: 2026, filler: '张三', phone: '0714-7654321' };
const plans: [string, SheetPlan][] = [
  ['default', buildTemplate(base)],
  ['no prefill, 0 projects', buildTemplate({ ...base, prefillCommon: false, projectRows: 0 })],
  ['12 projects, horizon 2030', buildTemplate({ ...base, projectRows: 12, horizonYear: 2030 })],
];

function bounds(plan: SheetPlan): PlanRange {
  let bottom = 0;
  let right = 0;
  for (const c of plan.cells) {
    bottom = Math.max(bottom, c.row);
    right = Math.max(right, c.col);
  }
  return { top: 0, left: 0, bottom, right };
}

const inside = (r: PlanRange, outer: PlanRange) =>
  r.top >= outer.top &&
  r.left >= outer.left &&
  r.bottom <= outer.bottom &&
  r.right <= outer.right &&
  r.top <= r.bottom &&
  r.left <= r.right;
const overlaps = (a: PlanRange, b: PlanRange) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** Text of the column-0 label of each row, to locate sections. */
function rowOf(plan: SheetPlan, label: string): number {
  const at = findLabel(plan, label);
  if (!at) throw new Error(`label not in plan: ${label}`);
  return at.row;
}

describe.each(plans)('plan invariants (%s)', (_name, plan) => {
  const outer = bounds(plan);

  test('merged areas do not overlap and lie inside the sheet', () => {
    for (let i = 0; i < plan.merges.length; i++) {
      expect(inside(plan.merges[i]!, outer)).toBe(true);
      for (let j = i + 1; j < plan.merges.length; j++) expect(overlaps(plan.merges[i]!, plan.merges[j]!)).toBe(false);
    }
  });

  test('every cell is unique, styled with a known style, inside the nine columns', () => {
    const seen = new Set<string>();
    for (const c of plan.cells) {
      const key = `${c.row},${c.col}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(c.style && plan.styles[c.style]).toBeTruthy();
      expect(c.col).toBeLessThan(plan.columnWidths.length);
    }
    expect(plan.columnWidths).toHaveLength(9);
  });

  test('a value in a merged area stands in its top-left cell only', () => {
    for (const m of plan.merges) {
      for (const c of plan.cells) {
        const within = c.row >= m.top && c.row <= m.bottom && c.col >= m.left && c.col <= m.right;
        const topLeft = c.row === m.top && c.col === m.left;
        if (within && !topLeft) {
          expect(c.value ?? null).toBeNull();
          expect(c.formula).toBeUndefined();
        }
      }
    }
  });

  test('every formula parses and refers only to cells of the plan', () => {
    const cells = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
    const formulas = plan.cells.filter((c) => c.formula);
    expect(formulas.length).toBeGreaterThan(0);
    for (const c of formulas) {
      const node = parseFormula(c.formula!);
      expect(node).not.toBeNull();
      for (const ref of references(node!)) {
        if (ref.k === 'ref') expect(cells.has(`${ref.row},${ref.col}`)).toBe(true);
        if (ref.k === 'range') {
          for (let r = ref.top; r <= ref.bottom; r++)
            for (let col = ref.left; col <= ref.right; col++) expect(cells.has(`${r},${col}`)).toBe(true);
        }
      }
    }
  });

  test('validations, names, heights, title rows and freeze lie inside the sheet', () => {
    for (const v of plan.validations) expect(inside(v.range, outer)).toBe(true);
    for (const n of plan.names) expect(inside(n.range, outer)).toBe(true);
    for (const r of Object.keys(plan.rowHeights)) expect(Number(r)).toBeLessThanOrEqual(outer.bottom);
    expect(plan.print.titleRows!.last).toBeLessThanOrEqual(outer.bottom);
    expect(plan.freeze.rows).toBeLessThanOrEqual(outer.bottom);
  });

  test('names are unique, workbook-valid and cover the key cells', () => {
    const names = plan.names.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) {
      expect(n).toMatch(/^jx_[A-Za-z_]+$/);
      // A name must not read as a cell address.
      expect(parseAddress(n)).toBeNull();
    }
    for (const key of [
      'jx_form',
      'jx_department',
      'jx_filler',
      'jx_phone',
      'jx_fillDate',
      'jx_funding',
      'jx_income_total',
      'jx_income_appropriation_current',
      'jx_expenditure_specialPurpose_current',
      'jx_expenditure_total_share',
      'jx_functions',
      'jx_annualTasks',
      'jx_projects',
      'jx_goals_longTerm',
      'jx_goals_annual',
      'jx_longTermGoal',
      'jx_annualGoal',
      'jx_indicators_longTerm',
      'jx_indicators_annual',
    ]) {
      expect(names).toContain(key);
    }
  });

  test('prints on A4, fitted to the width, title repeated, centred; a CJK font', () => {
    expect(plan.print).toMatchObject({ paperSize: 'A4', fitToWidth: true, centerHorizontally: true });
    expect(plan.cells.find((c) => c.row === plan.print.titleRows!.first)?.value).toBe('部门整体绩效目标申报表');
    expect(plan.defaultFont.name).toBe('宋体');
    expect(Object.values(plan.styles).every((s) => s.fontName === '宋体')).toBe(true);
  });
});

describe('labels and parameters', () => {
  const plan = buildTemplate(base);

  test('the header carries the parameters; sections come in the paper order', () => {
    expect(planCell(plan, 'A1')?.value).toBe('附件2');
    expect(planCell(plan, 'A2')?.value).toBe('部门整体绩效目标申报表');
    const dept = plan.names.find((n) => n.name === 'jx_department')!.range;
    expect(planCell(plan, a1(dept.top, dept.left))?.value).toBe('阳新县信访局');
    const rows = [
      '填报日期：',
      '部门（单位）名称',
      '部门总体资金情况',
      '部门职能概述',
      '年度工作任务',
      '项目支出情况',
      '整体绩效总目标',
      '长期目标：\n（截止 2029年）',
      '长期绩效指标',
      '年度目标：',
      '年度绩效指标',
    ].map((l) => rowOf(plan, l));
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(findLabel(plan, '单位：万元')).not.toBeNull();
    expect(findLabel(plan, '填报人')).not.toBeNull();
    expect(findLabel(plan, '联系电话')).not.toBeNull();
  });

  test('budget year 2026: history headers 2024年 / 2025年, horizon 2029 in both places', () => {
    const y2024 = findLabel(plan, '2024年')!;
    const y2025 = findLabel(plan, '2025年')!;
    expect(y2024.row).toBe(y2025.row);
    expect(y2025.col).toBe(y2024.col + 1);
    expect(findLabel(plan, '长期目标（截止 2029年）')).not.toBeNull();
    expect(findLabel(plan, '长期目标：\n（截止 2029年）')).not.toBeNull();
  });

  test('another budget year and an explicit horizon', () => {
    const p = buildTemplate({ ...base, budgetYear: 2030, horizonYear: 2035 });
    expect(findLabel(p, '2028年')).not.toBeNull();
    expect(findLabel(p, '2029年')).not.toBeNull();
    expect(findLabel(p, '长期目标（截止 2035年）')).not.toBeNull();
  });

  test.each([0, 1, 4, 30])('projectRows %i gives that many empty project rows', (n) => {
    const p = buildTemplate({ ...base, projectRows: n });
    const header = rowOf(p, '项目名称');
    expect(rowOf(p, '整体绩效总目标') - header - 1).toBe(n);
    const projects = p.names.find((x) => x.name === 'jx_projects')!.range;
    expect(projects.bottom - projects.top).toBe(n);
  });

  test('projectRows defaults to 4', () => {
    expect(rowOf(plan, '整体绩效总目标') - rowOf(plan, '项目名称') - 1).toBe(4);
  });

  test('invalid parameters are refused with Chinese messages', () => {
    expect(validateTemplateParams(base)).toEqual([]);
    expect(validateTemplateParams({ ...base, budgetYear: 26 })[0]).toContain('预算年度');
    expect(validateTemplateParams({ ...base, horizonYear: 2025 })[0]).toContain('长期目标截止年份');
    expect(validateTemplateParams({ ...base, projectRows: -1 })[0]).toContain('项目行数');
    expect(validateTemplateParams({ ...base, projectRows: 1.5 })[0]).toContain('项目行数');
    expect(validateTemplateParams({ ...base, sheetName: 'a/b' })[0]).toContain('工作表名称');
    expect(validateTemplateParams({ ...base, classifications: [' '] })[0]).toContain('不能为空');
    expect(validateTemplateParams({ ...base, classifications: ['甲'.repeat(300)] })[0]).toContain('过长');
    expect(validateTemplateParams({ ...base, classifications: ['a,b'] })[0]).toContain('逗号');
    expect(() => buildTemplate({ ...base, budgetYear: Number.NaN })).toThrow(/预算年度/);
  });
});

/** Rows of one indicator table: [一级 (carried), 二级 (carried), 三级] per data row. */
function indicatorRows(plan: SheetPlan, kind: 'longTerm' | 'annual'): [string, string, string][] {
  const range = plan.names.find((n) => n.name === `jx_indicators_${kind}`)!.range;
  const first = range.top + (kind === 'annual' ? 3 : 1);
  const out: [string, string, string][] = [];
  let l1 = '';
  let l2 = '';
  for (let r = first; r <= range.bottom; r++) {
    const v = (c: number) => plan.cells.find((x) => x.row === r && x.col === c)?.value;
    const inMerge = (c: number) => plan.merges.some((m) => m.left === c && m.top < r && m.bottom >= r);
    if (!inMerge(1)) l1 = String(v(1) ?? '');
    if (!inMerge(2)) l2 = String(v(2) ?? '');
    out.push([l1, l2, String(v(3) ?? '')]);
  }
  return out;
}

describe('indicator tables', () => {
  test('with the catalogue: every common indicator in both tables, in catalogue order, 一级 merged over its group', () => {
    const plan = buildTemplate(base);
    const expected: [string, string, string][] = [];
    for (const l1 of LEVEL1) {
      if (l1 === '履职效能') {
        for (const i of [1, 2, 3]) expected.push([l1, `核心业务产出${i}`, '']);
        continue;
      }
      for (const l2 of CATALOGUE[l1]) {
        if (!l2.level3.length) expected.push([l1, l2.name, '']);
        for (const l3 of l2.level3) expected.push([l1, l2.name, l3]);
      }
    }
    expect(indicatorRows(plan, 'longTerm')).toEqual(expected);
    expect(indicatorRows(plan, 'annual')).toEqual(expected);
    const lt = plan.names.find((n) => n.name === 'jx_indicators_longTerm')!.range;
    const level1Merges = plan.merges.filter(
      (m) => m.left === 1 && m.right === 1 && m.top > lt.top && m.bottom <= lt.bottom,
    );
    expect(level1Merges).toHaveLength(6);
  });

  test('without the catalogue: 一级 filled once per group, at least one row each, nothing else filled', () => {
    const plan = buildTemplate({ ...base, prefillCommon: false });
    for (const kind of ['longTerm', 'annual'] as const) {
      const rows = indicatorRows(plan, kind);
      expect([...new Set(rows.map((r) => r[0]))]).toEqual([...LEVEL1]);
      for (const l1 of LEVEL1) expect(rows.filter((r) => r[0] === l1).length).toBeGreaterThanOrEqual(1);
      expect(rows.every((r) => r[1] === '' && r[2] === '')).toBe(true);
    }
  });

  test('the annual table has the three header rows of the paper form', () => {
    const plan = buildTemplate(base);
    const top = plan.names.find((n) => n.name === 'jx_indicators_annual')!.range.top;
    const at = (r: number, c: number) => plan.cells.find((x) => x.row === r && x.col === c)?.value;
    expect([at(top, 1), at(top, 2), at(top, 3), at(top, 4), at(top, 7), at(top, 8)]).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值',
      '指标值确定依据',
      '指标分类',
    ]);
    expect([at(top + 1, 4), at(top + 1, 6)]).toEqual(['近两年指标值', '预期当年实现值']);
    expect([at(top + 2, 4), at(top + 2, 5)]).toEqual(['前年', '上年']);
  });

  test('dropdowns: 一级 and 依据 strict, 分类 configurable and not strict, each with a Chinese prompt', () => {
    const plan = buildTemplate({ ...base, classifications: ['基本型', '个性型'] });
    const lists = plan.validations.map((v) => [v.list.join(','), v.strict]);
    expect(lists).toEqual([
      [LEVEL1.join(','), true],
      [BASES.join(','), true],
      ['基本型,个性型', false],
      [LEVEL1.join(','), true],
      [BASES.join(','), true],
      ['基本型,个性型', false],
    ]);
    expect(plan.validations.every((v) => /[\u4e00-\u9fff]/.test(v.prompt ?? ''))).toBe(true);
    expect(buildTemplate(base).validations[2]!.list).toEqual(DEFAULT_CLASSIFICATIONS);
  });
});

describe('funding formulas', () => {
  const plan = buildTemplate(base);
  const cell = (name: string) => {
    const r = plan.names.find((n) => n.name === name)!.range;
    return a1(r.top, r.left);
  };

  test('合计 sums its lines in every amount column; 占比 is a formula with a percentage format', () => {
    for (const block of ['income', 'expenditure']) {
      for (const col of ['current', 'yearBeforeLast', 'lastYear']) {
        expect(planCell(plan, cell(`jx_${block}_total_${col}`))?.formula).toMatch(/^=SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
      }
    }
    for (const name of plan.names.filter((n) => n.name.endsWith('_share'))) {
      const c = planCell(plan, a1(name.range.top, name.range.left))!;
      expect(c.formula).toMatch(/^=IF\(.+=0,0,ROUND\(.+,4\)\)$/);
      expect(plan.styles[c.style!]!.numFmt).toBe('0.00%');
    }
    const amount = planCell(plan, cell('jx_income_appropriation_current'))!;
    expect(plan.styles[amount.style!]!.numFmt).toBe('0.00');
    expect(plan.styles[amount.style!]!.unlocked).toBe(true);
  });

  test('computed with the example amounts they give the shares a budget system computes', () => {
    const typed = {
      [cell('jx_income_appropriation_current')]: 374.13,
      [cell('jx_income_specialAccount_current')]: 0,
      [cell('jx_income_unitFunds_current')]: 0,
      [cell('jx_expenditure_personnel_current')]: 314.72,
      [cell('jx_expenditure_operations_current')]: 26.41,
      [cell('jx_expenditure_specialPurpose_current')]: 33,
      [cell('jx_expenditure_personnel_lastYear')]: 229.85,
      [cell('jx_expenditure_operations_lastYear')]: 20.05,
      [cell('jx_expenditure_specialPurpose_lastYear')]: 33,
    };
    const g = recalculate(planToGrid(plan, typed));
    const text = (name: string) => {
      const p = parseAddress(cell(name))!;
      return g.text![p.row]![p.col];
    };
    expect(text('jx_income_total_current')).toBe('374.13');
    expect(text('jx_expenditure_total_current')).toBe('374.13');
    expect(text('jx_expenditure_total_lastYear')).toBe('282.90');
    expect(text('jx_expenditure_personnel_share')).toBe('84.12%');
    expect(text('jx_expenditure_operations_share')).toBe('7.06%');
    expect(text('jx_expenditure_specialPurpose_share')).toBe('8.82%');
    expect(text('jx_expenditure_total_share')).toBe('100.00%');
    expect(text('jx_income_specialAccount_share')).toBe('0.00%');
  });

  test('an empty template computes 0 everywhere, no error', () => {
    const g = recalculate(planToGrid(plan));
    for (const c of plan.cells.filter((x) => x.formula)) expect(g.values[c.row]![c.col]).toBe(0);
  });
});
