/**
 * Each variant of docs/spec/form.md › "Forms not made by the template",
 * built as a typed form (no merges) and read by its labels.
 */
import type { DeclarationForm } from '../../src/form/types';
import type { CellValue } from '../../src/sheet/grid';
import { readDeclaration } from '../../src/read';
import { buildGrid, type GridSpec } from '../helpers/grid-builder';
import {
  FILL_DATE_SERIAL,
  stressForm,
  TYPED_ANNUAL_ROWS,
  TYPED_LONG_TERM_ROWS,
  typedForm,
  withJunkAround,
  type FormSpec,
  type TypedFormOptions,
} from './fixtures';

function read(spec: FormSpec, grid: GridSpec = {}): DeclarationForm {
  const r = readDeclaration(
    buildGrid(spec.rows, { sheet: '申报表', merges: spec.merges, numFmt: spec.numFmt, ...grid }),
  );
  if (!r.form) throw new Error(`not read as a form: ${r.reason}`);
  return r.declaration;
}

const typed = (o: TypedFormOptions = {}): DeclarationForm => read(typedForm(o));

describe('a typed form without merges', () => {
  const form = typed();

  test('is complete: no problems, every part found', () => {
    expect(form.problems).toEqual([]);
    expect(form.header.department?.text).toBe('阳新县信访局');
    expect(form.funding?.expenditure.lines.personnel?.share?.ref.address).toBe('申报表!E11');
    expect(form.projects?.rows).toHaveLength(4);
    expect(form.goals.horizonYear).toBe(2029);
    expect(form.longTermIndicators?.rows).toHaveLength(TYPED_LONG_TERM_ROWS);
    expect(form.annualIndicators?.rows).toHaveLength(TYPED_ANNUAL_ROWS);
    expect(form.longTermIndicators?.horizonYear).toBe(2029);
  });

  test('一级 and 二级 are carried down over plain blank cells, keeping the cell where they stand', () => {
    const rows = form.longTermIndicators!.rows;
    const sanGong = rows.find((r) => r.level3.text === '“三公经费”变动率')!;
    const first = rows[0]!;
    expect(sanGong.level1.ref.address).toBe(first.level1.ref.address);
    expect(sanGong.level1.text).toBe('运行成本');
    expect(sanGong.level2.text).toBe('项目支出成本控制');
    expect(sanGong.level2.ref.row).toBe(sanGong.row - 1);
    const contact = rows.find((r) => r.level3.text === '对接单位满意度')!;
    expect(contact.level1.text).toBe('满意度');
    expect(contact.level2.text).toBe('联系部门满意度');
  });

  test('a new 一级 group does not inherit the 二级 of the previous group', () => {
    const rows = typed({
      longTermRows: [
        [null, '运行成本', '公用经费控制', '公用经费控制率', '≥95%', '预算支出标准', '基本型'],
        [null, '管理效率', null, '预算执行率', '99%', '计划标准', '基本型'],
      ],
    }).longTermIndicators!.rows;
    expect(rows[1]!.level1.text).toBe('管理效率');
    expect(rows[1]!.level2.value).toBeNull();
    expect(rows[1]!.level2.ref.row).toBe(rows[1]!.row);
  });

  test('placeholder rows (only `……` in 三级) are kept as rows', () => {
    const placeholders = form.annualIndicators!.rows.filter((r) => r.level3.text === '……');
    expect(placeholders).toHaveLength(1);
    expect(placeholders[0]!.value.value).toBeNull();
  });
});

describe('position and surroundings', () => {
  test('the form at F20 with unrelated content around it reads the same, at moved addresses', () => {
    const form = read(withJunkAround(typedForm(), 3, 2), { origin: 'F20' });
    expect(form.problems).toEqual([]);
    // Typed E11 → 3 rows down, 2 columns right, then the block starts at F20 (19 rows, 5 columns).
    expect(form.funding?.expenditure.lines.personnel?.share?.ref.address).toBe('申报表!L33');
    expect(form.funding?.expenditure.lines.personnel?.share?.value).toBe(0.8399);
    expect(form.projects?.rows).toHaveLength(4);
    expect(form.longTermIndicators?.rows).toHaveLength(TYPED_LONG_TERM_ROWS);
    // The note below the form is not an indicator row.
    expect(form.annualIndicators?.rows).toHaveLength(TYPED_ANNUAL_ROWS);
  });

  test('a footer line right under the last table ends it', () => {
    const spec = typedForm();
    spec.rows.push(['填表说明：1.金额单位为万元。', '填表说明：1.金额单位为万元。']);
    spec.rows.push([null, '单位负责人：', null, '财务负责人：']);
    expect(read(spec).annualIndicators?.rows).toHaveLength(TYPED_ANNUAL_ROWS);
  });
});

