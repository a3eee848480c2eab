/**
 * The Excel add-in's one page (shared runtime): the task pane and the ribbon
 * functions. An IE11 webview never gets here: taskpane.html shows its message
 * first (ie-check.js) and this bundle's syntax is beyond IE11 anyway.
 */
import { ExcelHost, officeEnv } from '../../host/excel';
import { startPane } from './start';

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
    // The host boundary: Office's typings are wider than the part startPane uses.
    startPane(Office, root, () => new ExcelHost(officeEnv()));
  });
}

start();
