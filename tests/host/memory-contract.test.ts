import { MemoryHost } from '../../src/host/memory';
import { NOTE_MARK } from '../../src/host/flags';
import { MemoryWorkbook } from '../../src/host/memory/workbook';
import { parseAddress } from '../../src/read/grid';
import { runHostContract, type HostHarness } from './contract';

function memoryHarness(): HostHarness {
  const wb = new MemoryWorkbook();
  const host = new MemoryHost(wb);
  const at = (cell: string) => {
    const p = parseAddress(cell);
    if (!p || !p.sheet) throw new Error(`bad cell ${cell}`);
    const s = wb.sheet(p.sheet);
    if (!s) throw new Error(`no sheet ${p.sheet}`);
    return { s, p };
  };
  return {
    host,
    events: true,
    settle: async () => undefined,
    user: {
      async addSheet(name, rows) {
        const s = wb.addSheet(name);
        rows.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== null) s.cell(r, c).value = v;
          }),
        );
        wb.activeSheet = name;
      },
      async setValue(cell, value) {
        host.userSetValue(cell, value);
      },
      async setFill(cell, color) {
        const { s, p } = at(cell);
        s.cell(p.row, p.col).fill = color;
      },
      async setNote(cell, text) {
        const { s, p } = at(cell);
        s.cell(p.row, p.col).note = text;
      },
      async merge(range) {
        const { s, p } = at(range);
        s.merges.push({ top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col });
      },
      async setNumberFormat(cell, format) {
        const { s, p } = at(cell);
        s.cell(p.row, p.col).numFmt = format;
      },
      async activate(sheet) {
        wb.activeSheet = sheet;
      },
    },
    inspect: {
      async value(cell) {
        const { s, p } = at(cell);
        return s.get(p.row, p.col)?.value ?? null;
      },
      async formula(cell) {
        const { s, p } = at(cell);
        return s.get(p.row, p.col)?.formula ?? null;
      },
      async fill(cell) {
        const { s, p } = at(cell);
        return host.savedLook(s.name, p.row, p.col)?.fill ?? s.get(p.row, p.col)?.fill ?? null;
      },
      async userNote(cell) {
        const { s, p } = at(cell);
        const saved = host.savedLook(s.name, p.row, p.col);
        return saved ? saved.note : (s.get(p.row, p.col)?.note ?? null);
      },
      async flag(cell) {
        const { s, p } = at(cell);
        const c = s.get(p.row, p.col);
        if (!c?.note?.includes(NOTE_MARK)) return null;
        return { severity: c.fill === '#FFC7CE' ? 'error' : 'warning', text: c.note };
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
        if (!used) return [];
        const out = [];
        for (let r = used.top; r <= used.bottom; r++) {
          const row = [];
          for (let c = used.left; c <= used.right; c++) row.push(s.get(r, c)?.value ?? null);
          out.push(row);
        }
        return out;
      },
    },
  };
}

runHostContract('memory', async () => memoryHarness());
