/**
 * Which page checks live. The main page (index.html) and the task pane are
 * separate pages with separate JavaScript contexts, and hiding the pane keeps
 * its page, and its session, alive: both would otherwise react to every edit
 * and rewrite the same flags and jixiao_state. The rule, decided at each edit
 * from what both pages can read (the pane's Visible and PluginStorage):
 *  - while the add-in's pane is shown, the page currently loaded in it checks;
 *  - otherwise the main page does (for sheets checked from the ribbon).
 * A pane page claims the pane when it starts; a page left behind by a pane
 * that was deleted and created again no longer matches and stays quiet.
 * Each page's Session asks its gate (SessionOptions.checksLive) at every edit.
 */
import type { EtApplication } from '../../host/wps/et';
import { existingPane } from '../../host/wps/pane';

/** PluginStorage key: the token of the page now loaded in the add-in's pane. */
export const PANE_PAGE_KEY = 'jixiao.taskpane.page';

let counter = 0;

/** A token for this page (no crypto.randomUUID on the floor's engine; uniqueness per WPS session suffices). */
export function newPageToken(): string {
  counter++;
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}-${counter}`;
}

function paneShown(app: EtApplication): boolean {
  try {
    return Boolean(existingPane(app)?.Visible);
  } catch {
    return false;
  }
}

/** The pane page starting up: from now on it is the page in the add-in's pane. */
export function claimPane(app: EtApplication, token: string): void {
  try {
    app.PluginStorage.setItem(PANE_PAGE_KEY, token);
  } catch {
    // Without PluginStorage the pane cannot tell itself from an older pane page: it checks while shown.
  }
}

/** Whether the pane page with this token checks live now. */
export function paneChecksLive(app: EtApplication, token: string): boolean {
  let current: unknown;
  try {
    current = app.PluginStorage.getItem(PANE_PAGE_KEY);
  } catch {
    current = token;
  }
  return current === token && paneShown(app);
}

/** Whether the main page checks live now. */
export function mainChecksLive(app: EtApplication): boolean {
  return !paneShown(app);
}
