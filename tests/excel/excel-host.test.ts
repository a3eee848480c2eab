import { writeExplanation } from '../../src/report/explanations';
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { ExcelHost, makeEnv, type ExcelLike } from '../../src/host/excel';
import { Session } from '../../src/app/session';
import { AUTO_SHOW } from '../../src/host/excel/template';
import { readDeclaration } from '../../src/read';
import { check } from '../../src/check';
import { buildTemplate } from '../../src/template';
import { excelSetup, settle } from './harness';
import { finding } from '../helpers/findings';
import { ref } from '../helpers/refs';

const syncsOf = async (fake: { state: { syncs: number } }, run: () => Promise<unknown>) => {
  const before = fake.state.syncs;
  await run();
  return fake.state.syncs - before;
};

describe('round trips', () => {
  test('reading a sheet for a check costs two syncs (the merged areas apart), showing the findings one more', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [
      ['占比', 0.8399],
      ['合计', 374.13],
    ]);
    fake.user.merge('表!A1:A2');
    // The merged areas have a batch of their own: above 512 they fail, and must not take the read with them.
    expect(await syncsOf(fake, () => host.readGrid('表'))).toBe(2);
    const findings = [
      finding({ rule: 'funding-share', severity: 'error', cells: ['表!B1'] }),
      finding({ rule: 'funding-unit', severity: 'warning', cells: ['表!B2'] }),
    ];
    expect(await syncsOf(fake, () => host.showFindings('表', findings))).toBe(1);
    // Again: the earlier flags are replaced in the same single sync.
    await host.readGrid('表');
    expect(await syncsOf(fake, () => host.showFindings('表', findings.slice(1)))).toBe(1);
    expect(fake.inspect.flag('表!B1')).toBeNull();
    expect(fake.inspect.flag('表!B2')?.severity).toBe('warning');
  });

  test('a sheet with the user’s own notes costs one lookup sync more, and keeps them', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.setNote('表!A1', '用户批注');
    await host.readGrid('表');
    const f = [finding({ rule: 'r', severity: 'error', cells: ['表!A1', '表!B1'] })];
    expect(await syncsOf(fake, () => host.showFindings('表', f))).toBe(2);
    expect(fake.wb.sheet('表')!.get(0, 0)!.note).toBe(`用户批注\n\n${NOTE_MARK}\n错误：消息-r`);
    await host.clearFindings('表');
    expect(fake.wb.sheet('表')!.get(0, 0)!.note).toBe('用户批注');
    expect(fake.wb.sheet('表')!.get(0, 1)?.note ?? null).toBeNull();
  });

  test('clearing costs one lookup and one sync with notes, two lookups and one sync with comments', async () => {
    for (const [apiMinor, expected] of [
      [18, 2],
      [14, 3],
    ] as const) {
      const { fake, host } = excelSetup({ apiMinor });
      fake.user.addSheet('表', [[1]]);
      await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);
      expect(await syncsOf(fake, () => host.clearFindings('表'))).toBe(expected);
      expect(fake.inspect.flag('表!A1')).toBeNull();
    }
  });

  test('generating the template costs the same number of syncs for 4 and for 40 project rows', async () => {
    const counts: number[] = [];
    for (const projectRows of [4, 40]) {
      const { fake, host } = excelSetup({ apiMinor: 18 });
      fake.user.addSheet('Sheet1', [[null]]);
      const plan = buildTemplate({ department: '阳新县信访局', budgetYear: 2026, projectRows });
      counts.push(await syncsOf(fake, () => host.createSheet(plan)));
    }
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBe(counts[0]);
  });

  test('every batch waits while the user edits a cell (delayForCellEdit)', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1]]);
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);
    await host.write([{ cell: ref('表!A1'), value: 2 }]);
    expect(fake.state.runs.length).toBeGreaterThan(0);
    expect(fake.state.runs.every((r) => r.delayForCellEdit === true)).toBe(true);
  });
});

