/**
 * Forms for the reader tests: a "typed" form (no merges, labels and values in
 * plain cells, as a department would type it) with switches for each variant
 * of form.md › "Forms not made by the template", and helpers to move a form
 * and surround it with unrelated content.
 */
import type { CellValue } from '../../src/sheet/grid';
import { parseAddress, a1 } from '../../src/sheet/ref';

/** A form as data for buildGrid: rows plus relative merges and number formats. */
export interface FormSpec {
  rows: CellValue[][];
  merges: string[];
  numFmt: Record<string, string>;
}

export interface TypedFormOptions {
  /** Replaces printed labels by other spellings: { '收入构成': '收入\n构成' }. */
  labels?: Record<string, string>;
  /** 占比 as a percent-formatted number (0.8399), a plain number (83.99) or text ("83.99%"). */
  share?: 'percent' | 'plain' | 'text';
  /** Amounts as numbers or as text ("374.13"). */
  amounts?: 'number' | 'text';
  /** History headers: "2024年" / "2025年", bare 2024 / 2025 numbers, or 前年 / 上年. */
  history?: 'years' | 'bare' | 'relative';
  /** 填报日期: text in its own cell, a date cell, or text inside the label cell. */
  date?: 'text' | 'cell' | 'inLabel';
  /** Projects added after the four of the example. */
  extraProjects?: number;
  /** A blank row between the second and the third project. */
  blankProjectRow?: boolean;
  /** Indicator rows added to the 履职效能 group of both tables. */
  extraIndicators?: number;
  /** Replace the project rows / the indicator rows outright (full rows, column A included). */
  projectRows?: CellValue[][];
  longTermRows?: CellValue[][];
  annualRows?: CellValue[][];
}

/** 2025-11-26 as an Excel 1900 serial. */
export const FILL_DATE_SERIAL = 45987;

export const TYPED_LONG_TERM_ROWS = 10;
export const TYPED_ANNUAL_ROWS = 11;

/**
 * The example's content, typed without merges. Columns: A section labels,
 * B–I the tables. 一级/二级 stand only in the first row of their group.
 */
