/** `--jobs N`: files checked at once; absent means one per core. */
import { parseArgs, UsageError } from '../../src/cli/args';

describe('--jobs', () => {
  it('takes a whole number from 1 to 64', () => {
    expect(parseArgs(['check', 'a.xlsx', '--jobs', '3'])).toMatchObject({ kind: 'check', jobs: 3 });
    expect(parseArgs(['check', 'a.xlsx', '--jobs=1'])).toMatchObject({ jobs: 1 });
    expect(parseArgs(['check', 'a.xlsx'])).not.toHaveProperty('jobs');
  });

  it.each(['0', '65', 'two', '1.5'])('refuses %s with a Chinese message', (v) => {
    expect(() => parseArgs(['check', 'a.xlsx', '--jobs', v])).toThrow(UsageError);
    expect(() => parseArgs(['check', 'a.xlsx', '--jobs', v])).toThrow(/--jobs/);
  });
});
