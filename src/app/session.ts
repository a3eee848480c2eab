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
 *
 * The session knows a sheet by its handle (SheetKey, given by the host), never
 * by its name: what it checked, flagged or is waiting to check follows a sheet
 * the user renames, and two sheets that swap names are not confused. Names are
 * what it shows and what it asks the host for; a check that follows a sheet
 * asks the host for the sheet's name now when the name it knew is gone or
 * belongs to another sheet.
 *
 * Where every write of the add-in empties Excel's undo stack (Excel below
 * ExcelApi 1.20, `writesClearUndo`), checks the session starts by itself (live
 * checks, the pane opening) show their results in the pane only; flags are
 * written when the user asks (校验本表 on the ribbon or in the pane, 标出问题) or right after a
 * fix the user asked for (that write emptied the stack already).
 */
import { check, resolveBudgetYear } from '../check';
import type { CellChange, Host, SheetKey, UnplacedFlags } from '../host/types';
import { AccessDeniedError, canAutoOpen, writesClearUndo } from '../host/types';
import { readExplanations, writeExplanation } from '../report/explanations';
import { EXPLANATION_SHEET, FLAG_STATE_SHEET, RESULT_SHEET, WPS_STATE_SHEET } from '../report/sheets';
import { readDeclaration } from '../read';
import type { CheckOptions, Explanation, Finding, Report } from '../report/types';
import { rollSheet } from './next-year';
import type { PreviousFile } from './previous-file';
import { candidateOf, choosePrevious, type PreviousCandidate } from '../next/previous';
import type { DeclarationForm } from '../form/types';
import { cellRef, refText, type CellRange } from '../sheet/cell-range';
import { buildTemplate, type TemplateParams } from '../template';
import type { Grid } from '../sheet/grid';

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
  /**
   * The cells do not show the findings in the pane (a check the session started by itself on a
   * host whose writes empty the undo stack did not write flags): 标出问题 writes them.
   */
  flagsPending: boolean;
  /**
   * The pane says once that marking empties Excel's undo history (hosts where it does); false
   * after the user dismissed it, and on hosts where marking is undoable.
   */
  undoWarning: boolean;
  view: View;
  /** A short confirmation of the last action ("已修正 …"), or null. */
  notice: string | null;
  /** What kind of news the notice is (the pane's MessageBar intent): a finished action is 'success'. */
  noticeIntent: NoticeIntent;
  /**
   * The sheet refused the add-in's writes (a protected sheet: Excel's AccessDenied): 修正 is off
   * for this sheet until a write to it succeeds again. The sheet's name, or null.
   */
  writeDenied: string | null;
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
  /**
   * Last year's form the last check compared with (docs/spec/previous-year.md): another sheet of the
   * workbook of the same department and the year before, found without being asked; null when none.
   */
  compared: ComparedWith | null;
  /** Why the last check compared with nothing although last year's form may be there (Chinese), or null. */
  comparedNote: string | null;
  /**
   * Last year's workbook the officer picked from disk (read in the pane, nothing uploaded): every check of the
   * session compares with its form until it is cleared. null when none is picked.
   */
  previousFile: { name: string; year: number | null } | null;
  /** Why the picked file cannot serve as last year's form (one Chinese sentence naming it), or null. */
  previousFileError: string | null;
}

/** Last year's form a check compared with: a sheet of this workbook or a picked file, by name, and its budget year. */
export interface ComparedWith {
  /** Another sheet of this workbook (found without being asked), or the workbook the officer picked. */
  kind: 'sheet' | 'file';
  name: string;
  year: number | null;
}

export type NoticeIntent = 'success' | 'info' | 'warning' | 'error';

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
  /** Last year's form the check compared with (see SessionState.compared); absent or null when none. */
  compared?: ComparedWith | null;
}

