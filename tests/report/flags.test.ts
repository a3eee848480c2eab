/**
 * The flag policy every host applies (src/report/flags.ts), pinned line by line:
 * deleting or changing any of its rules fails a test here.
 */
import type { Finding, Severity } from '../../src/report/types';
import { combinedNote, FLAG_FILL, FLAG_FONT, flagsForSheet, NOTE_MARK, numberTag } from '../../src/report/flags';
import { finding } from '../helpers/findings';
import { ref } from '../helpers/refs';

const S = '附件2';

/** The flags as [A1 cell, severity, note text]. */
function shown(flags: ReturnType<typeof flagsForSheet>): [string, Severity, string][] {
  const letters = (c: number) => String.fromCharCode(65 + c);
  return flags.map((f) => [`${letters(f.col)}${f.row + 1}`, f.severity, f.text]);
}

const note = (...lines: string[]) => `${NOTE_MARK}\n${lines.join('\n')}`;

describe('flagsForSheet', () => {
  test('one flag per cell, with the finding’s message after its severity word', () => {
    const flags = flagsForSheet(S, [
      finding({ severity: 'error', message: '占比不符', cells: [`${S}!E11`] }),
      finding({ severity: 'warning', message: '请说明', cells: [`${S}!D12`] }),
    ]);
    expect(shown(flags)).toEqual([
      ['E11', 'error', note('错误：占比不符')],
      ['D12', 'warning', note('提示：请说明')],
    ]);
    expect(flags[0]).toMatchObject({ sheet: S, row: 10, col: 4, lines: ['错误：占比不符'] });
  });

  test('the worst severity wins, whichever finding comes first', () => {
    for (const order of [
      ['warning', 'error'],
      ['error', 'warning'],
    ] as Severity[][]) {
      const flags = flagsForSheet(
        S,
        order.map((s, i) => finding({ severity: s, message: `m${i}`, cells: [`${S}!E11`] })),
      );
      expect(flags.map((f) => f.severity)).toEqual(['error']);
      expect(flags[0]!.lines).toEqual(order.map((s, i) => `${s === 'error' ? '错误' : '提示'}：m${i}`));
    }
    const warnings = flagsForSheet(S, [
      finding({ severity: 'warning', message: 'a', cells: [`${S}!E11`] }),
      finding({ severity: 'warning', message: 'b', cells: [`${S}!E11`] }),
    ]);
    expect(warnings.map((f) => f.severity)).toEqual(['warning']);
  });

  test('explained warnings are not flagged', () => {
    const flags = flagsForSheet(S, [
      finding({ severity: 'warning', message: '已说明', cells: [`${S}!E11`], explained: true, explanation: '原因' }),
      finding({ severity: 'warning', message: '未说明', cells: [`${S}!E12`] }),
    ]);
    expect(shown(flags)).toEqual([['E12', 'warning', note('提示：未说明')]]);
  });

  test('cells of other sheets are skipped', () => {
    const flags = flagsForSheet(S, [
      finding({ severity: 'error', message: 'x', cells: ['其他表!E11', `${S}!F3`, `'${S}'!G4`, "'表 1'!A1"] }),
    ]);
    expect(shown(flags).map((f) => f[0])).toEqual(['F3', 'G4']);
  });

  test('a flag keeps the address the first finding on the cell gave', () => {
    const flags = flagsForSheet(S, [
      finding({ severity: 'error', message: 'x', cells: [`${S}!E11:E12`] }),
      finding({ severity: 'error', message: 'y', cells: [`${S}!E11`] }),
    ]);
    expect(flags.map((f) => f.cell)).toEqual([ref(`${S}!E11:E12`), ref(`${S}!E11:E12`)]);
  });

  test('the same message twice on a cell is one line', () => {
    const flags = flagsForSheet(S, [
      finding({ severity: 'error', message: 'x', cells: [`${S}!E11`] }),
      finding({ severity: 'error', message: 'x', cells: [`${S}!E11`] }),
    ]);
    expect(flags[0]!.lines).toEqual(['错误：x']);
  });

  test('without notesOnFirstCell every cell of a range gets the message', () => {
    const flags = flagsForSheet(S, [finding({ severity: 'warning', message: 'w', cells: [`${S}!B2:C3`] })]);
    expect(shown(flags)).toEqual([
      ['B2', 'warning', note('提示：w')],
      ['C2', 'warning', note('提示：w')],
      ['B3', 'warning', note('提示：w')],
      ['C3', 'warning', note('提示：w')],
    ]);
  });

  test('notesOnFirstCell: one note per finding on its first cell, the other cells only coloured', () => {
    const flags = flagsForSheet(S, [finding({ severity: 'error', message: 'e', cells: [`${S}!B2:B3`, `${S}!D4`] })], {
      notesOnFirstCell: true,
    });
    expect(shown(flags)).toEqual([
      ['B2', 'error', note('错误：e')],
      ['B3', 'error', ''],
      ['D4', 'error', ''],
    ]);
    expect(flags[1]!.lines).toEqual([]);
  });

  test('notesOnFirstCell: the first visible cell, not a cell of another sheet', () => {
    const flags = flagsForSheet(
      S,
      [finding({ severity: 'error', message: 'e', cells: ['其他表!A1', `${S}!C5`, `${S}!C6`] })],
      {
        notesOnFirstCell: true,
      },
    );
    expect(shown(flags)).toEqual([
      ['C5', 'error', note('错误：e')],
      ['C6', 'error', ''],
    ]);
  });

  test('notesOnFirstCell: a cell hidden in a merged area is flagged on the area’s top-left cell', () => {
    const merges = [{ top: 4, left: 1, bottom: 5, right: 3 }];
    const flags = flagsForSheet(
      S,
      [
        finding({ severity: 'warning', message: 'w', cells: [`${S}!C6`] }),
        finding({ severity: 'error', message: 'e', cells: [`${S}!B5`] }),
      ],
      {
        notesOnFirstCell: true,
        merges,
      },
    );
    expect(shown(flags)).toEqual([['B5', 'error', note('提示：w', '错误：e')]]);
    // Without notesOnFirstCell the cell is flagged where the finding names it.
    expect(
      shown(flagsForSheet(S, [finding({ severity: 'warning', message: 'w', cells: [`${S}!C6`] })], { merges })),
    ).toEqual([['C6', 'warning', note('提示：w')]]);
  });

  test('each finding gets its note even when another finding noted the same cell', () => {
    const flags = flagsForSheet(
      S,
      [
        finding({ severity: 'warning', message: 'a', cells: [`${S}!B2:B3`] }),
        finding({ severity: 'error', message: 'b', cells: [`${S}!B3:B4`] }),
      ],
      {
        notesOnFirstCell: true,
      },
    );
    expect(shown(flags)).toEqual([
      ['B2', 'warning', note('提示：a')],
      ['B3', 'error', note('错误：b')],
      ['B4', 'error', ''],
    ]);
  });

  test('a range is bounded: at most 5000 rows and 50 columns of it are flagged', () => {
    const tall = flagsForSheet(S, [finding({ severity: 'warning', message: 'w', cells: [`${S}!A1:A6000`] })]);
    expect(tall).toHaveLength(5000);
    expect(tall[tall.length - 1]!.row).toBe(4999);
    const wide = flagsForSheet(S, [finding({ severity: 'warning', message: 'w', cells: [`${S}!A1:CZ1`] })]);
    expect(wide).toHaveLength(50);
    expect(wide[wide.length - 1]!.col).toBe(49);
  });

  test('flags come in sheet order: by row, then by column', () => {
    const flags = flagsForSheet(S, [
      finding({ severity: 'error', message: 'a', cells: [`${S}!C9`] }),
      finding({ severity: 'error', message: 'b', cells: [`${S}!B9`] }),
      finding({ severity: 'error', message: 'c', cells: [`${S}!Z2`] }),
    ]);
    expect(shown(flags).map((f) => f[0])).toEqual(['Z2', 'B9', 'C9']);
  });

  test('a finding without cells flags nothing', () => {
    expect(flagsForSheet(S, [finding({ severity: 'error', message: 'x', cells: [] })])).toEqual([]);
  });
});

