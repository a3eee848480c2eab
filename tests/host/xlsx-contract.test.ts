/**
 * The host contract against XlsxHost, twice: on the workbook in memory, and
 * with the workbook saved to bytes and opened again before every step (every
 * host call, user edit and inspection), so whatever the host records —
 * values, formulas, merges, sheet-scoped names, flags with the user's own fill
 * and note, the selection, explanations — must survive the file.
 */
import type ExcelJS from 'exceljs';
import { NOTE_MARK, FLAG_FILL } from '../../src/report/flags';
import type { Host } from '../../src/host/types';
import { XlsxHost } from '../../src/host/exceljs';
import { fillColour, noteText, removeNote, solidFill } from '../../src/host/exceljs/style';
import { parseAddress } from '../../src/sheet/ref';
import { type CellValue, type MergeArea } from '../../src/sheet/grid';
import { runHostContract, type HostHarness } from './contract';

/** The workbook under test; `reload` swaps it for a saved-and-reopened copy. */
class Box {
  constructor(
    public host: XlsxHost,
    private readonly reopen: boolean,
  ) {}

  async fresh(): Promise<XlsxHost> {
    if (this.reopen) this.host = await XlsxHost.load(await this.host.toBuffer());
    return this.host;
  }
}

function at(wb: ExcelJS.Workbook, address: string): ExcelJS.Cell {
  const p = parseAddress(address);
  if (!p || !p.sheet) throw new Error(`bad cell ${address}`);
  const ws = wb.getWorksheet(p.sheet);
  if (!ws) throw new Error(`no sheet ${p.sheet}`);
  return ws.getCell(p.row + 1, p.col + 1);
}

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return typeof v.text === 'string' ? v.text : null;
  return null;
}

function activate(wb: ExcelJS.Workbook, sheet: string): void {
  const index = wb.worksheets.findIndex((w) => w.name === sheet);
  const view = wb.views?.[0] ?? { x: 0, y: 0, width: 12000, height: 20000, firstSheet: 0, visibility: 'visible' };
  wb.views = [{ ...view, activeTab: index }];
}

/** The host, re-fetched from the box at every call so a reopened copy is the one used. */
function hostOf(box: Box): Host {
  const call =
    <K extends keyof Host>(k: K) =>
    async (...args: unknown[]) => {
      const h = await box.fresh();
      return (h[k] as (...a: unknown[]) => unknown).apply(h, args);
    };
  return {
    kind: 'xlsx',
    sheetNames: call('sheetNames'),
    sheetKeys: call('sheetKeys'),
    sheetKey: call('sheetKey'),
    activeSheet: call('activeSheet'),
    readGrid: call('readGrid'),
    createSheet: call('createSheet'),
    copySheet: call('copySheet'),
    showFindings: call('showFindings'),
    clearFindings: call('clearFindings'),
    write: call('write'),
    select: call('select'),
    readSheet: call('readSheet'),
    replaceSheetRows: call('replaceSheetRows'),
    onChange: (handler: Parameters<Host['onChange']>[0]) => box.host.onChange(handler),
  } satisfies Record<keyof Host, unknown> as Host;
}

export function xlsxHarness(reopen: boolean): HostHarness {
  const box = new Box(XlsxHost.create(), reopen);
  const wb = async () => (await box.fresh()).workbook;
  return {
    host: hostOf(box),
    events: false,
    identity: 'name',
    settle: async () => undefined,
    user: {
      async addSheet(name, rows) {
        const w = await wb();
        const ws = w.addWorksheet(name);
        rows.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v !== null) ws.getCell(r + 1, c + 1).value = v;
          }),
        );
        activate(w, name);
      },
      async setValue(cell, value) {
        at(await wb(), cell).value = value;
      },
      async setFill(cell, color) {
        const c = at(await wb(), cell);
        const style = { ...c.style };
        if (color) style.fill = solidFill(color);
        else delete style.fill;
        c.style = style;
      },
      async setNote(cell, text) {
        const c = at(await wb(), cell);
        if (text === null) removeNote(c);
        else c.note = text;
      },
      async merge(range) {
        const p = parseAddress(range)!;
        (await wb()).getWorksheet(p.sheet!)!.mergeCells(p.row + 1, p.col + 1, p.bottom! + 1, p.right! + 1);
      },
      async setNumberFormat(cell, format) {
        const c = at(await wb(), cell);
        c.style = { ...c.style, numFmt: format };
      },
      async activate(sheet) {
        activate(await wb(), sheet);
      },
    },
    inspect: {
      async value(cell) {
        return plain(at(await wb(), cell).value);
      },
      async formula(cell) {
        const f = at(await wb(), cell).formula;
        return f ? `=${f}` : null;
      },
      async fill(cell) {
        return fillColour(at(await wb(), cell).style.fill);
      },
      async userNote(cell) {
        const text = noteText(at(await wb(), cell).note);
        if (text === null || text.startsWith(NOTE_MARK)) return null;
        const mark = text.indexOf(`\n\n${NOTE_MARK}`);
        return mark >= 0 ? text.slice(0, mark) : text;
      },
      async flag(cell) {
        const c = at(await wb(), cell);
        const text = noteText(c.note);
        if (!text?.includes(NOTE_MARK)) return null;
        return { severity: fillColour(c.style.fill) === FLAG_FILL.error ? 'error' : 'warning', text };
      },
      async selected() {
        return (await box.fresh()).selection();
      },
      async merges(sheet) {
        const ws = (await wb()).getWorksheet(sheet);
        const model = (ws?.model as { merges?: string[] } | undefined)?.merges ?? [];
        return model.map((m): MergeArea => {
          const p = parseAddress(m)!;
          return { top: p.row, left: p.col, bottom: p.bottom ?? p.row, right: p.right ?? p.col };
        });
      },
      async hasName(sheet, name) {
        return (await box.fresh()).names.has(sheet, name);
      },
      async sheetValues(sheet) {
        const ws = (await wb()).getWorksheet(sheet);
        if (!ws) return null;
        const out: CellValue[][] = [];
        ws.eachRow((row, r) => {
          out[r - 1] = [];
          row.eachCell((c, col) => {
            out[r - 1]![col - 1] = plain(c.value);
          });
        });
        return out;
      },
    },
  };
}

runHostContract('xlsx', async () => xlsxHarness(false));
runHostContract('xlsx, saved and reopened before every step', async () => xlsxHarness(true));
