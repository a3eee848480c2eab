/**
 * The ribbon's functions (ExecuteFunction in manifest.xml). They run in the
 * shared runtime, so they drive the same Session as the pane: 校验本表 checks
 * the active sheet, flags it, selects the first problem and tells the counts
 * (as the pane's first line, shown without the user having to open it);
 * 生成申报表 opens the pane on the template form.
 */
import { findingCounts, shownCounts } from '../../report/wording';
import type { Session, ValidateResult } from '../../app/session';

/** Function names: the same strings as <FunctionName> in manifest.xml (a test checks both). */
export const COMMANDS = {
  validateSheet: 'validateSheet',
  openTemplateForm: 'openTemplateForm',
} as const;

interface CommandEvent {
  completed(): void;
}

/** The part of the `Office` namespace the commands use. */
export interface OfficeCommandsApi {
  actions: { associate(name: string, fn: (event: CommandEvent) => unknown): void };
  addin?: { showAsTaskpane(): Promise<void> };
  context: { requirements: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export function registerCommands(office: OfficeCommandsApi, session: () => Session): void {
  office.actions.associate(COMMANDS.validateSheet, (event) => complete(event, () => validateSheet(office, session())));
  office.actions.associate(COMMANDS.openTemplateForm, (event) =>
    complete(event, () => openTemplateForm(office, session())),
  );
}

/** Office waits for completed(); it must come even when the command fails. */
async function complete(event: CommandEvent, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    console.error('jixiao command failed', e);
  } finally {
    event.completed();
  }
}

/** The counts in one sentence. */
export function resultText(r: ValidateResult): string {
  if (r.error) return r.error;
  if (!r.form || !r.report) return `“${r.sheet}”不是部门整体绩效目标申报表：${r.reason ?? ''}`;
  const counts = findingCounts(shownCounts(r.report.findings));
  return r.report.summary.errors === 0
    ? `“${r.sheet}”校验完成：${counts}，可以提交。`
    : `“${r.sheet}”校验完成：${counts}。`;
}

export async function validateSheet(office: OfficeCommandsApi, session: Session): Promise<string> {
  // Feedback at once: the pane opens and says a check is running before the check has even started.
  session.showView('check');
  session.notify('正在校验当前工作表…');
  const shown = showPane(office).catch(() => undefined);
  const r = await session.validate();
  const first = r.report?.findings.find((f) => f.severity === 'error') ?? r.report?.findings.find((f) => !f.explained);
  if (first?.cells[0]) await session.select(first.cells[0]);
  const text = resultText(r);
  // One message per outcome: a failed check and a sheet that is not a form have their own place in
  // the pane, and so has the reason the cells are not marked; the notice tells only the counts.
  if (r.report) session.notify(text, r.report.summary.errors > 0 ? 'warning' : 'success');
  else session.dismissNotice();
  await shown;
  return text;
}

export async function openTemplateForm(office: OfficeCommandsApi, session: Session): Promise<void> {
  session.showView('template');
  await showPane(office);
}

async function showPane(office: OfficeCommandsApi): Promise<void> {
  if (office.addin && office.context.requirements.isSetSupported('SharedRuntime', '1.1')) {
    await office.addin.showAsTaskpane();
  }
}
