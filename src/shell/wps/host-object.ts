/**
 * The ET application a WPS add-in page talks to. WPS hands it to a page in one of three ways (public add-ins and
 * Kingsoft's own 2020-era templates use all of them): `window.Application`; a `window.wps` object whose
 * `EtApplication()` returns it; or `window.wps` being the application itself. Tried in that order.
 */
import type { EtApplication } from '../../host/wps/et';

export interface HostPage {
  Application?: unknown;
  wps?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  (typeof v === 'object' || typeof v === 'function') && v !== null;

/** The application as ET knows it: it has workbooks and makes task panes. */
function looksLikeEt(v: unknown): boolean {
  return isObject(v) && 'ActiveWorkbook' in v && 'CreateTaskPane' in v;
}

export function etApplication(page: HostPage): EtApplication | undefined {
  if (isObject(page.Application)) return page.Application as unknown as EtApplication;
  const wps = page.wps;
  if (!isObject(wps)) return undefined;
  if (typeof wps.EtApplication === 'function') {
    try {
      const app: unknown = (wps.EtApplication as () => unknown).call(wps);
      if (isObject(app)) return app as unknown as EtApplication;
    } catch {
      // A wps object whose EtApplication() fails (another component's page): try wps itself.
    }
  }
  return looksLikeEt(wps) ? (wps as unknown as EtApplication) : undefined;
}
