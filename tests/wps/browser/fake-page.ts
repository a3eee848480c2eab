/**
 * Browser bundle for the headless-Chromium test: the fake ET Application and
 * the example form, exposed on window before the add-in's scripts run.
 */
import { createFakeEt, wpsGlobal } from '../../fakes/wps';
import { loadExampleForm } from '../forms';

(window as unknown as { __jixiaoFake: unknown }).__jixiaoFake = { createFakeEt, loadExampleForm, wpsGlobal };
