/**
 * SheetChange → the changed sheet's name, minus the add-in's own writes (the host makes it a CellChange). Whether WPS raises
 * SheetChange for writes made through the JSAPI, and whether synchronously or
 * after the script yields, is undocumented; both are covered: a re-entry
 * counter for events raised during a write, and a short-lived record of the
 * blocks just written for events delivered afterwards. Only value writes are
 * recorded (fills and comments raise no SheetChange), so a user's edit of a
 * flagged cell right after a check is never mistaken for an echo.
 */
import { parseAddress } from '../../sheet/ref';
import type { PlanRange } from '../../template/plan';
import { addressOf, isEtRange } from './cells';
import type { EtApplication, EtRange, EtWorksheet } from './et';

/** How long a write's late echo is expected at most. */
const ECHO_MS = 1000;

interface Written {
  sheet: string;
  block: PlanRange;
  until: number;
}

export class ChangeFeed {
  private depth = 0;
  private written: Written[] = [];
  /** Called with the name of the sheet the user changed. */
  private readonly handlers = new Set<(sheet: string) => void>();
  private attached = false;

  constructor(
    private readonly app: EtApplication,
    private readonly ignoredSheets: readonly string[],
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Runs the add-in's own writes to `sheet` (blocks) under the guard. */
  ownWrite<T>(sheet: string | null, blocks: PlanRange[], fn: () => T): T {
    const until = this.now() + ECHO_MS;
    if (sheet !== null) for (const block of blocks) this.written.push({ sheet, block, until });
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  subscribe(handler: (sheet: string) => void): () => void {
    this.handlers.add(handler);
    this.attach();
    return () => {
      this.handlers.delete(handler);
      if (this.handlers.size === 0) this.detach();
    };
  }

  private readonly listener = (a: unknown, b: unknown): void => {
    // One typing has the two parameters swapped: find the Range by its shape.
    const range = (isEtRange(a) ? a : isEtRange(b) ? b : null) as EtRange | null;
    if (!range) return;
    const other = (range === a ? b : a) as EtWorksheet | null;
    const sheet = String(other && typeof other === 'object' && 'Name' in other ? other.Name : range.Worksheet.Name);
    let address: string;
    try {
      address = addressOf(range);
    } catch {
      return;
    }
    if (this.isOwnEcho(sheet, address) || this.ignoredSheets.includes(sheet)) return;
    for (const h of [...this.handlers]) {
      try {
        h(sheet);
      } catch {
        // A failing subscriber must not stop the others or surface inside WPS's event dispatch.
      }
    }
  };

  private isOwnEcho(sheet: string, address: string): boolean {
    const t = this.now();
    this.written = this.written.filter((w) => w.until >= t);
    if (this.depth > 0) return true;
    const p = parseAddress(address);
    if (!p) return false;
    return this.written.some(
      (w) =>
        w.sheet === sheet &&
        w.block.top <= p.row &&
        w.block.left <= p.col &&
        w.block.bottom >= (p.bottom ?? p.row) &&
        w.block.right >= (p.right ?? p.col),
    );
  }

  private attach(): void {
    if (this.attached) return;
    this.app.ApiEvent.AddApiEventListener('SheetChange', this.listener);
    this.attached = true;
  }

  private detach(): void {
    if (!this.attached) return;
    this.app.ApiEvent.RemoveApiEventListener('SheetChange', this.listener);
    this.attached = false;
  }
}
