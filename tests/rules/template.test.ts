/**
 * The rules agree with the template's formulas: a generated sheet (memory host,
 * formulas recalculated on read) filled with the example's amounts passes every
 * funding check, and a funding-total fix restores the template's SUM formula.
 */
import { check } from '../../src/check';
import type { DeclarationForm } from '../../src/form/types';
import { MemoryHost } from '../fakes/memory';
import { readDeclaration } from '../../src/read';
import type { Finding } from '../../src/report/types';
import { buildTemplate } from '../../src/template';
import type { CellRange } from '../../src/sheet/cell-range';

async function readForm(host: MemoryHost, sheet: string): Promise<DeclarationForm> {
  const r = readDeclaration(await host.readGrid(sheet));
  if (!r.form) throw new Error(r.reason);
  return r.declaration;
}

const funding = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith('funding-') || f.rule === 'form-structure');

/** The example's amounts: [当年, 前年, 上年] per line. */
const AMOUNTS: Record<string, [number, number, number]> = {
  appropriation: [374.13, 341.7, 282.9],
  specialAccount: [0, 0, 0],
  unitFunds: [0, 0, 0],
  personnel: [314.72, 282.4, 229.85],
  operations: [26.41, 26.3, 20.05],
  specialPurpose: [33, 33, 33],
};

async function filledTemplate(): Promise<{ host: MemoryHost; sheet: string }> {
  const host = new MemoryHost();
  const sheet = await host.createSheet(buildTemplate({ department: '阳新县信访局', budgetYear: 2026 }));
  const form = await readForm(host, sheet);
  const lines = { ...form.funding!.income.lines, ...form.funding!.expenditure.lines } as Record<
    string,
    {
      current: { ref: CellRange };
      yearBeforeLast: { ref: CellRange } | null;
      lastYear: { ref: CellRange } | null;
    }
  >;
  const writes = Object.entries(AMOUNTS).flatMap(([code, [c, y, l]]) => [
    { cell: lines[code]!.current.ref, value: c },
    { cell: lines[code]!.yearBeforeLast!.ref, value: y },
    { cell: lines[code]!.lastYear!.ref, value: l },
  ]);
  await host.write(writes);
  return { host, sheet };
}

describe('the rules on a generated template', () => {
  test('a blank template: only “fill this in” findings in the funding table, no structural problem', async () => {
    const host = new MemoryHost();
    const sheet = await host.createSheet(buildTemplate({ department: '阳新县信访局', budgetYear: 2026 }));
    const fs = funding(check(await readForm(host, sheet)).findings);
    expect(new Set(fs.map((f) => f.rule))).toEqual(new Set(['funding-amount']));
    expect(fs.every((f) => f.message.includes('未填写金额'))).toBe(true);
  });

  test('filled with the example’s amounts, the template’s totals and shares pass', async () => {
    const { host, sheet } = await filledTemplate();
    const form = await readForm(host, sheet);
    expect(form.funding!.expenditure.lines.personnel!.share!.text).toBe('84.12%');
    expect(funding(check(form).findings)).toEqual([]);
  });

  test('a 合计 overwritten by hand: the fix restores the SUM formula and the form is clean again', async () => {
    const { host, sheet } = await filledTemplate();
    const before = await readForm(host, sheet);
    await host.write([{ cell: before.funding!.expenditure.total!.current.ref, value: 370 }]);
    const all = check(await readForm(host, sheet)).findings;
    const broken = all.filter((f) => f.rule === 'funding-total');
    expect(broken).toHaveLength(1);
    // The share formulas divide by the wrong 合计 but are themselves right: not reported, not overwritten.
    expect(all.filter((f) => f.rule === 'funding-share')).toEqual([]);
    expect(broken[0]!.fix?.formula).toMatch(/^=SUM\([A-Z]+\d+:[A-Z]+\d+\)$/);
    await host.write([{ cell: broken[0]!.fix!.cell, formula: broken[0]!.fix!.formula! }]);
    expect(funding(check(await readForm(host, sheet)).findings)).toEqual([]);
  });
});