describe('combinedNote', () => {
  test('the user’s own note first, untouched, then a blank line and jixiao’s', () => {
    expect(combinedNote(' 我的备注\n第二行', note('错误：x'))).toBe(` 我的备注\n第二行\n\n${note('错误：x')}`);
  });
  test('no user note: jixiao’s alone', () => {
    expect(combinedNote(null, note('错误：x'))).toBe(note('错误：x'));
    expect(combinedNote('', note('错误：x'))).toBe(note('错误：x'));
  });
});

test('colours: Excel’s bad and neutral styles', () => {
  expect(FLAG_FILL).toEqual({ error: '#FFC7CE', warning: '#FFEB9C' });
  expect(FLAG_FONT).toEqual({ error: '#9C0006', warning: '#9C5700' });
  expect(NOTE_MARK).toBe('【绩效申报助手】');
});

describe('the 序号 of a flag, as the annotated copy prints and notes it', () => {
  it('numbers each cell’s findings by their place in the list; explained ones keep their number but flag nothing', () => {
    const list: Finding[] = [
      finding({ severity: 'warning', message: '甲', cells: [`${S}!C5`] }),
      finding({ severity: 'warning', message: '乙', cells: [`${S}!C6`], explained: true }),
      finding({ severity: 'error', message: '丙', cells: [`${S}!C5`] }),
    ];
    const [flag] = flagsForSheet('附件2', list, { numbered: true });
    expect(flag!.numbers).toEqual([1, 3]);
    expect(flag!.lines).toEqual(['〔1〕提示：甲', '〔3〕错误：丙']);
    expect(flagsForSheet('附件2', list)[0]!.lines).toEqual(['提示：甲', '错误：丙']);
  });

  it('a mark shortens runs and cuts a long list', () => {
    expect(numberTag([7])).toBe('7');
    expect(numberTag([4, 3])).toBe('3,4');
    expect(numberTag([3, 4, 5, 9])).toBe('3-5,9');
    expect(numberTag([101, 103, 105, 107, 109])).toBe('101,103,105…');
  });
});