describe('label spellings', () => {
  test('inner spaces, line breaks, half-width brackets and colons, section numbers', () => {
    const form = typed({
      labels: {
        '部门（单位）名称': '部门(单位) 名称',
        填报人: '填 报 人',
        联系电话: '联系电话：',
        部门总体资金情况: '二、部门总体\n\n资金情况',
        收入构成: '收入\n构成',
        支出构成: '支出\n\n构成',
        占比: '占 比',
        合计: '合  计',
        部门职能概述: '部门职能\n概述',
        项目本年度预算: '项目本年度\n预算',
        整体绩效总目标: '整体绩效\n总目标',
        '长期目标（截止     2029年）': '长期目标(截止 2029 年)',
        '长期目标：\n（截止 2029年）': '长期目标:\n(截止2029年)',
        长期绩效指标: '长期绩\n效指标',
        一级指标: '一级\n指标',
        '年度目标：': '年度目标:',
        '前 年': '前年',
        '上 年': '上  年',
      },
    });
    expect(form.problems).toEqual([]);
    expect(form.header.filler?.text).toBe('张三');
    expect(form.funding?.income.total?.current.value).toBe(374.13);
    expect(form.funding?.expenditure.total?.current.value).toBe(374.13);
    expect(form.projects?.rows[0]?.annualBudget.value).toBe(20);
    expect(form.goals.horizonYear).toBe(2029);
    expect(form.longTermIndicators?.horizonYear).toBe(2029);
    expect(form.annualIndicators?.columns.yearBeforeLast).toBe(4);
  });
});

describe('values as the reader records them (parsing is the rules’ job)', () => {
  const share = (o: TypedFormOptions) => typed(o).funding!.expenditure.lines.personnel!.share!;

  test('占比 as a percent-formatted number', () => {
    const s = share({ share: 'percent' });
    expect([s.value, s.numFmt, s.text]).toEqual([0.8399, '0.00%', '83.99%']);
  });

  test('占比 as a plain number', () => {
    const s = share({ share: 'plain' });
    expect([s.value, s.numFmt, s.text]).toEqual([83.99, 'General', '83.99']);
  });

  test('占比 as text', () => {
    const s = share({ share: 'text' });
    expect([s.value, s.text]).toEqual(['83.99%', '83.99%']);
  });

  test('amounts as text', () => {
    const form = typed({ amounts: 'text' });
    expect(form.problems).toEqual([]);
    expect(form.funding?.expenditure.lines.personnel?.current.value).toBe('314.72');
    expect(form.funding?.income.total?.yearBeforeLast?.value).toBe('341.70');
    expect(form.projects?.rows[1]?.annualBudget.value).toBe('4.00');
  });
});

describe('history headers', () => {
  test('2024年 / 2025年', () => {
    const y = typed({ history: 'years' }).funding!.years;
    expect([y.yearBeforeLast, y.lastYear]).toEqual([2024, 2025]);
  });

  test('bare years, as numbers and as text', () => {
    const n = typed({ history: 'bare' }).funding!.years;
    expect([n.yearBeforeLast, n.lastYear]).toEqual([2024, 2025]);
    const t = typed({ labels: { '2024年': '2024', '2025年': '2025' } }).funding!.years;
    expect([t.yearBeforeLast, t.lastYear]).toEqual([2024, 2025]);
  });

  test('前年 / 上年: the columns are found, the years stay unknown', () => {
    const form = typed({ history: 'relative' });
    expect(form.problems).toEqual([]);
    const y = form.funding!.years;
    expect([y.yearBeforeLast, y.lastYear]).toEqual([null, null]);
    expect(y.yearBeforeLastHeader?.text).toBe('前年');
    expect(y.lastYearHeader?.text).toBe('上年');
    expect(form.funding?.income.lines.appropriation?.lastYear?.value).toBe(282.9);
  });

  test('the annual table with 2024年 / 2025年 instead of 前年 / 上年', () => {
    const form = typed({ labels: { '前 年': '2024年', '上 年': '2025年' } });
    expect(form.annualIndicators?.columns).toMatchObject({ yearBeforeLast: 4, lastYear: 5, value: 6 });
    expect(form.annualIndicators?.rows[1]?.history?.yearBeforeLast.text).toBe('88%');
  });
});

