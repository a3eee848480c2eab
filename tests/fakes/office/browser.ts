/**
 * The fake Office.js as a page script: the headless pane test serves this in
 * place of office.js. The workbook starts with one empty sheet, like a new
 * Excel workbook; the test drives the user and inspects through window.__jixiao.
 */
import { createFakeOffice } from './index';

// ?apiMinor=9 on the pane's URL plays an older Excel (the test of what the pane says when an API is missing).
const asked = Number(new URLSearchParams(globalThis.location?.search ?? '').get('apiMinor'));
const fake = createFakeOffice({ apiMinor: Number.isInteger(asked) && asked > 0 ? asked : 18, sharedRuntime: true });
fake.user.addSheet('Sheet1', [[null]]);

const w = globalThis as unknown as Record<string, unknown>;
w.Office = fake.Office;
w.Excel = fake.Excel;
w.__jixiao = fake;
