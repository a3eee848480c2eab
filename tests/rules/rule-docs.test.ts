import { readFileSync } from 'fs';
import { join } from 'path';
import { renderRuleTable, replaceRuleBlock, ruleBlock } from '../../src/rules/support/docs';
import { ALL_RULES } from '../../src/rules/index';

describe('the rule list in docs/rules.md', () => {
  test('is the one generated from the rules (run `npm run docs:rules` when this fails)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    expect(ruleBlock(readme)).toBe(`\n${renderRuleTable(ALL_RULES)}\n`);
  });

  test('has one row per rule, with its id and Chinese severity', () => {
    const table = renderRuleTable(ALL_RULES);
    const rows = table.split('\n').slice(2);
    expect(rows).toHaveLength(ALL_RULES.length);
    expect(rows[0]).toMatch(/^\| `funding-total` \| 强制性 \| 部门总体资金情况 \| /);
    expect(table).toContain('| `funding-balance` | 强制性 / 提示性 |');
    expect(table).toContain('| `indicator-history` | 提示性 | 年度绩效指标 |');
  });

  test('replacing keeps everything outside the markers', () => {
    const before = 'intro\n<!-- rules:start -->\nold\n<!-- rules:end -->\noutro\n';
    expect(replaceRuleBlock(before, 'NEW')).toBe('intro\n<!-- rules:start -->\nNEW\n<!-- rules:end -->\noutro\n');
    expect(replaceRuleBlock('no markers', 'NEW')).toBeNull();
    expect(ruleBlock('no markers')).toBeNull();
  });
});
