/**
 * src/rules holds one file per rule, named by its id, in a folder per family;
 * the rule contract is src/rules/rule.ts; the helpers rules share live in src/rules/support;
 * what rules report (findings, the report, wording, explanations) lives in src/report.
 */
import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { ALL_RULES } from '../../src/rules/index';
import type { Rule } from '../../src/rules/rule';

const RULES = join(__dirname, '..', '..', 'src', 'rules');

test('src/rules: index.ts, rule.ts, the support folder and family folders only', () => {
  for (const name of readdirSync(RULES)) {
    if (name === 'index.ts' || name === 'rule.ts') continue;
    expect(`${name} is a folder: ${statSync(join(RULES, name)).isDirectory()}`).toBe(`${name} is a folder: true`);
  }
});

test('each family file holds exactly one rule, the one its name gives, and ALL_RULES lists it', async () => {
  const families = readdirSync(RULES).filter((n) => n !== 'index.ts' && n !== 'rule.ts' && n !== 'support');
  const seen: string[] = [];
  for (const family of families) {
    for (const file of readdirSync(join(RULES, family))) {
      const mod = (await import(join(RULES, family, file))) as Record<string, unknown>;
      const rules = Object.values(mod).filter((v): v is Rule => typeof v === 'object' && v !== null && 'meta' in v);
      expect([file, rules.map((r) => r.meta.id)]).toEqual([file, [file.replace(/\.ts$/, '')]]);
      expect(ALL_RULES).toContain(rules[0]);
      seen.push(rules[0]!.meta.id);
    }
  }
  expect(seen.sort()).toEqual(ALL_RULES.map((r) => r.meta.id).sort());
});

test('the support folder holds no rule', async () => {
  for (const file of readdirSync(join(RULES, 'support'))) {
    const mod = (await import(join(RULES, 'support', file))) as Record<string, unknown>;
    const rules = Object.values(mod).filter((v) => typeof v === 'object' && v !== null && 'meta' in v && 'check' in v);
    expect([file, rules.length]).toEqual([file, 0]);
  }
});

test('the support folder holds only helpers: no finding/report types, explanations or wording', () => {
  expect(readdirSync(join(RULES, 'support')).filter((f) => /^(types|explanations|wording)\.ts$/.test(f))).toEqual([]);
});
