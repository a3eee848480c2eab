/** The host-contract harness for WpsHost over the fake ET Application. */
import { FLAG_FILL, NOTE_MARK } from '../../src/host/flags';
import { WpsHost, hexFromBgr, type EtApplication } from '../../src/host/wps';
import { XL_NONE } from '../../src/host/wps/et';
import { userPart } from '../../src/host/wps/flags';
import { parseAddress } from '../../src/read/grid';
import { createFakeEt, type FakeEt, type FakeEtOptions } from '../fakes/wps';
import type { HostHarness } from '../host/contract';

export function wpsHarness(options: FakeEtOptions = {}): { harness: HostHarness; fake: FakeEt; host: WpsHost } {
  const fake = createFakeEt(options);
  const wb = fake.workbook;
  const host = new WpsHost(fake.app as EtApplication);
  const at = (cell: string) => {
    const p = parseAddress(cell);
    if (!p || !p.sheet) throw new Error(`bad cell ${cell}`);
    const s = wb.sheet(p.sheet);
    if (!s) throw new Error(`no sheet ${p.sheet}`);
    return { s, p };
  };
  const harness: HostHarness = {
    host,
    events: true,
    settle: () => new Promise((resolve) => setTimeout(resolve, 5)),
    user: {
      addSheet: async (name, rows) => fake.user.addSheet(name, rows),
      setValue: async (cell, value) => fake.user.type(cell, value),
      setFill: async (cell, color) => fake.user.setFill(cell, color),
      setNote: async (cell, text) => fake.user.setNote(cell, text),
      merge: async (range) => fake.user.merge(range),
      setNumberFormat: async (cell, format) => fake.user.setNumberFormat(cell, format),
      activate: async (sheet) => fake.user.activate(sheet),
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
        const saved = host.savedLook(s.name, p.row, p.col);
        if (saved) return saved.colorIndex === XL_NONE ? null : hexFromBgr(saved.color);
        return s.get(p.row, p.col)?.fill ?? null;
      },
      async userNote(cell) {
        const { s, p } = at(cell);
        const note = s.get(p.row, p.col)?.note ?? null;
        return note === null ? null : userPart(note);
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
  return { harness, fake, host };
}
