/**
 * Change events from Excel, the user's own edits only. One handler
 * (worksheets.onChanged) per runtime fans out to subscribers.
 *
 * - Co-authors' edits (Excel on the web, co-authoring) arrive with
 *   `source: "Remote"`: they are dropped, or every co-author's add-in would
 *   re-check and rewrite the same flags and fight the others.
 * - The add-in's own writes are recognised, never hidden by switching events
 *   off (that has been reported to drop a user's fast typing): by
 *   triggerSource "ThisLocalAddin" (ExcelApi 1.14), else by a guard that
 *   expects one echo per block we wrote, for a few seconds.
 * - The sheet is named by its id (the change's handle, SheetKey) and by its
 *   name, looked up for each event: a rename raises no onChanged, so a cached
 *   name would go stale.
 */
import { parseAddress } from '../../sheet/ref';
import type { CellChange, SheetKey } from '../types';
import type { ExcelEnv } from './env';

interface Echo {
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  expires: number;
}

const ECHO_MS = 5000;

/** Parts of WorksheetChangedEventArgs we read (triggerSource from 1.14). */
interface ChangeArgs {
  worksheetId: string;
  address: string;
  source?: string;
  triggerSource?: string;
}

export class ChangeFeed {
  private readonly subscribers = new Set<(c: CellChange) => void>();
  private registered: Promise<void> | null = null;
  private echoes: Echo[] = [];
  /** Worksheet id → the name last seen, filled by every read that learns one (learn()). */
  readonly sheetNames = new Map<string, string>();

  constructor(
    private readonly env: ExcelEnv,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Records that the sheet with this id is called `name` now. Names are unique in a workbook: an id last seen with
   * that name (a sheet renamed since, or deleted) is forgotten, so a name never leads to two ids.
   */
  learn(id: string, name: string): void {
    for (const [other, known] of this.sheetNames) if (known === name && other !== id) this.sheetNames.delete(other);
    this.sheetNames.set(id, name);
  }

  subscribe(handler: (c: CellChange) => void): () => void {
    this.subscribers.add(handler);
    this.registered ??= this.register().catch((e: unknown) => {
      this.registered = null;
      console.warn('jixiao: could not listen to changes', e);
    });
    return () => this.subscribers.delete(handler);
  }

  /** Resolves once the event handler is registered (tests, and the pane's first check). */
  ready(): Promise<void> {
    return this.registered ?? Promise.resolve();
  }

  /** The add-in is about to write this block: its echo is not a user's change. */
  expectEcho(sheet: string, address: string): void {
    if (this.env.features.triggerSource) return;
    const p = parseAddress(address);
    if (!p) return;
    this.echoes.push({
      sheet,
      top: p.row,
      left: p.col,
      bottom: p.bottom ?? p.row,
      right: p.right ?? p.col,
      expires: this.now() + ECHO_MS,
    });
  }

  private async register(): Promise<void> {
    await this.env.run(async (context) => {
      context.workbook.worksheets.onChanged.add((args) => this.onEvent(args));
      await context.sync();
    });
  }

  private async onEvent(args: ChangeArgs): Promise<void> {
    if (args.source === 'Remote') return;
    if (args.triggerSource === 'ThisLocalAddin' || this.subscribers.size === 0) return;
    const sheet = await this.nameOf(args.worksheetId);
    if (sheet === null) return;
    const address = args.address.includes('!') ? args.address.slice(args.address.lastIndexOf('!') + 1) : args.address;
    if (this.isEcho(sheet, address)) return;
    const change: CellChange = { sheet, key: args.worksheetId as SheetKey };
    for (const s of [...this.subscribers]) s(change);
  }

  private isEcho(sheet: string, address: string): boolean {
    const now = this.now();
    this.echoes = this.echoes.filter((e) => e.expires > now);
    const p = parseAddress(address);
    if (!p) return false;
    const bottom = p.bottom ?? p.row;
    const right = p.right ?? p.col;
    const i = this.echoes.findIndex(
      (e) => e.sheet === sheet && p.row >= e.top && bottom <= e.bottom && p.col >= e.left && right <= e.right,
    );
    if (i < 0) return false;
    this.echoes.splice(i, 1);
    return true;
  }

  /** The sheet's current name (one read), null when it is gone. */
  private async nameOf(id: string): Promise<string | null> {
    try {
      return await this.env.run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(id);
        ws.load('name');
        await context.sync();
        if (ws.isNullObject) return null;
        this.learn(id, ws.name);
        return ws.name;
      });
    } catch {
      return null;
    }
  }
}