describe('the generated template in Excel', () => {
  test('is found and read back as a declaration form, with names, dropdowns, print setup and frozen rows', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('Sheet1', [['用户的内容']]);
    const plan = buildTemplate({ department: '阳新县信访局', budgetYear: 2026, projectRows: 4 });
    const name = await host.createSheet(plan);
    expect(name).not.toBe('Sheet1');
    expect(fake.inspect.value('Sheet1!A1')).toBe('用户的内容');
    expect(await host.activeSheet()).toBe(name);
    const read = readDeclaration(await host.readGrid(name));
    expect(read.form).toBe(true);
    const sheet = fake.wb.sheet(name)!;
    for (const n of plan.names) expect(sheet.names.has(n.name)).toBe(true);
    expect(sheet.merges.length).toBe(plan.merges.length);
    expect(sheet.freeze).toEqual(plan.freeze);
    expect(sheet.print?.fitToWidth).toBe(plan.print.fitToWidth);
    expect(sheet.print?.titleRows).toEqual(plan.print.titleRows);
    expect(sheet.print?.rowBreaks).toEqual(plan.print.rowBreaks);
    expect(sheet.print?.footer).toBe(plan.print.footer);
    const v = plan.validations[0]!;
    expect(sheet.get(v.range.top, v.range.left)?.validation?.list).toEqual(v.list);
    // Auto-open is the user's choice in the pane, never switched on by generating a form.
    expect(fake.state.settings.has(AUTO_SHOW)).toBe(false);
    // Formulas are kept as formulas: a 合计 cell sums its lines.
    const formulaCell = plan.cells.find((c) => c.formula)!;
    expect(sheet.get(formulaCell.row, formulaCell.col)?.formula).toBe(formulaCell.formula);
  });

  test('a second template gets a free name and never overwrites the first', async () => {
    const { host } = excelSetup({ apiMinor: 18 });
    const plan = buildTemplate({ department: '', budgetYear: 2026 });
    const a = await host.createSheet(plan);
    const b = await host.createSheet(plan);
    expect(b).not.toBe(a);
    expect(await host.sheetNames()).toEqual(expect.arrayContaining([a, b]));
  });
});

