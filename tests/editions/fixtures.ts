/**
 * Forms of other editions (docs/spec/editions.md), generated as typed sheets
 * (no merges) the way departments published them: Hubei's earlier edition B
 * (部门整体支出绩效目标申报表) with the switches real copies showed, and a form of
 * Hunan's layout. Names and phone numbers are fictional.
 */
import type { CellValue } from '../../src/sheet/grid';
import { a1 } from '../../src/sheet/ref';
import type { FormSpec } from '../read/fixtures';

export interface EditionBOptions {
  /** History headers: "2019年"/"2020年" (default), or printed “    年” with every history amount left blank. */
  history?: 'years' | 'yearless';
  /** Amounts with four decimals (968.1918) and shares with one decimal (74.8%), as a county copy prints them. */
  fourDecimals?: boolean;
  /** 其他资金 left completely blank (no amount, no share). */
  otherFundsBlank?: boolean;
  /** 部门(单位)名称 written with its value in one cell. */
  labelAndValue?: boolean;
  /** An income line edition B does not print (事业收入 10.00), counted in the printed 合计. */
  unknownLine?: boolean;
  /** The 2019 expenditure 合计 mistyped (826.80 for 862.80): an error in a history column only. */
  historyError?: boolean;
  /** 填报日期 text (default 2021-01-28: budget year 2021 by the half-year rule). */
  fillDate?: string;
  /** A title year cell above the title ("2021年度"). */
  titleYear?: string;
}

/** A correct edition-B form (no option set): a county government office, budget year 2021. */
export function editionBForm(o: EditionBOptions = {}): FormSpec {
  const rows: CellValue[][] = [];
  const numFmt: Record<string, string> = {};
  const push = (r: CellValue[]): number => rows.push(r) - 1;
  const four = o.fourDecimals === true;

  push(['附件 2']);
  if (o.titleYear) push([o.titleYear]);
  push(['部门整体支出绩效目标申报表']);
  push([`填报日期:${o.fillDate ?? '2021 年 1 月 28 日'}`, null, null, null, null, null, '单位:万元']);
  if (o.labelAndValue) {
    push(['部门(单位)名称:某某县人民政府办公室', null, null, null, '填报人', '李四', '联系电话', '0716-5551234']);
  } else {
    push(['部门(单位)名称', '某某县人民政府办公室', null, null, '填报人', '李四', '联系电话', '0716-5551234']);
  }

  const yearless = o.history === 'yearless';
  push(['部门总体资金情况', '总体资金情况', null, '当年金额', '占比', '近两年收支金额']);
  push([null, null, null, null, null, yearless ? '    年' : '2019年', yearless ? '    年' : '2020年']);
  // [block, label, 当年, 2019, 2020]; shares are worked out below from the printed 合计.
  type Line = [string | null, string, number | null, number | null, number | null];
  const income: Line[] = [
    ['收入构成', '财政拨款', four ? 968.1918 : 968.19, 850.5, 900],
    [null, '其他资金', o.otherFundsBlank ? null : 0, 12.3, 0],
  ];
  if (o.unknownLine) income.push([null, '事业收入', 10, 0, 0]);
  const expenditure: Line[] = [
    ['支出构成', '基本支出', four ? 724.1918 : 724.19, 640, 700.25],
    [null, '项目支出', 244, 222.8, 199.75],
  ];
  const sum = (lines: Line[], i: 2 | 3 | 4): number =>
    Math.round(lines.reduce((s, l) => s + (l[i] ?? 0), 0) * 10000) / 10000;
  // The unknown line's 10.00 is part of the printed income 合计; expenditure grows by as much.
  if (o.unknownLine) expenditure[0]![2] = (expenditure[0]![2] as number) + 10;
  const incomeTotal: Line = [null, '合计', sum(income, 2), sum(income, 3), sum(income, 4)];
  const expenditureTotal: Line = [null, '合计', sum(expenditure, 2), sum(expenditure, 3), sum(expenditure, 4)];
  if (o.historyError) expenditureTotal[3] = 826.8;

  const shareOf = (v: number | null, total: number): CellValue => {
    if (v === null) return null;
    const p = total === 0 ? 0 : (v / total) * 100;
    return four ? `${p.toFixed(1)}%` : Math.round(p * 100) / 10000;
  };
  const writeBlock = (lines: Line[], total: Line): void => {
    for (const line of [...lines, total]) {
      const [block, label, cur, ybl, ly] = line;
      const blank = o.otherFundsBlank && label === '其他资金';
      const r = push([
        null,
        block,
        label,
        cur,
        blank ? null : shareOf(cur, total[2] as number),
        yearless ? null : ybl,
        yearless ? null : ly,
      ]);
      if (!four) numFmt[a1(r, 4)] = '0.00%';
      for (const c of [3, 5, 6]) numFmt[a1(r, c)] = four ? '0.0000' : '0.00';
    }
  };
  writeBlock(income, incomeTotal);
  writeBlock(expenditure, expenditureTotal);

  push(['部门职能概述', '1.负责县政府日常运转的综合协调；\n2.承办县政府交办的其他事项。']);
  push(['年度工作任务', '1.做好政务服务和督查督办；\n2.保障县政府机关日常运转。']);
  push(['项目支出情况', '项目名称', '支出项目类别', '项目总预算', '项目本年度预算', '项目主要支出方向和用途']);
  for (const [name, total, annual] of [
    ['政务服务专项经费', 150, 120],
    ['督查督办经费', 80, 80],
    ['机关运转保障经费', 60, 44],
  ] as const) {
    push([null, name, '31-本级支出项目', total, annual, `${name}的支出方向`]);
  }

  push(['整体绩效总目标', '长期目标（截止     2023年）', null, null, '年度目标']);
  push([null, '目标1提升政务服务水平；目标2保障机关运转。', null, null, '目标1完成年度政务服务任务。']);
  push(['长期目标：\n（截止 2023年）', '目标1提升政务服务水平；目标2保障机关运转。']);
  push(['长期绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据', '指标分类']);
  const indicators: [string, string, string, string, string][] = [
    ['运行成本', '公用经费控制', '公用经费控制率', '≤100%', '预算支出标准'],
    ['管理效率', '预算执行', '预算执行率', '≥95%', '计划标准'],
    ['履职效能', '核心业务产出1', '办理督查督办事项数量', '≥200件/年', '历史标准'],
    ['社会效应', '社会效益', '是否对社会发展有不良影响', '否', '计划标准'],
    ['可持续发展能力', '人才支撑', '业务学习与培训完成率', '100%', '计划标准'],
    ['满意度', '服务对象满意度', '服务对象满意度', '≥90%', '计划标准'],
  ];
  for (const [l1, l2, l3, v, basis] of indicators) push([null, l1, l2, l3, v, basis, '基本型']);
  push(['年度目标：', '完成年度政务服务任务。']);
  push(['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值', null, null, '指标值确定依据', '指标分类']);
  push([null, null, null, null, '近两年指标值', null, '预期当年实现值']);
  push([null, null, null, null, '前年', '上年']);
  for (const [l1, l2, l3, v, basis] of indicators) {
    const history = v.replace(/^[≥≤]/, '').replace('/年', '');
    push([null, l1, l2, l3, history, history, v, basis, '基本型']);
  }
  return { rows, merges: [], numFmt };
}

