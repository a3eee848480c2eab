/**
 * The Excel add-in's one page (shared runtime): the task pane and the ribbon
 * functions. An IE11 webview never gets here: taskpane.html shows its message
 * first (ie-check.js) and this bundle's syntax is beyond IE11 anyway.
 */
import { runtimeSession } from '../app/runtime';
import { registerCommands, type OfficeCommandsApi } from '../commands/commands';
import { ExcelHost, officeEnv } from '../host/excel';
import { mountPane } from '../ui/mount';

declare global {
  interface Window {
    jixiaoUnsupported?: boolean;
  }
}

function start(): void {
  if (window.jixiaoUnsupported) return;
  void Office.onReady((info) => {
    const root = document.getElementById('root');
    if (!root) return;
    if (info.host !== Office.HostType.Excel) {
      root.textContent = '绩效申报助手需要在 Excel 中运行。';
      return;
    }
    const session = runtimeSession(() => new ExcelHost(officeEnv()));
    registerCommands(Office as unknown as OfficeCommandsApi, () => session);
    mountPane(root, session);
    void session.validate();
    if (Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) {
      // The pane may be reopened later in the same runtime: check again what the user is looking at now.
      void Office.addin.onVisibilityModeChanged((args) => {
        if (args.visibilityMode === Office.VisibilityMode.taskpane) void session.validate();
      });
    }
  });
}

start();
