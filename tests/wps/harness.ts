/** The host-contract harness for WpsHost over the fake ET Application. */
import { WpsHost, hexFromBgr, type EtApplication } from '../../src/host/wps';
import { XL_NONE } from '../../src/host/wps/et';
import { userPart } from '../../src/host/wps/flags';
import { createFakeEt, type FakeEt, type FakeEtOptions } from '../fakes/wps';
import type { HostHarness } from '../host/contract';
import { memoryInspector } from '../host/memory-inspector';

export function wpsHarness(options: FakeEtOptions = {}): { harness: HostHarness; fake: FakeEt; host: WpsHost } {
  const fake = createFakeEt(options);
  const wb = fake.workbook;
  const host = new WpsHost(fake.app as EtApplication);
  const { at, ...shared } = memoryInspector(wb);
  const harness: HostHarness = {
    host,
    events: true,
    identity: 'name',
    settle: () => new Promise((resolve) => setTimeout(resolve, 5)),
    user: {
      addSheet: async (name, rows) => fake.user.addSheet(name, rows),
      setValue: async (cell, value) => fake.user.type(cell, value),
      setFill: async (cell, color) => fake.user.setFill(cell, color),
      setNote: async (cell, text) => fake.user.setNote(cell, text),
      merge: async (range) => fake.user.merge(range),
      setNumberFormat: async (cell, format) => fake.user.setNumberFormat(cell, format),
      activate: async (sheet) => fake.user.activate(sheet),
      rename: async (from, to) => {
        const s = wb.sheet(from);
        if (!s) throw new Error(`fake: no sheet ${from}`);
        s.name = to;
        if (wb.activeSheet === from) wb.activeSheet = to;
      },
    },
    inspect: {
      ...shared,
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
    },
  };
  return { harness, fake, host };
}
