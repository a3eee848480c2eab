/**
 * The previous-* rules (docs/spec/previous-year.md § 2), on the example rolled
 * forward by `next` — which must leave nothing for them to find — and on the
 * spec's worked example: the rolled form edited as an officer might.
 */
import * as path from 'path';
import { check } from '../../src/check';
import type { DeclarationForm } from '../../src/form/types';
import { XlsxHost } from '../../src/host/exceljs';
import { rollForward } from '../../src/next/roll';
import { readDeclaration } from '../../src/read';
import type { Grid } from '../../src/sheet/grid';
import { applyToGrid } from '../next/helpers';
import { first } from '../helpers/refs';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');

let lastGrid: Grid;
let last: DeclarationForm;
let nextGrid: Grid;

function read(grid: Grid): DeclarationForm {
  const r = readDeclaration(grid);
  if (!r.form) throw new Error(r.reason);
  return r.declaration;
}

/** The grid with cells set (0-based row/col). */
function withCells(grid: Grid, cells: [number, number, string | number | null][]): Grid {
  const values = grid.values.map((r) => [...r]);
  const text = grid.text?.map((r) => [...r]);
  for (const [row, col, v] of cells) {
    values[row - grid.top]![col - grid.left] = v;
    if (text) text[row - grid.top]![col - grid.left] = v === null ? '' : String(v);
  }
  return { ...grid, values, ...(text ? { text } : {}) };
}

const previousFindings = (form: DeclarationForm, previous: DeclarationForm) =>
  check(form, { previous }).findings.filter((f) => f.rule.startsWith('previous-'));

beforeAll(async () => {
  const host = await XlsxHost.load(EXAMPLE);
  lastGrid = await host.readGrid('附件2');
  last = read(lastGrid);
  const roll = rollForward(last, lastGrid);
  if (!roll.ok) throw new Error(roll.message);
  nextGrid = applyToGrid(lastGrid, roll.edits);
});

test('the example rolled to 2027 has no previous-* finding against the example', () => {
  const next = read(nextGrid);
  expect(check(next).options.budgetYear).toBe(2027);
  expect(previousFindings(next, last)).toEqual([]);
});

test('without a previous form no previous-* rule reports', () => {
  expect(check(read(nextGrid)).findings.filter((f) => f.rule.startsWith('previous-'))).toEqual([]);
});

test('the worked example of previous-year.md: funding, lowered, dropped and long-term findings', () => {
  const next = read(nextGrid);
  const personnel = next.funding!.expenditure.lines.personnel!.lastYear!;
  const exec = next.annualIndicators!.rows.find((r) => r.level3.text === '预算执行率')!;
  const core = next.annualIndicators!.rows.find((r) => r.level3.text === '网络信息服务次数')!;
  const ltExec = next.longTermIndicators!.rows.find((r) => r.level3.text === '预算执行率')!;
  const edited = read(
    withCells(nextGrid, [
      [personnel.ref.row, personnel.ref.col, 320],
      [exec.value.ref.row, exec.value.ref.col, '98%'],
      // One 核心业务产出 row deleted: its cells emptied.
      ...[
        core.level2,
        core.level3,
        core.value,
        core.history!.yearBeforeLast,
        core.history!.lastYear,
        core.basis,
        core.classification,
      ].map((f): [number, number, null] => [f.ref.row, f.ref.col, null]),
      [ltExec.value.ref.row, ltExec.value.ref.col, '98%'],
    ]),
  );
  const found = previousFindings(edited, last);
  expect(found.map((f) => [f.rule, first(f)])).toEqual([
    ['previous-funding', personnel.ref.address],
    ['previous-long-term', ltExec.value.ref.address],
    ['previous-dropped', edited.annualIndicators!.label.ref.address],
    ['previous-lowered', exec.value.ref.address],
  ]);
  const [funding, longTerm, dropped, lowered] = found;
  expect(funding!.message).toBe(
    '“人员类项目支出”的上年金额为 320.00，上年申报表的当年金额为 314.72；如按决算数作了调整，请在校验说明中写明原因',
  );
  expect(longTerm!.message).toContain('上年申报表的长期目标截止 2029 年，尚未到期');
  expect(longTerm!.message).toContain('把“预算执行率”的指标值由“99%”改为“98%”');
  expect(dropped!.message).toContain(
    '上年申报表年度绩效指标表第 27 行（履职效能 › 核心业务产出2 › 网络信息服务次数）在本表的年度绩效指标表中没有了',
  );
  expect(lowered!.data).toMatchObject({ value: '98%', lastValue: '100%', compare: '低于' });
  expect(found.every((f) => f.severity === 'warning')).toBe(true);
});

