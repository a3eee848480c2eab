/**
 * Real forms damaged at random — the bundled example and a generated
 * template — never make readDeclaration or check throw, and every cell they
 * report lies on the sheet.
 */
import fc from 'fast-check';
import * as path from 'path';
import { XlsxHost } from '../../src/host/exceljs';
import { readDeclaration } from '../../src/read';
import type { Grid } from '../../src/sheet/grid';
import { buildTemplate } from '../../src/template';
import { applyEdits, edit } from './edits';
import { readAndCheck } from './invariants';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', '部门整体绩效目标申报表-示例.xlsx');
const RUNS = { numRuns: 200 };

let example: Grid;
let template: Grid;

beforeAll(async () => {
  const host = await XlsxHost.load(EXAMPLE);
  const [sheet] = await host.sheetNames();
  example = await host.readGrid(sheet!);
  const blank = XlsxHost.create();
  const name = await blank.createSheet(buildTemplate({ department: '某某县信访局', budgetYear: 2026, projectRows: 3 }));
  template = await blank.readGrid(name);
});

describe('edited forms', () => {
  it('the unedited sources are read as forms (so the edits start from a real form)', () => {
    expect(readDeclaration(example).form).toBe(true);
    expect(readDeclaration(template).form).toBe(true);
    expect(readAndCheck(example).report!.findings.length).toBeGreaterThan(0);
  });

  it('the example with 1–12 random edits: reading and checking never throw, findings are well-formed', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        readAndCheck(applyEdits(example, edits), { onSheet: false });
      }),
      RUNS,
    );
  });

  it('the example with 1–12 random edits: every reported cell lies inside the used range', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        readAndCheck(applyEdits(example, edits));
      }),
      RUNS,
    );
  });

  it('a generated template with random edits: no throw, well-formed findings, cells on the sheet', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        readAndCheck(applyEdits(template, edits));
      }),
      // The blank template yields some 300 findings per check: fewer runs keep the suite quick.
      { numRuns: 100 },
    );
  });

  it('many row deletions and insertions in a row: no throw, well-formed findings, cells on the sheet', () => {
    const rowEdit = edit.filter((e) => e.kind === 'deleteRow' || e.kind === 'insertRow');
    fc.assert(
      fc.property(fc.array(rowEdit, { minLength: 10, maxLength: 40 }), (edits) => {
        readAndCheck(applyEdits(example, edits));
      }),
      { numRuns: 100 },
    );
  });

  it('moving the whole example elsewhere on the sheet changes only the addresses', () => {
    const base = readAndCheck(example).report!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 12 }), (rows, cols) => {
        const moved = readAndCheck(applyEdits(example, [{ kind: 'shift', rows, cols }])).report;
        if (!moved) throw new Error(`moved by ${rows} rows, ${cols} columns, the example is no longer read as a form`);
        const key = (f: { rule: string; severity: string }) => `${f.rule}/${f.severity}`;
        const a = base.findings.map(key).sort();
        const b = moved.findings.map(key).sort();
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          throw new Error(`moved by ${rows}×${cols}: findings changed from ${a.join(',')} to ${b.join(',')}`);
        }
      }),
      { numRuns: 50 },
    );
  });
});