describe('flags keep the user’s workbook as it was', () => {
  test('a conditional format flags the cell: the user’s fill and own conditional formats stay', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2, 3]]);
    fake.user.setFill('表!A1', '#00B050');
    fake.user.addConditionalFormat('表!C1', '#0000FF');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1:C1'] })]);
    expect(fake.inspect.shownFill('表!A1')).toBe('#FFC7CE');
    expect(fake.inspect.fill('表!A1')).toBe('#00B050');
    await host.clearFindings('表');
    expect(fake.inspect.shownFill('表!A1')).toBe('#00B050');
    expect(fake.inspect.conditionalFormats('表')).toHaveLength(1);
    expect(fake.inspect.conditionalFormats('表')[0]!.fill).toBe('#0000FF');
  });

  test('an error’s flag is edged with solid lines and a 提示’s with dashes, told apart without colour', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    await host.showFindings('表', [
      finding({ rule: 'r', severity: 'error', cells: ['表!A1'] }),
      finding({ rule: 'r', severity: 'warning', cells: ['表!B1'] }),
    ]);
    const edges = (fill: string) => fake.inspect.conditionalFormats('表').find((c) => c.fill === fill)?.borders;
    const all = (style: string) => ({ EdgeTop: style, EdgeBottom: style, EdgeLeft: style, EdgeRight: style });
    expect(edges(FLAG_FILL.error)).toEqual(all('Continuous'));
    expect(edges(FLAG_FILL.warning)).toEqual(all('Dash'));
  });

  test('one rule covers a block of flagged cells of the same severity', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1], [2], [3], [4]]);
    await host.showFindings('表', [finding({ rule: 'r', severity: 'warning', cells: ['表!A1:A4'] })]);
    expect(fake.inspect.conditionalFormats('表')).toHaveLength(1);
  });

  test('comments (ExcelApi 1.10–1.17): a reply under the user’s comment, removed again on clear', async () => {
    const { fake, host } = excelSetup({ apiMinor: 12 });
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.setNote('表!A1', '用户评论');
    await host.readGrid('表');
    await host.showFindings('表', [
      finding({ rule: 'r', severity: 'error', cells: ['表!A1'] }),
      finding({ rule: 'r', severity: 'error', cells: ['表!B1'] }),
    ]);
    const comments = fake.inspect.comments('表');
    expect(comments).toHaveLength(2);
    const user = comments.find((c) => c.content === '用户评论')!;
    expect(user.replies).toHaveLength(1);
    expect(user.replies[0]!.content.startsWith(NOTE_MARK)).toBe(true);
    expect(fake.inspect.flag('表!B1')?.text).toContain('消息-r');
    await host.clearFindings('表');
    expect(fake.inspect.comments('表')).toEqual([{ ...user, replies: [] }]);
  });

  test('when the user deleted one of our notes, the next show still works (state rebuilt from the workbook)', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1', '表!B1'] })]);
    fake.wb.sheet('表')!.get(0, 0)!.note = null;
    fake.inspect.conditionalFormats('表').splice(0);
    await host.showFindings('表', [finding({ rule: 'r2', severity: 'warning', cells: ['表!B1'] })]);
    expect(fake.inspect.flag('表!A1')).toBeNull();
    expect(fake.inspect.flag('表!B1')?.severity).toBe('warning');
    expect(fake.inspect.conditionalFormats('表')).toHaveLength(1);
  });

  test.each([
    ['a note (1.18)', 18],
    ['a comment (1.14)', 14],
  ])('the user typed their own text over our %s: it is theirs and stays', async (_label, apiMinor) => {
    const { fake, host } = excelSetup({ apiMinor });
    fake.user.addSheet('表', [[1, 2]]);
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);
    fake.user.setNote('表!A1', '张三：已与财政局核对');
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!B1'] })]);
    expect(fake.inspect.userNote('表!A1')).toBe('张三：已与财政局核对');
    await host.clearFindings('表');
    expect(fake.inspect.userNote('表!A1')).toBe('张三：已与财政局核对');
    expect(fake.inspect.flag('表!B1')).toBeNull();
  });

  test.each([
    ['1.18 notes', 18],
    ['1.14 comments', 14],
  ])(
    'ExcelApi %s: after a reopen (every worksheet id new) jixiao’s own marks are found by what they are',
    async (_label, apiMinor) => {
      const { fake, host } = excelSetup({ apiMinor });
      fake.user.addSheet('表', [[1, 2, 3]]);
      fake.user.setNote('表!C1', '张三：已核对');
      await host.readGrid('表');
      await host.showFindings('表', [
        finding({ rule: 'a', severity: 'error', cells: ['表!A1'] }),
        finding({ rule: 'b', severity: 'warning', cells: ['表!B1'] }),
      ]);
      const idBefore = fake.state.extrasOf(fake.wb.sheet('表')!).id;
      // Nothing of the record is kept in the document: the workbook is the source of truth.
      expect(fake.state.settingsSaves).toBe(0);

      const again = fake.reopen();
      expect(again.state.extrasOf(again.wb.sheet('表')!).id).not.toBe(idBefore);
      const reopened = new ExcelHost(makeEnv(again.Excel as unknown as ExcelLike, again.Office));
      // The officer fixes A1 and checks: only B1 stays flagged, once.
      again.user.setValue('表!A1', 10);
      await reopened.readGrid('表');
      await reopened.showFindings('表', [finding({ rule: 'b', severity: 'warning', cells: ['表!B1'] })]);
      expect(again.inspect.flag('表!A1')).toBeNull();
      expect(again.inspect.flag('表!B1')?.severity).toBe('warning');
      expect(again.inspect.flagNotes('表')).toEqual(['B1']);
      expect(again.inspect.conditionalFormats('表')).toHaveLength(1);
      await reopened.clearFindings('表');
      expect(again.inspect.flag('表!B1')).toBeNull();
      expect(again.inspect.conditionalFormats('表')).toHaveLength(0);
      expect(again.inspect.flagNotes('表')).toEqual([]);
      expect(again.inspect.userNote('表!C1')).toBe('张三：已核对');
    },
  );

  test('a sheet’s handle is its worksheet id for the session: free right after a read, new after a reopen', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.addSheet('别的表', [[3]]);
    await host.readGrid('表');
    const key = await host.sheetKey('表');
    expect(key).toBe(fake.state.extrasOf(fake.wb.sheet('表')!).id);
    // Right after the read of that sheet: no round trip; another sheet, or the list: one.
    expect(await syncsOf(fake, () => host.sheetKey('表'))).toBe(0);
    expect(await syncsOf(fake, () => host.sheetKey('别的表'))).toBe(1);
    expect(await syncsOf(fake, () => host.sheetKeys())).toBe(1);
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1'] })]);

    // Reopened: every id is new, so every handle; jixiao's flag is found by what it is, by a session too.
    const again = fake.reopen();
    const reopened = new ExcelHost(makeEnv(again.Excel as unknown as ExcelLike, again.Office));
    const keyAgain = await reopened.sheetKey('表');
    expect(keyAgain).not.toBeNull();
    expect(keyAgain).not.toBe(key);
    const session = new Session(reopened, { timers: { set: () => null, clear: () => undefined } });
    try {
      await session.validate('表');
      expect(session.state.phase).toBe('not-form');
      await session.clear('表');
      expect(session.state.error).toBeNull();
      expect(again.inspect.flag('表!A1')).toBeNull();
      expect(again.inspect.conditionalFormats('表')).toEqual([]);
    } finally {
      session.dispose();
    }
  });

  test('after a reopen, 清除标记 alone (no check first) removes every mark of jixiao’s and nothing of the user’s', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[1, 2]]);
    fake.user.setNote('表!A1', '张三：已核对');
    fake.user.addConditionalFormat('表!B1', '#00FF00');
    await host.readGrid('表');
    await host.showFindings('表', [finding({ rule: 'r', severity: 'error', cells: ['表!A1:B1'] })]);
    const again = fake.reopen();
    const reopened = new ExcelHost(makeEnv(again.Excel as unknown as ExcelLike, again.Office));
    await reopened.clearFindings('表');
    expect(again.inspect.flag('表!A1')).toBeNull();
    expect(again.inspect.userNote('表!A1')).toBe('张三：已核对');
    expect(again.inspect.conditionalFormats('表').map((c) => c.fill)).toEqual(['#00FF00']);
  });

  test('checking never changes a value', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    const plan = buildTemplate({ department: '阳新县信访局', budgetYear: 2026 });
    const name = await host.createSheet(plan);
    const before = JSON.stringify(fake.inspect.sheetValues(name));
    const read = readDeclaration(await host.readGrid(name));
    if (!read.form) throw new Error(read.reason);
    const report = check(read.declaration);
    expect(report.findings.length).toBeGreaterThan(0);
    await host.showFindings(name, report.findings);
    expect(JSON.stringify(fake.inspect.sheetValues(name))).toBe(before);
  });
});

