/**
 * The host contract: one suite that every adapter (memory, xlsx, Excel over a
 * fake Office.js, WPS over a fake ET Application) must pass, so the hosts
 * cannot drift apart. Each adapter's test file calls runHostContract with a
 * harness: the host under test, a simulated user who edits the workbook the
 * way a person would, and an inspector that reads the workbook underneath.
 */
import type { CellValue, MergeArea } from '../../src/sheet/grid';
import type { Host } from '../../src/host/types';
import { readExplanations, writeExplanation } from '../../src/report/explanations';
import type { SheetPlan } from '../../src/template/plan';
import { rollSheet } from '../../src/app/next-year';
import { Session } from '../../src/app/session';
import { typedForm } from '../read/fixtures';
import { finding } from '../helpers/findings';
import { ref } from '../helpers/refs';
import type { Timers } from '../../src/app/session';

export interface HostHarness {
  host: Host;
  /** A person working in the workbook. Edits raise change events where the host has them. */
  user: {
    /** Adds a sheet whose values start at A1 (null = empty cell) and makes it active. */
    addSheet(name: string, rows: (string | number | null)[][]): Promise<void>;
    /** Types a value into a cell ("Sheet1!B2"). */
    setValue(cell: string, value: string | number | null): Promise<void>;
    /** Gives a cell the user's own fill ("#RRGGBB") or none. */
    setFill(cell: string, color: string | null): Promise<void>;
    /** Gives a cell the user's own note / comment, or removes it. */
    setNote(cell: string, text: string | null): Promise<void>;
    /** Merges a block ("Sheet1!A1:B2"). */
    merge(range: string): Promise<void>;
    /** Gives a cell a number format. */
    setNumberFormat(cell: string, format: string): Promise<void>;
    activate(sheet: string): Promise<void>;
    /** Renames a sheet's tab. No change event (Excel raises none for a rename). Absent where nobody renames. */
    rename?(from: string, to: string): Promise<void>;
  };
  /** Reads the workbook underneath the host, as the user would see it. */
  inspect: {
    value(cell: string): Promise<CellValue>;
    /** "=SUM(A1:A3)" or null. */
    formula(cell: string): Promise<string | null>;
    /** The cell's own fill, "#RRGGBB" upper-case, or null. A flag drawn by a conditional format is not the cell's fill. */
    fill(cell: string): Promise<string | null>;
    /** The user's note/comment as stored when jixiao's flag is not counted (null when none). */
    userNote(cell: string): Promise<string | null>;
    /** jixiao's flag on the cell: how it looks (error/warning) and the message text readable at the cell. */
    flag(cell: string): Promise<{ severity: 'error' | 'warning'; text: string } | null>;
    /** The selected cell, sheet-qualified, or null. */
    selected(): Promise<string | null>;
    merges(sheet: string): Promise<MergeArea[]>;
    /** Whether a name (sheet-scoped or workbook-scoped) exists and refers to the sheet. */
    hasName(sheet: string, name: string): Promise<boolean>;
    /** Values of the whole explanation sheet (校验说明), or null when there is none. */
    sheetValues(sheet: string): Promise<CellValue[][] | null>;
  };
  /** Whether the host reports user edits (a file on disk has no user typing). */
  events: boolean;
  /**
   * What a sheet's handle (SheetKey) goes with when the sheet is renamed: the sheet ('sheet': Excel's worksheet
   * id, the memory host), or its name ('name': WPS documents no sheet id; a file's handle is its name).
   */
  identity: 'sheet' | 'name';
  /** Waits until pending change events were delivered (debounce, event loop). */
  settle(): Promise<void>;
}

type Make = () => Promise<HostHarness>;

const smallPlan = (name: string): SheetPlan => ({
  sheetName: name,
  styles: { title: { bold: true, fontSize: 16, hAlign: 'center' }, amount: { numFmt: '0.00', border: true } },
  cells: [
    { row: 0, col: 0, value: '标题', style: 'title' },
    { row: 2, col: 1, value: 1.5, style: 'amount' },
    { row: 3, col: 1, value: 2.25, style: 'amount' },
    { row: 4, col: 1, formula: '=SUM(B3:B4)', style: 'amount' },
  ],
  merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
  columnWidths: [10, 12, 12, 12],
  rowHeights: { 0: 30 },
  validations: [
    { range: { top: 6, left: 0, bottom: 8, right: 0 }, list: ['甲', '乙'], strict: true, prompt: '请选择' },
  ],
  names: [{ name: 'jx_total', range: { top: 4, left: 1, bottom: 4, right: 1 } }],
  print: {
    paperSize: 'A4',
    orientation: 'portrait',
    fitToWidth: true,
    titleRows: { first: 0, last: 0 },
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    centerHorizontally: true,
  },
  freeze: { rows: 1, cols: 0 },
  defaultFont: { name: '宋体', size: 11 },
});

