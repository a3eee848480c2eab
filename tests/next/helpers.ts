/**
 * Helpers for the roll tests: forms as .xlsx bytes (typed variants, shifted,
 * merged, the template with formulas), the package parts of two files side by
 * side, and a grid with a roll's edits applied.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { XlsxHost } from '../../src/host/exceljs';
import type { CellEdit } from '../../src/next/roll';
import { parseAddress } from '../../src/sheet/ref';
import { type Grid } from '../../src/sheet/grid';
import { buildTemplate } from '../../src/template';
import { fillTemplate } from '../cli/fill';
import type { FormSpec } from '../read/fixtures';

/** A FormSpec as an .xlsx workbook (one sheet), with merges and number formats. */
export async function specToXlsx(spec: FormSpec, sheet = '申报表'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  spec.rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
    }),
  );
  for (const [addr, fmt] of Object.entries(spec.numFmt)) ws.getCell(addr).numFmt = fmt;
  for (const m of spec.merges) ws.mergeCells(m);
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The bundled template filled with the example's amounts (totals and 占比 are formulas). */
export async function filledTemplate(budgetYear = 2026): Promise<Buffer> {
  const host = XlsxHost.create();
  await host.createSheet(buildTemplate({ department: '某某县信访局', budgetYear, projectRows: 4 }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-next-'));
  try {
    const file = path.join(dir, 'template.xlsx');
    await host.save(file);
    await fillTemplate(file);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Parts {
  names: string[];
  text: Map<string, string>;
}

export async function parts(bytes: Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes, { createFolders: false });
  const text = new Map<string, string>();
  for (const f of Object.values(zip.files)) if (!f.dir) text.set(f.name, await f.async('string'));
  return { names: [...text.keys()].sort(), text };
}

/** Cells of a worksheet part by address → their XML, plus the XML around sheetData. */
export function sheetCells(xml: string): { cells: Map<string, string>; outside: string } {
  const cells = new Map<string, string>();
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  const endTag = /<\/(?:\w+:)?sheetData>/.exec(xml);
  const end = endTag ? endTag.index + endTag[0].length : xml.length;
  const inner = xml.slice(start, end);
  for (const m of inner.matchAll(/<(?:\w+:)?c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?c>)/g))
    cells.set(m[1]!, m[0]);
  return { cells, outside: xml.slice(0, start) + xml.slice(end) };
}

/** A copy of the grid with the edits made (values only; formula results as the edit computed them). */
export function applyToGrid(grid: Grid, edits: CellEdit[]): Grid {
  const values = grid.values.map((r) => [...r]);
  const text = grid.text?.map((r) => [...r]);
  for (const e of edits) {
    const r = e.row - grid.top;
    const c = e.col - grid.left;
    while (values.length <= r) values.push([]);
    while (values[r]!.length <= c) values[r]!.push(null);
    values[r]![c] = e.kind === 'empty' ? null : e.value;
    if (text?.[r])
      text[r][c] =
        e.kind === 'empty' ? '' : e.value === null ? '' : String(typeof e.value === 'object' ? e.value.error : e.value);
  }
  const out: Grid = { ...grid, values };
  if (text) out.text = text;
  return out;
}

export function addressOf(qualifiedAddress: string): string {
  const p = parseAddress(qualifiedAddress)!;
  return `${String.fromCharCode(65 + p.col)}${p.row + 1}`;
}