test('previous-history: 上年 must be LAST’s target, or any plain figure when that target had a sign', () => {
  const next = read(nextGrid);
  const exec = next.annualIndicators!.rows.find((r) => r.level3.text === '预算执行率')!;
  const core = next.annualIndicators!.rows.find((r) => r.level3.text === '办理群众来访信访事项数量')!;
  const edited = read(
    withCells(nextGrid, [
      [exec.history!.lastYear.ref.row, exec.history!.lastYear.ref.col, '97%'],
      [exec.history!.yearBeforeLast.ref.row, exec.history!.yearBeforeLast.ref.col, '95%'],
      // LAST wrote ≥1500件/年: a plain figure is the achieved value, accepted.
      [core.history!.lastYear.ref.row, core.history!.lastYear.ref.col, '1620件'],
    ]),
  );
  const found = previousFindings(edited, last).filter((f) => f.rule === 'previous-history');
  expect(found.map(first)).toEqual([exec.history!.yearBeforeLast.ref.address, exec.history!.lastYear.ref.address]);
  expect(found[1]!.data).toMatchObject({ year: '上年', mine: '97%', theirs: '100%', lastName: '预期当年实现值' });
  expect(found[0]!.data).toMatchObject({ year: '前年', mine: '95%', theirs: '99%' });
});

test('previous-pair: another department, or not last year: one error, nothing else compared', () => {
  const next = read(nextGrid);
  const dept = next.header.department!;
  const other = read(withCells(nextGrid, [[dept.ref.row, dept.ref.col, '阳新县财政局']]));
  const found = previousFindings(other, last);
  expect(found.map((f) => [f.rule, f.severity, first(f)])).toEqual([['previous-pair', 'error', dept.ref.address]]);
  expect(found[0]!.message).toBe(
    '本表的部门（单位）名称为“阳新县财政局”，所给的上年申报表（工作表“附件2”）为“阳新县信访局”，不是同一单位的申报表，未与上年对比',
  );
  // The same form as its own "last year": the years are not one apart.
  const same = previousFindings(last, last);
  expect(same.map((f) => [f.rule, f.data])).toEqual([
    ['previous-pair', { year: 2026, lastYear: 2026, expected: 2025 }],
  ]);
  // Spaces and full-width characters in the name do not matter.
  const spaced = read(withCells(nextGrid, [[dept.ref.row, dept.ref.col, ' 阳新县 信访局 ']]));
  expect(previousFindings(spaced, last)).toEqual([]);
});

test('long-term goals may change once LAST’s horizon has passed', () => {
  const horizon = last.goals.horizonCell!;
  const shortLast = read(withCells(lastGrid, [[horizon.ref.row, horizon.ref.col, '长期目标（截止2026年）']]));
  const roll = rollForward(
    shortLast,
    withCells(lastGrid, [[horizon.ref.row, horizon.ref.col, '长期目标（截止2026年）']]),
  );
  if (!roll.ok) throw new Error(roll.message);
  const grid = applyToGrid(
    withCells(lastGrid, [[horizon.ref.row, horizon.ref.col, '长期目标（截止2026年）']]),
    roll.edits,
  );
  const next = read(grid);
  const lt = next.longTermIndicators!.rows.find((r) => r.level3.text === '预算执行率')!;
  const edited = read(withCells(grid, [[lt.value.ref.row, lt.value.ref.col, '98%']]));
  expect(previousFindings(edited, shortLast).filter((f) => f.rule === 'previous-long-term')).toEqual([]);
});
