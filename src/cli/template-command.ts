/** `jixiao template OUT.xlsx`: build the plan, apply it to a new workbook, save. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { buildTemplate, validateTemplateParams, type TemplateParams } from '../template';
import type { SheetPlan } from '../template/plan';
import type { TemplateCommand } from './args';
import { describeError } from './errors';
import { FolderError, makeFolders, writeAtomically } from './fs-safe';
import { oneLine, printableName } from './output/printable';
import type { CliIO } from './io';

/** What `template` needs from a new, empty workbook. */
export interface TemplateWorkbook {
  createSheet(plan: SheetPlan): Promise<string>;
  save(path: string): Promise<void>;
}

export type WorkbookFactory = () => Promise<TemplateWorkbook>;

export function templateParams(cmd: TemplateCommand): TemplateParams {
  const p: TemplateParams = {
    department: cmd.department,
    budgetYear: cmd.budgetYear,
    prefillCommon: cmd.prefillCommon,
  };
  if (cmd.horizonYear !== undefined) p.horizonYear = cmd.horizonYear;
  if (cmd.projectRows !== undefined) p.projectRows = cmd.projectRows;
  if (cmd.filler !== undefined) p.filler = cmd.filler;
  if (cmd.phone !== undefined) p.phone = cmd.phone;
  return p;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

export async function runTemplate(cmd: TemplateCommand, io: CliIO, create: WorkbookFactory): Promise<number> {
  const params = templateParams(cmd);
  const problems = validateTemplateParams(params);
  if (problems.length > 0) {
    await io.err(problems.map((p) => `jixiao：${oneLine(p)}\n`).join(''));
    return 2;
  }
  if (!cmd.force && (await exists(cmd.out))) {
    await io.err(`jixiao：文件已存在：${printableName(cmd.out)}（不会覆盖；如需覆盖请加 --force）\n`);
    return 2;
  }
  try {
    const plan = buildTemplate(params);
    const wb = await create();
    const sheet = await wb.createSheet(plan);
    await makeFolders(path.dirname(path.resolve(cmd.out)));
    // --force onto a link replaces the link; the file it points at is never written.
    await writeAtomically(cmd.out, (temp) => wb.save(temp), { replace: cmd.force });
    const horizon = params.horizonYear ?? params.budgetYear + 3;
    await io.out(
      `已生成申报表模板：${printableName(cmd.out)}（工作表：${sheet}，预算年度 ${params.budgetYear}，长期目标截止 ${horizon} 年）\n`,
    );
    return 0;
  } catch (err) {
    const why = err instanceof FolderError ? err.message : describeError(err);
    await io.err(`jixiao：无法写出 ${printableName(cmd.out)}：${oneLine(why)}\n`);
    return 2;
  }
}
