/** Finding, naming and adding worksheets without disturbing what the user looks at. */
import type { EtApplication, EtWorksheet } from './et';
export { freeSheetName } from '../../sheet/names';

/** The worksheet with that name in the active workbook, or null. */
export function findSheet(app: EtApplication, name: string): EtWorksheet | null {
  const sheets = app.Worksheets;
  const n = Number(sheets.Count);
  for (let i = 1; i <= n; i++) {
    const ws = sheets.Item(i) as EtWorksheet;
    if (ws.Name === name) return ws;
  }
  return null;
}

export function requireSheet(app: EtApplication, name: string): EtWorksheet {
  const ws = findSheet(app, name);
  if (!ws) throw new Error(`工作表“${name}”不存在`);
  return ws;
}

export function allSheetNames(app: EtApplication): string[] {
  const sheets = app.Worksheets;
  const n = Number(sheets.Count);
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(String((sheets.Item(i) as EtWorksheet).Name));
  return out;
}

/** Adding a sheet activates it; bookkeeping sheets must not steal the user's view. */
export function withActiveSheetKept<T>(app: EtApplication, fn: () => T): T {
  const active = app.ActiveSheet as EtWorksheet | null;
  try {
    return fn();
  } finally {
    if (active) active.Activate();
  }
}

/** Adds a worksheet after the last one and names it. */
export function addSheetAtEnd(app: EtApplication, name: string): EtWorksheet {
  const sheets = app.Worksheets;
  const ws = sheets.Add(null, sheets.Item(sheets.Count));
  ws.Name = name;
  return ws;
}
