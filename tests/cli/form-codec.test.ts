/**
 * The compact text of last year's forms (src/cli/form-codec.ts), kept in the spool and the cache of
 * `jixiao check --previous`: whatever the reader makes of a form comes back deep-equal, on the example,
 * the filled template, edition B and typed variants on sheets whose names need quoting; and text that is
 * not such a form (a cache entry of the old plain-JSON format, garbage) is refused, never half-read.
 */
import * as path from 'path';
import fc from 'fast-check';
import { decodeForm, encodeForm } from '../../src/cli/form-codec';
import { a1 } from '../../src/sheet/ref';
import { openWorkbook, openWorkbookBytes } from '../../src/cli/xlsx-workbook';
import type { DeclarationForm } from '../../src/form/types';
import { findForm } from '../../src/read/find-form';
import { readDeclaration } from '../../src/read';
import type { CellValue } from '../../src/sheet/grid';
import { editionBForm } from '../editions/fixtures';
import { buildGrid } from '../helpers/grid-builder';
import { filledTemplate } from '../next/helpers';
import { typedForm, withJunkAround, type FormSpec } from '../read/fixtures';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');

function formOfSpec(spec: FormSpec, sheet: string): DeclarationForm {
  const read = readDeclaration(buildGrid(spec.rows, { sheet, merges: spec.merges, numFmt: spec.numFmt }));
  if (!read.form) throw new Error(read.reason);
  return read.declaration;
}

function roundTrip(form: DeclarationForm): DeclarationForm {
  return decodeForm(encodeForm(form));
}

test('the example comes back deep-equal, in under 30 % of the plain JSON', async () => {
  const choice = await findForm(await openWorkbook(EXAMPLE));
  if (!choice.form) throw new Error(choice.reason);
  const form = choice.read.declaration;
  expect(roundTrip(form)).toStrictEqual(form);
  expect(encodeForm(form).length).toBeLessThan(0.3 * JSON.stringify(form).length);
});

test('一级 and 二级 carried down over a merged group stay one cell, not a copy per row', async () => {
  const choice = await findForm(await openWorkbook(EXAMPLE));
  if (!choice.form) throw new Error(choice.reason);
  const form = choice.read.declaration;
  const back = roundTrip(form);
  const shared = (f: DeclarationForm) =>
    [f.longTermIndicators!, f.annualIndicators!].flatMap((t) =>
      t.rows.slice(1).map((r, i) => [r.level1 === t.rows[i]!.level1, r.level2 === t.rows[i]!.level2]),
    );
  expect(shared(back)).toEqual(shared(form));
  expect(shared(form).flat().filter(Boolean).length).toBeGreaterThan(0);
  // A row written with its own cells everywhere (nothing shared) comes back with its own cells.
  const rows = form.annualIndicators!.rows;
  rows[1] = { ...rows[1]!, level1: { ...rows[1]!.level1, ref: { ...rows[1]!.level1.ref } } };
  const again = roundTrip(form);
  expect(again).toStrictEqual(form);
  expect(again.annualIndicators!.rows[1]!.level1).not.toBe(again.annualIndicators!.rows[0]!.level1);
});

