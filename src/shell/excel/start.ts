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

/** The part of the `Office` namespace the start-up uses. */
export interface OfficeStartApi extends OfficeCommandsApi {
  context: OfficeCommandsApi['context'] & { officeTheme?: HostColors | null };
  addin?: OfficeCommandsApi['addin'] & {
    onVisibilityModeChanged?(handler: (args: { visibilityMode: string }) => void): Promise<unknown>;
  };
}

export function startPane(office: OfficeStartApi, root: HTMLElement, makeHost: () => Host): void {
  const session = runtimeSession(makeHost);
  registerCommands(office, () => session);
  mountPane(root, session, { theme: paneTheme(office.context.officeTheme) });
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
