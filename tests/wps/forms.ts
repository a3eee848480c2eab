/** The example form (typed, as a department would) loaded into the fake WPS workbook. */
import type { MemoryWorkbook } from '../fakes/memory/workbook';
import { parseAddress, qualified } from '../../src/sheet/ref';
import { typedForm } from '../read/fixtures';

/** Adds the example as sheet `name` (active); returns the cell holding the wrong 人员类 占比 (83.99%, expected 84.12%). */
export function loadExampleForm(workbook: MemoryWorkbook, name = '附件2'): string {
  const spec = typedForm();
  const s = workbook.addSheet(name);
  spec.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== undefined) s.cell(r, c).value = v;
    }),
  );
  for (const [address, fmt] of Object.entries(spec.numFmt)) {
    const p = parseAddress(address)!;
    s.cell(p.row, p.col).numFmt = fmt;
  }
  for (const m of spec.merges) {
    const p = parseAddress(m)!;
    s.merges.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
  }
  workbook.activeSheet = name;
  const share = [...s.cells].find(([, c]) => c.value === 0.8399);
  if (!share) throw new Error('the example lost its 83.99% share');
  const [r, c] = share[0].split(',').map(Number) as [number, number];
  return qualified(name, r, c);
}
