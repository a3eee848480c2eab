import { displayText } from '../../sheet/number-format';
import { refA1 } from '../../sheet/cell-range';
import type { Rule } from '../rule';

export const formulaStale: Rule = {
  meta: {
    id: 'formula-stale',
    severity: 'warning',
    section: 'form',
    title: '公式结果未更新',
    description:
      '文件中保存的公式结果与按公式重新计算的结果不一致（例如由程序生成或转存、保存前没有重新计算的文件）。每个文件只提示一次，列出这些单元格；校验按重新计算的结果进行，公式本身不会被修改。在 Excel 或 WPS 中打开、重新计算并保存即可消除。',
    messages: {
      stale:
        '有 {count} 项公式的保存结果与按公式计算的结果不一致（如 {cell}：保存为 {saved}，按公式 {formula} 应为 {computed}），文件保存前没有重新计算；本次按重新计算的结果校验。请在 Excel 或 WPS 中打开并保存后再提交',
    },
  },
  check(ctx) {
    const stale = ctx.form.staleFormulas ?? [];
    if (stale.length === 0) return;
    const first = stale[0]!;
    const shown = (v: typeof first.cached) => displayText(v, first.numFmt) || '空';
    const cells = stale.map((s) => s.cell);
    ctx.report({
      severity: 'warning',
      messageId: 'stale',
      data: {
        count: stale.length,
        cell: refA1(first.cell),
        saved: shown(first.cached),
        formula: first.formula,
        computed: shown(first.computed),
      },
      cells,
    });
  },
};
