/**
 * Rewrites the rule list in docs/rules.md between <!-- rules:start --> and
 * <!-- rules:end --> from ALL_RULES' meta. Run: npm run docs:rules.
 * tests/rules/rule-docs.test.ts fails while the README is out of date.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderRuleTable, replaceRuleBlock } from '../src/rules/support/docs';
import { ALL_RULES } from '../src/rules/index';

const path = join(__dirname, '..', 'docs', 'rules.md');
const readme = readFileSync(path, 'utf8');
const next = replaceRuleBlock(readme, renderRuleTable(ALL_RULES));
if (next === null) {
  console.error('docs/rules.md has no <!-- rules:start --> … <!-- rules:end --> markers');
  process.exit(1);
}
if (next === readme) {
  console.log('docs/rules.md rule list is up to date');
} else {
  writeFileSync(path, next);
  console.log(`docs/rules.md rule list rewritten (${ALL_RULES.length} rules)`);
}
