/**
 * The JSON output, a documented contract (README.md, “JSON 输出”):
 * {"files":[entry…],"summary":{…}}. Written as a stream, one entry per file as
 * it is checked, so a run over hundreds of files never holds them all.
 */
import { editionById } from '../../form/editions';
import { refText } from '../../sheet/cell-range';
import type { Finding, Summary } from '../../report/types';
import { runSummaryJson, type FileResult, type RunSummary } from '../result';

export interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  cells: string[];
  expected: string | null;
  explained: boolean;
  /** A cell left empty (待填写): counted under its severity in `summary`, shown apart in the text and the pane. */
  blank: boolean;
  explanation?: string;
  section: string;
  table?: 'longTerm' | 'annual';
  row?: number;
  fix?: { cell: string; value?: number | string; formula?: string };
  /** Valid values to choose one of, for `cell` (the pane's buttons). */
  choices?: { cell: string; values: string[] };
}

export interface JsonFileEntry {
  file: string;
  sheet: string | null;
  form: boolean;
  findings: JsonFinding[];
  summary: Summary;
  reason?: string;
  error?: string;
  budgetYear?: number | null;
  /** The edition read (forms only): "hubei-a" (current) or "hubei-b" (earlier), see docs/reader.md. */
  edition?: string;
  /** 部门（单位）名称 (forms only; null when blank). */
  department?: string | null;
  annotated?: string;
  annotateError?: string;
  /** About the choice of the form sheet: it is hidden, or other sheets read as forms too (Chinese). */
  notes?: string[];
  /** --previous only: last year's form compared with (its path), or null. */
  previous?: string | null;
  /** --previous only: why no form of last year was compared (Chinese). */
  previousNote?: string;
}

export function jsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells.map(refText),
    expected: f.expected ?? null,
    explained: f.explained,
    blank: f.blank === true,
    section: f.section,
  };
  if (f.explained && f.explanation !== undefined) out.explanation = f.explanation;
  if (f.table !== undefined) out.table = f.table;
  if (f.row !== undefined) out.row = f.row;
  if (f.fix) {
    const fix: NonNullable<JsonFinding['fix']> = { cell: refText(f.fix.cell) };
    if (f.fix.value !== undefined) fix.value = f.fix.value;
    if (f.fix.formula !== undefined) fix.formula = f.fix.formula;
    out.fix = fix;
  }
  if (f.choices) out.choices = { cell: refText(f.choices.cell), values: [...f.choices.values] };
  return out;
}

const NO_FINDINGS: Summary = { errors: 0, warnings: 0, explained: 0 };

export function jsonEntry(result: FileResult): JsonFileEntry {
  if (result.kind === 'unreadable') {
    return {
      file: result.file,
      sheet: null,
      form: false,
      findings: [],
      summary: { ...NO_FINDINGS },
      error: result.error,
      ...(result.previous === null ? { previous: null } : {}),
    };
  }
  if (result.kind === 'not-form') {
    return {
      file: result.file,
      sheet: result.sheet,
      form: false,
      findings: [],
      summary: { ...NO_FINDINGS },
      reason: result.reason,
      ...(result.previous === null ? { previous: null } : {}),
    };
  }
  const entry: JsonFileEntry = {
    file: result.file,
    sheet: result.sheet,
    form: true,
    findings: result.report.findings.map(jsonFinding),
    summary: { ...result.report.summary },
    budgetYear: result.report.options.budgetYear,
    edition: editionById(result.report.edition).id,
  };
  if (result.department !== undefined) entry.department = result.department;
  if (result.annotated !== undefined) entry.annotated = result.annotated;
  if (result.annotateError !== undefined) entry.annotateError = result.annotateError;
  if (result.notes !== undefined) entry.notes = result.notes;
  if (result.previous !== undefined) entry.previous = result.previous;
  if (result.previousNote !== undefined) entry.previousNote = result.previousNote;
  return entry;
}

/** The document piece by piece: begin(), entry() per file, end(); the pieces concatenate to valid JSON. */
export class JsonStream {
  private count = 0;

  begin(): string {
    return '{"files":[';
  }

  entry(result: FileResult): string {
    return this.entryText(JSON.stringify(jsonEntry(result)));
  }

  /** An entry already made (by the worker that checked the file): `JSON.stringify(jsonEntry(result))`. */
  entryText(json: string): string {
    const sep = this.count === 0 ? '\n' : ',\n';
    this.count++;
    return sep + json;
  }

  /** `problems`: arguments that named no file (a pattern matching nothing…); listed only when there are any. */
  end(run: RunSummary, problems: { path: string; problem: string }[] = []): string {
    const listed =
      problems.length > 0
        ? `,"problems":${JSON.stringify(problems.map((p) => ({ path: p.path, error: p.problem })))}`
        : '';
    return `${this.count === 0 ? '' : '\n'}]${listed},"summary":${JSON.stringify(runSummaryJson(run))}}\n`;
  }
}
