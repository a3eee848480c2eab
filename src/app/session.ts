/**
 * The add-in's working session over any Host (Excel, WPS, memory): check a
 * sheet and flag it, fix, explain, clear, generate the template, and check
 * again while the user types. Host-neutral: the Excel pane, the Excel ribbon
 * and the WPS shell all drive this one object, and the UI only renders its
 * state.
 *
 * Every call that touches the workbook runs on one queue, so two checks never
 * overlap and a fix never interleaves with a live check. Live checks are
 * debounced (a burst of edits — typing, a paste, a fill-down — gives one
 * check after the last edit) and only follow sheets known to be declaration
 * forms, plus the 校验说明 sheet.
 */
import { check } from '../check';
import type { CellChange, Host, UnplacedFlags } from '../host/types';
import { canAutoOpen } from '../host/types';
import { readExplanations, writeExplanation } from '../report/explanations';
import { EXPLANATION_SHEET } from '../report/sheets';
import { readDeclaration } from '../read';
import type { CheckOptions, Explanation, Finding, Report } from '../report/types';
import { rollSheet } from './next-year';
import { cellRef, refText, type CellRange } from '../sheet/cell-range';
import { buildTemplate, type TemplateParams } from '../template';

export type Phase = 'idle' | 'checking' | 'ready' | 'not-form' | 'failed';
export type View = 'check' | 'template';

export interface SessionState {
  phase: Phase;
  /** The sheet the state is about. */
  sheet: string | null;
  report: Report | null;
  /** Why the sheet is not a declaration form (phase not-form). */
  reason: string | null;
  /** Chinese message of the last failure. */
  error: string | null;
  /** Checking while the user types (on by default). */
  liveCheck: boolean;
  /** A fix, explanation, clear or generation is running. */
  busy: boolean;
  /** Whether jixiao's flags are on the sheet. */
  flagsShown: boolean;
  view: View;
  /** A short confirmation of the last action ("已修正 …"), or null. */
  notice: string | null;
  /**
   * Why findings of the last check are not marked on the sheet (a protected sheet, a limit of
   * the host, cells that refused a flag), in Chinese; null when all are. The findings are in
   * the report all the same.
   */
  unflagged: string | null;
  /** Whether the pane opens with this workbook (null: the host cannot do that). */
  autoOpen: boolean | null;
  /** What the last 生成下一年度 did: the new sheet, what moved, what is left to fill. */
  rolled?: RolledSheet | null;
}

export interface RolledSheet {
  sheet: string;
  from: string;
  year: number;
  moved: string[];
  toFill: string[];
}

export interface ValidateResult {
  sheet: string;
  form: boolean;
  report: Report | null;
  reason: string | null;
  error: string | null;
  /** Why the cells are not marked although the check worked (see SessionState.unflagged). */
  unflagged: string | null;
}

