/**
 * The column names of every table jixiao writes for people (the annotated copy's 校验结果, the
 * 审核汇总's 问题明细 and 规则统计), defined once so that one name means one thing everywhere:
 * 问题 is always the problem's text, 填报说明 always the filer's reason (from 校验说明), 规则名称
 * the rule's Chinese title — which leads — and 规则编号 the rule's id, which comes last.
 */
export const COLUMN = {
  index: '序号',
  file: '文件',
  department: '部门',
  section: '栏目',
  severity: '严重程度',
  ruleTitle: '规则名称',
  cell: '单元格',
  problem: '问题',
  expected: '应为',
  explanation: '填报说明',
  ruleId: '规则编号',
  files: '涉及文件数',
  count: '问题数',
} as const;