/** setTimeout/clearTimeout, replaceable in tests. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Who asked for a check: the user (flags are written), or the session itself (live, start-up). */
export interface ValidateOptions {
  /**
   * A check the session starts by itself (typing, the pane opening). Where the host's writes empty
   * the undo stack it writes no flags; elsewhere it is like any other check.
   */
  auto?: boolean;
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
    flagsPending: false,
    undoWarning: false,
    view: 'check',
    notice: null,
    noticeIntent: 'success',
    writeDenied: null,
    unflagged: null,
    autoOpen: null,
    compared: null,
    comparedNote: null,
    previousFile: null,
    previousFileError: null,
  };
  private readonly listeners = new Set<(s: SessionState) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Each sheet's name as last seen, by handle. */
  private readonly names = new Map<SheetKey, string>();
  /** The sheet the state is about, by handle (state.sheet is its name). */
  private currentKey: SheetKey | null = null;
  private readonly forms = new Set<SheetKey>();
  private readonly flagged = new Set<SheetKey>();
  /** What the flags on each sheet show (a print of its unexplained findings when they were written). */
  private readonly marked = new Map<SheetKey, string>();
  private explanations: Explanation[] | null = null;
  /**
   * What the other sheets hold, for pairing with last year's form: read once, then again when the
   * sheet changes (or the user asks for a check). null: the sheet is not a form.
   */
  private readonly sheetForms = new Map<SheetKey, SheetForm | null>();
  /** Last year's workbook the officer picked, read. */
  private picked: PreviousFile | null = null;
  private readonly pending = new Set<SheetKey>();
  private timer: unknown = null;
  private readonly stopListening: () => void;
  private readonly debounceMs: number;
  private readonly timers: Timers;
  /** A check queued and not started yet: asking again for the same sheet joins it. */
  private waiting: {
    sheet: string | undefined;
    key: SheetKey | undefined;
    auto: boolean;
    run: Promise<ValidateResult>;
  } | null = null;

  constructor(
    readonly host: Host,
    private readonly options: SessionOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 400;
    this.timers = options.timers ?? realTimers;
    this.stopListening = host.onChange((c) => this.onChange(c));
    this.current.undoWarning = writesClearUndo(host);
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
  validate(sheet?: string, options: ValidateOptions = {}): Promise<ValidateResult> {
    return this.queueCheck(sheet, options.auto === true);
  }

  /** Queues a check of `sheet` (by name), or of the sheet with handle `key` (a live check: it follows a rename). */
  private queueCheck(sheet: string | undefined, auto: boolean, key?: SheetKey): Promise<ValidateResult> {
    const w = this.waiting;
    if (w && (key !== undefined ? w.key === key : w.sheet === sheet)) {
      // The user asking joins a check the session queued by itself, and makes it the user's.
      if (!auto) w.auto = false;
      return w.run;
    }
    const entry = { sheet, key, auto, run: Promise.resolve(null as unknown as ValidateResult) };
    entry.run = this.enqueue(() => {
      if (this.waiting === entry) this.waiting = null;
      return this.doValidate(sheet, entry.auto ? 'auto' : 'asked', key);
    });
    this.waiting = entry;
    return entry.run;
  }

  /** 标出问题: checks the sheet of the findings in the pane again and writes its flags. */
  markFindings(): Promise<ValidateResult> {
    return this.validate(this.current.sheet ?? undefined);
  }

  /** The user has read that marking empties Excel's undo history. */
  dismissUndoWarning(): void {
    this.update({ undoWarning: false });
  }

  /** Whether a check of this kind may write flags to `sheet`. */
  private mayMark(sheet: SheetKey, why: CheckReason): boolean {
    if (!writesClearUndo(this.host)) return true;
    if (why === 'asked') return true;
    // Right after a fix or an explanation the undo stack is empty already: flags on the sheet are kept true.
    if (why === 'after-write') return this.flagged.has(sheet);
    return false;
  }

  private async doValidate(
    sheet: string | undefined,
    why: CheckReason = 'asked',
    follow?: SheetKey,
  ): Promise<ValidateResult> {
    let name = (follow !== undefined ? this.names.get(follow) : sheet) ?? sheet ?? this.current.sheet ?? '';
    try {
      if (follow === undefined) name = sheet ?? (await this.host.activeSheet());
      this.update({ phase: 'checking', sheet: name, error: null });
      const got = await this.readFollowing(name, follow);
      const key = got.key;
      name = got.grid.sheet;
      this.currentKey = key;
      if (this.current.sheet !== name) this.update({ sheet: name });
      const read = readDeclaration(got.grid);
      // The user asked: every other sheet is read afresh. What this sheet holds now serves when another sheet looks
      // for last year's form (a fix changes it without a change event).
      if (why === 'asked') this.sheetForms.clear();
      this.sheetForms.set(key, read.form ? sheetForm(name, read.declaration) : null);
      if (!read.form) {
        this.forms.delete(key);
        if (this.flagged.has(key) && this.mayMark(key, why)) {
          await this.host.clearFindings(name);
          this.flagged.delete(key);
          this.marked.delete(key);
        }
        this.update({
          phase: 'not-form',
          report: null,
          reason: read.reason,
          flagsShown: this.flagged.has(key),
          flagsPending: this.flagged.has(key),
          unflagged: null,
          compared: null,
          comparedNote: null,
        });
        return { sheet: name, form: false, report: null, reason: read.reason, error: null, unflagged: null };
      }
      this.explanations ??= await readExplanations(this.host);
      const options = { today: today(), ...this.options.checkOptions };
      const last = this.picked
        ? {
            form: this.picked.form,
            compared: { kind: 'file' as const, name: this.picked.name, year: this.picked.year },
            note: null,
          }
        : await this.lastYearsSheet(key, read.declaration, resolveBudgetYear(read.declaration, options).budgetYear);
      const report = check(read.declaration, {
        ...options,
        explanations: this.explanations,
        ...(last.form ? { previous: last.form } : {}),
      });
      this.forms.add(key);
      // The findings reach the pane even when the sheet refuses the flags (protection, a limit).
      let unflagged: string | null = null;
      const print = flagPrint(report.findings);
      if (this.mayMark(key, why)) {
        try {
          unflagged = unplacedWarning(await this.host.showFindings(name, report.findings));
          this.flagged.add(key);
          this.marked.set(key, print);
          if (this.current.writeDenied === name) this.update({ writeDenied: null });
        } catch (e) {
          unflagged = `单元格上没有标出问题：${message(e)}。`;
          this.marked.delete(key);
          if (isAccessDenied(e)) this.update({ writeDenied: name });
        }
      } else if (this.current.sheet === name) {
        // Why the cells could not be marked (a protected sheet) still holds.
        unflagged = this.current.unflagged;
      }
      const shown = this.flagged.has(key);
      const pending =
        !this.mayMark(key, why) && unflagged === null && (this.marked.get(key) ?? flagPrint([])) !== print;
      this.update({
        phase: 'ready',
        report,
        reason: null,
        flagsShown: shown,
        flagsPending: pending,
        unflagged,
        compared: last.compared,
        comparedNote: last.note,
      });
      return { sheet: name, form: true, report, reason: null, error: null, unflagged, compared: last.compared };
    } catch (e) {
      const error = `校验失败：${message(e)}`;
      this.update({ phase: 'failed', sheet: name || null, error });
      return { sheet: name, form: false, report: null, reason: null, error, unflagged: null };
    }
  }

  /**
   * Reads the sheet called `name` and learns its handle. A check that follows the sheet with handle `follow` (a live
   * check) reads that sheet: when `name` is gone, or now belongs to another sheet, the host is asked what the sheet
   * is called now (the user renamed it while the check was waiting, or two sheets swapped names).
   */
  private async readFollowing(name: string, follow?: SheetKey): Promise<{ grid: Grid; key: SheetKey }> {
    let failure: unknown = null;
    try {
      const grid = await this.host.readGrid(name);
      const key = await this.host.sheetKey(grid.sheet);
      if (key !== null && (follow === undefined || key === follow)) return this.learnt(grid, key);
      if (follow === undefined) throw new Error(`找不到工作表“${name}”`);
    } catch (e) {
      if (follow === undefined) throw e;
      failure = e;
    }
    const now = (await this.host.sheetKeys()).find((s) => s.key === follow)?.sheet;
    if (now === undefined || now === name) throw failure ?? new Error(`找不到工作表“${name}”（可能已被删除）`);
    this.update({ sheet: now });
    const grid = await this.host.readGrid(now);
    return this.learnt(grid, follow);
  }

  private learnt(grid: Grid, key: SheetKey): { grid: Grid; key: SheetKey } {
    this.learnName(key, grid.sheet);
    return { grid, key };
  }

  /**
   * Last year's form of `form` (sheet `name`, budget year `year`) among the workbook's other sheets:
   * the same department and the year before (src/next/previous.ts, as the command line pairs a folder;
   * a sheet of another department, of the same year or of a later one is never used).
   */
  private async lastYearsSheet(
    self: SheetKey,
    form: DeclarationForm,
    year: number | null,
  ): Promise<{ form: DeclarationForm | null; compared: ComparedWith | null; note: string | null }> {
    const candidates: SheetForm[] = [];
    for (const { sheet, key } of await this.host.sheetKeys()) {
      this.learnName(key, sheet);
      if (key === self || OWN_SHEETS.has(sheet)) continue;
      let known = this.sheetForms.get(key);
      if (known === undefined) {
        const read = readDeclaration(await this.host.readGrid(sheet));
        known = read.form ? sheetForm(sheet, read.declaration) : null;
        this.sheetForms.set(key, known);
      }
      // Known by its handle: a sheet renamed since it was read is named as it is called now.
      if (known) candidates.push(known.sheet === sheet ? known : { ...known, sheet });
    }
    const choice = choosePrevious(candidates, form, year, { requireYear: true });
    if (choice.chosen) {
      const c = choice.chosen;
      return { form: c.form, compared: { kind: 'sheet', name: c.sheet, year: c.budgetYear }, note: null };
    }
    if (choice.why !== 'ambiguous') return { form: null, compared: null, note: null };
    const listed = choice.among.slice(0, 5).map((c) => `“${c.sheet}”`);
    const more = choice.among.length > 5 ? ' 等' : '';
    const department = choice.among[0]?.department ?? '';
    return {
      form: null,
      compared: null,
      note: `工作簿中有 ${choice.among.length} 张“${department}”${year! - 1} 年度的申报表（${listed.join('、')}${more}），无法确定与哪一张对比，本表未与上年对比`,
    };
  }

  /**
   * The officer picked last year's workbook from disk: it is read here, in the pane (`load` gives its bytes;
   * `size` is checked first), and every check compares with its form — as `jixiao check --previous FILE` does,
   * previous-pair says when it is another department's or year's — until clearPreviousFile. A file that cannot
   * serve says why in previousFileError, and the sheet is checked on its own. Then the sheet is checked again.
   */
  pickPreviousFile(name: string, size: number, load: () => Promise<Uint8Array>): Promise<void> {
    return this.enqueue(async () => {
      this.update({ busy: true, notice: null });
      // The package reader is loaded when a file is picked: a pane that never compares with one does without it.
      const { PreviousFileError, readPreviousFile } = await import('./previous-file');
      try {
        const file = await readPreviousFile(name, size, load);
        this.picked = file;
        this.update({ previousFile: { name: file.name, year: file.year }, previousFileError: null });
      } catch (e) {
        this.picked = null;
        const why = e instanceof PreviousFileError ? e.message : `无法使用上年申报表“${name}”：${message(e)}`;
        this.update({ previousFile: null, previousFileError: why });
      } finally {
        this.update({ busy: false });
      }
      await this.doValidate(this.current.sheet ?? undefined);
    });
  }

  /** Stops comparing with the picked workbook; the sheet is checked again (with last year's sheet, if any). */
  clearPreviousFile(): Promise<void> {
    return this.enqueue(async () => {
      this.picked = null;
      this.update({ previousFile: null, previousFileError: null });
      await this.doValidate(this.current.sheet ?? undefined);
    });
  }

  /** Writes a finding's fix (the expected value, or the formula back) and checks again. */
  fix(finding: Finding): Promise<void> {
    const fix = finding.fix;
    if (!fix) return Promise.resolve();
    return this.action(async () => {
      await this.host.write([
        fix.formula ? { cell: fix.cell, formula: fix.formula } : { cell: fix.cell, value: fix.value },
      ]);
      await this.doValidate(this.sheetOf(finding), 'after-write');
      return `已修正 ${refText(fix.cell)}${finding.expected ? `（${finding.expected}）` : ''}`;
    }, '修正失败');
  }

  /**
   * Writes one of a finding's choices (a value of its fixed set, picked by the filer) into its cell, by
   * the same write as a fix (text only: the cell's formatting stays), and checks again.
   */
  choose(finding: Finding, value: string): Promise<void> {
    const choices = finding.choices;
    if (!choices || !choices.values.includes(value)) return Promise.resolve();
    return this.action(async () => {
      await this.host.write([{ cell: choices.cell, value }]);
      await this.doValidate(this.sheetOf(finding), 'after-write');
      return `已将 ${refText(choices.cell)} 改为“${value}”`;
    }, '修改失败');
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
      await this.doValidate(this.sheetOf(finding), 'after-write');
      return text.trim() ? '说明已写入“校验说明”工作表' : '说明已删除';
    }, '写入说明失败');
  }

  /** Removes jixiao's flags from a sheet (the current one by default). */
  clear(sheet?: string): Promise<void> {
    return this.action(async () => {
      const name = sheet ?? this.current.sheet ?? (await this.host.activeSheet());
      const key = this.keyNamed(name);
      // A live check still waiting for the quiet period would put the flags straight back.
      if (key) this.pending.delete(key);
      const left = unplacedWarning(await this.host.clearFindings(name));
      if (key) {
        this.flagged.delete(key);
        this.marked.delete(key);
      }
      if (name === this.current.sheet) this.update({ flagsShown: false, flagsPending: false, unflagged: left });
      return left ? '已清除标记，原有格式已恢复；有些旧说明没能删除（见下）' : '已清除标记，原有格式已恢复';
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
      // The check makes it one of the forms the session follows.
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
      const key = this.keyNamed(name);
      // jixiao's flags would be copied along and then belong to nobody: they come off the source first.
      if (key) this.pending.delete(key);
      await this.host.clearFindings(name);
      let wasFlagged = false;
      if (key) {
        this.marked.delete(key);
        wasFlagged = this.flagged.delete(key);
      }
      let made: Awaited<ReturnType<typeof rollSheet>>;
      try {
        made = await rollSheet(this.host, name);
      } catch (e) {
        if (wasFlagged) await this.doValidate(name);
        throw e;
      }
      created = made.sheet;
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

  /** Shows a short message (the ribbon's 校验本表 tells its counts this way), as news of this kind. */
  notify(text: string, intent: NoticeIntent = 'info'): void {
    this.update({ notice: text, noticeIntent: intent });
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
        this.update({ busy: false, notice, noticeIntent: 'success' });
      } catch (e) {
        const patch: Partial<SessionState> = { busy: false, error: `${failure}：${message(e)}`, notice: null };
        if (isAccessDenied(e) && this.current.sheet) patch.writeDenied = this.current.sheet;
        this.update(patch);
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
    const { key, sheet } = change;
    // What another sheet holds is read again after any edit, even one this page does not check live for.
    this.sheetForms.delete(key);
    // The change names the sheet as it is called now: what the session knows of it stays with its handle.
    this.learnName(key, sheet);
    if (!this.followsEdits()) return;
    if (this.currentKey === key && this.current.sheet !== sheet) this.update({ sheet });
    if (sheet === EXPLANATION_SHEET) {
      this.explanations = null;
      if (this.currentKey !== null && this.forms.has(this.currentKey)) this.schedule(this.currentKey);
      return;
    }
    if (this.forms.has(key)) this.schedule(key);
  }

  /** Records a sheet's name now; a name belongs to one sheet at a time (one that had it was renamed since). */
  private learnName(key: SheetKey, sheet: string): void {
    for (const [other, name] of this.names) if (name === sheet && other !== key) this.names.delete(other);
    this.names.set(key, sheet);
  }

  /** The handle of the sheet the session last knew by this name, if any. */
  private keyNamed(sheet: string): SheetKey | undefined {
    if (this.currentKey !== null && this.current.sheet === sheet) return this.currentKey;
    for (const [key, name] of this.names) if (name === sheet) return key;
    return undefined;
  }

  /** Debounce: each edit restarts the quiet period; the check runs once for the whole burst. */
  private schedule(key: SheetKey): void {
    if (!this.current.liveCheck) return;
    this.pending.add(key);
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      const keys = [...this.pending];
      this.pending.clear();
      for (const k of keys) void this.queueCheck(this.names.get(k), true, k);
    }, this.debounceMs);
  }
}

