/**
 * A declaration form as a Grid, built programmatically in the layout of the
 * bundled example (columns A–I, the same labels and merges) but with as many
 * project and indicator rows as asked: the stress case of the benchmarks.
 * Amounts and shares are consistent, so the checker has the normal amount of
 * work per row rather than one finding per cell.
 */
import { CATALOGUE, CORE_OUTPUT_PREFIX, LEVEL1, type Level1 } from '../src/form/catalogue';
import { displayText } from '../src/sheet/number-format';
import type { CellValue, Grid, MergeArea } from '../src/sheet/grid';

const COLS = 9;

class Sheet {
  values: CellValue[][] = [];
  numFmt: string[][] = [];
  merges: MergeArea[] = [];

  put(row: number, col: number, value: CellValue, fmt = 'General'): void {
    while (this.values.length <= row) {
      this.values.push(Array<CellValue>(COLS).fill(null));
      this.numFmt.push(Array<string>(COLS).fill('General'));
    }
    this.values[row]![col] = value;
    this.numFmt[row]![col] = fmt;
  }

  /** Puts the value in the top-left cell and merges the block (when it is more than one cell). */
  block(top: number, left: number, bottom: number, right: number, value: CellValue, fmt?: string): void {
    this.put(top, left, value, fmt);
    if (bottom > top || right > left) {
      // Makes sure the rows of the block exist, so the grid covers the merge.
      if (this.values.length <= bottom) this.put(bottom, right, null);
      this.merges.push({ top, left, bottom, right });
    }
  }

  grid(name: string): Grid {
    const text = this.values.map((r, i) => r.map((v, j) => displayText(v, this.numFmt[i]![j])));
    return { sheet: name, top: 0, left: 0, values: this.values, numFmt: this.numFmt, text, merges: this.merges };
  }
}

interface IndicatorSpec {
  level1: Level1;
  level2: string;
  level3: string;
}

/** `count` indicators spread evenly over the six 一级, in groups of five per 二级. */
function indicators(count: number): IndicatorSpec[] {
  const out: IndicatorSpec[] = [];
  LEVEL1.forEach((level1, i) => {
    const n = Math.floor(count / LEVEL1.length) + (i < count % LEVEL1.length ? 1 : 0);
    const names = level1 === '履职效能' ? [] : CATALOGUE[level1].map((l2) => l2.name);
    for (let k = 0; k < n; k++) {
      const group = Math.floor(k / 5);
      const level2 = level1 === '履职效能' ? `${CORE_OUTPUT_PREFIX}${group + 1}` : names[group % names.length]!;
      out.push({ level1, level2, level3: `${level2}第${k + 1}项完成率` });
    }
  });
  return out;
}

/** Merges runs of equal keys in one column (the way 一级 and 二级 stand in printed forms). */
function mergeRuns(
  s: Sheet,
  first: number,
  specs: IndicatorSpec[],
  col: number,
  key: (x: IndicatorSpec) => string,
): void {
  let start = 0;
  for (let i = 1; i <= specs.length; i++) {
    if (i === specs.length || key(specs[i]!) !== key(specs[start]!)) {
      const value = col === 1 ? specs[start]!.level1 : specs[start]!.level2;
      s.block(first + start, col, first + i - 1, col, value);
      start = i;
    }
  }
}

function indicatorTable(s: Sheet, top: number, kind: 'longTerm' | 'annual', specs: IndicatorSpec[]): number {
  const headerRows = kind === 'annual' ? 3 : 1;
  const first = top + headerRows;
  const last = first + specs.length - 1;
  s.block(top, 0, last, 0, kind === 'annual' ? '年度绩效指标' : '长期绩效指标');
  s.block(top, 1, first - 1, 1, '一级指标');
  s.block(top, 2, first - 1, 2, '二级指标');
  s.block(top, 3, first - 1, 3, '三级指标');
  s.block(top, 4, top, 6, '指标值');
  s.block(top, 7, first - 1, 7, '指标值确定依据');
  s.block(top, 8, first - 1, 8, '指标分类');
  if (kind === 'annual') {
    s.block(top + 1, 4, top + 1, 5, '近两年指标值');
    s.block(top + 1, 6, top + 2, 6, '预期当年实现值');
    s.put(top + 2, 4, '前年');
    s.put(top + 2, 5, '上年');
  }
  mergeRuns(s, first, specs, 1, (x) => x.level1);
  mergeRuns(s, first, specs, 2, (x) => `${x.level1}/${x.level2}`);
  specs.forEach((spec, i) => {
    const r = first + i;
    s.put(r, 3, spec.level3);
    if (kind === 'annual') {
      s.put(r, 4, '95%');
      s.put(r, 5, '96%');
      s.put(r, 6, '≥95%');
    } else {
      s.block(r, 4, r, 6, '≥95%');
    }
    s.put(r, 7, spec.level1 === '运行成本' ? '预算支出标准' : '计划标准');
    s.put(r, 8, '基本型');
  });
  return last + 1;
}

