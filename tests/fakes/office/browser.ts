/**
 * The fake Office.js as a page script: the headless pane test serves this in
 * place of office.js. The workbook starts with one empty sheet, like a new
 * Excel workbook; the test drives the user and inspects through window.__jixiao.
 */
import { createFakeOffice } from './index';

// taskpane.html#dark: Office in its dark (black) theme.
const fake = createFakeOffice({
  apiMinor: 18,
  sharedRuntime: true,
  theme: globalThis.location?.hash === '#dark' ? 'dark' : 'light',
});
fake.user.addSheet('Sheet1', [[null]]);

const w = globalThis as unknown as Record<string, unknown>;
w.Office = fake.Office;
w.Excel = fake.Excel;
w.__jixiao = fake;
