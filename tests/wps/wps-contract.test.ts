import { runHostContract } from '../host/contract';
import { wpsHarness } from './harness';

runHostContract('wps (events raised inside the write)', async () => wpsHarness().harness);
runHostContract(
  'wps (events after the script yields, arguments swapped)',
  async () => wpsHarness({ eventDelivery: 'async', eventArgs: 'range-sheet' }).harness,
);
