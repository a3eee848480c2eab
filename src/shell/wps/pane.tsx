/**
 * Entry of taskpane.html in WPS: the same React pane as in Excel, over the
 * WPS host. The pane page gets its own `window.Application` (or `window.wps`, see host-object.ts); it runs its own
 * Session, which checks live only while this page is the one in the shown
 * pane (src/shell/wps/live.ts); otherwise the main page does. `#generate-<n>` in the URL opens the template form (ribbon: 生成申报表).
 */
import './legacy-install';
import { Session } from '../../app/session';
import { WpsHost } from '../../host/wps';
import { mountPane } from '../../ui/mount';
import { etApplication } from './host-object';
import { claimPane, newPageToken, paneChecksLive } from './live';
import { GENERATE_HASH } from './ribbon';

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const app = etApplication(window);
  if (!app) {
    root.textContent = '绩效申报助手需要在 WPS 表格中打开：请在 WPS 表格的“绩效申报”选项卡中点“打开助手”。';
    return;
  }
  const token = newPageToken();
  claimPane(app, token);
  const session = new Session(new WpsHost(app), { checksLive: () => paneChecksLive(app, token) });
  const followHash = () => {
    if (window.location.hash.startsWith(GENERATE_HASH)) session.showView('template');
  };
  followHash();
  window.addEventListener('hashchange', followHash);
  // The SheetChange listener must not outlive the page (WPS would call into a dead page).
  window.addEventListener('pagehide', () => session.dispose());
  mountPane(root, session);
  if (session.state.view === 'check') void session.validate();
}

start();
