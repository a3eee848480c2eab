/**
 * Writes examples/部门整体绩效目标申报表-示例.xlsx: the form of
 * docs/spec/seed-form.txt (a county 信访局, budget year 2026) as a faithful
 * workbook in the official paper layout — not the product's template. Every
 * value is as filed, including the example's known mistakes (wrong 占比s,
 * `预算支出` in the long-term table, the `……` rows); only the filler and the
 * phone are replaced by fictional ones.
 *
 *   npx tsx scripts/make-example.ts [output.xlsx]
 *
 * exampleSheet() returns the same sheet as plain data (rows, merges, number
 * formats), so tests can build it in memory at any position.
 */
import * as path from 'path';
import ExcelJS from 'exceljs';

export const EXAMPLE_FILE = path.join(__dirname, '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
export const EXAMPLE_SHEET = '附件2';

type Value = string | number | null;
/** How a cell is drawn: title block, a label, a long text, an amount, a percentage, a table cell. */
type Kind = 'plain' | 'title' | 'label' | 'text' | 'amount' | 'share' | 'cell';

export interface ExampleSheet {
  name: string;
  /** 9 columns (A–I), row 1 first. */
  rows: Value[][];
  /** A1 ranges. */
  merges: string[];
  /** Number format by A1 address. */
  numFmt: Record<string, string>;
  kinds: Record<string, Kind>;
  rowHeights: Record<number, number>;
  /** Character widths of A–I. */
  columnWidths: number[];
  /** First row (1-based) of the bordered table. */
  tableTop: number;
  /** Rows (1-based) after which a printed page ends: each indicator table starts a page with its goal. */
  pageBreaksAfter: number[];
}

const COLS = 9;
const WIDTHS = [10, 10, 14, 22, 14, 14, 14, 14, 9];

// ---------------------------------------------------------------- the form's content (seed-form.txt)

const DEPARTMENT = '　阳新县信访局';
const FILLER = '张三';
const PHONE = '0714-7654321';
const FILL_DATE = '填报日期：  2025年  11月   26日';

const FUNCTIONS =
  '1.接待和办理人民群众来信来访，保证信访渠道畅通，深度应用湖北智慧信访信息系统，推进“信访工作法治化”，切实为党分忧、为民解难                                                         ；\n 2.承办并反馈上级和县委、县政府批转及交办的重要信访事项;向镇(场、区)和县直部门交办信访案件，督查督办重要信访事项的处理和落实;通报全县重大突出的信访问题，落实“责任信访”，压实信访工作职责                                                         ；\n 3.根据委托和安排，协调有关单位处理“三跨三分离”等需要共同处理的重要信访事项;协调处理群众到县群体访、异常访、突发访事件;依法处理各类信访问题,协助化解信访矛盾，打造“法治信访”，维护全县的社会稳定                                                         ；\n 4.向县委、县政府提供群众来信来访中的重要信息;开展调查研究、了解社情民意，及时反映倾向性、群体性问题和影响社会稳定的事件;为县委、县政府提供科学决策服务,发挥参谋助手作用；\n\n 5.负责全县信访工作的综合管理。协助县委、县政府部署、检查和指导全县的信访工作;总结信访工作经验，宣传、交流和推广典型做法;深化信访制度改革，提出加强和改进信访工作的意见和建议；\n\n6.推进全县信访工作机构和干部队伍建设,优化服务;组织实施全县信访工作目标管理的考核与奖惩;定期制定并实施工作要点;组织信访干部培训；\n\n7.切实履行《信访工作条例》赋予的各项职能。';

const TASKS =
  ' 1.办理网上信访事项，复查复核信访事项，开展重复访、信访积案治理，督查督办重点信访事项，进京赴省到市开展信访维稳劝返等信访专项工作，维护全县信访秩序。                                                         ；\n 2.做好县内外群众的来信来电及来访工作，应用湖北省阳光信访平台信息系统办理各类信访事项。 ；\n 3.做好来访群众接待、登记、受理等工作，及时化解信访矛盾，引导群众依法有序进行信访，维护全县信访秩序。                      ；\n     ……';

/** The same four goals stand in 整体绩效总目标 (both columns) and above the long-term table. */
const GOALS =
  '目标1办理网上信访事项，复查复核信访事项，开展重复访、信访积案治理，督查督办重点信访事项，进京赴省到市开展信访维稳劝返等信访专项工作，维护全县信访秩序。\n目标2提供信访局办公场所，开展好各项信访工作。\n\n目标3做好来访群众接待、登记、受理等工作，及时化解信访矛盾，引导群众依法有序进行信访，维护全县信访秩序。\n目标4做好县内外群众的来信来电及来访工作，应用湖北省阳光信访平台信息系统办理各类信访事项。';

const ANNUAL_GOAL = '　完成完善信访法治化、信访事项化解、中巡组移交件办理、积案攻坚等信访工作。';

/** [line label, 当年金额, 占比, 2024年, 2025年]; 占比 as printed (wrong in the expenditure block). */
type FundingRow = [string, number, number, number, number];
const INCOME: FundingRow[] = [
  ['财政拨款', 374.13, 1, 341.7, 282.9],
  ['财政专户管理资金', 0, 0, 0, 0],
  ['单位资金', 0, 0, 0, 0],
  ['合计', 374.13, 1, 341.7, 282.9],
];
const EXPENDITURE: FundingRow[] = [
  ['人员类项目支出', 314.72, 0.8399, 282.4, 229.85],
  ['运转类项目支出', 26.41, 0.0712, 26.3, 20.05],
  ['特定目标类项目支出', 33, 0.0889, 33, 33],
  ['合计', 374.13, 1, 341.7, 282.9],
];

const PROJECTS: [string, string, number, number, string][] = [
  [
    '信访专项工作经费',
    '31-本级支出项目',
    100,
    20,
    '办理网上信访事项，复查复核信访事项，开展重复访、信访积案治理，督查督办重点信访事项，进京赴省到市开展信访维稳劝返等信访专项工作，维护全县信访秩序。',
  ],
  ['房屋租金', '31-本级支出项目', 20, 4, '提供信访局办公场所，开展好各项信访工作。'],
  [
    '接访中心经费',
    '31-本级支出项目',
    35,
    7,
    '做好来访群众接待、登记、受理等工作，及时化解信访矛盾，引导群众依法有序进行信访，维护全县信访秩序。',
  ],
  [
    '网络信息构建',
    '31-本级支出项目',
    10,
    2,
    '做好县内外群众的来信来电及来访工作，应用湖北省阳光信访平台信息系统办理各类信访事项。',
  ],
];

/**
 * Indicator rows. In 一级 and 二级, a name opens a merged group, '' continues
 * the group above, null is a plain empty cell (the `……` rows).
 * Long-term: [一级, 二级, 三级, 指标值, 依据, 分类].
 */
type Cell = string | null;
const LONG_TERM: Cell[][] = [
  ['运行\n成本', '公用经费控制', '公用经费控制率', '≥95%', '预算支出标准', '基本型'],
  ['', '在职人员控制', '在职人员控制率', '≥80%', '预算支出标准', '基本型'],
  ['', '项目支出成本控制', '会议费控制率', '≥90%', '预算支出标准', '基本型'],
  ['', '', '“三公经费”变动率', '0%', '预算支出标准', '基本型'],
  ['', null, '……', null, null, null],
  ['管理\n效率', '战略管理', '中长期规划相符性', '与政府规划职能相符', '计划标准', '基本型'],
  ['', '', '工作计划健全性', '工作计划系统全面，与部门职能和长期规划相符', '计划标准', '基本型'],
  ['', '预算编制', '预算编制科学性', '内容真实、完整、准确，项目预算依据充分', '计划标准', '基本型'],
  ['', '', '预算编制合理性', '项目之间不交叉，减少资金浪费', '计划标准', '基本型'],
  ['', '', '立项规范性', '设立依据充分，按规定设立', '计划标准', '基本型'],
  ['', '', '预算调整率', '0%', '计划标准', '基本型'],
  ['', '预算执行', '预算执行率', '99%', '计划标准', '基本型'],
  ['', '', '结转结余率', '0%', '计划标准', '基本型'],
  ['', '', '政府采购执行率', '100%', '计划标准', '基本型'],
  ['', '', '非税收入预算完成率', '无', null, null],
  ['', '绩效管理', '事前绩效评估完成率', '无', null, null],
  ['', '', '绩效目标合理性', '绩效目标符合实际要求', '计划标准', '基本型'],
  ['', '', '绩效监控开展率', '100%', '预算支出', '基本型'],
  ['', '', '绩效评价覆盖率', '100%', '预算支出', '基本型'],
  ['', '', '评价结果应用率', '100%', '预算支出', '基本型'],
  ['', '资产管理', '资产管理制度健全性', '制定资产评估、配置、使用制度，制定内部制度', '计划标准', '基本型'],
  ['', '', '资产管理规范性', '资产保存完整、使用合规、配置合理、处置规范', '计划标准', '基本型'],
  ['', '财务管理', '财务管理制度健全性', '制度合法合规完整', '计划标准', '基本型'],
  ['', '', '会计核算规范性', '符合资金管理规定，资料真实准确', '计划标准', '基本型'],
  ['', '', '资金使用合规性', '符合国家规定，手续齐全', '计划标准', '基本型'],
  ['履职\n效能', '核心业务产出1', '办理群众来访信访事项数量', '≥1500件/年', '历史标准', '基本型'],
  ['', '核心业务产出2', '网络信息服务次数', '≥1次/年', '历史标准', '基本型'],
  ['', '核心业务产出3', '办理群众来信、网上信访、督查复核等案件事项数量', '≥1000件/年', '历史标准', '基本型'],
  ['社会\n效应', '社会效益', '是否对社会发展有不良影响', '无', '计划标准', '基本型'],
  ['', '生态效益', '是否对生态环境有不良影响', '无', '计划标准', '基本型'],
  ['可持续发展能力', '体制机制改革', '服务体制改革成效', '服务型政府建设', '计划标准', '基本型'],
  ['', '', '行政管理体制改革成效', '机构、职能、权利、程序法定化', '计划标准', '基本型'],
  ['', '人才支撑', '业务学习与培训完成率', '100%', '计划标准', '基本型'],
  ['', '', '干部队伍体系建设规划情况', '人才队伍建设符合本单位要求', '计划标准', '基本型'],
  ['', '', '高学历、高层次人才储备率', '29.41%', '其他标准', '基本型'],
  ['', '科技支撑', '信息化建设情况', '充分利用信息化手段提升工作效率', '计划标准', '基本型'],
  ['', null, '……', null, null, null],
  ['满意度', '服务对象满意度', '服务对象满意度', '≥90%', '计划标准', '基本型'],
  ['', '联系部门满意度', '对接单位满意度', '≥90%', '计划标准', '基本型'],
];

/** Annual: [一级, 二级, 三级, 前年, 上年, 预期当年实现值, 依据, 分类]. */
const ANNUAL: Cell[][] = [
  ['运行\n成本', '公用经费控制', '公用经费控制率', '100%', '100%', '100%', '预算支出标准', '基本型'],
  ['', '在职人员控制', '在职人员控制率', '57.14%', '75%', '82.35%', '预算支出标准', '基本型'],
  ['', '项目支出成本控制', '会议费控制率', '88%', '95%', '100%', '预算支出标准', '基本型'],
  ['', '', '“三公经费”变动率', '100%', '100%', '100%', '预算支出标准', '基本型'],
  ['', null, '……', null, null, null, null, null],
  ...sameThree([
    ['管理\n效率', '战略管理', '中长期规划相符性', '与政府规划职能相符', '计划标准'],
    ['', '', '工作计划健全性', '工作计划系统全面，与部门职能和长期规划相符', '计划标准'],
    ['', '预算编制', '预算编制科学性', '内容真实、完整、准确，项目预算依据充分', '计划标准'],
    ['', '', '预算编制合理性', '项目之间不交叉，减少资金浪费', '计划标准'],
    ['', '', '立项规范性', '设立依据充分，按规定设立', '计划标准'],
    ['', '', '预算调整率', '0%', '预算支出标准'],
  ]),
  ['', '预算执行', '预算执行率', '98%', '99%', '100%', '预算支出标准', '基本型'],
  ['', '', '结转结余率', '0', '0', '0', '预算支出标准', '基本型'],
  ['', '', '政府采购执行率', '无', '无', '无', null, null],
  ['', '', '非税收入预算完成率', '无', '无', '无', null, null],
  ['', '绩效管理', '事前绩效评估完成率', '无', '无', '无', null, null],
  ...sameThree([
    ['', '', '绩效目标合理性', '绩效目标符合实际要求', '预算支出标准'],
    ['', '', '绩效监控开展率', '100%', '预算支出标准'],
    ['', '', '绩效评价覆盖率', '100%', '预算支出标准'],
    ['', '', '评价结果应用率', '100%', '计划标准'],
    ['', '资产管理', '资产管理制度健全性', '制定资产评估、配置、使用制度，制定内部制度', '计划标准'],
    ['', '', '资产管理规范性', '资产保存完整、使用合规、配置合理、处置规范', '计划标准'],
    ['', '财务管理', '财务管理制度健全性', '制度合法合规完整', '计划标准'],
    ['', '', '会计核算规范性', '符合资金管理规定，资料真实准确', '计划标准'],
    ['', '', '资金使用合规性', '符合国家规定，手续齐全', '计划标准'],
    ['履职\n效能', '核心业务产出1', '办理群众来访信访事项数量', '≥1500件/年', '历史标准'],
    ['', '核心业务产出2', '网络信息服务次数', '≥1次/年', '历史标准'],
    ['', '核心业务产出3', '办理群众来信、网上信访、督查复核等案件事项数量', '≥1000件/年', '历史标准'],
    ['', '核心业务产出4', '办理群众来信信访事项数量', '≥230件/年', '历史标准'],
    ['', '核心业务产出5', '县领导接待群众来访批次', '≥600批/年', '历史标准'],
  ]),
  ['社会\n效应', '经济效益', '无', '无', '无', '无', null, null],
  ...sameThree([
    ['', '社会效益', '是否对社会发展有不良影响', '无', '计划标准'],
    ['', '生态效益', '是否对生态环境有不良影响', '无', '计划标准'],
    ['可持续发展能力', '体制机制改革', '服务体制改革成效', '服务型政府建设', '计划标准'],
    ['', '', '行政管理体制改革成效', '机构、职能、权利、程序法定化', '计划标准'],
    ['', '人才支撑', '业务学习与培训完成率', '100%', '计划标准'],
    ['', '', '干部队伍体系建设规划情况', '人才队伍建设符合本单位要求', '计划标准'],
  ]),
  ['', '', '高学历、高层次人才储备率', '29.41%', '29.41%', '35.29%', '计划标准', '基本型'],
  ...sameThree([['', '科技支撑', '信息化建设情况', '充分利用信息化手段提升工作效率', '计划标准']]),
  ['', null, '……', null, null, null, null, null],
  ...sameThree([
    ['满意度', '服务对象满意度', '服务对象满意度', '≥90%', '计划标准'],
    ['', '联系部门满意度', '对接单位满意度', '≥90%', '计划标准'],
  ]),
];

/** Annual rows whose 前年, 上年 and 当年 values are the same (most of the table), all 基本型. */
function sameThree(rows: [Cell, Cell, string, string, string][]): Cell[][] {
  return rows.map(([l1, l2, l3, v, basis]) => [l1, l2, l3, v, v, v, basis, '基本型']);
}

// ---------------------------------------------------------------- layout

class SheetBuilder {
  readonly rows: Value[][] = [];
  readonly merges: string[] = [];
  readonly numFmt: Record<string, string> = {};
  readonly kinds: Record<string, Kind> = {};
  readonly rowHeights: Record<number, number> = {};
  readonly pageBreaksAfter: number[] = [];

  /** Puts a value at (row, col) (1-based), optionally merged over `toRow`/`toCol`. */
  put(row: number, col: number, value: Value, kind: Kind, to?: { row?: number; col?: number }, fmt?: string): void {
    while (this.rows.length < row) this.rows.push(new Array<Value>(COLS).fill(null));
    this.rows[row - 1]![col - 1] = value;
    const addr = address(row, col);
    this.kinds[addr] = kind;
    if (fmt) this.numFmt[addr] = fmt;
    const r2 = to?.row ?? row;
    const c2 = to?.col ?? col;
    if (r2 !== row || c2 !== col) this.merges.push(`${addr}:${address(r2, c2)}`);
    // Every cell of a merged block gets the kind, so borders are drawn around the whole block.
    for (let r = row; r <= r2; r++) for (let c = col; c <= c2; c++) this.kinds[address(r, c)] ??= kind;
  }

  /** Row height that shows every line of the wrapped texts placed in the row. */
  fit(row: number, texts: [string, number][], min = 20): void {
    let lines = 1;
    for (const [t, width] of texts) lines = Math.max(lines, lineCount(t, width));
    this.rowHeights[row] = Math.max(min, Math.ceil(lines * 14.5 + 6));
  }
}

/** Lines a text needs in a column `width` characters wide (a CJK character is two). */
function lineCount(text: string, width: number): number {
  let lines = 0;
  for (const para of text.split('\n')) {
    let w = 0;
    for (const ch of para) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1.05;
    lines += Math.max(1, Math.ceil(w / Math.max(4, width - 0.5)));
  }
  return lines;
}

function address(row: number, col: number): string {
  return `${String.fromCharCode(64 + col)}${row}`;
}

function span(from: number, to: number): number {
  let w = 0;
  for (let c = from; c <= to; c++) w += WIDTHS[c - 1]!;
  return w;
}

export function exampleSheet(): ExampleSheet {
  const s = new SheetBuilder();
  let r = 1;
  s.put(r, 1, '附件2', 'plain');
  r++;
  s.put(r, 1, '部门整体绩效目标申报表', 'title', { col: 9 });
  s.rowHeights[r] = 36;
  r++;
  s.put(r, 1, FILL_DATE, 'plain', { col: 5 });
  s.put(r, 8, '单位：万元', 'plain', { col: 9 });
  s.rowHeights[r] = 22;
  r++;
  const tableTop = r;

  // 1. header row: three label/value pairs
  s.put(r, 1, '部门（单位） 名称', 'label');
  s.put(r, 2, DEPARTMENT, 'cell', { col: 4 });
  s.put(r, 5, '填报人', 'label');
  s.put(r, 6, FILLER, 'cell');
  s.put(r, 7, '联系电话', 'label');
  s.put(r, 8, PHONE, 'cell', { col: 9 });
  s.fit(r, [['部门（单位） 名称', WIDTHS[0]!]], 30);
  r++;

  // 2. 部门总体资金情况
  const fundingBottom = r + 1 + INCOME.length + EXPENDITURE.length;
  s.put(r, 1, '部门总体\n资金情况', 'label', { row: fundingBottom });
  s.put(r, 2, '总体资金情况', 'label', { row: r + 1, col: 4 });
  s.put(r, 5, '当年金额', 'label', { row: r + 1, col: 6 });
  s.put(r, 7, '占比', 'label', { row: r + 1 });
  s.put(r, 8, '近两年收支金额', 'label', { col: 9 });
  s.put(r + 1, 8, '2024年', 'label');
  s.put(r + 1, 9, '2025年', 'label');
  r += 2;
  for (const [block, lines] of [
    ['收入\n构成', INCOME],
    ['支出\n构成', EXPENDITURE],
  ] as const) {
    s.put(r, 2, block, 'label', { row: r + lines.length - 1 });
    for (const [label, current, share, ybl, ly] of lines) {
      s.put(r, 3, label, 'label', { col: 4 });
      s.put(r, 5, current, 'amount', { col: 6 }, '0.00');
      // As printed: 100% and 0% without decimals, the other shares with two.
      s.put(r, 7, share, 'share', undefined, share === 0 || share === 1 ? '0%' : '0.00%');
      s.put(r, 8, ybl, 'amount', undefined, '0.00');
      s.put(r, 9, ly, 'amount', undefined, '0.00');
      s.rowHeights[r] = 20;
      r++;
    }
  }

  // 3, 4. the texts
  for (const [label, text] of [
    ['部门职能概述', FUNCTIONS],
    ['年度工作任务', TASKS],
  ] as const) {
    s.put(r, 1, label, 'label');
    s.put(r, 2, text, 'text', { col: 9 });
    s.fit(r, [[text, span(2, 9)]]);
    r++;
  }

  // 5. 项目支出情况
  s.put(r, 1, '项目支出情况', 'label', { row: r + PROJECTS.length });
  s.put(r, 2, '项目名称', 'label', { col: 3 });
  s.put(r, 4, '支出项目类别', 'label');
  s.put(r, 5, '项目总预算', 'label');
  s.put(r, 6, '项目本年度预算', 'label');
  s.put(r, 7, '项目主要支出方向和用途', 'label', { col: 9 });
  s.rowHeights[r] = 30;
  r++;
  for (const [name, category, total, annual, purpose] of PROJECTS) {
    s.put(r, 2, name, 'cell', { col: 3 });
    s.put(r, 4, category, 'cell');
    s.put(r, 5, total, 'amount', undefined, '0.00');
    s.put(r, 6, annual, 'amount', undefined, '0.00');
    s.put(r, 7, purpose, 'text', { col: 9 });
    s.fit(r, [
      [purpose, span(7, 9)],
      [category, WIDTHS[3]!],
    ]);
    r++;
  }

  // 6. 整体绩效总目标
  s.put(r, 1, '整体绩效\n总目标', 'label', { row: r + 1 });
  s.put(r, 2, '长期目标（截止     2029年）', 'label', { col: 5 });
  s.put(r, 6, '年度目标', 'label', { col: 9 });
  s.rowHeights[r] = 22;
  r++;
  s.put(r, 2, GOALS, 'text', { col: 5 });
  s.put(r, 6, GOALS, 'text', { col: 9 });
  s.fit(r, [[GOALS, span(2, 5)]]);
  r++;

  // 7. the long-term goal and table
  s.pageBreaksAfter.push(r - 1);
  s.put(r, 1, '长期目标：\n（截止 2029年）', 'label');
  s.put(r, 2, GOALS, 'text', { col: 9 });
  s.fit(r, [
    [GOALS, span(2, 9)],
    ['长期目标：\n（截止 2029年）', WIDTHS[0]!],
  ]);
  r++;
  s.put(r, 1, '长期绩\n效指标', 'label', { row: r + LONG_TERM.length });
  s.put(r, 2, '一级\n指标', 'label');
  s.put(r, 3, '二级指标', 'label');
  s.put(r, 4, '三级指标', 'label');
  s.put(r, 5, '指标值', 'label', { col: 7 });
  s.put(r, 8, '指标值确定依据', 'label');
  s.put(r, 9, '指标分类', 'label');
  s.rowHeights[r] = 30;
  r++;
  r = indicatorRows(
    s,
    r,
    LONG_TERM.map(([l1 = null, l2 = null, l3 = null, v = null, basis = null, cls = null]) => ({
      l1,
      l2,
      cells: [l3, v, basis, cls],
    })),
    [4, 5, 8, 9],
    { 5: 7 },
  );

  // 8. the annual goal and table
  s.pageBreaksAfter.push(r - 1);
  s.put(r, 1, '年度目标：', 'label');
  s.put(r, 2, ANNUAL_GOAL, 'text', { col: 9 });
  s.fit(r, [[ANNUAL_GOAL, span(2, 9)]], 24);
  r++;
  s.put(r, 1, '年度绩效指标', 'label', { row: r + 2 + ANNUAL.length });
  s.put(r, 2, '一级\n指标', 'label', { row: r + 2 });
  s.put(r, 3, '二级指标', 'label', { row: r + 2 });
  s.put(r, 4, '三级指标', 'label', { row: r + 2 });
  s.put(r, 5, '指标值', 'label', { col: 7 });
  s.put(r, 8, '指标值确定依据', 'label', { row: r + 2 });
  s.put(r, 9, '指标分类', 'label', { row: r + 2 });
  s.put(r + 1, 5, '近两年指标值', 'label', { col: 6 });
  s.put(r + 1, 7, '预期当年实现值', 'label', { row: r + 2 });
  s.put(r + 2, 5, '前 年', 'label');
  s.put(r + 2, 6, '上 年', 'label');
  for (let k = 0; k < 3; k++) s.rowHeights[r + k] = 20;
  r += 3;
  r = indicatorRows(
    s,
    r,
    ANNUAL.map(([l1 = null, l2 = null, l3 = null, ybl = null, ly = null, v = null, basis = null, cls = null]) => ({
      l1,
      l2,
      cells: [l3, ybl, ly, v, basis, cls],
    })),
    [4, 5, 6, 7, 8, 9],
    {},
  );
  const lastRow = r - 1;
  while (s.rows.length < lastRow) s.rows.push(new Array<Value>(COLS).fill(null));

  return {
    name: EXAMPLE_SHEET,
    rows: s.rows,
    merges: s.merges,
    numFmt: s.numFmt,
    kinds: s.kinds,
    rowHeights: s.rowHeights,
    columnWidths: WIDTHS,
    tableTop,
    pageBreaksAfter: s.pageBreaksAfter,
  };
}

/**
 * Writes indicator rows from `r` on: 一级 (column B) and 二级 (C) merged over
 * their groups, the other cells into `cols`, with `wide` giving horizontal
 * merges (col → last col). Returns the next free row.
 */
function indicatorRows(
  s: SheetBuilder,
  r: number,
  rows: { l1: Cell; l2: Cell; cells: Cell[] }[],
  cols: number[],
  wide: Record<number, number>,
): number {
  const groupEnd = (i: number, pick: (x: { l1: Cell; l2: Cell }) => Cell): number => {
    let j = i + 1;
    while (j < rows.length && pick(rows[j]!) === '') j++;
    return j - 1;
  };
  rows.forEach((row, i) => {
    const at = r + i;
    if (row.l1) s.put(at, 2, row.l1, 'label', { row: r + groupEnd(i, (x) => x.l1) });
    else if (row.l1 === null) s.put(at, 2, null, 'cell');
    if (row.l2) s.put(at, 3, row.l2, 'cell', { row: r + groupEnd(i, (x) => x.l2) });
    else if (row.l2 === null) s.put(at, 3, null, 'cell');
    const texts: [string, number][] = [];
    row.cells.forEach((v, k) => {
      const col = cols[k]!;
      const to = wide[col];
      s.put(at, col, v, 'cell', to ? { col: to } : undefined);
      if (v) texts.push([v, span(col, to ?? col)]);
    });
    s.fit(at, texts);
  });
  return r + rows.length;
}

// ---------------------------------------------------------------- workbook

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function buildExampleWorkbook(): ExcelJS.Workbook {
  const model = exampleSheet();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.created = new Date(Date.UTC(2025, 10, 26));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(model.name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ showGridLines: false }],
  });
  ws.pageSetup.printArea = `A1:I${model.rows.length}`;
  ws.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  model.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  model.rows.forEach((values, i) => {
    const rowNumber = i + 1;
    const row = ws.getRow(rowNumber);
    if (model.rowHeights[rowNumber]) row.height = model.rowHeights[rowNumber]!;
    for (let c = 1; c <= COLS; c++) {
      const addr = address(rowNumber, c);
      const kind = model.kinds[addr] ?? (rowNumber >= model.tableTop ? 'cell' : 'plain');
      const cell = row.getCell(c);
      const v = values[c - 1];
      if (v !== null && v !== undefined) cell.value = v;
      if (model.numFmt[addr]) cell.numFmt = model.numFmt[addr]!;
      styleCell(cell, kind, rowNumber >= model.tableTop, c === 8 && rowNumber < model.tableTop);
    }
  });
  for (const m of model.merges) ws.mergeCells(m);
  for (const r of model.pageBreaksAfter) ws.getRow(r).addPageBreak();
  return wb;
}

function styleCell(cell: ExcelJS.Cell, kind: Kind, bordered: boolean, alignRight: boolean): void {
  cell.font = { name: FONT, size: kind === 'title' ? 18 : 10.5, bold: kind === 'title' };
  if (bordered) cell.border = THIN;
  switch (kind) {
    case 'title':
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'label':
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      break;
    case 'text':
      cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      break;
    case 'amount':
    case 'share':
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
      break;
    case 'cell':
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      break;
    default:
      cell.alignment = { horizontal: alignRight ? 'right' : 'left', vertical: 'middle' };
  }
}

export async function writeExample(file = EXAMPLE_FILE): Promise<string> {
  await buildExampleWorkbook().xlsx.writeFile(file);
  return file;
}

if (require.main === module) {
  writeExample(process.argv[2] ? path.resolve(process.argv[2]) : EXAMPLE_FILE).then(
    (f) => console.log(`已生成 ${f}`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
