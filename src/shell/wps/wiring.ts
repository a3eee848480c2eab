/**
 * The main page's ribbon, wired to the WPS host and the shared Session. Kept
 * apart from main.ts (which only installs it on window) so tests can drive it
 * with a fake page.
 */
import { runtimeSession } from '../../app/runtime';
import { WpsHost } from '../../host/wps';
import type { EtApplication } from '../../host/wps/et';
import { mainChecksLive } from './live';
import { validateMessage } from './messages';
import { createRibbon, type RibbonCallbacks } from './ribbon';

/** What the wiring needs from the page it runs in. */
export interface PageLike {
  Application?: unknown;
  location: { href: string };
  alert(message: string): void;
}

export function wpsRibbon(page: PageLike): RibbonCallbacks {
  const app = (): EtApplication | undefined => page.Application as EtApplication | undefined;
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
