/**
 * The command line bundles its libraries (ExcelJS among them) into dist/, and Node prints a
 * DeprecationWarning in English to stderr when code outside node_modules calls `new Buffer()`, as
 * ExcelJS's writer does. A finance officer's terminal and a script reading stderr get Chinese
 * messages only (docs/cli.md): Node's deprecation notices, meant for developers, are turned off in
 * the command line's threads. Imported first by main.ts and check-worker.ts.
 */
process.noDeprecation = true;
export {};
