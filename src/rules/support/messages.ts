/**
 * Rule messages, as ESLint's meta.messages: each rule names its messages by id
 * in `meta.messages` (id → Chinese template with {placeholders}); a finding
 * carries the id and the data, and the text is made here, once.
 */

import type { MessageData } from '../../report/types';

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholders a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  const out: string[] = [];
  for (let m = PLACEHOLDER.exec(template); m; m = PLACEHOLDER.exec(template)) {
    if (!out.includes(m[1]!)) out.push(m[1]!);
  }
  PLACEHOLDER.lastIndex = 0;
  return out;
}

/**
 * Fills a template. A placeholder without data, or data the template does not
 * use, is a bug in the rule: it throws, and check() turns the throw into a
 * visible error finding naming the rule.
 */
export function renderMessage(template: string, data: MessageData = {}): string {
  const { parts, used } = compiled(template);
  for (const key of used) {
    if (!(key in data)) throw new Error(`message placeholder {${key}} has no data`);
  }
  for (const key in data) {
    if (!used.includes(key)) throw new Error(`message data ${key} is not used by the template`);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += String(data[parts[i]!]) + parts[i + 1]!;
  return out;
}

/** Templates are a rule's constants: each is taken apart once (literal, key, literal, key, …, literal). */
const COMPILED = new Map<string, { parts: string[]; used: string[] }>();

function compiled(template: string): { parts: string[]; used: string[] } {
  let c = COMPILED.get(template);
  if (!c) {
    // split() keeps the captured keys at the odd places; PLACEHOLDER's own lastIndex is left alone.
    const parts = template.split(PLACEHOLDER);
    COMPILED.set(template, (c = { parts, used: [...new Set(parts.filter((_, i) => i % 2 === 1))] }));
  }
  return c;
}