describe('inserted and deleted rows', () => {
  test('extra projects are read; a project row left entirely blank is skipped', () => {
    const form = typed({ extraProjects: 3, blankProjectRow: true });
    expect(form.projects?.rows.map((p) => p.name.text)).toEqual([
      '信访专项工作经费',
      '房屋租金',
      '接访中心经费',
      '网络信息构建',
      '新增项目1',
      '新增项目2',
      '新增项目3',
    ]);
    const col = form.projects!.annualBudgetColumn!;
    expect(col.lastRow - col.firstRow).toBe(7); // 7 projects over 8 rows (one blank)
  });

  test('extra indicator rows join the carried 一级 group', () => {
    const form = typed({ extraIndicators: 4 });
    expect(form.longTermIndicators?.rows).toHaveLength(TYPED_LONG_TERM_ROWS + 4);
    expect(form.annualIndicators?.rows).toHaveLength(TYPED_ANNUAL_ROWS + 4);
    const added = form.annualIndicators!.rows.filter((r) => r.level3.text.startsWith('新增指标'));
    expect(added).toHaveLength(4);
    expect(added.every((r) => r.level1.text === '履职效能')).toBe(true);
    expect(added[3]!.history?.lastYear.text).toBe('≥4件/年');
  });

  test('a deleted funding line is a structural problem naming it', () => {
    const spec = typedForm();
    spec.rows = spec.rows.filter((r) => r[2] !== '单位资金');
    const form = read(spec);
    expect(form.funding?.income.lines.unitFunds).toBeUndefined();
    expect(form.funding?.income.lines.appropriation).toBeDefined();
    expect(form.problems.map((p) => p.message)).toContain('未找到“部门总体资金情况”中的“单位资金”行');
  });

  test('a project table with no rows has no column to flag', () => {
    const form = typed({ projectRows: [] });
    expect(form.projects?.rows).toEqual([]);
    expect(form.projects?.annualBudgetColumn).toBeNull();
  });
});

describe('填报日期', () => {
  test('as text with spaces in its own cell', () => {
    const d = typed({ date: 'text' }).header.fillDate!;
    expect(d.ref.address).toBe('申报表!B3');
    expect(d.value).toBe('2025年  11月   26日');
  });

  test('as a date cell', () => {
    const d = typed({ date: 'cell' }).header.fillDate!;
    expect(d.value).toBe(FILL_DATE_SERIAL);
    expect(d.text).toBe('2025年11月26日');
    expect(d.numFmt).toBe('yyyy"年"m"月"d"日"');
  });

  test('inside the label cell itself', () => {
    const h = typed({ date: 'inLabel' }).header;
    expect(h.fillDate?.ref.address).toBe('申报表!A3');
    expect(h.fillDate?.text).toBe('填报日期：  2025年  11月   26日');
    expect(h.unit?.ref.address).toBe('申报表!H3');
  });

  test('date and unit in one cell', () => {
    const spec = typedForm({ date: 'inLabel' });
    spec.rows[2] = ['填报日期：  2025年  11月   26日                 单位：万元'];
    const h = read(spec).header;
    expect(h.fillDate?.ref.address).toBe('申报表!A3');
    expect(h.unit?.ref.address).toBe('申报表!A3');
  });
});

