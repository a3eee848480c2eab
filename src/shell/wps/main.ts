/**
 * Entry of index.html, the add-in's hidden main page in WPS. It runs as a
 * classic script in <head>, so every ribbon callback is a global before WPS
 * parses ribbon.xml. The page lives as long as WPS runs.
 */
import './legacy-install';
import type { RibbonCallbacks } from './ribbon';
import { wpsRibbon } from './wiring';

declare global {
  interface Window {
    ribbon: RibbonCallbacks;
  }
}

window.ribbon = wpsRibbon(window);
