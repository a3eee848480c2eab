/**
 * Text output is one line per problem. A file name, sheet name or message
 * can hold any character a file system or a hostile workbook allows; these
 * keep it on its line and keep terminal escape codes out.
 */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escape(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A name (file, sheet, path) shown exactly: every control character written as an escape (a\nb → a\\nb). */
export function printableName(name: string): string {
  return name.replace(CONTROL, escape);
}

/** A message on one line: line breaks and tabs become a space, other control characters an escape. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029\t]+\s*/g, ' ').replace(CONTROL, escape);
}
