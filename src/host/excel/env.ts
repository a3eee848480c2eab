/**
 * What the Excel adapter needs from Office.js, passed in rather than taken
 * from globals so the adapter runs against a fake under jest and in the
 * headless pane test. officeEnv() wires the real `Excel` and `Office`.
 */

/** Office.context.document.settings, the part the adapter uses. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: string }) => void): void;
}

/** The `Office` namespace, the part the adapter uses. */
export interface OfficeLike {
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    document?: { settings?: DocumentSettings };
  };
}

/** The `Excel` namespace, the part the adapter uses. */
export interface ExcelLike {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Which newer API sets the running Excel has (feature detection, never version sniffing). */
export interface Features {
  /** ExcelApi 1.18: notes. */
  notes: boolean;
  /** ExcelApi 1.10: threaded comments. */
  comments: boolean;
  /** ExcelApi 1.8: data validation (dropdowns, input prompts). */
  validation: boolean;
  /** ExcelApi 1.9: worksheets.onChanged, RangeAreas (getRanges), pageLayout. */
  v19: boolean;
  /** ExcelApi 1.13: Range.getMergedAreasOrNullObject. */
  mergedAreas: boolean;
  /** ExcelApi 1.14: args.triggerSource, getItemOrNullObject on conditional formats. */
  triggerSource: boolean;
  /** ExcelApi 1.10: Worksheet.copy. */
  copySheet: boolean;
}

export interface ExcelEnv {
  /** Runs a batch; every batch waits while the user is editing a cell instead of failing. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  features: Features;
  settings: DocumentSettings | null;
}

export function makeEnv(excel: ExcelLike, office: OfficeLike): ExcelEnv {
  const has = (minor: number) => office.context.requirements.isSetSupported('ExcelApi', `1.${minor}`);
  return {
    run: (batch) => excel.run({ delayForCellEdit: true }, batch),
    features: {
      notes: has(18),
      comments: has(10),
      validation: has(8),
      v19: has(9),
      mergedAreas: has(13),
      triggerSource: has(14),
      copySheet: has(10),
    },
    settings: office.context.document?.settings ?? null,
  };
}

/** The real Office.js globals (only inside Office, after Office.onReady). */
export function officeEnv(): ExcelEnv {
  return makeEnv(Excel as unknown as ExcelLike, Office as unknown as OfficeLike);
}

/** How a flag's message is shown at the cell with this Excel. */
export type MessageKind = 'note' | 'comment' | 'prompt' | 'none';

export function messageKind(f: Features): MessageKind {
  if (f.notes) return 'note';
  if (f.comments) return 'comment';
  if (f.validation) return 'prompt';
  return 'none';
}

/** Whether an error came from Excel (a failed batch) rather than from our own code. */
export function isExcelError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as { name?: unknown; code?: unknown };
  return o.name === 'RichApi.Error' || typeof o.code === 'string';
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