export function typedForm(o: TypedFormOptions = {}): FormSpec {
  const L = (t: string): string => o.labels?.[t] ?? t;
  const rows: CellValue[][] = [];
  const numFmt: Record<string, string> = {};
  const fmt = (row: number, col: number, f: string): void => {
    numFmt[a1(row, col)] = f;
  };
  const amount = (v: number): CellValue => (o.amounts === 'text' ? v.toFixed(2) : v);
  const push = (r: CellValue[]): number => rows.push(r) - 1;

  push([L('附件2')]);
  push([L('部门整体绩效目标申报表')]);
  if (o.date === 'inLabel')
    push(['填报日期：  2025年  11月   26日', null, null, null, null, null, null, L('单位：万元')]);
  else {
    const r = push([
      L('填报日期：'),
      o.date === 'cell' ? FILL_DATE_SERIAL : '2025年  11月   26日',
      null,
      null,
      null,
      null,
      null,
      L('单位：万元'),
    ]);
    if (o.date === 'cell') fmt(r, 1, 'yyyy"年"m"月"d"日"');
  }
  push([L('部门（单位）名称'), '阳新县信访局', null, null, L('填报人'), '张三', L('联系电话'), '0714-7654321']);

  const hist =
    o.history === 'bare'
      ? [2024, 2025]
      : o.history === 'relative'
        ? [L('前年'), L('上年')]
        : [L('2024年'), L('2025年')];
  push([L('部门总体资金情况'), L('总体资金情况'), null, L('当年金额'), L('占比'), L('近两年收支金额')]);
  push([null, null, null, null, null, hist[0]!, hist[1]!]);
  const lines: [string | null, string, number, number, number, number][] = [
    [L('收入构成'), '财政拨款', 374.13, 1, 341.7, 282.9],
    [null, '财政专户管理资金', 0, 0, 0, 0],
    [null, '单位资金', 0, 0, 0, 0],
    [null, L('合计'), 374.13, 1, 341.7, 282.9],
    [L('支出构成'), '人员类项目支出', 314.72, 0.8399, 282.4, 229.85],
    [null, '运转类项目支出', 26.41, 0.0712, 26.3, 20.05],
    [null, '特定目标类项目支出', 33, 0.0889, 33, 33],
    [null, L('合计'), 374.13, 1, 341.7, 282.9],
  ];
  for (const [block, label, cur, share, ybl, ly] of lines) {
    const shareValue: CellValue =
      o.share === 'plain'
        ? Number((share * 100).toFixed(2))
        : o.share === 'text'
          ? `${Number((share * 100).toFixed(2))}%`
          : share;
    const r = push([null, block, label, amount(cur), shareValue, amount(ybl), amount(ly)]);
    if (o.share === undefined || o.share === 'percent') fmt(r, 4, '0.00%');
    if (o.amounts !== 'text') for (const c of [3, 5, 6]) fmt(r, c, '0.00');
  }

  push([L('部门职能概述'), '1.接待和办理人民群众来信来访；\n2.承办上级交办的重要信访事项。']);
  push([L('年度工作任务'), '1.办理网上信访事项；\n2.做好来访接待。\n……']);

  push([
    L('项目支出情况'),
    L('项目名称'),
    L('支出项目类别'),
    L('项目总预算'),
    L('项目本年度预算'),
    L('项目主要支出方向和用途'),
  ]);
  const projects: [string, number, number][] = [
    ['信访专项工作经费', 100, 20],
    ['房屋租金', 20, 4],
    ['接访中心经费', 35, 7],
    ['网络信息构建', 10, 2],
  ];
  for (let i = 0; i < (o.extraProjects ?? 0); i++) projects.push([`新增项目${i + 1}`, 1, 0.5]);
  if (o.projectRows) for (const r of o.projectRows) push(r);
  else {
    projects.forEach(([name, total, annual], i) => {
      if (o.blankProjectRow && i === 2) push([]);
      push([null, name, '31-本级支出项目', amount(total), amount(annual), `${name}的支出方向`]);
    });
  }

  push([L('整体绩效总目标'), L('长期目标（截止     2029年）'), null, null, L('年度目标')]);
  push([null, '目标1办理网上信访事项。', null, null, '目标1办理网上信访事项。']);
  push([L('长期目标：\n（截止 2029年）'), '目标1办理网上信访事项；目标2提供办公场所。']);

  push([
    L('长期绩效指标'),
    L('一级指标'),
    L('二级指标'),
    L('三级指标'),
    L('指标值'),
    L('指标值确定依据'),
    L('指标分类'),
  ]);
  const extra = (n: number, history: boolean): CellValue[][] =>
    Array.from({ length: n }, (_, i) => {
      const v = `≥${i + 1}件/年`;
      return history
        ? [null, null, `核心业务产出${i + 4}`, `新增指标${i + 1}`, v, v, v, '历史标准', '基本型']
        : [null, null, `核心业务产出${i + 4}`, `新增指标${i + 1}`, v, '历史标准', '基本型'];
    });
  const longTerm: CellValue[][] = [
    [null, '运行成本', '公用经费控制', '公用经费控制率', '≥95%', '预算支出标准', '基本型'],
    [null, null, '项目支出成本控制', '会议费控制率', '≥90%', '预算支出标准', '基本型'],
    [null, null, null, '“三公经费”变动率', '0%', '预算支出标准', '基本型'],
    [null, null, null, '……'],
    [null, '管理效率', '预算执行', '政府采购执行率', '100%', '计划标准', '基本型'],
    [null, '履职效能', '核心业务产出1', '办理群众来访信访事项数量', '≥1500件/年', '历史标准', '基本型'],
    ...extra(o.extraIndicators ?? 0, false),
    [null, '社会效应', '社会效益', '是否对社会发展有不良影响', '无', '计划标准', '基本型'],
    [null, '可持续发展能力', '人才支撑', '业务学习与培训完成率', '100%', '计划标准', '基本型'],
    [null, '满意度', '服务对象满意度', '服务对象满意度', '≥90%', '计划标准', '基本型'],
    [null, null, '联系部门满意度', '对接单位满意度', '≥90%', '计划标准', '基本型'],
  ];
  for (const r of o.longTermRows ?? longTerm) push(r);

  push([L('年度目标：'), '完成信访工作。']);
  push([
    L('年度绩效指标'),
    L('一级指标'),
    L('二级指标'),
    L('三级指标'),
    L('指标值'),
    null,
    null,
    L('指标值确定依据'),
    L('指标分类'),
  ]);
  push([null, null, null, null, L('近两年指标值'), null, L('预期当年实现值')]);
  push([null, null, null, null, L('前 年'), L('上 年')]);
  const annual: CellValue[][] = [
    [null, '运行成本', '公用经费控制', '公用经费控制率', '100%', '100%', '100%', '预算支出标准', '基本型'],
    [null, null, '项目支出成本控制', '会议费控制率', '88%', '95%', '100%', '预算支出标准', '基本型'],
    [null, null, null, '“三公经费”变动率', '100%', '100%', '100%', '预算支出标准', '基本型'],
    [null, null, null, '……'],
    [null, '管理效率', '预算执行', '政府采购执行率', '无', '无', '无'],
    [
      null,
      '履职效能',
      '核心业务产出1',
      '办理群众来访信访事项数量',
      '≥1500件/年',
      '≥1500件/年',
      '≥1500件/年',
      '历史标准',
      '基本型',
    ],
    ...extra(o.extraIndicators ?? 0, true),
    [null, '社会效应', '经济效益', '无', '无', '无', '无'],
    [null, null, '社会效益', '是否对社会发展有不良影响', '无', '无', '无', '计划标准', '基本型'],
    [null, '可持续发展能力', '人才支撑', '业务学习与培训完成率', '100%', '100%', '100%', '计划标准', '基本型'],
    [null, '满意度', '服务对象满意度', '服务对象满意度', '≥90%', '≥90%', '≥90%', '计划标准', '基本型'],
    [null, null, '联系部门满意度', '对接单位满意度', '≥90%', '≥90%', '≥90%', '计划标准', '基本型'],
  ];
  for (const r of o.annualRows ?? annual) push(r);
  return { rows, merges: [], numFmt };
}

