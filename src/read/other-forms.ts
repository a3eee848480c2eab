/**
 * Sheets that are not a Hubei declaration although they share its words
 * (docs/spec/editions.md, points 8 and 9): another province's form of the same
 * genre, and this product's own outputs (the 审核汇总 workbook, the 校验结果
 * sheet of an annotated copy). They are declined with a reason that says what
 * they are, before the reader looks for sections: a half-read form checked
 * against Hubei's section list is worse than none.
 */
import { normalizeLabel } from '../form/labels';
import { COLUMN as C } from '../report/columns';
import type { LabelIndex } from './locate';
import type { SheetView } from './sheet';

export type OtherKind = 'other-province' | 'own-output';

/** Header rows of the product's own sheets (src/cli/output/summary.ts, src/xlsx/annotate/result-sheet.ts). */
const OWN_HEADERS: readonly { what: string; words: readonly string[] }[] = [
  { what: '审核汇总的“汇总”表', words: ['文件', '结论', '错误', '提示', '主要问题'] },
  // Since 0.3 the tables share one set of column names (report/columns.ts): title first, id last.
  { what: '审核汇总的“问题明细”表', words: [C.file, C.section, C.severity, C.ruleTitle, C.cell, C.problem, C.ruleId] },
  { what: '审核汇总的“规则统计”表', words: [C.ruleTitle, C.severity, C.files, C.count, C.ruleId] },
  { what: '标注副本的“校验结果”表', words: [C.severity, C.ruleTitle, C.cell, C.problem, C.ruleId] },
  // As written by 0.2 and earlier, which reviewers still have.
  { what: '审核汇总的“问题明细”表', words: ['文件', '栏目', '严重程度', '规则', '单元格', '问题'] },
  { what: '审核汇总的“规则统计”表', words: ['规则', '标题', '严重程度', '涉及文件数', '问题数'] },
  { what: '标注副本的“校验结果”表', words: ['严重程度', '规则', '规则名称', '单元格', '说明'] },
];

/** Texts of Hunan's 部门整体支出绩效目标申报表 (funding by 收入性质 / 支出性质, not 收入构成 / 支出构成). */
const HUNAN_FUNDING = [
  '年度预算申请',
  '年度预算收支情况',
  '按收入性质分',
  '按支出性质分',
  '资金总额',
  '纳入专户管理的非税收入拨款',
  '政府性基金拨款',
  '公共财政拨款',
];
/** Texts of Hunan's 整体绩效目标表 of 2023 (指标 · 定量/定性 · 指标值 · 计量单位 · 评分标准). */
const HUNAN_2023 = ['评分标准', '计量单位'];

/** Every word any of the signatures above looks for. */
const WORDS = new Set<string>([...OWN_HEADERS.flatMap((h) => h.words), ...HUNAN_FUNDING, ...HUNAN_2023, '指标值']);

/** Longest cell text looked at (labels, not prose). */
const MAX_TEXT = 48;

export function recogniseOther(view: SheetView, labels: LabelIndex): { kind: OtherKind; reason: string } | null {
  // Only the words looked for are kept: one normalisation per distinct text, nothing per row of a large sheet.
  const rows = new Map<number, Set<string>>();
  const all = new Set<string>();
  const seen = new Map<string, string | null>();
  let ownTitle = false;
  view.forEachValue((r, _c, v) => {
    if (typeof v !== 'string') return;
    if (v.length > MAX_TEXT) {
      if (!ownTitle && v.includes('绩效申报助手生成')) ownTitle = true;
      return;
    }
    let n = seen.get(v);
    if (n === undefined) {
      const full = normalizeLabel(v);
      if (full.includes('绩效申报助手生成')) ownTitle = true;
      const word = full.replace(/:.*$/, '');
      n = WORDS.has(word) ? word : null;
      seen.set(v, n);
    }
    if (n === null) return;
    all.add(n);
    let set = rows.get(r);
    if (!set) rows.set(r, (set = new Set()));
    set.add(n);
  });
  const sheet = view.name;
  for (const own of OWN_HEADERS) {
    for (const set of rows.values()) {
      if (own.words.every((w) => set.has(w))) {
        return {
          kind: 'own-output',
          reason: `工作表“${sheet}”是绩效申报助手生成的${own.what}，不是申报表`,
        };
      }
    }
  }
  if (ownTitle) {
    return { kind: 'own-output', reason: `工作表“${sheet}”是绩效申报助手生成的校验结果，不是申报表` };
  }
  // A Hubei form prints 收入构成 / 支出构成: with them, the sheet is read as a Hubei form whatever else it holds.
  if (labels.all('incomeBlock').length > 0 || labels.all('expenditureBlock').length > 0) return null;
  const hunan = HUNAN_FUNDING.filter((w) => all.has(w));
  if (hunan.length >= 2) {
    return {
      kind: 'other-province',
      reason: `工作表“${sheet}”是另一种格式的整体绩效目标表（湖南省的部门整体支出绩效目标申报表：资金按${hunan
        .slice(0, 3)
        .map((w) => `“${w}”`)
        .join('、')}列出，没有“收入构成”“支出构成”），不是湖北省的部门整体绩效目标申报表；本工具不按湖北省的栏目检查它`,
    };
  }
  if (HUNAN_2023.every((w) => all.has(w)) && all.has('指标值')) {
    return {
      kind: 'other-province',
      reason: `工作表“${sheet}”是另一种格式的整体绩效目标表（湖南省 2023 年的整体绩效目标表：指标、指标值、计量单位、评分标准），不是湖北省的部门整体绩效目标申报表；本工具不按湖北省的栏目检查它`,
    };
  }
  return null;
}