/** setTimeout/clearTimeout, replaceable in tests. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SessionOptions {
  /** Quiet time after the last edit before a live check (default 400 ms). */
  debounceMs?: number;
  checkOptions?: Omit<CheckOptions, 'explanations'>;
  timers?: Timers;
  /**
   * Whether this session follows the user's edits now, asked at each edit (default: always). The WPS
   * shell's one gate (src/shell/wps/live.ts): the add-in's two pages must not both redraw the flags.
   */
  checksLive?: () => boolean;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Session {
  private current: SessionState = {
    phase: 'idle',
    sheet: null,
    report: null,
    reason: null,
    error: null,
    liveCheck: true,
    busy: false,
    flagsShown: false,
    view: 'check',
    notice: null,
    unflagged: null,
    autoOpen: null,
  };
  private readonly listeners = new Set<(s: SessionState) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly forms = new Set<string>();
  private readonly flagged = new Set<string>();
  private explanations: Explanation[] | null = null;
  private readonly pending = new Set<string>();
  private timer: unknown = null;
  private readonly stopListening: () => void;
  private readonly debounceMs: number;
  private readonly timers: Timers;
  /** A check queued and not started yet: asking again for the same sheet joins it. */
  private waiting: { sheet: string | undefined; run: Promise<ValidateResult> } | null = null;

  constructor(
    readonly host: Host,
    private readonly options: SessionOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 400;
    this.timers = options.timers ?? realTimers;
    this.stopListening = host.onChange((c) => this.onChange(c));
    if (canAutoOpen(host)) {
      host.autoOpen().then(
        (on) => this.update({ autoOpen: on }),
        () => undefined,
      );
    }
  }

  get state(): SessionState {
    return this.current;
  }

  subscribe(listener: (s: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<SessionState>): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l(this.current);
  }

  /** Runs a task after every task queued before it. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks a sheet (the active one by default) and flags it. Never rejects: failures land in the
   * state. A request while the same check is still waiting its turn joins it (the pane opening, the
   * ribbon and start-up may all ask at once: one check).
   */
  validate(sheet?: string): Promise<ValidateResult> {
    if (this.waiting && this.waiting.sheet === sheet) return this.waiting.run;
    const entry: { sheet: string | undefined; run: Promise<ValidateResult> } = { sheet, run: Promise.resolve(null!) };
    entry.run = this.enqueue(() => {
      if (this.waiting === entry) this.waiting = null;
      return this.doValidate(sheet);
    });
    this.waiting = entry;
    return entry.run;
  }

  private async doValidate(sheet?: string): Promise<ValidateResult> {
    let name = sheet ?? this.current.sheet ?? '';
    try {
      name = sheet ?? (await this.host.activeSheet());
      this.update({ phase: 'checking', sheet: name, error: null });
      const read = readDeclaration(await this.host.readGrid(name));
      if (!read.form) {
        this.forms.delete(name);
        if (this.flagged.has(name)) {
          await this.host.clearFindings(name);
          this.flagged.delete(name);
        }
        this.update({ phase: 'not-form', report: null, reason: read.reason, flagsShown: false, unflagged: null });
        return { sheet: name, form: false, report: null, reason: read.reason, error: null, unflagged: null };
      }
      this.explanations ??= await readExplanations(this.host);
      const report = check(read.declaration, { ...this.options.checkOptions, explanations: this.explanations });
      this.forms.add(name);
      // The findings reach the pane even when the sheet refuses the flags (protection, a limit).
      let unflagged: string | null = null;
      try {
        unflagged = unplacedWarning(await this.host.showFindings(name, report.findings));
        this.flagged.add(name);
      } catch (e) {
        unflagged = `单元格上没有标出问题：${message(e)}。`;
      }
      this.update({ phase: 'ready', report, reason: null, flagsShown: this.flagged.has(name), unflagged });
      return { sheet: name, form: true, report, reason: null, error: null, unflagged };
    } catch (e) {
      const error = `校验失败：${message(e)}`;
      this.update({ phase: 'failed', sheet: name || null, error });
      return { sheet: name, form: false, report: null, reason: null, error, unflagged: null };
    }
  }

  /** Writes a finding's fix (the expected value, or the formula back) and checks again. */
  fix(finding: Finding): Promise<void> {
    const fix = finding.fix;
    if (!fix) return Promise.resolve();
    return this.action(async () => {
      await this.host.write([
        fix.formula ? { cell: fix.cell, formula: fix.formula } : { cell: fix.cell, value: fix.value },
      ]);
      await this.doValidate(this.sheetOf(finding));
      return `已修正 ${refText(fix.cell)}${finding.expected ? `（${finding.expected}）` : ''}`;
    }, '修正失败');
  }

  /** Stores the filer's explanation of a warning in 校验说明 and checks again (the warning becomes explained). */
  explain(finding: Finding, text: string): Promise<void> {
    const cell = finding.cells[0];
    if (!cell || finding.severity !== 'warning') return Promise.resolve();
    return this.action(async () => {
      await writeExplanation(this.host, {
        rule: finding.rule,
        cell: refText(cell),
        text: text.trim(),
        message: finding.message,
        date: today(),
      });
      this.explanations = null;
      await this.doValidate(this.sheetOf(finding));
      return text.trim() ? '说明已写入“校验说明”工作表' : '说明已删除';
    }, '写入说明失败');
  }

  /** Removes jixiao's flags from a sheet (the current one by default). */
  clear(sheet?: string): Promise<void> {
    return this.action(async () => {
      const name = sheet ?? this.current.sheet ?? (await this.host.activeSheet());
      // A live check still waiting for the quiet period would put the flags straight back.
      this.pending.delete(name);
      await this.host.clearFindings(name);
      this.flagged.delete(name);
      if (name === this.current.sheet) this.update({ flagsShown: false });
      return '已清除标记，原有格式已恢复';
    }, '清除标记失败');
  }

  /** Selects a finding's cell. */
  select(cell: CellRange): Promise<void> {
    return this.enqueue(async () => {
      try {
        await this.host.select(cell);
      } catch (e) {
        this.update({ notice: `无法选中 ${refText(cell)}：${message(e)}` });
      }
    });
  }

  /** Makes a new sheet from the template (never over a sheet with content), then checks it. Resolves to its name. */
  generate(params: TemplateParams): Promise<string | null> {
    let created: string | null = null;
    return this.action(async () => {
      created = await this.host.createSheet(buildTemplate(params));
      this.forms.add(created);
      await this.doValidate(created);
      this.update({ view: 'check' });
      return `已生成工作表“${created}”`;
    }, '生成申报表失败').then(() => created);
  }

  /**
   * 生成下一年度: adds a copy of the form sheet (the current one by default)
   * named after the new year, rolls it forward, selects the first cell to
   * fill and checks it. Resolves to the new sheet's name, null on failure.
   */
  rollForward(sheet?: string): Promise<string | null> {
    let created: string | null = null;
    return this.action(async () => {
      const name = sheet ?? this.current.sheet ?? (await this.host.activeSheet());
      // jixiao's flags would be copied along and then belong to nobody: they come off the source first.
      this.pending.delete(name);
      await this.host.clearFindings(name);
      const wasFlagged = this.flagged.delete(name);
      let made: Awaited<ReturnType<typeof rollSheet>>;
      try {
        made = await rollSheet(this.host, name);
      } catch (e) {
        if (wasFlagged) await this.doValidate(name);
        throw e;
      }
      created = made.sheet;
      this.forms.add(made.sheet);
      const first = made.roll.edits.find((e) => e.kind === 'empty');
      await this.host.select(cellRef({ sheet: made.sheet, row: first?.row ?? 0, col: first?.col ?? 0 }));
      await this.doValidate(made.sheet);
      const { roll } = made;
      this.update({
        view: 'check',
        rolled: { sheet: made.sheet, from: name, year: roll.toYear, moved: roll.moved, toFill: roll.toFill },
      });
      return `已生成 ${roll.toYear} 年度申报表“${made.sheet}”（由“${name}”复制）`;
    }, '生成下一年度失败').then(() => created);
  }

  dismissRolled(): void {
    this.update({ rolled: null });
  }

  /** Turns opening the pane with this workbook on or off (hosts that can). */
  async setAutoOpen(on: boolean): Promise<void> {
    const host = this.host;
    if (!canAutoOpen(host)) return;
    try {
      await host.setAutoOpen(on);
      this.update({ autoOpen: on, notice: on ? '以后打开这个工作簿时会自动打开助手' : '已关闭自动打开助手' });
    } catch (e) {
      this.update({ error: `设置自动打开失败：${message(e)}` });
    }
  }

  setLiveCheck(on: boolean): void {
    if (!on && this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
      this.pending.clear();
    }
    this.update({ liveCheck: on });
  }

  showView(view: View): void {
    this.update({ view, notice: null });
  }

  /** Shows a short message (the ribbon's 校验本表 tells its counts this way). */
  notify(text: string): void {
    this.update({ notice: text });
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  dispose(): void {
    this.stopListening();
    if (this.timer !== null) this.timers.clear(this.timer);
    this.listeners.clear();
  }

  private async action(run: () => Promise<string>, failure: string): Promise<void> {
    await this.enqueue(async () => {
      this.update({ busy: true, notice: null });
      try {
        const notice = await run();
        this.update({ busy: false, notice });
      } catch (e) {
        this.update({ busy: false, error: `${failure}：${message(e)}`, notice: null });
      }
    });
  }

  private sheetOf(finding: Finding): string | undefined {
    return finding.cells[0]?.sheet ?? this.current.sheet ?? undefined;
  }

  /** The shell's gate (SessionOptions.checksLive); a gate that throws is closed. */
  private followsEdits(): boolean {
    const gate = this.options.checksLive;
    if (!gate) return true;
    try {
      return gate();
    } catch {
      return false;
    }
  }

  private onChange(change: CellChange): void {
    if (!this.followsEdits()) return;
    const sheet = change.sheet;
    if (change.formerName !== undefined) this.renamed(change.formerName, sheet);
    if (sheet === EXPLANATION_SHEET) {
      this.explanations = null;
      if (this.current.sheet && this.forms.has(this.current.sheet)) this.schedule(this.current.sheet);
      return;
    }
    if (this.forms.has(sheet)) this.schedule(sheet);
  }

  /** The user renamed a sheet: what the session knows about it follows the sheet. */
  private renamed(from: string, to: string): void {
    for (const set of [this.forms, this.flagged, this.pending]) {
      if (set.delete(from)) set.add(to);
    }
    if (this.current.sheet === from) this.update({ sheet: to });
  }

  /** Debounce: each edit restarts the quiet period; the check runs once for the whole burst. */
  private schedule(sheet: string): void {
    if (!this.current.liveCheck) return;
    this.pending.add(sheet);
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      const sheets = [...this.pending];
      this.pending.clear();
      for (const s of sheets) void this.validate(s);
    }, this.debounceMs);
  }
}

/** The pane's words for flags a host could not place, or null when every flag is on its cell. */
function unplacedWarning(unplaced: UnplacedFlags | void): string | null {
  if (!unplaced || unplaced.cells.length === 0) return null;
  const n = unplaced.cells.length;
  const list = unplaced.cells.slice(0, 5).join('、') + (n > 5 ? ' 等' : '');
  return `有 ${n} 个单元格没能标上标记（${list}）：${unplaced.reason}。`;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