export function runHostContract(name: string, make: Make): void {
  describe(`host contract: ${name}`, () => {
    let h: HostHarness;
    beforeEach(async () => {
      h = await make();
    });

    test('lists sheets in order and tells the active one', async () => {
      await h.user.addSheet('甲表', [['a']]);
      await h.user.addSheet('乙表', [['b']]);
      await h.user.activate('甲表');
      const names = await h.host.sheetNames();
      expect(names.indexOf('甲表')).toBeGreaterThanOrEqual(0);
      expect(names.indexOf('甲表')).toBeLessThan(names.indexOf('乙表'));
      expect(await h.host.activeSheet()).toBe('甲表');
    });

    test('reads a sheet as one grid: values at their absolute positions, formats and merges', async () => {
      await h.user.addSheet('数据', [
        [null, null, null],
        [null, null, null],
        [null, null, '收入构成', '财政拨款', 374.13],
        [null, null, null, '合计', '1,234.56'],
      ]);
      await h.user.merge('数据!C3:C4');
      await h.user.setNumberFormat('数据!E3', '0.00');
      const g = await h.host.readGrid('数据');
      expect(g.sheet).toBe('数据');
      const at = (r: number, c: number) => g.values[r - g.top]?.[c - g.left] ?? null;
      expect(at(2, 2)).toBe('收入构成');
      expect(at(2, 4)).toBe(374.13);
      expect(at(3, 4)).toBe('1,234.56');
      expect(g.numFmt?.[2 - g.top]?.[4 - g.left]).toBe('0.00');
      expect(g.merges).toContainEqual({ top: 2, left: 2, bottom: 3, right: 2 });
    });

    test('creates the template sheet from a plan without touching a sheet that has content', async () => {
      await h.user.addSheet('申报表', [['用户的内容']]);
      const created = await h.host.createSheet(smallPlan('申报表'));
      expect(created).not.toBe('申报表');
      expect(await h.inspect.value('申报表!A1')).toBe('用户的内容');
      const q = (a: string) => `'${created}'!${a}`;
      expect(await h.inspect.value(q('A1'))).toBe('标题');
      expect(await h.inspect.value(q('B3'))).toBe(1.5);
      expect(await h.inspect.formula(q('B5'))).toBe('=SUM(B3:B4)');
      expect(await h.inspect.merges(created)).toContainEqual({ top: 0, left: 0, bottom: 0, right: 3 });
      expect(await h.inspect.hasName(created, 'jx_total')).toBe(true);
      const names = await h.host.sheetNames();
      expect(names).toContain(created);
    });

    test('flags findings in place, errors and warnings differently, without changing a value', async () => {
      await h.user.addSheet('表', [
        ['占比', 0.8399],
        ['合计', 374.13],
      ]);
      await h.host.showFindings('表', [
        finding({ rule: 'funding-share', severity: 'error', cells: ['表!B1'], message: '占比应为 84.12%' }),
        finding({ rule: 'funding-unit', severity: 'warning', cells: ['表!B2'], message: '金额单位可能是元' }),
      ]);
      const e = await h.inspect.flag('表!B1');
      const w = await h.inspect.flag('表!B2');
      expect(e?.severity).toBe('error');
      expect(e?.text).toContain('占比应为 84.12%');
      expect(w?.severity).toBe('warning');
      expect(w?.text).toContain('金额单位可能是元');
      expect(await h.inspect.flag('表!A1')).toBeNull();
      expect(await h.inspect.value('表!B1')).toBe(0.8399);
      expect(await h.inspect.value('表!B2')).toBe(374.13);
    });

    test('clearing removes exactly the flags and gives back the user’s own fill and note', async () => {
      await h.user.addSheet('表', [
        ['a', 1],
        ['b', 2],
      ]);
      await h.user.setFill('表!B1', '#00B050');
      await h.user.setNote('表!B1', '用户自己的批注');
      await h.host.showFindings('表', [
        finding({ rule: 'funding-total', severity: 'error', cells: ['表!B1', '表!B2'] }),
      ]);
      expect(await h.inspect.flag('表!B1')).not.toBeNull();
      expect(await h.inspect.userNote('表!B1')).toBe('用户自己的批注');
      await h.host.clearFindings('表');
      expect(await h.inspect.flag('表!B1')).toBeNull();
      expect(await h.inspect.flag('表!B2')).toBeNull();
      expect(await h.inspect.fill('表!B1')).toBe('#00B050');
      expect(await h.inspect.userNote('表!B1')).toBe('用户自己的批注');
      expect(await h.inspect.fill('表!B2')).toBeNull();
      expect(await h.inspect.userNote('表!B2')).toBeNull();
      expect(await h.inspect.value('表!B1')).toBe(1);
    });

    test('showing findings again replaces the earlier flags', async () => {
      await h.user.addSheet('表', [[1, 2, 3]]);
      await h.host.showFindings('表', [finding({ rule: 'r1', severity: 'error', cells: ['表!A1'] })]);
      await h.host.showFindings('表', [finding({ rule: 'r2', severity: 'warning', cells: ['表!C1'] })]);
      expect(await h.inspect.flag('表!A1')).toBeNull();
      expect((await h.inspect.flag('表!C1'))?.severity).toBe('warning');
      await h.host.clearFindings('表');
      expect(await h.inspect.flag('表!C1')).toBeNull();
      expect(await h.inspect.fill('表!A1')).toBeNull();
    });

    test('an explained warning is not flagged', async () => {
      await h.user.addSheet('表', [[1]]);
      await h.host.showFindings('表', [
        finding({ rule: 'funding-unit', severity: 'warning', cells: ['表!A1'], explained: true, explanation: '说明' }),
      ]);
      expect(await h.inspect.flag('表!A1')).toBeNull();
    });

    test('writes a fix: a value or a formula', async () => {
      await h.user.addSheet('表', [[1], [2], [99]]);
      await h.host.write([{ cell: ref('表!A3'), formula: '=SUM(A1:A2)' }]);
      expect(await h.inspect.formula('表!A3')).toBe('=SUM(A1:A2)');
      await h.host.write([{ cell: ref('表!A2'), value: 0.8412 }]);
      expect(await h.inspect.value('表!A2')).toBe(0.8412);
      const g = await h.host.readGrid('表');
      expect(g.values[2 - g.top]?.[0 - g.left]).toBe(1.8412);
    });

    test('a typed cell reaches its sheet whatever the name: quote, exclamation mark, space, a range to select', async () => {
      const name = "收支'预算!表 1";
      await h.user.addSheet(name, [
        [1, 2],
        [3, 4],
      ]);
      await h.host.write([{ cell: { sheet: name, row: 1, col: 1 }, value: 40 }]);
      const g = await h.host.readGrid(name);
      expect(g.values[1 - g.top]?.[1 - g.left]).toBe(40);
      await h.host.select({ sheet: name, row: 0, col: 0, bottom: 1, right: 1 });
      expect(await h.inspect.selected()).toMatch(/!\$?A\$?1(:\$?B\$?2)?$/);
    });

    test('selects a cell', async () => {
      await h.user.addSheet('表', [[1, 2]]);
      await h.user.addSheet('别的表', [[1]]);
      await h.host.select(ref('表!B1'));
      expect(await h.inspect.selected()).toMatch(/^'?表'?!\$?B\$?1$/);
    });

    test('keeps explanations in the 校验说明 sheet and reads them back', async () => {
      await h.user.addSheet('表', [[1]]);
      expect(await readExplanations(h.host)).toEqual([]);
      await writeExplanation(h.host, { rule: 'funding-unit', cell: '表!A1', text: '本单位收入确以万元计' });
      await writeExplanation(h.host, { rule: 'project-sum', cell: '表!A1', text: '另有结转资金' });
      await writeExplanation(h.host, { rule: 'funding-unit', cell: '表!A1', text: '已核实' });
      const got = await readExplanations(h.host);
      expect(got).toHaveLength(2);
      expect(got).toContainEqual({ rule: 'funding-unit', cell: '表!A1', text: '已核实' });
      expect(got).toContainEqual({ rule: 'project-sum', cell: '表!A1', text: '另有结转资金' });
      const values = await h.inspect.sheetValues('校验说明');
      expect(values).not.toBeNull();
      expect(JSON.stringify(values)).toContain('已核实');
    });

    test('reads a sheet by name, and null for a sheet that is not there', async () => {
      await h.user.addSheet('表', [['甲', 2]]);
      expect(await h.host.readSheet('校验说明')).toBeNull();
      const g = await h.host.readSheet('表');
      expect(g).not.toBeNull();
      expect(g!.sheet).toBe('表');
      expect(g!.values[0 - g!.top]?.[0 - g!.left]).toBe('甲');
    });

    test('replaces a sheet’s rows: created after the last sheet, the user’s sheet stays active, text stays text', async () => {
      await h.user.addSheet('表', [[1]]);
      await h.user.addSheet('别的表', [[1]]);
      await h.host.select(ref('表!A1'));
      const tricky = ['0012', '2026-01-01', '=1+1', 'TRUE', '1E3', '-5', "'引号"];
      await h.host.replaceSheetRows('自己的表', [['标题', '列'], tricky, ['第三行', '多余'], ['第四行']], {
        boldFirstRow: true,
        columnWidths: [10, 20],
      });
      const names = await h.host.sheetNames();
      expect(names[names.length - 1]).toBe('自己的表');
      expect(await h.host.activeSheet()).toBe('表');
      // A shorter rewrite leaves none of the earlier rows or columns behind.
      await h.host.replaceSheetRows('自己的表', [['标题'], tricky]);
      const g = (await h.host.readSheet('自己的表'))!;
      const at = (r: number, c: number) => g.values[r - g.top]?.[c - g.left] ?? null;
      expect(at(0, 0)).toBe('标题');
      expect(tricky.map((_, c) => at(1, c))).toEqual(tricky);
      for (const [r, c] of [
        [0, 1],
        [2, 0],
        [2, 1],
        [3, 0],
      ] as const)
        expect([r, c, at(r, c)]).toEqual([r, c, null]);
    });

    test('copies a sheet right after it under a free name, never replacing a sheet', async () => {
      await h.user.addSheet('表', [
        ['标题', null, null],
        [null, 374.13, '文字'],
      ]);
      await h.user.merge('表!A1:C1');
      await h.user.setNumberFormat('表!B2', '0.00');
      await h.user.addSheet('2027年度', [['用户已有的表']]);
      await h.user.addSheet('后面的表', [['x']]);
      const name = await h.host.copySheet('表', '2027年度');
      expect(name).toBe('2027年度 (2)');
      expect(await h.inspect.value('2027年度!A1')).toBe('用户已有的表');
      const names = await h.host.sheetNames();
      expect(names.indexOf(name)).toBe(names.indexOf('表') + 1);
      const q = (a: string) => `'${name}'!${a}`;
      expect(await h.inspect.value(q('A1'))).toBe('标题');
      expect(await h.inspect.value(q('B2'))).toBe(374.13);
      expect(await h.inspect.value(q('C2'))).toBe('文字');
      expect(await h.inspect.merges(name)).toContainEqual({ top: 0, left: 0, bottom: 0, right: 2 });
      const g = await h.host.readGrid(name);
      expect(g.numFmt?.[1 - g.top]?.[1 - g.left]).toBe('0.00');
      // The source is untouched.
      expect(await h.inspect.value('表!B2')).toBe(374.13);
    });

    test('生成下一年度: a copy named after the new year, rolled forward; the source stays as it was', async () => {
      const rows = typedForm().rows.map((r) => r.map((v) => (typeof v === 'boolean' ? String(v) : v)));
      await h.user.addSheet('申报表', rows as (string | number | null)[][]);
      const { sheet, roll } = await rollSheet(h.host, '申报表');
      expect(sheet).toBe('2027年度');
      expect(roll.toYear).toBe(2027);
      const q = (a: string) => `'${sheet}'!${a}`;
      // Typed layout: row 6 holds the history headers (F, G), rows 7–14 the lines (D 当年, F 前年, G 上年).
      expect(await h.inspect.value(q('F6'))).toBe('2025年');
      expect(await h.inspect.value(q('G6'))).toBe('2026年');
      expect(await h.inspect.value(q('F11'))).toBe(229.85);
      expect(await h.inspect.value(q('G11'))).toBe(314.72);
      expect(await h.inspect.value(q('D11'))).toBeNull();
      expect(await h.inspect.value('申报表!D11')).toBe(314.72);
      expect(await h.inspect.value('申报表!F6')).toBe('2024年');
      const again = await rollSheet(h.host, '申报表');
      expect(again.sheet).toBe('2027年度 (2)');
    });

    test('与上年对比: a session finds last year’s form on another sheet and flags a changed 上年 on the sheet checked', async () => {
      const rows = typedForm().rows.map((r) => r.map((v) => (typeof v === 'boolean' ? String(v) : v)));
      await h.user.addSheet('申报表', rows as (string | number | null)[][]);
      const { sheet } = await rollSheet(h.host, '申报表');
      const q = (a: string) => `'${sheet}'!${a}`;
      // 人员类 上年 typed over last year's 当年 (314.72).
      await h.user.setValue(q('G11'), 320);
      await h.settle();
      const session = new Session(h.host, { timers: { set: () => null, clear: () => undefined } });
      try {
        const checked = await session.validate(sheet);
        expect(checked.error).toBeNull();
        expect(session.state.compared).toEqual({ kind: 'sheet', name: '申报表', year: 2026 });
        const found = checked.report!.findings.filter((f) => f.rule.startsWith('previous-'));
        expect(found.map((f) => [f.rule, f.cells.map((c) => `${c.sheet}!${c.row},${c.col}`)])).toEqual([
          ['previous-funding', [`${sheet}!10,6`]],
        ]);
        expect(await h.inspect.flag(q('G11'))).toMatchObject({ severity: 'warning' });
        // The 2026 form: the 2027 sheet is next year's, never compared with.
        await session.validate('申报表');
        expect(session.state.compared).toBeNull();
        expect(session.state.report!.findings.filter((f) => f.rule.startsWith('previous-'))).toEqual([]);
      } finally {
        session.dispose();
      }
    });

    test('reports the user’s edits, not its own writes, and stops when asked', async () => {
      if (!h.events) return;
      await h.user.addSheet('表', [[1, 2]]);
      const seen: string[] = [];
      const stop = h.host.onChange((c) => seen.push(c.sheet));
      await h.user.setValue('表!B1', 5);
      await h.settle();
      expect(seen).toContain('表');
      seen.length = 0;
      await h.host.write([{ cell: ref('表!A1'), value: 7 }]);
      await h.host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);
      await h.host.clearFindings('表');
      await h.settle();
      expect(seen).toEqual([]);
      stop();
      await h.user.setValue('表!B1', 6);
      await h.settle();
      expect(seen).toEqual([]);
    });
    test('gives every sheet a handle of its own: the same sheet, the same handle; none for a name not there', async () => {
      await h.user.addSheet('甲表', [['a']]);
      await h.user.addSheet('乙表', [['b']]);
      const keyed = await h.host.sheetKeys();
      expect(keyed.map((k) => k.sheet)).toEqual(await h.host.sheetNames());
      expect(new Set(keyed.map((k) => k.key)).size).toBe(keyed.length);
      const a = await h.host.sheetKey('甲表');
      expect(a).toBe(keyed.find((k) => k.sheet === '甲表')!.key);
      await h.host.readGrid('甲表');
      expect(await h.host.sheetKey('甲表')).toBe(a);
      expect(await h.host.sheetKey('乙表')).not.toBe(a);
      expect(await h.host.sheetKey('没有这张表')).toBeNull();
    });

    test('a handle goes with the sheet through a rename, or with the name where the host has no sheet id', async () => {
      if (!h.user.rename) return;
      await h.user.addSheet('甲表', [['a']]);
      await h.user.addSheet('乙表', [['b']]);
      const a = await h.host.sheetKey('甲表');
      const b = await h.host.sheetKey('乙表');
      // The two sheets swap names, through a third.
      await h.user.rename('甲表', '临时');
      await h.user.rename('乙表', '甲表');
      await h.user.rename('临时', '乙表');
      await h.settle();
      const now = Object.fromEntries((await h.host.sheetKeys()).map((k) => [k.sheet, k.key]));
      if (h.identity === 'sheet') {
        expect(now).toEqual({ 乙表: a, 甲表: b });
        expect(await h.host.sheetKey('乙表')).toBe(a);
        expect((await h.host.readGrid('乙表')).values[0]?.[0]).toBe('a');
        expect(await h.host.sheetKey('乙表')).toBe(a);
      } else {
        expect(now).toEqual({ 甲表: a, 乙表: b });
      }
    });

    test('flags shown before a rename are cleared by the sheet’s new name (hosts that know a sheet by id)', async () => {
      if (!h.user.rename || h.identity !== 'sheet') return;
      await h.user.addSheet('表', [[1, 2]]);
      await h.user.setFill('表!A1', '#00B050');
      await h.host.readGrid('表');
      await h.host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);
      await h.user.rename('表', '表二');
      await h.host.clearFindings('表二');
      expect(await h.inspect.flag('表二!A1')).toBeNull();
      expect(await h.inspect.fill('表二!A1')).toBe('#00B050');
    });

    test('a change names the sheet by its handle, and by its name now after a rename', async () => {
      if (!h.events) return;
      await h.user.addSheet('表', [[1, 2]]);
      await h.user.addSheet('别的表', [[1]]);
      const key = await h.host.sheetKey('表');
      const seen: { sheet: string; key: string }[] = [];
      const stop = h.host.onChange((c) => seen.push({ sheet: c.sheet, key: c.key }));
      try {
        await h.user.setValue('表!B1', 5);
        await h.settle();
        expect(seen).toEqual([{ sheet: '表', key }]);
        if (!h.user.rename) return;
        seen.length = 0;
        await h.user.rename('表', '改名的表');
        await h.user.setValue('改名的表!B1', 6);
        await h.settle();
        expect(seen.map((c) => c.sheet)).toEqual(['改名的表']);
        expect(seen[0]!.key).toBe(await h.host.sheetKey('改名的表'));
        if (h.identity === 'sheet') expect(seen[0]!.key).toBe(key);
      } finally {
        stop();
      }
    });

    /** A session whose live checks run when the test says (the timer is held). */
    function liveSession(): { session: Session; fire: () => Promise<void>; pending: () => number } {
      let queued: (() => void) | null = null;
      const timers: Timers = {
        set: (fn) => {
          queued = fn;
          return 1;
        },
        clear: () => {
          queued = null;
        },
      };
      const session = new Session(h.host, { timers });
      return {
        session,
        pending: () => (queued ? 1 : 0),
        /** Ends the quiet period: the waiting live check runs; resolves when it is done (at once when none waits). */
        fire: async () => {
          const run = queued;
          queued = null;
          if (!run) return;
          let started = false;
          const done = new Promise<void>((resolve) => {
            const stop = session.subscribe((st) => {
              if (st.phase === 'checking') started = true;
              else if (started) {
                stop();
                resolve();
              }
            });
          });
          run();
          await done;
          await h.settle();
        },
      };
    }

    const formRows = () =>
      typedForm().rows.map((r) => r.map((v) => (typeof v === 'boolean' ? String(v) : v))) as (
        string | number | null
      )[][];

    test('session: a sheet renamed while its live check waits is checked under its new name', async () => {
      if (!h.events || !h.user.rename || h.identity !== 'sheet') return;
      await h.user.addSheet('申报表', formRows());
      const { session, fire, pending } = liveSession();
      try {
        await h.settle();
        expect((await session.validate('申报表')).form).toBe(true);
        await h.user.setValue('申报表!D11', 300);
        await h.settle();
        expect(pending()).toBe(1);
        // The quiet period is not over yet when the user renames the tab (no change event for that).
        await h.user.rename('申报表', '申报表（修改）');
        await fire();
        expect(session.state.error).toBeNull();
        expect(session.state.phase).toBe('ready');
        expect(session.state.sheet).toBe('申报表（修改）');
        expect(session.state.report!.findings.every((f) => f.cells.every((c) => c.sheet === '申报表（修改）'))).toBe(
          true,
        );
      } finally {
        session.dispose();
      }
    });

    test('session: two forms that swap names are both still checked live, each as itself', async () => {
      if (!h.events || !h.user.rename || h.identity !== 'sheet') return;
      await h.user.addSheet('甲', formRows());
      await h.user.addSheet('乙', formRows());
      await h.user.setValue('乙!B4', '乙单位');
      await h.settle();
      const { session, fire } = liveSession();
      try {
        await session.validate('甲');
        await session.validate('乙');
        await h.user.rename('甲', '临时');
        await h.user.rename('乙', '甲');
        await h.user.rename('临时', '乙');
        // An edit of each, then of the first again: every one is checked, on the sheet edited.
        for (const [sheet, cell] of [
          ['甲', 'D11'],
          ['乙', 'D11'],
          ['甲', 'D12'],
        ] as const) {
          await h.user.setValue(`${sheet}!${cell}`, 301);
          await h.settle();
          await fire();
          expect([sheet, session.state.sheet, session.state.phase, session.state.error]).toEqual([
            sheet,
            sheet,
            'ready',
            null,
          ]);
        }
        // 甲 now is the sheet that was 乙 (its own department name), and the other way round.
        expect((await h.host.readGrid('甲')).values.flat()).toContain('乙单位');
      } finally {
        session.dispose();
      }
    });
  });
}
