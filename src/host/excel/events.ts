/**
 * Change events from Excel, without the add-in's own writes. One handler is
 * registered per runtime (worksheets.onChanged with ExcelApi 1.9, else each
 * sheet's onChanged, 1.7) and fans out to subscribers. Events are never
 * switched off around our writes (that has been reported to drop a user's
 * fast typing): our own writes are recognised instead — by
 * triggerSource "ThisLocalAddin" (1.14), else by a guard that expects one
 * echo per block we wrote, for a few seconds.
 */
import { parseAddress } from '../../read/grid';
import type { CellChange } from '../types';
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
  triggerSource?: string;
}

export class ChangeFeed {
  private readonly subscribers = new Set<(c: CellChange) => void>();
  private registered: Promise<void> | null = null;
  private readonly watchedSheets = new Set<string>();
  private echoes: Echo[] = [];
  /** Worksheet id → name, filled by every read that learns one. */
  readonly sheetNames = new Map<string, string>();

  constructor(
    private readonly env: ExcelEnv,
    private readonly now: () => number = () => Date.now(),
  ) {}

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

  /** Per-sheet registration (ExcelApi 1.7–1.8): a sheet jixiao created must be watched too. */
  async watchSheet(name: string): Promise<void> {
    if (this.env.features.v19 || !this.registered || this.watchedSheets.has(name)) return;
    await this.env.run(async (context) => {
      context.workbook.worksheets.getItem(name).onChanged.add((args) => this.onEvent(args));
      await context.sync();
    });
    this.watchedSheets.add(name);
  }

  private async register(): Promise<void> {
    await this.env.run(async (context) => {
      if (this.env.features.v19) {
        context.workbook.worksheets.onChanged.add((args) => this.onEvent(args));
      } else {
        const sheets = context.workbook.worksheets.load('items/name');
        await context.sync();
        for (const ws of sheets.items) {
          ws.onChanged.add((args) => this.onEvent(args));
          this.watchedSheets.add(ws.name);
        }
      }
      await context.sync();
    });
  }

  private async onEvent(args: ChangeArgs): Promise<void> {
    if (args.triggerSource === 'ThisLocalAddin' || this.subscribers.size === 0) return;
    const sheet = await this.nameOf(args.worksheetId);
    if (sheet === null) return;
    const address = args.address.includes('!') ? args.address.slice(args.address.lastIndexOf('!') + 1) : args.address;
    if (this.isEcho(sheet, address)) return;
    for (const s of [...this.subscribers]) s({ sheet, address });
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

  private async nameOf(id: string): Promise<string | null> {
    const known = this.sheetNames.get(id);
    if (known !== undefined) return known;
    try {
      return await this.env.run(async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(id);
        ws.load('name');
        await context.sync();
        if (ws.isNullObject) return null;
        this.sheetNames.set(id, ws.name);
        return ws.name;
      });
    } catch {
      return null;
    }
  }
}
