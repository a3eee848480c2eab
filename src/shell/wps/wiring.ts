/**
 * The main page's ribbon, wired to the WPS host and the shared Session. Kept
 * apart from main.ts (which only installs it on window) so tests can drive it
 * with a fake page.
 */
import { runtimeSession } from '../../app/runtime';
import { WpsHost } from '../../host/wps';
import type { EtApplication } from '../../host/wps/et';
import { etApplication } from './host-object';
import { mainChecksLive } from './live';
import { validateMessage } from './messages';
import { createRibbon, type RibbonCallbacks } from './ribbon';

/** What the wiring needs from the page it runs in. */
export interface PageLike {
  /** How WPS hands the page its application: window.Application, or window.wps (see host-object.ts). */
  Application?: unknown;
  wps?: unknown;
  location: { href: string };
  alert(message: string): void;
}

export function wpsRibbon(page: PageLike): RibbonCallbacks {
  const app = (): EtApplication | undefined => etApplication(page);
  return createRibbon({
    app,
    async validateActiveSheet(application) {
      const session = runtimeSession(() => new WpsHost(application), {
        checksLive: () => mainChecksLive(application),
      });
      return validateMessage(await session.validate());
    },
    paneUrl: () => new URL('taskpane.html', page.location.href).href,
    notify: (message) => page.alert(message),
  });
}
