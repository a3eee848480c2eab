/**
 * The ribbon callbacks WPS looks up by global name (ribbon.xml: onLoad,
 * onAction, getImage, getEnabled). Each one is synchronous: WPS has been
 * reported to hide the whole tab when a callback returns a promise, so work
 * that takes time is started here and finishes on its own.
 */
import type { EtApplication } from '../../host/wps/et';
import { showPane, togglePane } from '../../host/wps/pane';

/** Control ids in ribbon.xml. */
export const BUTTONS = {
  validate: 'jixiaoValidate',
  pane: 'jixiaoPane',
  generate: 'jixiaoGenerate',
} as const;

/** Icons, relative to index.html. */
export const IMAGES: Record<string, string> = {
  [BUTTONS.validate]: 'images/validate.png',
  [BUTTONS.pane]: 'images/pane.png',
  [BUTTONS.generate]: 'images/generate.png',
};

/**
 * The pane opens on its template form with this hash (the pane entry reads
 * it). Each press adds a new suffix, so navigating a pane already at
 * "#generate-…" still raises hashchange.
 */
export const GENERATE_HASH = '#generate';

export interface RibbonControl {
  Id: string;
}

export interface RibbonDeps {
  /** window.Application, or undefined outside WPS. */
  app(): EtApplication | undefined;
  /** Checks the active sheet and flags it; resolves to the message for the user. */
  validateActiveSheet(app: EtApplication): Promise<string>;
  /** Absolute URL of the pane page. */
  paneUrl(): string;
  /** Shows a message (WPS shows alert() from the add-in's page as a dialog). */
  notify(message: string): void;
}

export interface RibbonCallbacks {
  OnAddinLoad(ribbonUI: unknown): boolean;
  OnAction(control: RibbonControl): void;
  GetImage(control: RibbonControl): string;
  GetEnabled(control: RibbonControl): boolean;
}

export function createRibbon(deps: RibbonDeps): RibbonCallbacks {
  let validating = false;
  let generateCount = 0;

  const withWorkbook = (fn: (app: EtApplication) => void): void => {
    const app = deps.app();
    if (!app) {
      deps.notify('绩效申报助手只能在 WPS 表格中使用。');
      return;
    }
    let hasWorkbook = false;
    try {
      hasWorkbook = Boolean(app.ActiveWorkbook);
    } catch {
      hasWorkbook = false;
    }
    if (!hasWorkbook) {
      deps.notify('请先打开或新建一个工作簿。');
      return;
    }
    fn(app);
  };

  const validate = (app: EtApplication): void => {
    if (validating) return;
    validating = true;
    deps
      .validateActiveSheet(app)
      .then(
        (message) => deps.notify(message),
        (err: unknown) => deps.notify(`校验没有完成：${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        validating = false;
      });
  };

  return {
    OnAddinLoad(ribbonUI: unknown): boolean {
      // The WPS templates keep the ribbon object on Application for later Invalidate() calls.
      const app = deps.app() as { ribbonUI?: unknown } | undefined;
      if (app && typeof app.ribbonUI !== 'object') {
        try {
          app.ribbonUI = ribbonUI;
        } catch {
          // Read-only in some builds; the add-in does not need it afterwards.
        }
      }
      return true;
    },
    OnAction(control: RibbonControl): void {
      try {
        switch (control?.Id) {
          case BUTTONS.validate:
            withWorkbook(validate);
            break;
          case BUTTONS.pane:
            withWorkbook((app) => togglePane(app, deps.paneUrl()));
            break;
          case BUTTONS.generate:
            withWorkbook((app) => showPane(app, `${deps.paneUrl()}${GENERATE_HASH}-${++generateCount}`, true));
            break;
          default:
            break;
        }
      } catch (err) {
        deps.notify(`操作没有完成：${err instanceof Error ? err.message : String(err)}`);
      }
    },
    GetImage(control: RibbonControl): string {
      return IMAGES[control?.Id] ?? IMAGES[BUTTONS.validate]!;
    },
    GetEnabled(): boolean {
      return true;
    },
  };
}
