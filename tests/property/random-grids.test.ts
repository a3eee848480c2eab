/**
 * Random grids never make readDeclaration or check throw, and whatever they
 * report points at cells of the sheet.
 */
import fc from 'fast-check';
import { findDeclaration } from '../../src/read';
import { randomGrid } from './arbitraries';
import { readAndCheck } from './invariants';

const RUNS = { numRuns: 200 };

describe('random grids', () => {
  it('readDeclaration and check never throw, and their findings are well-formed', () => {
    fc.assert(
      fc.property(randomGrid(60, 15), (grid) => {
        readAndCheck(grid, { onSheet: false });
      }),
      RUNS,
    );
  });

  it('every cell they report lies inside the used range', () => {
    fc.assert(
      fc.property(randomGrid(60, 15), (grid) => {
        readAndCheck(grid);
      }),
      RUNS,
    );
  });

  it('tiny grids, including empty and one-cell ones, are handled too', () => {
    fc.assert(
      fc.property(randomGrid(3, 3), (grid) => {
        readAndCheck(grid);
      }),
      RUNS,
    );
  });

  it('findDeclaration over several random sheets never throws and names one of them', () => {
    fc.assert(
      fc.property(fc.array(randomGrid(20, 8), { maxLength: 4 }), (grids) => {
        const result = findDeclaration(grids);
        const sheet = result.form ? result.declaration.sheet : result.sheet;
        if (grids.length > 0 && !grids.some((g) => g.sheet === sheet)) {
          throw new Error(`findDeclaration named sheet “${sheet}”, which was not given`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
