#!/usr/bin/env node
'use strict';
// The command line is bundled into dist/cli.js by `npm run build:cli` (run by `npm ci` through `prepare`).
const path = require('path');
const fs = require('fs');
const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('jixiao：找不到 dist/cli.js，请先运行 npm ci 或 npm run build:cli。\n');
  process.exit(2);
}
require(built).main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`jixiao：内部错误：${err && err.message ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
