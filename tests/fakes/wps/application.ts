/**
 * The fake ET Application and its collections: Worksheets (1-based Item by
 * index or name, Add(before, after)), Worksheet, Names, PageSetup, the active
 * window, ApiEvent listeners, PluginStorage and task panes.
 */
import { holdsContent, type MemorySheet } from '../memory/workbook';
import { parseAddress } from '../../../src/sheet/ref';
import type { PlanRange } from '../../../src/template/plan';
import { api, type FakeContext, type Listener } from './context';
import { MAX_COL, MAX_ROW, RangeFake } from './range';

/** "A1", "A1:B2", "A1:B2,D4", "$A$1" → areas. */
export function parseAreas(address: string): PlanRange[] {
  return address.split(',').map((part) => {
    const p = parseAddress(part.trim());
    if (!p || p.sheet) throw new Error(`Range("${address}"): 无效的引用`);
    return { top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col };
  });
}

export class WorksheetFake {
  constructor(
    private readonly ctx: FakeContext,
    readonly sheet: MemorySheet,
  ) {}

  get Name(): string {
    return this.sheet.name;
  }
  set Name(v: string) {
    const clash = this.ctx.workbook.sheets.find((s) => s !== this.sheet && s.name.toLowerCase() === v.toLowerCase());
    if (clash || !v || v.length > 31 || /[\\/?*[\]:]/.test(v)) throw new Error(`工作表名称“${v}”无效或已被使用`);
    if (this.ctx.workbook.activeSheet === this.sheet.name) this.ctx.workbook.activeSheet = v;
    this.sheet.name = v;
  }
  get Index(): number {
    return this.ctx.workbook.sheets.indexOf(this.sheet) + 1;
  }
  get Visible(): number {
    return this.ctx.visibility.get(this.sheet) ?? -1;
  }
  set Visible(v: number) {
    this.ctx.visibility.set(this.sheet, v);
  }
  get ProtectContents(): boolean {
    return this.ctx.protectedSheets.has(this.sheet);
  }
  Protect(): void {
    if (this.ctx.protectedSheets.has(this.sheet)) throw new Error('工作表已受保护');
    this.ctx.protectedSheets.add(this.sheet);
  }
  Unprotect(): void {
    this.ctx.protectedSheets.delete(this.sheet);
  }
  Activate(): void {
    if (this.Visible !== -1) throw new Error(`无法激活隐藏的工作表“${this.sheet.name}”`);
    this.ctx.workbook.activeSheet = this.sheet.name;
  }
  Select(): void {
    this.Activate();
  }
  /** Copy(Before, After), as WPS does it: the copy ("名称 (2)") lands there and becomes the active sheet. */
  get Copy(): ((before?: WorksheetFake | null, after?: WorksheetFake | null) => void) | undefined {
    if (this.ctx.options.noSheetCopy) return undefined;
    return (before, after) => {
      const wb = this.ctx.workbook;
      const copy = wb.copySheet(this.sheet.name, wb.freeName(this.sheet.name));
      wb.sheets.splice(wb.sheets.indexOf(copy), 1);
      const at = after
        ? wb.sheets.indexOf(after.sheet) + 1
        : before
          ? wb.sheets.indexOf(before.sheet)
          : wb.sheets.length;
      wb.sheets.splice(at, 0, copy);
      const ps = this.ctx.pageSetup.get(this.sheet);
      if (ps) this.ctx.pageSetup.set(copy, { ...ps });
      wb.activeSheet = copy.name;
    };
  }
  Delete(): void {
    const list = this.ctx.workbook.sheets;
    list.splice(list.indexOf(this.sheet), 1);
    if (this.ctx.workbook.activeSheet === this.sheet.name) this.ctx.workbook.activeSheet = list[0]?.name ?? null;
  }
  Range(cell1: string, cell2?: string): RangeFake {
    const areas = parseAreas(cell1);
    if (cell2) {
      const b = parseAreas(cell2)[0]!;
      areas[0] = { top: areas[0]!.top, left: areas[0]!.left, bottom: b.bottom, right: b.right };
    }
    return RangeFake.make(this.ctx, this.sheet, areas);
  }
  get Cells(): RangeFake {
    return RangeFake.make(this.ctx, this.sheet, [{ top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL }]);
  }
  /** Like WPS: the block from the first to the last cell holding a value, formula, format or comment. */
  get UsedRange(): RangeFake {
    const used = this.sheet.usedRange(
      (c) => holdsContent(c) || !!c.fill || c.note !== null || c.numFmt !== 'General' || !!c.validation,
    );
    return RangeFake.make(this.ctx, this.sheet, [used ?? { top: 0, left: 0, bottom: 0, right: 0 }]);
  }
  get Names(): object {
    const sheet = this.sheet;
    return api(this.ctx, {
      Add: (name: string, refersTo: string) => {
        const m = /^=(?:(?:'(?:[^']|'')+'|[^!]+)!)?(.+)$/.exec(String(refersTo));
        if (!m || !/^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name))
          throw new Error(`Names.Add: 无效的名称 ${name}`);
        sheet.names.set(name, parseAreas(m[1]!.replace(/\$/g, ''))[0]!);
        return api(this.ctx, { Name: name, RefersTo: refersTo });
      },
      get Count() {
        return sheet.names.size;
      },
    });
  }
  /** Manual page breaks: Add(before) breaks above the range's top row (recorded 0-based in ctx.pageBreaks). */
  get HPageBreaks(): object {
    const sheet = this.sheet;
    const ctx = this.ctx;
    return api(ctx, {
      Add: (before: RangeFake) => {
        if (!(before instanceof RangeFake) || before.area.top === 0) throw new Error('HPageBreaks.Add: 无效的位置');
        const list = ctx.pageBreaks.get(sheet) ?? [];
        list.push(before.area.top);
        ctx.pageBreaks.set(sheet, list);
        return api(ctx, { Type: -4135 });
      },
      get Count() {
        return ctx.pageBreaks.get(sheet)?.length ?? 0;
      },
    });
  }
  get PageSetup(): object {
    let ps = this.ctx.pageSetup.get(this.sheet);
    if (!ps) {
      ps = {
        PaperSize: 1,
        Orientation: 1,
        Zoom: 100,
        FitToPagesWide: 1,
        FitToPagesTall: 1,
        PrintTitleRows: '',
        LeftMargin: 50,
        RightMargin: 50,
        TopMargin: 72,
        BottomMargin: 72,
        HeaderMargin: 36,
        FooterMargin: 36,
        CenterHorizontally: false,
        CenterFooter: '',
      };
      this.ctx.pageSetup.set(this.sheet, ps);
    }
    return api(this.ctx, ps);
  }
}

