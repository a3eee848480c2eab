/**
 * Property: patching random cells of a random sheet written by ExcelJS, then
 * reading the package back with ExcelJS, gives exactly the patched values
 * there and the old values everywhere else; merges survive.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { patchPackage, type CellPatch } from '../../src/xlsx/patch-cells';

type V = number | string | null;
const value: fc.Arbitrary<V> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('2025年', '  前 年', 'a<b>&"c"', '多行\n文字', ' 首尾空格 '),
);
const cell = fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 8 }));

function plain(v: ExcelJS.CellValue): V {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return JSON.stringify(v);
}

test('patched cells read back as written, every other cell as it was', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(cell, value), { maxLength: 40 }),
      fc.array(fc.tuple(cell, value), { minLength: 1, maxLength: 20 }),
      fc.boolean(),
      async (initial, edits, merge) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('表');
        const expected = new Map<string, V>();
        for (const [[r, c], v] of initial) {
          ws.getCell(r + 1, c + 1).value = v;
          ws.getCell(r + 1, c + 1).numFmt = '0.00';
          expected.set(`${r},${c}`, v === '' ? null : v);
        }
        if (merge) ws.mergeCells('K20:L21');
        wb.addWorksheet('另一张').getCell('A1').value = '不动';
        const bytes = Buffer.from(await wb.xlsx.writeBuffer());
        const patches = new Map<string, CellPatch>();
        for (const [[r, c], v] of edits) patches.set(`${r},${c}`, { row: r, col: c, kind: 'value', value: v });
        const out = await patchPackage(bytes, { sheet: '表', cells: [...patches.values()] });
        for (const [k, p] of patches) expected.set(k, p.value === '' ? null : (p.value as V));

        const back = new ExcelJS.Workbook();
        await back.xlsx.load(
          out.bytes.buffer.slice(out.bytes.byteOffset, out.bytes.byteOffset + out.bytes.byteLength) as ArrayBuffer,
        );
        const got = back.getWorksheet('表')!;
        for (let r = 0; r < 15; r++) {
          for (let c = 0; c < 9; c++) {
            const want = expected.get(`${r},${c}`) ?? null;
            const have = plain(got.getCell(r + 1, c + 1).value);
            if (have !== want)
              throw new Error(`${r},${c}: expected ${JSON.stringify(want)}, read ${JSON.stringify(have)}`);
            if (expected.has(`${r},${c}`) && initial.some(([[ir, ic]]) => ir === r && ic === c)) {
              if (got.getCell(r + 1, c + 1).numFmt !== '0.00') throw new Error(`${r},${c}: the number format was lost`);
            }
          }
        }
        if (merge && !got.getCell('K20').isMerged) throw new Error('the merge was lost');
        if (back.getWorksheet('另一张')!.getCell('A1').value !== '不动') throw new Error('the other sheet changed');
      },
    ),
    { numRuns: 60 },
  );
});
