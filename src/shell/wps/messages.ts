/** What the ribbon's 校验本表 tells the user when it is done (WPS shows it as a dialog). */
import type { ValidateResult } from '../../app/session';
import { shownCounts } from '../../report/wording';
import { comparedText } from '../../app/view';

export function validateMessage(result: ValidateResult): string {
  if (result.error) return result.error;
  if (!result.form || !result.report) {
    const reason = result.reason ? `：${result.reason}` : '';
    return `工作表“${result.sheet}”不是部门整体绩效目标申报表${reason}。\n可以点“生成申报表”新建一张空白申报表。`;
  }
  const c = shownCounts(result.report.findings);
  const extra = c.explained > 0 ? `（另有 ${c.explained} 项提示已写说明）` : '';
  const blanks = c.blanks > 0 ? `，待填写 ${c.blanks} 处` : '';
  if (c.errors === 0 && c.warnings === 0 && c.blanks === 0) return `校验完成：没有发现问题${extra}，可以提交。`;
  const head =
    result.report.summary.errors === 0
      ? `校验完成：没有错误，可以提交；提示 ${c.warnings} 项${blanks}${extra}。`
      : c.errors === 0
        ? `校验完成：待填写 ${c.blanks} 处，提示 ${c.warnings} 项${extra}。填完后才能提交。`
        : `校验完成：错误 ${c.errors} 项${blanks}，提示 ${c.warnings} 项${extra}。错误修正、空格填完后才能提交。`;
  const flags = result.unflagged
    ? `${result.unflagged}\n点“打开助手”可查看全部问题的清单。`
    : '问题已标在单元格上（红色为错误，黄色为提示，鼠标指向单元格可看说明）。\n点“打开助手”可查看清单、一键修正或填写说明。';
  const compared = comparedText(result.compared);
  return `${head}\n${compared ? `${compared}。\n` : ''}${flags}`;
}