export class SheetsFake {
  constructor(private readonly ctx: FakeContext) {}

  get Count(): number {
    return this.ctx.workbook.sheets.length;
  }
  /** 1-based index or name; throws ("下标越界") when there is no such sheet. */
  Item(index: number | string): WorksheetFake {
    const list = this.ctx.workbook.sheets;
    const s =
      typeof index === 'number' ? list[index - 1] : list.find((x) => x.name.toLowerCase() === index.toLowerCase());
    if (!s) throw new Error(`Worksheets.Item(${JSON.stringify(index)}): 下标越界`);
    return this.ctx.worksheet(s) as WorksheetFake;
  }
  /** New sheet before `before`, after `after`, else before the active sheet; it becomes active. */
  Add(before?: WorksheetFake | null, after?: WorksheetFake | null): WorksheetFake {
    const wb = this.ctx.workbook;
    let n = wb.sheets.length + 1;
    while (wb.sheet(`Sheet${n}`)) n++;
    const s = wb.addSheet(`Sheet${n}`);
    wb.sheets.pop();
    const at = (w: WorksheetFake | null | undefined) => (w ? wb.sheets.indexOf(w.sheet) : -1);
    let index = at(after) >= 0 ? at(after) + 1 : at(before);
    if (index < 0)
      index = Math.max(
        0,
        wb.sheets.findIndex((x) => x.name === wb.activeSheet),
      );
    wb.sheets.splice(index, 0, s);
    wb.activeSheet = s.name;
    return this.ctx.worksheet(s) as WorksheetFake;
  }
}

export class TaskPaneFake {
  private visible = false;
  DockPosition = 2;
  Width = 360;

  constructor(
    private readonly ctx: FakeContext,
    readonly ID: number,
    public url: string,
    readonly panes: Map<number, TaskPaneFake>,
  ) {}

  get Visible(): boolean {
    return this.visible;
  }
  set Visible(v: boolean) {
    this.visible = Boolean(v);
    if (this.visible) this.ctx.options.taskPaneView?.show(this.ID, this.url);
    else this.ctx.options.taskPaneView?.hide(this.ID);
  }
  Navigate(url: string): void {
    this.url = url;
    this.ctx.options.taskPaneView?.navigate(this.ID, url);
  }
  Delete(): void {
    this.Visible = false;
    this.panes.delete(this.ID);
    this.ctx.options.taskPaneView?.remove?.(this.ID);
  }
}

export class ApiEventFake {
  constructor(private readonly ctx: FakeContext) {}

  AddApiEventListener(name: string, callback: Listener): void {
    if (typeof callback !== 'function') throw new Error('fake ET: callback must be a function');
    const list = this.ctx.listeners.get(name) ?? [];
    list.push(callback);
    this.ctx.listeners.set(name, list);
  }
  RemoveApiEventListener(name: string, callback?: Listener): void {
    const list = this.ctx.listeners.get(name) ?? [];
    this.ctx.listeners.set(name, callback ? list.filter((l) => l !== callback) : []);
  }
}
