/**
 * One file's piece of the output, made where the file was checked: a worker
 * renders its results, so the main thread only writes text (it would
 * otherwise parse and re-serialize every report).
 */
import { shownCounts } from '../../report/wording';
import { describeError } from '../errors';
import { jsonEntry } from './format-json';
import { formatFileText } from './format-text';
import type { FileResult } from '../result';

export interface RenderOptions {
  format: 'json' | 'text';
  color: boolean;
}

/** A result with its output made: `text` is its JSON entry (format json) or its text block (format text). */
export interface Rendered {
  rendered: true;
  text: string;
  /** For the run's counts and messages. Its report's findings are left out unless the worker was asked for them. */
  result: FileResult;
}

/**
 * The result's output. A result that cannot be written (a value JSON cannot hold, say) is reported as such
 * instead, so the document stays whole; `result` is then that report.
 */
export function renderResult(given: FileResult, opts: RenderOptions): { result: FileResult; text: string } {
  const make = (r: FileResult) =>
    opts.format === 'json' ? JSON.stringify(jsonEntry(r)) : formatFileText(r, { color: opts.color });
  try {
    return { result: given, text: make(given) };
  } catch (err) {
    const result: FileResult = {
      kind: 'unreadable',
      file: String(given.file),
      error: `内部错误：无法输出结果（${describeError(err)}）`,
    };
    return { result, text: make(result) };
  }
}

/** The result without its findings (they are in the text already): what crosses back to the main thread. */
export function withoutFindings(result: FileResult): FileResult {
  if (result.kind !== 'form') return result;
  // The counts people read (blanks apart) are taken before the findings go.
  return {
    ...result,
    shown: result.shown ?? shownCounts(result.report.findings),
    report: { ...result.report, findings: [] },
  };
}

/** The result itself, rendered or not. */
export function resultOf(r: FileResult | Rendered): FileResult {
  return 'rendered' in r ? r.result : r;
}