test('the filled template (formulas, number formats) comes back deep-equal', async () => {
  const choice = await findForm(openWorkbookBytes(await filledTemplate(2026)));
  if (!choice.form) throw new Error(choice.reason);
  const form = choice.read.declaration;
  expect(JSON.stringify(form)).toMatch(/"formula":"=/);
  expect(roundTrip(form)).toStrictEqual(form);
});

test('edition B comes back deep-equal', () => {
  const form = formOfSpec(editionBForm(), '附件2');
  expect(form.edition).toBe('hubei-b');
  expect(roundTrip(form)).toStrictEqual(form);
});

test('typed variants on sheets whose names need quoting come back deep-equal', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('申报表', 'My sheet', "it's", '2027年度 (2)', '附件2 '),
      fc.constantFrom('years' as const, 'bare' as const),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
      fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })),
      fc.array(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()), {
        maxLength: 6,
      }),
      (sheet, history, extraProjects, extraIndicators, shift, odd) => {
        const spec = withJunkAround(typedForm({ history, extraProjects, extraIndicators }), shift[0], shift[1]);
        // Odd values in a row of the form: numbers, text that looks like a number, empty text.
        const rows: CellValue[][] = spec.rows.map((r) => [...r]);
        odd.forEach((v, i) => {
          const row = rows[8 + i];
          if (row && row.length > 3) row[3] = v;
        });
        const form = formOfSpec({ ...spec, rows }, sheet);
        expect(form.sheet).toBe(sheet);
        expect(roundTrip(form)).toStrictEqual(form);
      },
    ),
    { numRuns: 40 },
  );
});

test('a cell of another sheet, or with an address of its own, keeps it; an error value survives', () => {
  const form = formOfSpec(typedForm(), '申报表');
  const title = form.header.title!;
  const elsewhere: DeclarationForm = {
    ...form,
    header: {
      ...form.header,
      title: { ...title, ref: { ...title.ref, sheet: '其他', address: '其他!Z9' } },
      department: form.header.department && {
        ...form.header.department,
        value: { error: '#REF!' },
        text: '#REF!',
        ref: { ...form.header.department.ref, address: 'somewhere odd' },
      },
    },
  };
  expect(roundTrip(elsewhere)).toStrictEqual(elsewhere);
});

test('text that is not an encoded form is refused', () => {
  const form = formOfSpec(typedForm(), '申报表');
  // The cache's format 1 held plain JSON; such an entry is never taken for an encoded one.
  expect(() => decodeForm(JSON.stringify(form))).toThrow();
  expect(() => decodeForm('')).toThrow();
  expect(() => decodeForm('null')).toThrow();
  expect(() => decodeForm('{"c":2,"s":"申报表","p":"申报表!","f":{"sheet":"申报表","x":{"@":["a",1,2]}}}')).toThrow();
  expect(() => decodeForm('{"c":2,"s":"申报表","p":"申报表!","f":[]}')).toThrow();
});

test('addresses are right across many forms and sheets, past what the decoder keeps, and beyond the last column', () => {
  const cells = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const k = from + i;
      return { '@': [Math.floor(k / 300), k % 300, `值${k}`] };
    });
  const decoded = (sheet: string, prefix: string, list: unknown[]) =>
    decodeForm(JSON.stringify({ c: 3, s: sheet, p: prefix, f: { sheet, cells: list } })) as unknown as {
      cells: { ref: { address: string; row: number; col: number } }[];
    };
  // 3 × 25,000 distinct cells over two sheets: more than the decoder keeps (50,000), decoded twice each.
  for (let round = 0; round < 2; round++) {
    for (const [sheet, prefix, from] of [
      ['附件2', '附件2!', 0],
      ["'My sheet'", "'My sheet'!", 0],
      ['附件2', '附件2!', 25_000],
    ] as const) {
      const form = decoded(sheet, prefix, cells(from, 25_000));
      for (const c of form.cells) expect(c.ref.address).toBe(`${prefix}${a1(c.ref.row, c.ref.col)}`);
      expect(form.cells).toHaveLength(25_000);
    }
  }
  // Beyond Excel's last column and row (only a damaged text holds such cells): still the cell's own address.
  const far = decoded('附件2', '附件2!', [
    { '@': [0, 16_384, 'x'] },
    { '@': [2_000_000, 3, 'y'] },
    { '@': [1, 0, 'z'] },
  ]);
  expect(far.cells.map((c) => c.ref.address)).toEqual(['附件2!XFE1', '附件2!D2000001', '附件2!A2']);
  expect(() => decodeForm('{"c":3,"s":"S","p":"S!","f":{"sheet":"S","x":{"@":[-1,0,"v"]}}}')).toThrow();
});