describe('change events', () => {
  test.each([
    ['1.14, triggerSource', 14],
    ['1.10–1.13, echo guard', 10],
  ])('ExcelApi %s: the user’s edits arrive, the add-in’s own writes do not', async (_label, apiMinor) => {
    const { fake, host } = excelSetup({ apiMinor });
    fake.user.addSheet('表', [[1, 2]]);
    const seen: string[] = [];
    host.onChange((c) => seen.push(c.sheet));
    await host.listening();
    fake.user.setValue('表!B1', 5);
    await settle(fake);
    expect(seen).toEqual(['表']);
    seen.length = 0;
    await host.write([{ cell: ref('表!A1'), value: 7 }]);
    await writeExplanation(host, { rule: 'funding-unit', cell: '表!A1', text: '已核实' });
    await settle(fake);
    expect(seen).toEqual([]);
    // The user types into the cell just fixed: that edit is theirs and must arrive.
    fake.user.setValue('表!A1', 8);
    await settle(fake);
    expect(seen).toEqual(['表']);
  });

  test('a paste arrives as one change of the whole block', async () => {
    const { fake, host } = excelSetup({ apiMinor: 18 });
    fake.user.addSheet('表', [[null]]);
    const seen: string[] = [];
    host.onChange((c) => seen.push(c.sheet));
    await host.listening();
    fake.user.setBlock('表!B2', [
      [1, 2],
      [3, 4],
    ]);
    await settle(fake);
    expect(seen).toEqual(['表']);
  });
});

describe('errors', () => {
  test('a missing sheet gives a Chinese message naming it', async () => {
    const { host } = excelSetup({ apiMinor: 18 });
    await expect(host.readGrid('不存在')).rejects.toThrow(/读取工作表“不存在”失败/);
  });
});
