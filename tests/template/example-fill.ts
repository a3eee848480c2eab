/**
 * Test helper: copies the bundled example form into a template sheet the way a
 * filer would type it, as host writes. Used by the round-trip test and to
 * render a filled template for docs/images.
 */
import * as path from 'path';
import { XlsxHost } from '../../src/host/exceljs';
import type { CellWrite } from '../../src/host/types';
import type { DeclarationForm, Field, FundingLine, IndicatorRow, IndicatorTableKind } from '../../src/form/types';
import { findDeclaration } from '../../src/read';

import { COL } from '../../src/template/columns';
import type { SheetPlan } from '../../src/template/plan';
import { PROJECT_COL } from '../../src/template/texts';

export const EXAMPLE = path.join(__dirname, '../../examples/部门整体绩效目标申报表-示例.xlsx');

/** The template's indicator rows with their pre-filled names, from the plan. */
export function templateRows(plan: SheetPlan, kind: IndicatorTableKind) {
  const range = plan.names.find((n) => n.name === `jx_indicators_${kind}`)!.range;
  const value = (r: number, c: number) => plan.cells.find((x) => x.row === r && x.col === c)?.value;
  const under = (r: number, c: number) =>
    plan.merges.find((m) => m.left === c && m.top <= r && m.bottom >= r)?.top ?? r;
  const rows: { row: number; level1: string; level2: string; level3: string }[] = [];
  for (let r = range.top + (kind === 'annual' ? 3 : 1); r <= range.bottom; r++) {
    rows.push({
      row: r,
      level1: String(value(under(r, COL.level1), COL.level1) ?? ''),
      level2: String(value(under(r, COL.level2), COL.level2) ?? ''),
      level3: String(value(r, COL.level3) ?? ''),
    });
  }
  return rows;
}

/** What a filer types to copy the example into the template, as writes. */
export function exampleWrites(
  example: DeclarationForm,
  template: DeclarationForm,
  plan: SheetPlan,
  sheet: string,
): CellWrite[] {
  const writes: CellWrite[] = [];
  const put = (row: number, col: number, v: string | number | null) =>
    writes.push({ cell: { sheet, row, col }, value: v });
  const copy = (from: Field | null | undefined, to: Field | null | undefined) => {
    if (
      from &&
      to &&
      !to.formula &&
      typeof from.value !== 'boolean' &&
      from.value !== null &&
      typeof from.value !== 'object'
    ) {
      put(to.ref.row, to.ref.col, from.value);
    }
  };
  // 填报日期 2025-11-26 as a date serial (the template's cell has a date format).
  put(template.header.fillDate!.ref.row, template.header.fillDate!.ref.col, 45987);
  const lines = (f: DeclarationForm): (FundingLine | undefined)[] => [
    ...Object.values(f.funding!.income.lines),
    ...Object.values(f.funding!.expenditure.lines),
  ];
  const to = lines(template);
  lines(example).forEach((from, i) => {
    copy(from?.current, to[i]?.current);
    copy(from?.yearBeforeLast, to[i]?.yearBeforeLast);
    copy(from?.lastYear, to[i]?.lastYear);
  });
  copy(example.functions, template.functions);
  copy(example.annualTasks, template.annualTasks);
  copy(example.goals.longTerm, template.goals.longTerm);
  copy(example.goals.annual, template.goals.annual);
  copy(example.longTermIndicators!.goal, template.longTermIndicators!.goal);
  copy(example.annualIndicators!.goal, template.annualIndicators!.goal);

  const projectTop = plan.names.find((n) => n.name === 'jx_projects')!.range.top;
  example.projects!.rows.forEach((p, i) => {
    const row = projectTop + 1 + i;
    put(row, PROJECT_COL.name, p.name.text);
    put(row, PROJECT_COL.category, p.category.text);
    put(row, PROJECT_COL.totalBudget, p.totalBudget.value as number);
    put(row, PROJECT_COL.annualBudget, p.annualBudget.value as number);
    put(row, PROJECT_COL.purpose, p.purpose.text.trim());
  });

  for (const kind of ['longTerm', 'annual'] as const) {
    const table = kind === 'annual' ? example.annualIndicators! : example.longTermIndicators!;
    const slots = templateRows(plan, kind);
    const coreSlots = slots.filter((s) => s.level1 === '履职效能');
    let core = 0;
    for (const r of table.rows) {
      const l3 = r.level3.text.trim();
      let slot = slots.find((s) => s.level3 === l3 && l3 !== '');
      if (!slot && r.level1.text.includes('履职')) {
        slot = coreSlots[core++];
        if (slot) put(slot.row, COL.level3, l3);
      }
      if (!slot && r.level2.text.trim() === '经济效益') {
        slot = slots.find((s) => s.level2 === '经济效益');
        if (slot) put(slot.row, COL.level3, l3);
      }
      if (!slot) continue; // the …… placeholder rows and core outputs beyond the template's three
      writeIndicator(put, slot.row, r);
    }
  }
  return writes;
}

function writeIndicator(put: (r: number, c: number, v: string | null) => void, row: number, r: IndicatorRow): void {
  const text = (f: Field) => (f.text.trim() === '' ? null : f.text.trim());
  put(row, r.table === 'annual' ? COL.current : COL.yearBeforeLast, text(r.value));
  if (r.history) {
    put(row, COL.yearBeforeLast, text(r.history.yearBeforeLast));
    put(row, COL.lastYear, text(r.history.lastYear));
  }
  put(row, COL.basis, text(r.basis));
  put(row, COL.classification, text(r.classification));
}

export async function readExample(): Promise<DeclarationForm> {
  const host = await XlsxHost.load(EXAMPLE);
  const grids = await Promise.all((await host.sheetNames()).map((n) => host.readGrid(n)));
  const r = findDeclaration(grids);
  if (!r.form) throw new Error(r.reason);
  return r.declaration;
}
