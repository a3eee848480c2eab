/**
 * Sheet-scoped defined names for ExcelJS. ExcelJS keeps only workbook-wide
 * names: it drops the localSheetId of a name when reading and merges
 * same-named names of different sheets into one. The template puts the same
 * names (jx_funding…) on every template sheet, so they must stay scoped.
 *
 * This hooks the workbook's DefinedNames model (ExcelJS internals, typed
 * loosely here at the host boundary): names carrying a localSheetId are kept
 * aside when a file is read and added back, with the index of their sheet,
 * when it is written. Workbook-wide names keep ExcelJS's own handling.
 */
import type ExcelJS from 'exceljs';
import type { PlanRange } from '../../template/plan';
import { a1 } from '../../read/grid';

/** The shape of a defined name in ExcelJS's workbook model. */
interface NameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

interface ScopedName {
  sheet: string;
  name: string;
  ranges: string[];
}

interface ModelHolder {
  model: NameModel[];
}

const attached = new WeakMap<ExcelJS.Workbook, SheetNames>();

export class SheetNames {
  private scoped: ScopedName[] = [];

  private constructor(private readonly wb: ExcelJS.Workbook) {}

  /** Hooks the workbook (before a file is read into it); idempotent. */
  static attach(wb: ExcelJS.Workbook): SheetNames {
    const existing = attached.get(wb);
    if (existing) return existing;
    const names = new SheetNames(wb);
    const holder = wb.definedNames as unknown as ModelHolder;
    const proto = Object.getPrototypeOf(holder) as object;
    const original = Object.getOwnPropertyDescriptor(proto, 'model');
    if (!original?.get || !original.set) throw new Error('ExcelJS DefinedNames has no model property');
    const get = original.get;
    const set = original.set;
    Object.defineProperty(holder, 'model', {
      configurable: true,
      get(): NameModel[] {
        return [...(get.call(holder) as NameModel[]), ...names.modelsForWrite()];
      },
      set(value: NameModel[] | undefined): void {
        const global: NameModel[] = [];
        const local: NameModel[] = [];
        for (const n of value ?? []) (n.localSheetId === undefined ? global : local).push(n);
        set.call(holder, global);
        names.takeFromRead(local);
      },
    });
    attached.set(wb, names);
    return names;
  }

  /** Adds (or replaces) a name scoped to `sheet` for a 0-based range of that sheet. */
  add(sheet: string, name: string, range: PlanRange): void {
    const ref = `'${sheet.replace(/'/g, "''")}'!${absolute(range.top, range.left)}`;
    const full =
      range.bottom === range.top && range.right === range.left ? ref : `${ref}:${absolute(range.bottom, range.right)}`;
    this.remove(sheet, name);
    this.scoped.push({ sheet, name, ranges: [full] });
  }

  remove(sheet: string, name: string): void {
    this.scoped = this.scoped.filter((n) => !(n.sheet === sheet && n.name.toLowerCase() === name.toLowerCase()));
  }

  has(sheet: string, name: string): boolean {
    return this.scoped.some((n) => n.sheet === sheet && n.name.toLowerCase() === name.toLowerCase());
  }

  /** The names of one sheet with what they refer to ("'表'!$A$1:$I$9"). */
  list(sheet: string): { name: string; ref: string }[] {
    return this.scoped.filter((n) => n.sheet === sheet).map((n) => ({ name: n.name, ref: n.ranges.join(',') }));
  }

  private takeFromRead(local: NameModel[]): void {
    // ExcelJS has already built its worksheets, in the file's sheet order, when it sets the names.
    const sheets = this.wb.worksheets;
    this.scoped = [];
    for (const n of local) {
      const ws = sheets[n.localSheetId ?? -1];
      if (ws) this.scoped.push({ sheet: ws.name, name: n.name, ranges: [...n.ranges] });
    }
  }

  private modelsForWrite(): NameModel[] {
    const order = this.wb.worksheets.map((ws) => ws.name);
    const out: NameModel[] = [];
    for (const n of this.scoped) {
      const index = order.indexOf(n.sheet);
      // A name whose sheet was removed goes with it, as in Excel.
      if (index >= 0) out.push({ name: n.name, ranges: n.ranges, localSheetId: index });
    }
    return out;
  }
}

function absolute(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}
