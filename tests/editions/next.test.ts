/**
 * docs/spec/editions.md, point 10: rolling an edition-B form forward keeps
 * its edition — its own lines, every row of each block moved a year — says
 * that the current edition exists, and never writes a line of edition A.
 */
import { check } from '../../src/check';
import { rollForward } from '../../src/next/roll';
import { readDeclaration } from '../../src/read';
import type { DeclarationForm } from '../../src/form/types';
import type { Grid } from '../../src/sheet/grid';
import { buildGrid } from '../helpers/grid-builder';
import { applyToGrid } from '../next/helpers';
import { typedForm } from '../read/fixtures';
import { editionBForm } from './fixtures';

function read(grid: Grid): DeclarationForm {
  const r = readDeclaration(grid);
  if (!r.form) throw new Error(r.reason);
  return r.declaration;
}

describe('next on an edition-B form', () => {
  const spec = editionBForm({ unknownLine: true });
  const grid = buildGrid(spec.rows, { sheet: '申报表', numFmt: spec.numFmt });
  const last = read(grid);
  const roll = rollForward(last, grid);
  if (!roll.ok) throw new Error(roll.message);
  const next = read(applyToGrid(grid, roll.edits));

  test('rolls 2021 to 2022 and keeps the edition', () => {
    expect([roll.fromYear, roll.toYear]).toEqual([2021, 2022]);
    expect(next.edition).toBe('hubei-b');
    expect(next.funding!.years).toMatchObject({ yearBeforeLast: 2020, lastYear: 2021 });
  });

  test('every row of each block is moved, the unknown line included; no cell gets an edition-A label', () => {
    const rows = next.funding!.income.rows!;
    expect(rows.map((r) => r.name)).toEqual(['财政拨款', '其他资金', '事业收入']);
    // 上年 of NEXT is LAST's 当年, 前年 is LAST's 上年, for each row.
    const lastRows = last.funding!.income.rows!;
    rows.forEach((r, i) => {
      expect(r.line.lastYear?.value).toBe(lastRows[i]!.line.current.value);
      expect(r.line.yearBeforeLast?.value).toBe(lastRows[i]!.line.lastYear?.value);
    });
    const labels = ['财政专户管理资金', '单位资金', '人员类项目支出', '运转类项目支出', '特定目标类项目支出'];
    expect(roll.edits.filter((e) => e.kind === 'set' && labels.includes(String(e.value)))).toEqual([]);
    expect(next.problems).toEqual([]);
  });

  test('says which edition it kept and that the current one exists (jixiao template)', () => {
    const note = roll.moved.find((m) => m.includes('早期版'));
    expect(note).toMatch(/本表是湖北省早期版（部门整体支出绩效目标申报表），新申报表保留这一版本/);
    expect(note).toContain('jixiao template');
    expect(roll.moved.join('\n')).toContain('现行版本为湖北省现行版');
  });

  test('the rolled form checks with the edition-B lines: no line of edition A is asked for', () => {
    const findings = check(next).findings;
    expect(findings.filter((f) => f.rule === 'form-structure')).toEqual([]);
    // What is left is what the officer must fill: the 当年 amounts and shares.
    expect(new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule))).toEqual(
      new Set(['funding-amount', 'header-required', 'project-required']),
    );
  });
});

test('an edition-A form rolls without an edition note', () => {
  const spec = typedForm();
  const grid = buildGrid(spec.rows, { sheet: '申报表', numFmt: spec.numFmt });
  const roll = rollForward(read(grid), grid);
  expect(roll.ok && roll.moved.some((m) => m.includes('版本'))).toBe(false);
});
