/** The form's sections in print order, with the Chinese names every report and the pane use. */
import type { SectionCode } from './types';

/** Print order; structural problems (form) first. */
export const SECTION_ORDER: readonly SectionCode[] = [
  'form',
  'header',
  'funding',
  'functions',
  'annualTasks',
  'projects',
  'goals',
  'longTermIndicators',
  'annualIndicators',
];

export const SECTION_NAME: Record<SectionCode, string> = {
  form: '表格结构',
  header: '表头',
  funding: '部门总体资金情况',
  functions: '部门职能概述',
  annualTasks: '年度工作任务',
  projects: '项目支出情况',
  goals: '整体绩效总目标',
  longTermIndicators: '长期绩效指标',
  annualIndicators: '年度绩效指标',
};
