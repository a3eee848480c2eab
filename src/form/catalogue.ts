/**
 * Enumerations of the form and the common-indicator catalogue (共性指标),
 * from docs/spec/form.md.
 */

/** The six 一级指标, in the order the form lists them. */
export const LEVEL1 = ['运行成本', '管理效率', '履职效能', '社会效应', '可持续发展能力', '满意度'] as const;
export type Level1 = (typeof LEVEL1)[number];

/** 指标值确定依据. */
export const BASES = ['计划标准', '历史标准', '行业标准', '预算支出标准', '其他标准'] as const;

/** 指标分类: the default list; CheckOptions.classifications overrides it. */
export const DEFAULT_CLASSIFICATIONS = ['基本型'];

/** The basis meant for cost indicators only. */
export const COST_BASIS = '预算支出标准';

/** The 一级 under which 预算支出标准 belongs. */
export const COST_LEVEL1: Level1 = '运行成本';

export interface CatalogueLevel2 {
  name: string;
  /** 三级指标 of the catalogue (may be empty: department-specific). */
  level3: string[];
}

/**
 * 一级 → 二级 → 三级 common indicators. 履职效能 has department-specific
 * 核心业务产出1…N (any 二级 starting with 核心业务产出 is accepted).
 */
export const CATALOGUE: Record<Level1, CatalogueLevel2[]> = {
  运行成本: [
    { name: '公用经费控制', level3: ['公用经费控制率'] },
    { name: '在职人员控制', level3: ['在职人员控制率'] },
    { name: '项目支出成本控制', level3: ['会议费控制率', '“三公经费”变动率'] },
  ],
  管理效率: [
    { name: '战略管理', level3: ['中长期规划相符性', '工作计划健全性'] },
    { name: '预算编制', level3: ['预算编制科学性', '预算编制合理性', '立项规范性', '预算调整率'] },
    { name: '预算执行', level3: ['预算执行率', '结转结余率', '政府采购执行率', '非税收入预算完成率'] },
    {
      name: '绩效管理',
      level3: ['事前绩效评估完成率', '绩效目标合理性', '绩效监控开展率', '绩效评价覆盖率', '评价结果应用率'],
    },
    { name: '资产管理', level3: ['资产管理制度健全性', '资产管理规范性'] },
    { name: '财务管理', level3: ['财务管理制度健全性', '会计核算规范性', '资金使用合规性'] },
  ],
  履职效能: [{ name: '核心业务产出1', level3: [] }],
  社会效应: [
    { name: '经济效益', level3: [] },
    { name: '社会效益', level3: ['是否对社会发展有不良影响'] },
    { name: '生态效益', level3: ['是否对生态环境有不良影响'] },
  ],
  可持续发展能力: [
    { name: '体制机制改革', level3: ['服务体制改革成效', '行政管理体制改革成效'] },
    { name: '人才支撑', level3: ['业务学习与培训完成率', '干部队伍体系建设规划情况', '高学历、高层次人才储备率'] },
    { name: '科技支撑', level3: ['信息化建设情况'] },
  ],
  满意度: [
    { name: '服务对象满意度', level3: ['服务对象满意度'] },
    { name: '联系部门满意度', level3: ['对接单位满意度'] },
  ],
};

/** 部门总体资金情况: its two blocks and their lines, in print order (each block ends with a 合计 row). */
export const FUNDING_BLOCKS = [
  {
    key: 'income',
    /** For messages: 收入合计. */
    name: '收入',
    /** The block label printed on the form. */
    label: '收入构成',
    lines: [
      { code: 'appropriation', name: '财政拨款' },
      { code: 'specialAccount', name: '财政专户管理资金' },
      { code: 'unitFunds', name: '单位资金' },
    ],
  },
  {
    key: 'expenditure',
    name: '支出',
    label: '支出构成',
    lines: [
      { code: 'personnel', name: '人员类项目支出' },
      { code: 'operations', name: '运转类项目支出' },
      { code: 'specialPurpose', name: '特定目标类项目支出' },
    ],
  },
] as const;

/** Prefix of the department-specific 二级 of 履职效能. */
export const CORE_OUTPUT_PREFIX = '核心业务产出';

/** True when 二级 `level2` belongs to 一级 `level1` in the catalogue. */
export function level2Belongs(level1: Level1, level2: string): boolean {
  if (level1 === '履职效能') return level2.startsWith(CORE_OUTPUT_PREFIX);
  return CATALOGUE[level1].some((l2) => l2.name === level2);
}

export function isLevel1(s: string): s is Level1 {
  return (LEVEL1 as readonly string[]).includes(s);
}

/** Values that mean "not applicable" for an indicator value. */
export const NOT_APPLICABLE = ['无', '不适用', 'N/A', 'n/a', 'NA'];

/** History values that count as filled (indicator-history). */
export const HISTORY_FILLED_MARKERS = ['无', '—', '-', '——', '新增'];

/** Placeholders left from the blank form. */
export const PLACEHOLDERS = ['……', '…', '...', '。。。', 'XXX', 'xxx', '（请填写）', '(请填写)'];