/** A form on another sheet, with what pairing needs to know of it. */
interface SheetForm extends PreviousCandidate {
  sheet: string;
  form: DeclarationForm;
}

function sheetForm(sheet: string, form: DeclarationForm): SheetForm {
  return { sheet, form, ...candidateOf(form) };
}

/** jixiao's own sheets: never a form, not read when looking for last year's. */
const OWN_SHEETS = new Set([EXPLANATION_SHEET, RESULT_SHEET, FLAG_STATE_SHEET, WPS_STATE_SHEET]);

/** Excel's AccessDenied (a protected sheet), as the host passes it on. */
function isAccessDenied(e: unknown): boolean {
  return e instanceof AccessDeniedError;
}

/** Why a check runs: the user asked, the session started it, or it follows a write the user asked for. */
type CheckReason = 'asked' | 'auto' | 'after-write';

/** What the flags of these findings look like: equal prints, equal flags. */
function flagPrint(findings: Finding[]): string {
  return JSON.stringify(
    findings.filter((f) => !f.explained).map((f) => [f.rule, f.severity, f.message, f.cells.map(refText)]),
  );
}

/** The pane's words for flags a host could not place, or null when every flag is on its cell. */
function unplacedWarning(unplaced: UnplacedFlags | void): string | null {
  if (!unplaced) return null;
  const n = unplaced.cells.length;
  const list = unplaced.cells.slice(0, 5).join('、') + (n > 5 ? ' 等' : '');
  const text = (n > 0 ? `有 ${n} 个单元格没能标上标记（${list}）：${unplaced.reason}。` : '') + (unplaced.notice ?? '');
  return text === '' ? null : text;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
