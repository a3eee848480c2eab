import { MemoryHost } from '../fakes/memory';
import { MemoryWorkbook } from '../fakes/memory/workbook';
import { runHostContract, type HostHarness } from './contract';
import { memoryInspector } from './memory-inspector';

function memoryHarness(): HostHarness {
  const wb = new MemoryWorkbook();
  const host = new MemoryHost(wb);
  const { at, ...shared } = memoryInspector(wb);
  return {
    host,
    events: true,
    identity: 'sheet',
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
      async rename(from, to) {
        host.userRename(from, to);
      },
    },
    inspect: {
      ...shared,
      async fill(cell) {
        const { s, p } = at(cell);
        return host.savedLook(s.name, p.row, p.col)?.fill ?? s.get(p.row, p.col)?.fill ?? null;
      },
      async userNote(cell) {
        const { s, p } = at(cell);
        const saved = host.savedLook(s.name, p.row, p.col);
        return saved ? saved.note : (s.get(p.row, p.col)?.note ?? null);
      },
    },
  };
}

runHostContract('memory', async () => memoryHarness());