describe('empty value cells and missing parts', () => {
  test('a label whose value cell is empty gives a Field for the empty cell', () => {
    const spec = typedForm();
    spec.rows[3] = ['部门（单位）名称', '阳新县信访局', null, null, '填报人', null, '联系电话', '0714-7654321'];
    const form = read(spec);
    expect(form.header.filler).toMatchObject({ value: null, text: '' });
    expect(form.header.filler?.ref.address).toBe('申报表!F4');
    expect(form.problems).toEqual([]);
  });

  test('a blank block between a label and its value is skipped; a blank before the next label is the value cell', () => {
    const spec = typedForm();
    spec.rows[3] = ['部门（单位）名称', null, null, '阳新县信访局', '填报人', null, '联系电话', '0714-7654321'];
    spec.merges.push('A4:B4');
    const h = read(spec).header;
    expect(h.department?.ref.address).toBe('申报表!D4');
    expect(h.filler?.ref.address).toBe('申报表!F4');
    expect(h.filler?.value).toBeNull();
    expect(h.phone?.text).toBe('0714-7654321');
  });

  test('a merged value cell gives the Field of its top-left cell', () => {
    const spec = typedForm();
    spec.rows[3] = ['部门（单位）名称', '阳新县信访局', null, null, '填报人', '张三', '联系电话', '0714-7654321'];
    spec.merges.push('B4:D4');
    expect(read(spec).header.department?.ref.address).toBe('申报表!B4');
  });

  test('an empty 年度工作任务 is a Field for the empty cell', () => {
    const spec = typedForm();
    const i = spec.rows.findIndex((r) => r[0] === '年度工作任务');
    spec.rows[i] = ['年度工作任务'];
    const t = read(spec).annualTasks!;
    expect(t.value).toBeNull();
    expect(t.ref.address).toBe(`申报表!B${i + 1}`);
  });

  test('a missing section is null with a problem', () => {
    const spec = typedForm();
    const start = spec.rows.findIndex((r) => r[0] === '项目支出情况');
    spec.rows.splice(start, 5);
    const form = read(spec);
    expect(form.projects).toBeNull();
    expect(form.problems).toEqual([{ section: 'projects', message: '未找到“项目支出情况”', cells: [] }]);
  });

  test('the goal line above a table may hold its text in the same cell', () => {
    const spec = typedForm();
    const i = spec.rows.findIndex((r) => r[0] === '年度目标：');
    spec.rows[i] = ['年度目标：完成信访工作。'];
    const t = read(spec).annualIndicators!;
    expect(t.goal?.ref.address).toBe(`申报表!A${i + 1}`);
  });

  test('整体绩效总目标 with its two goals stacked, texts to the right', () => {
    const spec = typedForm();
    const i = spec.rows.findIndex((r) => r[0] === '整体绩效总目标');
    spec.rows.splice(
      i,
      2,
      ['整体绩效总目标', '长期目标（截止2029年）', '长期的目标'],
      [null, '年度目标', '今年的目标'],
    );
    const g = read(spec).goals;
    expect(g.longTerm?.text).toBe('长期的目标');
    expect(g.annual?.text).toBe('今年的目标');
    expect(g.horizonYear).toBe(2029);
  });
});

describe('large forms', () => {
  test('500 projects and 2,000 rows in each indicator table are all read', () => {
    const form = read(stressForm(500, 2000));
    expect(form.problems).toEqual([]);
    expect(form.projects?.rows).toHaveLength(500);
    expect(form.longTermIndicators?.rows).toHaveLength(2000);
    expect(form.annualIndicators?.rows).toHaveLength(2000);
    const last = form.annualIndicators!.rows[1999]!;
    // Row 1999 sits in the 40th group of 50: 一级 #39 % 6 = 3 → 社会效应, written 49 rows above.
    expect(last.level1.text).toBe('社会效应');
    expect(last.level1.ref.row).toBe(last.row - 49);
  });
});

test('a form whose value cells hold every kind of CellValue reads without error', () => {
  const spec = typedForm();
  const odd: CellValue[] = [true, { error: '#DIV/0!' }, '', '   ', -0, Number.NaN];
  const i = spec.rows.findIndex((r) => r[2] === '财政拨款');
  odd.forEach((v, k) => (spec.rows[i + (k % 3)]![3 + (k % 4)] = v));
  const form = read(spec);
  expect(form.funding?.income.lines.appropriation?.current.value).toBe(true);
});
