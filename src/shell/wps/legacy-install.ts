/** Imported first by the WPS entries: the fill-ins must exist before any other module body runs. */
import { installLegacySupport } from './legacy';

installLegacySupport();
