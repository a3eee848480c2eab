/**
 * Starting the pane in Excel's shared runtime: one session, the ribbon's
 * functions, the pane, and ONE check of what the user is looking at. The pane
 * becoming visible again later (the user closed and reopened it) checks again;
 * the visibility event Office raises while the pane first opens does not add a
 * second check.
 */
import { runtimeSession } from '../../app/runtime';
import { registerCommands, type OfficeCommandsApi } from './commands';
import type { Host } from '../../host/types';
import { mountPane } from '../../ui/mount';
import { paneTheme, type HostColors } from '../../ui/theme';
import type { Theme } from '@fluentui/react-components';

/** The part of `Office.context.document` the start-up uses (addHandlerAsync, for the theme). */
interface DocumentEvents {
  addHandlerAsync?(
    eventType: Office.EventType,
    handler: (args: unknown) => void,
    callback?: (result: Office.AsyncResult<void>) => void,
  ): void;
  settings?: unknown;
}

/** The part of the `Office` namespace the start-up uses. */
export interface OfficeStartApi extends OfficeCommandsApi {
  context: OfficeCommandsApi['context'] & { officeTheme?: HostColors | null; document?: DocumentEvents };
  EventType?: { OfficeThemeChanged?: Office.EventType };
  addin?: OfficeCommandsApi['addin'] & {
    onVisibilityModeChanged?(handler: (args: { visibilityMode: string }) => void): Promise<unknown>;
  };
}

export function startPane(office: OfficeStartApi, root: HTMLElement, makeHost: () => Host): void {
  const session = runtimeSession(makeHost);
  registerCommands(office, () => session);
  mountPane(root, session, {
    theme: paneTheme(office.context.officeTheme),
    followTheme: (apply) => followOfficeTheme(office, apply),
  });
  void session.validate(undefined, { auto: true });
  if (office.addin?.onVisibilityModeChanged && office.context.requirements.isSetSupported('SharedRuntime', '1.1')) {
    // The pane is visible now; only a change from hidden back to the pane asks for a new check.
    let mode = 'Taskpane';
    void office.addin.onVisibilityModeChanged((args) => {
      const was = mode;
      mode = args.visibilityMode;
      if (mode === 'Taskpane' && was !== 'Taskpane') void session.validate(undefined, { auto: true });
    });
  }
}

/** How often the pane looks at Office's theme while it is shown (a property read: no round trip). */
export const THEME_POLL_MS = 2000;

/**
 * Follows Office's theme while the pane is open. For Excel, Office documents `Office.context.officeTheme`
 * but no change event: `Office.EventType.OfficeThemeChanged` is documented for Outlook (Mailbox 1.14)
 * only. So the theme is read again when the pane gets the focus or becomes visible, and every
 * THEME_POLL_MS while it is visible; where Office does raise OfficeThemeChanged on the document, that
 * is listened to as well (a refused registration is harmless).
 */
export function followOfficeTheme(office: OfficeStartApi, apply: (theme: Theme) => void): () => void {
  const key = (c: HostColors | null | undefined) => `${c?.bodyBackgroundColor ?? ''}|${c?.bodyForegroundColor ?? ''}`;
  let last = key(office.context.officeTheme);
  const look = () => {
    const now = office.context.officeTheme;
    if (key(now) === last) return;
    last = key(now);
    apply(paneTheme(now));
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') look();
  };
  window.addEventListener('focus', look);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(onVisible, THEME_POLL_MS);
  const event = office.EventType?.OfficeThemeChanged;
  if (event && office.context.document?.addHandlerAsync) {
    try {
      office.context.document.addHandlerAsync(event, look, () => undefined);
    } catch {
      // Not offered for this host: focus, visibility and the poll still follow the theme.
    }
  }
  return () => {
    window.removeEventListener('focus', look);
    document.removeEventListener('visibilitychange', onVisible);
    window.clearInterval(timer);
  };
}
