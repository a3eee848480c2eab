/** Template parameters → SheetPlan (host-neutral). */
import type { SheetPlan } from './plan';

export interface TemplateParams {
  /** 部门（单位）名称; may be empty. */
  department: string;
  /** 预算年度, e.g. 2026: drives the 前年/上年 headers (2024年, 2025年) and the default horizon. */
  budgetYear: number;
  /** 长期目标截止年份; default budgetYear + 3. */
  horizonYear?: number;
  /** Number of empty project rows (default 4). */
  projectRows?: number;
  /** Pre-fill the common indicators (default true). */
  prefillCommon?: boolean;
  filler?: string;
  phone?: string;
}

export function buildTemplate(_params: TemplateParams): SheetPlan {
  throw new Error('buildTemplate: not implemented yet');
}
