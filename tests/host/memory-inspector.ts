/**
 * The parts of a contract-harness inspector that read a MemoryWorkbook
 * directly: shared by the memory host's harness and by the fakes built on the
 * same store (WPS). What differs per host — the cell's own fill and note while
 * flagged — stays in each harness.
 */
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import type { MemorySheet, MemoryWorkbook } from '../fakes/memory/workbook';
import { parseAddress, type ParsedAddress } from '../../src/sheet/ref';
import type { HostHarness } from './contract';

type Shared = Omit<HostHarness['inspect'], 'fill' | 'userNote'>;

export function memoryInspector(wb: MemoryWorkbook): Shared & {
  at(cell: string): { s: MemorySheet; p: ParsedAddress };
} {
  const at = (cell: string) => {
    const p = parseAddress(cell);
    if (!p || !p.sheet) throw new Error(`bad cell ${cell}`);
    const s = wb.sheet(p.sheet);
    if (!s) throw new Error(`no sheet ${p.sheet}`);
    return { s, p };
  };
  return {
    at,
    async value(cell) {
      const { s, p } = at(cell);
      return s.get(p.row, p.col)?.value ?? null;
    },
    async formula(cell) {
      const { s, p } = at(cell);
      return s.get(p.row, p.col)?.formula ?? null;
    },
    async flag(cell) {
      const { s, p } = at(cell);
      const c = s.get(p.row, p.col);
      if (!c?.note?.includes(NOTE_MARK)) return null;
      return { severity: c.fill === FLAG_FILL.error ? 'error' : 'warning', text: c.note };
    },
    async selected() {
      return wb.selection;
    },
    async merges(sheet) {
      return wb.sheet(sheet)?.merges ?? [];
    },
    async hasName(sheet, name) {
      return wb.sheet(sheet)?.names.has(name) ?? false;
    },
    async sheetValues(sheet) {
      const s = wb.sheet(sheet);
      if (!s) return null;
      const used = s.usedRange();
      return used ? s.values(used) : [];
    },
  };
}
