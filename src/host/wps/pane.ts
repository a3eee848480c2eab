/**
 * The task pane in WPS: Application.CreateTaskPane(url) makes one, `.Visible`
 * shows it. Its ID is kept in PluginStorage (shared by all pages of the add-in
 * for the WPS session) so the ribbon toggles the same pane instead of opening
 * a second one.
 */
import type { EtApplication, EtTaskPane } from './et';

export const PANE_ID_KEY = 'jixiao.taskpane.id';
export const PANE_TITLE = '绩效申报助手';
/** msoCTPDockPositionRight. */
const DOCK_RIGHT = 2;
const PANE_WIDTH = 380;

/** The pane created earlier in this WPS session, or null (never created, or closed for good). */
export function existingPane(app: EtApplication): EtTaskPane | null {
  const raw: unknown = app.PluginStorage.getItem(PANE_ID_KEY);
  const id = Number(raw);
  if (raw === undefined || raw === null || raw === '' || !Number.isFinite(id)) return null;
  try {
    return app.GetTaskPane(id) ?? null;
  } catch {
    // WPS throws for an ID whose pane is gone.
    return null;
  }
}

/** Shows the pane (creating it once), optionally on another page of the pane (a URL with a #view). */
export function showPane(app: EtApplication, url: string, navigate = false): EtTaskPane {
  let pane = existingPane(app);
  if (!pane) {
    pane = app.CreateTaskPane(url, PANE_TITLE);
    try {
      pane.DockPosition = DOCK_RIGHT;
      pane.Width = PANE_WIDTH;
    } catch {
      // Docking and width are cosmetic; some builds refuse them before the pane is visible.
    }
    app.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
  } else if (navigate) {
    pane.Navigate(url);
  }
  pane.Visible = true;
  return pane;
}

/** Opens the pane when hidden, hides it when shown. Returns whether it is visible now. */
export function togglePane(app: EtApplication, url: string): boolean {
  const pane = existingPane(app);
  if (pane && pane.Visible) {
    pane.Visible = false;
    return false;
  }
  showPane(app, url);
  return true;
}
