/** The host-contract harness for ExcelHost over the fake Office.js. */
import { ExcelHost, makeEnv, type ExcelLike } from '../../src/host/excel';
import { createFakeOffice, type FakeOptions } from '../fakes/office';
import type { HostHarness } from '../host/contract';

export function excelSetup(options: FakeOptions = {}) {
  const fake = createFakeOffice(options);
  const env = makeEnv(fake.Excel as unknown as ExcelLike, fake.Office);
  const host = new ExcelHost(env);
  return { fake, env, host };
}

export async function settle(fake: ReturnType<typeof createFakeOffice>): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await fake.settle();
    await new Promise((r) => setTimeout(r, 0));
  }
}

export function excelHarness(options: FakeOptions = {}): HostHarness {
  const { fake, host } = excelSetup(options);
  const typing = async () => {
    await host.listening();
  };
  return {
    host,
    events: true,
    identity: 'sheet',
    settle: () => settle(fake),
    user: {
      addSheet: async (name, rows) => fake.user.addSheet(name, rows),
      setValue: async (cell, value) => {
        await typing();
        fake.user.setValue(cell, value);
      },
      setFill: async (cell, color) => fake.user.setFill(cell, color),
      setNote: async (cell, text) => fake.user.setNote(cell, text),
      merge: async (range) => fake.user.merge(range),
      setNumberFormat: async (cell, format) => fake.user.setNumberFormat(cell, format),
      activate: async (sheet) => fake.user.activate(sheet),
      rename: async (from, to) => fake.user.renameSheet(from, to),
    },
    inspect: {
      value: async (cell) => fake.inspect.value(cell),
      formula: async (cell) => fake.inspect.formula(cell),
      fill: async (cell) => fake.inspect.fill(cell),
      userNote: async (cell) => fake.inspect.userNote(cell),
      flag: async (cell) => fake.inspect.flag(cell),
      selected: async () => fake.inspect.selected(),
      merges: async (sheet) => fake.inspect.merges(sheet),
      hasName: async (sheet, name) => fake.inspect.hasName(sheet, name),
      sheetValues: async (sheet) => fake.inspect.sheetValues(sheet),
    },
  };
}
