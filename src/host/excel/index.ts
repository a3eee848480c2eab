/**
 * The Excel host: the Host interface over Office.js. Round trips per call —
 * readGrid 1; showFindings 1 right after a read of the same sheet when the
 * sheet has none of the user's own notes or comments (else a lookup first: +1
 * for notes and prompts, +2 for comments); clearFindings 1 with colours only,
 * 2 when our notes or prompts are looked at first, 3 for comments; createSheet 2
 * whatever the form's size; write, select, sheetNames, activeSheet,
 * readExplanations 1; writeExplanation 2.
 */
import { flagsForSheet } from '../flags';
import type { Explanation, Finding } from '../../rules/types';
import type { SheetPlan } from '../../template/plan';
import { parseAddress, a1 } from '../../read/grid';
import type { Grid } from '../../read/grid';
import { EXPLANATION_SHEET, type CellChange, type CellWrite, type Host } from '../types';
import { errorText, officeEnv, type ExcelEnv } from './env';
import { ChangeFeed } from './events';
import { readExplanationSheet, writeExplanationSheet } from './explanations';
import { MarkStore } from './marks';
import { applyFlags } from './marking';
import { readSheet, type AnnotationHint } from './read';
import { createFromPlan } from './template';

export { makeEnv, officeEnv, type ExcelEnv, type ExcelLike, type OfficeLike, type Features } from './env';

export class ExcelHost implements Host {
  readonly kind = 'excel' as const;
  private readonly marks: MarkStore;
  private readonly feed: ChangeFeed;
  /** What the last read of each sheet learnt about the user's notes/comments; used once. */
  private readonly hints = new Map<string, AnnotationHint>();

  constructor(
    private readonly env: ExcelEnv = officeEnv(),
    now?: () => number,
  ) {
    this.marks = new MarkStore(env.settings);
    this.feed = new ChangeFeed(env, now);
  }

  get features() {
    return this.env.features;
  }

  async sheetNames(): Promise<string[]> {
    return this.guard('读取工作表列表', () =>
      this.env.run(async (context) => {
        const sheets = context.workbook.worksheets.load('items/name,items/id');
        await context.sync();
        for (const s of sheets.items) this.feed.sheetNames.set(s.id, s.name);
        return sheets.items.map((s) => s.name);
      }),
    );
  }

  async activeSheet(): Promise<string> {
    return this.guard('读取当前工作表', () =>
      this.env.run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet().load('name,id');
        await context.sync();
        this.feed.sheetNames.set(ws.id, ws.name);
        return ws.name;
      }),
    );
  }

  async readGrid(sheet: string): Promise<Grid> {
    const read = await this.guard(`读取工作表“${sheet}”`, () => readSheet(this.env, sheet));
    this.feed.sheetNames.set(read.sheetId, sheet);
    this.hints.set(sheet, read.hint);
    return read.grid;
  }

  async createSheet(plan: SheetPlan): Promise<string> {
    const created = await this.guard('生成申报表', () =>
      createFromPlan(this.env, plan, (made) => this.feed.expectEcho(made.name, made.block)),
    );
    await this.feed.watchSheet(created.name);
    return created.name;
  }

  async showFindings(sheet: string, findings: Finding[]): Promise<void> {
    const hint = this.hints.get(sheet) ?? null;
    this.hints.delete(sheet);
    await this.guard(`在“${sheet}”上标记问题`, () =>
      applyFlags(this.env, this.marks, { sheet, flags: flagsForSheet(sheet, findings), hint }),
    );
  }

  async clearFindings(sheet: string): Promise<void> {
    this.hints.delete(sheet);
    await this.guard(`清除“${sheet}”上的标记`, () =>
      applyFlags(this.env, this.marks, { sheet, flags: [], hint: null }),
    );
  }

  async write(writes: CellWrite[]): Promise<void> {
    const parsed = writes.map((w) => {
      const p = parseAddress(w.cell);
      if (!p || p.sheet === null) throw new Error(`无法识别的单元格地址“${w.cell}”（应为“工作表!单元格”）`);
      return { w, sheet: p.sheet, address: a1(p.row, p.col) };
    });
    for (const { sheet, address } of parsed) this.feed.expectEcho(sheet, address);
    await this.guard('写入修正值', () =>
      this.env.run(async (context) => {
        for (const { w, sheet, address } of parsed) {
          const range = context.workbook.worksheets.getItem(sheet).getRange(address);
          if (w.formula) range.formulas = [[w.formula]];
          else range.values = [[w.value ?? '']];
        }
        await context.sync();
      }),
    );
  }

  async select(cell: string): Promise<void> {
    const p = parseAddress(cell);
    if (!p || p.sheet === null) throw new Error(`无法识别的单元格地址“${cell}”（应为“工作表!单元格”）`);
    const sheet = p.sheet;
    await this.guard(`选中 ${cell}`, () =>
      this.env.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        const bottom = p.bottom ?? p.row;
        const right = p.right ?? p.col;
        ws.getRangeByIndexes(p.row, p.col, bottom - p.row + 1, right - p.col + 1).select();
        await context.sync();
      }),
    );
  }

  async readExplanations(): Promise<Explanation[]> {
    return this.guard('读取校验说明', () => readExplanationSheet(this.env));
  }

  async writeExplanation(explanation: Explanation): Promise<void> {
    await this.guard('写入校验说明', () =>
      writeExplanationSheet(this.env, explanation, (block) => this.feed.expectEcho(EXPLANATION_SHEET, block)),
    );
  }

  onChange(handler: (change: CellChange) => void): () => void {
    return this.feed.subscribe(handler);
  }

  /** Resolves when change events are being listened to. */
  listening(): Promise<void> {
    return this.feed.ready();
  }

  /** Office's English errors get a Chinese sentence saying what was being done. */
  private async guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw new Error(`${what}失败：${errorText(e)}`);
    }
  }
}
