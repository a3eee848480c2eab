/**
 * The host a page's session uses in WPS: the WPS host, except that cell
 * changes are reported only while this page is the one that checks live
 * (src/shell/wps/live.ts: the page in the shown pane, else the main page). Two
 * pages redrawing the same flags at once would interleave their bridge calls
 * and overwrite each other's records in jixiao_state.
 */
import type { Grid } from '../../sheet/grid';
import type { Finding } from '../../report/types';
import type { SheetLayout } from '../../sheet/store';
import type { SheetPlan } from '../../template/plan';
import type { CellChange, CellWrite, Host, UnplacedFlags } from '../../host/types';

export class LiveGatedHost implements Host {
  readonly kind: Host['kind'];

  constructor(
    private readonly inner: Host,
    private readonly checksLive: () => boolean,
  ) {
    this.kind = inner.kind;
  }

  sheetNames(): Promise<string[]> {
    return this.inner.sheetNames();
  }
  activeSheet(): Promise<string> {
    return this.inner.activeSheet();
  }
  readGrid(sheet: string): Promise<Grid> {
    return this.inner.readGrid(sheet);
  }
  createSheet(plan: SheetPlan): Promise<string> {
    return this.inner.createSheet(plan);
  }
  copySheet(sheet: string, preferredName: string): Promise<string> {
    return this.inner.copySheet(sheet, preferredName);
  }
  showFindings(sheet: string, findings: Finding[]): Promise<UnplacedFlags | void> {
    return this.inner.showFindings(sheet, findings);
  }
  clearFindings(sheet: string): Promise<UnplacedFlags | void> {
    return this.inner.clearFindings(sheet);
  }
  write(writes: CellWrite[]): Promise<void> {
    return this.inner.write(writes);
  }
  select(cell: string): Promise<void> {
    return this.inner.select(cell);
  }
  readSheet(sheet: string): Promise<Grid | null> {
    return this.inner.readSheet(sheet);
  }
  replaceSheetRows(sheet: string, rows: string[][], layout?: SheetLayout): Promise<void> {
    return this.inner.replaceSheetRows(sheet, rows, layout);
  }
  onChange(handler: (change: CellChange) => void): () => void {
    return this.inner.onChange((change) => {
      let live = false;
      try {
        live = this.checksLive();
      } catch {
        live = false;
      }
      if (live) handler(change);
    });
  }
}
