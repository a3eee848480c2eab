import { check } from '../../src/check';
import {
  EXPLANATION_HEADER,
  explanationSheetRows,
  normaliseAddress,
  parseExplanations,
  sameCell,
  upsertExplanation,
} from '../../src/report/explanations';
import type { Explanation } from '../../src/report/types';
import { buildGrid, emptyGrid } from '../helpers/grid-builder';
import { exampleForm } from '../helpers/form-builder';

describe('parseExplanations', () => {
  test('reads the layout explanationSheetRows writes', () => {
    const list: Explanation[] = [
      { rule: 'text-placeholder', cell: '附件2!B17', text: '其余任务见附件', date: '2025-11-26' },
      { rule: 'indicator-cost-basis', cell: "'表 1'!H211", text: '按预算口径测算' },
    ];
    const grid = buildGrid(explanationSheetRows(list), { sheet: '校验说明' });
    expect(parseExplanations(grid)).toEqual([
      { rule: 'text-placeholder', cell: '附件2!B17', text: '其余任务见附件', date: '2025-11-26' },
      { rule: 'indicator-cost-basis', cell: "'表 1'!H211", text: '按预算口径测算' },
    ]);
  });

  test('finds the header by its labels anywhere, in any column order; skips blank and incomplete rows', () => {
    const grid = buildGrid(
      [
        ['校验说明（由绩效申报助手维护）'],
        [],
        [null, ' 说 明 ', '单元格', '规则', '填写日期'],
        [null, '原因一', 'A1', 'funding-unit', 45987],
        [],
        [null, '', 'A2', 'funding-unit'],
        [null, '原因三', 'A3', '  '],
        [null, '原因四', '附件2!C4', 'header-phone'],
      ],
      { origin: 'C3', numFmt: { E4: 'yyyy-mm-dd' } },
    );
    expect(parseExplanations(grid)).toEqual([
      { rule: 'funding-unit', cell: 'A1', text: '原因一', date: '2025-11-26' },
      { rule: 'header-phone', cell: '附件2!C4', text: '原因四' },
    ]);
  });

  test('no header, an empty sheet, a 1×1 sheet: no explanations', () => {
    expect(parseExplanations(emptyGrid())).toEqual([]);
    expect(parseExplanations(buildGrid([['规则']]))).toEqual([]);
    expect(parseExplanations(buildGrid([['随便写的'], [1, 2, 3]]))).toEqual([]);
  });
});

describe('addresses', () => {
  test('compare case-insensitively, ignoring $ and sheet quotes', () => {
    expect(normaliseAddress("'附件2'!$e$11")).toBe('附件2!E11');
    expect(sameCell("'附件2'!$E$11", '附件2!e11')).toBe(true);
    expect(sameCell("'It''s'!A1", "'It''s'!a1")).toBe(true);
    expect(sameCell('附件2!E11', '附件2!E12')).toBe(false);
    expect(sameCell('附件2!E11', 'Sheet1!E11')).toBe(false);
    // A cell typed without its sheet matches that cell.
    expect(sameCell('E11', '附件2!E11')).toBe(true);
  });
});

describe('upsertExplanation', () => {
  const a: Explanation = { rule: 'funding-unit', cell: '附件2!D11', text: '一' };
  test('adds, replaces the same rule and cell, removes on blank text', () => {
    let list = upsertExplanation([], a);
    list = upsertExplanation(list, { rule: 'header-phone', cell: '附件2!G4', text: '二' });
    list = upsertExplanation(list, { rule: 'funding-unit', cell: '附件2!$D$11', text: '改' });
    expect(list.map((e) => [e.rule, e.text])).toEqual([
      ['funding-unit', '改'],
      ['header-phone', '二'],
    ]);
    list = upsertExplanation(list, { rule: 'funding-unit', cell: '附件2!D11', text: ' ' });
    expect(list.map((e) => e.rule)).toEqual(['header-phone']);
  });

  test('never changes the list it is given', () => {
    const list = [a];
    upsertExplanation(list, { ...a, text: '二' });
    expect(list).toEqual([a]);
  });
});

describe('explanationSheetRows', () => {
  test('header first; the finding’s current message fills 提示内容', () => {
    const findings = check(exampleForm()).findings;
    const rows = explanationSheetRows(
      [
        { rule: 'text-placeholder', cell: '附件2!B17', text: '其余见附件', date: '2025-11-27' },
        { rule: 'header-phone', cell: '附件2!G4', text: '旧说明', message: '当时的提示' },
      ],
      findings,
    );
    expect(rows[0]).toEqual([...EXPLANATION_HEADER]);
    expect(rows[1]).toEqual([
      'text-placeholder',
      '附件2!B17',
      '其余见附件',
      '年度工作任务中还留有占位符“……”，请补全内容或删除它',
      '2025-11-27',
    ]);
    expect(rows[2]).toEqual(['header-phone', '附件2!G4', '旧说明', '当时的提示', '']);
  });
});