/**
 * Moves a form down by `dRow` rows and right by `dCol` columns inside a
 * larger block, and fills what is around it with unrelated content: a note
 * above, numbers to the left, a small table to the right and text below.
 */
export function withJunkAround(form: FormSpec, dRow: number, dCol: number): FormSpec {
  const width = form.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const rows: CellValue[][] = [];
  for (let r = 0; r < dRow; r++) rows.push([`备忘 ${r + 1}`, r * 3.5, null, '随手记录']);
  form.rows.forEach((src, i) => {
    const row: CellValue[] = [];
    for (let c = 0; c < dCol; c++) row.push(c === 0 ? i : c === 1 ? `杂项${i}` : null);
    for (let c = 0; c < width; c++) row.push(src[c] ?? null);
    row.push(null, i % 3 === 0 ? '无关数据' : i * 7, i % 5 === 0 ? '合计' : null);
    rows.push(row);
  });
  // A blank row, then a note and a row of numbers under the form's columns: not part of any table.
  rows.push(
    [],
    ['与本表无关的备注：请于月底前报送'],
    Array.from({ length: dCol + width }, (_, c) => c + 1),
  );
  const shift = (addr: string): string => {
    const p = parseAddress(addr)!;
    const start = a1(p.row + dRow, p.col + dCol);
    return p.bottom === undefined ? start : `${start}:${a1(p.bottom + dRow, p.right! + dCol)}`;
  };
  const numFmt: Record<string, string> = {};
  for (const [k, v] of Object.entries(form.numFmt)) numFmt[shift(k)] = v;
  return { rows, merges: form.merges.map(shift), numFmt };
}

/**
 * A stress form: `projects` project rows and `indicators` rows in each
 * indicator table (groups of 50 rows under each 一级 in turn), typed layout.
 */
export function stressForm(projects: number, indicators: number): FormSpec {
  const level1 = ['运行成本', '管理效率', '履职效能', '社会效应', '可持续发展能力', '满意度'];
  const l1 = (i: number): string | null => (i % 50 === 0 ? level1[(i / 50) % 6]! : null);
  return typedForm({
    projectRows: Array.from({ length: projects }, (_, i) => [null, `项目${i}`, '31-本级支出项目', 10 + i, 5, '用途']),
    longTermRows: Array.from({ length: indicators }, (_, i) => [
      null,
      l1(i),
      `二级${i}`,
      `三级${i}`,
      `${i}%`,
      '计划标准',
      '基本型',
    ]),
    annualRows: Array.from({ length: indicators }, (_, i) => [
      null,
      l1(i),
      `二级${i}`,
      `三级${i}`,
      '1',
      '2',
      `${i}%`,
      '计划标准',
      '基本型',
    ]),
  });
}