/**
 * The stress form: `indicatorRows` indicators (half in each table) and
 * `projects` project rows, each project 1.00 万元 this year, so 特定目标类 =
 * projects × 1.00 and every total and share adds up.
 */
export function stressGrid(indicatorRows: number, projects: number, sheet = '压力测试'): Grid {
  const s = new Sheet();
  const amount = '0.00';
  s.put(0, 0, '附件2');
  s.block(1, 0, 1, 8, '部门整体绩效目标申报表');
  s.block(2, 0, 2, 4, '填报日期：2025年11月26日');
  s.block(2, 7, 2, 8, '单位：万元');
  s.put(3, 0, '部门（单位）名称');
  s.block(3, 1, 3, 3, '压力测试局');
  s.put(3, 4, '填报人');
  s.put(3, 5, '张三');
  s.put(3, 6, '联系电话');
  s.block(3, 7, 3, 8, '0714-7654321');

  // Funding: personnel 3/10, operations 2/10, special purpose (the projects) 5/10 of the total.
  const special = projects;
  const total = special * 2;
  const lines: [string, number][] = [
    ['财政拨款', total],
    ['财政专户管理资金', 0],
    ['单位资金', 0],
    ['合计', total],
    ['人员类项目支出', total * 0.3],
    ['运转类项目支出', total * 0.2],
    ['特定目标类项目支出', special],
    ['合计', total],
  ];
  s.block(4, 0, 13, 0, '部门总体资金情况');
  s.block(4, 1, 5, 3, '总体资金情况');
  s.block(4, 4, 5, 5, '当年金额');
  s.block(4, 6, 5, 6, '占比');
  s.block(4, 7, 4, 8, '近两年收支金额');
  s.put(5, 7, '2024年');
  s.put(5, 8, '2025年');
  s.block(6, 1, 9, 1, '收入构成');
  s.block(10, 1, 13, 1, '支出构成');
  lines.forEach(([label, value], i) => {
    const r = 6 + i;
    const blockTotal = i < 4 ? lines[3]![1] : lines[7]![1];
    s.block(r, 2, r, 3, label);
    s.block(r, 4, r, 5, value, amount);
    s.put(r, 6, blockTotal === 0 ? 0 : Math.round((value / blockTotal) * 10000) / 10000, '0.00%');
    s.put(r, 7, value, amount);
    s.put(r, 8, value, amount);
  });

  s.put(14, 0, '部门职能概述');
  s.block(14, 1, 14, 8, '1.负责本部门职能范围内的各项工作；2.完成上级交办的其他任务。');
  s.put(15, 0, '年度工作任务');
  s.block(15, 1, 15, 8, '1.完成年度重点工作；2.做好日常业务。');

  const p0 = 16;
  s.block(p0, 0, p0 + projects, 0, '项目支出情况');
  s.block(p0, 1, p0, 2, '项目名称');
  s.put(p0, 3, '支出项目类别');
  s.put(p0, 4, '项目总预算');
  s.put(p0, 5, '项目本年度预算');
  s.block(p0, 6, p0, 8, '项目主要支出方向和用途');
  for (let i = 1; i <= projects; i++) {
    const r = p0 + i;
    s.block(r, 1, r, 2, `专项工作经费${i}`);
    s.put(r, 3, '31-本级支出项目');
    s.put(r, 4, 2, amount);
    s.put(r, 5, 1, amount);
    s.block(r, 6, r, 8, `开展第${i}项专项工作。`);
  }

  let row = p0 + projects + 1;
  s.block(row, 0, row + 1, 0, '整体绩效总目标');
  s.block(row, 1, row, 4, '长期目标（截止 2029年）');
  s.block(row, 5, row, 8, '年度目标');
  s.block(row + 1, 1, row + 1, 4, '目标1：完成各项职能工作。');
  s.block(row + 1, 5, row + 1, 8, '目标1：完成年度重点工作。');
  row += 2;
  s.put(row, 0, '长期目标：\n（截止 2029年）');
  s.block(row, 1, row, 8, '目标1：完成各项职能工作。');
  row++;
  const longTerm = indicators(Math.ceil(indicatorRows / 2));
  row = indicatorTable(s, row, 'longTerm', longTerm);
  s.put(row, 0, '年度目标：');
  s.block(row, 1, row, 8, '目标1：完成年度重点工作。');
  row++;
  indicatorTable(s, row, 'annual', indicators(Math.floor(indicatorRows / 2)));
  return s.grid(sheet);
}
