// Builds the command line (dist/) once for the whole run, before any test file starts. Test files that
// spawn the CLI call buildCli(), which then does nothing: rebuilding dist/ from one test file while another
// file's tests are running the CLI would swap the bundles (and the worker's code cache) under them.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  process.env.JIXIAO_CLI_BUILT = '1';
  // No test writes to the user's cache folder: the cache of last year's forms is off unless a test gives a folder
  // (tests/cli/previous-cache.test.ts).
  process.env.JIXIAO_CACHE_DIR = '';
};
