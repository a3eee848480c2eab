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

/**
 * Which API sets above the manifest's floor the running Excel has (feature detection, never version
 * sniffing). The floor is ExcelApi 1.10: SharedRuntime 1.1, which the add-in needs, exists only there
 * (Office 2021, Microsoft 365, Excel on the web), so comments (1.10), data validation (1.8),
 * worksheets.onChanged and RangeAreas (1.9) are always there and are not asked for.
 */
export interface Features {
  /** ExcelApi 1.18: notes (else threaded comments, 1.10). */
  notes: boolean;
  /** ExcelApi 1.13: Range.getMergedAreasOrNullObject. */
  mergedAreas: boolean;
  /** ExcelApi 1.14: args.triggerSource, getItemOrNullObject on conditional formats. */
  triggerSource: boolean;
  /**
   * ExcelApi 1.20: the add-in's writes are undoable and `Excel.run({ mergeUndoGroup: true }, …)`
   * makes one undo step of a batch. Below it (every volume-licensed Office 2021/2024, older
   * Microsoft 365 builds) an add-in's write or settings save EMPTIES the user's undo stack.
   */
  undo: boolean;
}

export interface RunOptions {
  /**
   * Whether the batch may be one merged undo step (default true; only passed to Excel when it has
   * ExcelApi 1.20). Off for a batch with an API Excel cannot undo (Worksheet.copy), which Excel
   * would refuse inside a merged group with UndoNotSupported.
   */
  undoGroup?: boolean;
}

export interface ExcelEnv {
  /**
   * Runs a batch; every batch waits while the user is editing a cell instead of failing, and on
   * ExcelApi 1.20 is one undo step (mergeUndoGroup).
   */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions): Promise<T>;
  features: Features;
  settings: DocumentSettings | null;
}

export function makeEnv(excel: ExcelLike, office: OfficeLike): ExcelEnv {
  const has = (minor: number) => office.context.requirements.isSetSupported('ExcelApi', `1.${minor}`);
  const undo = has(20);
  return {
    run: async (batch, options = {}) => {
      const group = undo && options.undoGroup !== false;
      if (!group) return excel.run({ delayForCellEdit: true }, batch);
      try {
        return await excel.run({ delayForCellEdit: true, mergeUndoGroup: true }, batch);
      } catch (e) {
        // An API in the batch cannot be undone in this build: the batch runs again ungrouped.
        if (officeErrorCode(e) !== 'UndoNotSupported') throw e;
        return excel.run({ delayForCellEdit: true }, batch);
      }
    },
    features: {
      notes: has(18),
      mergedAreas: has(13),
      triggerSource: has(14),
      undo,
    },
    settings: office.context.document?.settings ?? null,
  };
}

/** The real Office.js globals (only inside Office, after Office.onReady). */
export function officeEnv(): ExcelEnv {
  return makeEnv(Excel, Office as unknown as OfficeLike);
}

/** How a flag's message is shown at the cell with this Excel. */
export type MessageKind = 'note' | 'comment';

export function messageKind(f: Features): MessageKind {
  return f.notes ? 'note' : 'comment';
}

/** The code of an Office.js error (RichApi.Error), or null for our own errors. */
export function officeErrorCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const o = e as { name?: unknown; code?: unknown };
  if (typeof o.code === 'string' && o.code) return o.code;
  return o.name === 'RichApi.Error' ? 'GeneralException' : null;
}

/** Whether an error came from Excel (a failed batch) rather than from our own code. */
export function isExcelError(e: unknown): boolean {
  return officeErrorCode(e) !== null;
}

/**
 * Errors that mean our record of the flags went stale (the user deleted one of our notes, a rule id
 * is gone after a reopen, a note appeared where we meant to add one): rebuilding the record from the
 * workbook and trying again can help. Protection, limits, a missing API or a busy Excel cannot be
 * repaired that way and are reported at once.
 */
export function isRepairable(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === 'ItemNotFound' || code === 'InvalidArgument' || code === 'InvalidOperation';
}

/** Chinese for Office's error codes (Office's own message is English). */
const OFFICE_ERRORS: Record<string, string> = {
  AccessDenied: '工作表受保护，Excel 不允许修改（可在“审阅”→“撤消工作表保护”后再试）',
  RequestPayloadSizeLimitExceeded: '数据量超过了 Excel 单次请求的上限（Excel 网页版为 5 MB）',
  ResponsePayloadSizeLimitExceeded: '数据量超过了 Excel 单次请求的上限（Excel 网页版为 5 MB）',
  PayloadTooLarge: '数据量超过了 Excel 单次请求的上限（Excel 网页版为 5 MB）',
  ItemNotFound: '找不到要操作的工作表或单元格（可能已被删除或改名）',
  ItemAlreadyExists: '同名的工作表或名称已经存在',
  InvalidArgument: 'Excel 不接受这个参数（地址或内容不符合要求）',
  InvalidOperation: 'Excel 当前不允许这个操作',
  InvalidOperationInCellEditMode: '单元格正处于编辑状态：请先按 Enter 或 Esc 结束编辑，再试一次',
  ApiNotFound: '当前 Excel 版本不支持这个功能（需要 Office 2021、Office 2024 或 Microsoft 365）',
  NotImplemented: '当前 Excel 版本不支持这个功能（需要 Office 2021、Office 2024 或 Microsoft 365）',
  Conflict: '其他人正在同时编辑这个工作簿，操作与他们的修改冲突，请稍后再试',
  ActivityLimitReached: 'Excel 暂时忙不过来（操作过于频繁），请稍后再试',
  RequestAborted: '请求被中止（网络中断或工作簿已关闭），请再试一次',
  ServiceNotAvailable: 'Excel 服务暂时不可用，请稍后再试',
  Unauthenticated: '登录已过期，请重新登录 Office 后再试',
  UnsupportedSheet: '这种工作表（如图表工作表或宏表）不支持此操作',
  GeneralException: 'Excel 处理请求时出错，请再试一次',
  UndoNotSupported: '这个操作在 Excel 中不能撤消，Excel 拒绝把它放进一步撤消中',
};

/** A Chinese sentence for an error: Office's codes translated, our own (already Chinese) messages as they are. */
export function officeErrorText(e: unknown): string {
  const code = officeErrorCode(e);
  if (code === null) return e instanceof Error ? e.message : String(e);
  return OFFICE_ERRORS[code] ?? `Excel 报告错误（${code}），请再试一次`;
}

export function errorText(e: unknown): string {
  return officeErrorText(e);
}