export interface HunanOptions {
  /** How the 项目支出 line under 按支出性质分 is written: with its amount in the cell, or the label alone. */
  projectLine?: 'withAmount' | 'labelOnly';
}

/**
 * Hunan's 部门整体支出绩效目标申报表 (county departments, 2017–2021): a title
 * year `(    2021     年度)`, 部门(单位)名称 with its value in one cell, the
 * block 年度预算申请 (资金总额, 按收入性质分, 按支出性质分), 部门职能职责概述,
 * one 整体绩效目标 text with a `……` left in it, an indicator table, and
 * 填报人 / 联系电话 in a footer.
 */
export function hunanForm(o: HunanOptions = {}): FormSpec {
  const rows: CellValue[][] = [];
  const push = (r: CellValue[]): number => rows.push(r) - 1;
  push(['部门整体支出绩效目标申报表']);
  push(['(    2021     年度)']);
  push(['部门(单位)名称:某某县交通运输局']);
  push(['年度预算申请', '资金总额', '按收入性质分', null, '按支出性质分']);
  push([null, 1200.5, '公共财政拨款:1000.5', null, '基本支出:800.5']);
  push([null, null, '政府性基金拨款:100', null, o.projectLine === 'labelOnly' ? '项目支出:' : '项目支出:400']);
  push([null, null, '纳入专户管理的非税收入拨款:50']);
  push([null, null, '其他资金:50']);
  push(['部门职能职责概述', '1.负责全县公路建设与养护；2.负责道路运输管理。']);
  push(['整体绩效目标', '目标1完成农村公路养护；目标2……']);
  push(['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标解释', '指标说明及公式', '预期达到目标']);
  push([null, '产出指标', '数量指标', '农村公路养护里程', '全年养护里程', '实际养护里程', '≥500公里']);
  push([null, '效益指标', '社会效益指标', '群众出行满意度', '抽样调查', '满意人数/调查人数', '≥90%']);
  push(['填报人:王五', null, null, '联系电话:0731-5556666']);
  return { rows, merges: [], numFmt: {} };
}

/** Hunan's 整体绩效目标表 of 2023: 指标 · 定量/定性 · 指标值 · 计量单位 · 评分标准. */
export function hunan2023Form(): FormSpec {
  return {
    rows: [
      ['2023年度部门整体绩效目标表'],
      ['部门(单位)名称:某某县农业农村局'],
      ['整体绩效目标', '目标1推进高标准农田建设。'],
      ['一级指标', '二级指标', '指标', '定量/定性', '指标值', '计量单位', '评分标准'],
      ['产出指标', '数量指标', '高标准农田建设面积', '定量', '≥2', '万亩', '完成得满分'],
      ['满意度指标', '服务对象满意度', '农户满意度', '定量', '≥90', '%', '按比例得分'],
    ],
    merges: [],
    numFmt: {},
  };
}
