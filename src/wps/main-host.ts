/**
 * The host the main page's session uses: the WPS host, except that cell
 * changes are not reported while the task pane is shown. The pane runs its
 * own session with live checking; two pages redrawing the same flags at once
 * could interleave their bridge calls. With the pane hidden, the main page
 * keeps the flags of a sheet checked from the ribbon up to date.
 */
import type { Grid } from '../read/grid';
import type { Explanation, Finding } from '../rules/types';
import type { SheetPlan } from '../template/plan';
import type { CellChange, CellWrite, Host } from '../host/types';

export class MainPageHost implements Host {
  readonly kind: Host['kind'];

  constructor(
    private readonly inner: Host,
    private readonly paneShown: () => boolean,
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
  showFindings(sheet: string, findings: Finding[]): Promise<void> {
    return this.inner.showFindings(sheet, findings);
  }
  clearFindings(sheet: string): Promise<void> {
    return this.inner.clearFindings(sheet);
  }
  write(writes: CellWrite[]): Promise<void> {
    return this.inner.write(writes);
  }
  select(cell: string): Promise<void> {
    return this.inner.select(cell);
  }
  readExplanations(): Promise<Explanation[]> {
    return this.inner.readExplanations();
  }
  writeExplanation(explanation: Explanation): Promise<void> {
    return this.inner.writeExplanation(explanation);
  }
  onChange(handler: (change: CellChange) => void): () => void {
    return this.inner.onChange((change) => {
      let shown = false;
      try {
        shown = this.paneShown();
      } catch {
        shown = false;
      }
      if (!shown) handler(change);
    });
  }
}
