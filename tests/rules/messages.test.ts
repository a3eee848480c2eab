/**
 * Every rule words its findings through its messages table (as ESLint's
 * meta.messages): a finding carries a message id of its rule's table and the
 * data the template was filled with, and the message is that template filled.
 */
import { check } from '../../src/check';
import type { Field } from '../../src/form/types';
import type { CellValue } from '../../src/sheet/grid';
import { ALL_RULES } from '../../src/rules/index';
import { placeholdersOf, renderMessage } from '../../src/rules/support/messages';
import type { Finding } from '../../src/report/types';
import { exampleForm, put, validForm } from '../helpers/form-builder';

test('every rule has a messages table of Chinese templates', () => {
  for (const r of ALL_RULES) {
    const ids = Object.keys(r.meta.messages);
    expect([r.meta.id, ids.length > 0]).toEqual([r.meta.id, true]);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(r.meta.messages[id]).toMatch(/[\u4e00-\u9fff]|^\{\w+\}$/);
    }
  }
});

/** Every Field of a form. */
function fieldsOf(o: unknown, out: Field[] = []): Field[] {
  if (!o || typeof o !== 'object') return out;
  if (Array.isArray(o)) {
    for (const x of o) fieldsOf(x, out);
    return out;
  }
  const f = o as Partial<Field>;
  if (f.ref && 'value' in f && 'formula' in f) out.push(f as Field);
  else for (const v of Object.values(o)) fieldsOf(v, out);
  return out;
}

test('every finding names a message of its rule, with exactly the data its template uses', () => {
  const findings: Finding[] = [...check(exampleForm()).findings];
  const n = fieldsOf(exampleForm()).length;
  for (let i = 0; i < n; i += 3) {
    for (const v of [null, '……', -1, 'abc', 1e9] as CellValue[]) {
      const form = exampleForm();
      put(fieldsOf(form)[i]!, v);
      findings.push(...check(form).findings);
    }
  }
  const used = new Set<string>();
  for (const f of findings) {
    const rule = ALL_RULES.find((r) => r.meta.id === f.rule)!;
    const template = rule.meta.messages[f.messageId!];
    expect([f.rule, f.messageId, template === undefined]).toEqual([f.rule, f.messageId, false]);
    expect(Object.keys(f.data ?? {}).sort()).toEqual(placeholdersOf(template!).sort());
    expect(renderMessage(template!, f.data)).toBe(f.message);
    used.add(`${f.rule}/${f.messageId}`);
  }
  // The variants reach most messages of most rules.
  expect(used.size).toBeGreaterThan(30);
});

describe('renderMessage', () => {
  test('fills each placeholder, once, without reading the data as a template', () => {
    expect(renderMessage('未填写“{name}”，{name}', { name: '{x}' })).toBe('未填写“{x}”，{x}');
    expect(renderMessage('第 {row} 行', { row: 12 })).toBe('第 12 行');
    expect(placeholdersOf('{a}{b}{a}')).toEqual(['a', 'b']);
  });
  test('a placeholder without data, or data the template does not use, is a bug that throws', () => {
    expect(() => renderMessage('未填写“{name}”', {})).toThrow(/name/);
    expect(() => renderMessage('未填写', { name: 'x' })).toThrow(/name/);
  });
  test('a rule that reports an unknown message id becomes a visible error finding', () => {
    ALL_RULES.push({
      meta: {
        id: 'test-bad-message',
        severity: 'warning',
        section: 'funding',
        title: '测试规则',
        description: '测试',
        messages: {},
      },
      check(ctx) {
        ctx.report({ severity: 'warning', messageId: 'nope', cells: [] });
      },
    });
    try {
      const mine = check(validForm()).findings.filter((f) => f.rule === 'test-bad-message');
      expect(mine.map((f) => [f.severity, f.message])).toEqual([
        [
          'error',
          '规则“测试规则”（test-bad-message）检查时程序出错，这项检查没有完成，本表可能还有未发现的问题；请把此文件反馈给开发者',
        ],
      ]);
    } finally {
      ALL_RULES.pop();
    }
  });
});
