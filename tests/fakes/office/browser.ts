/**
 * The fake Office.js as a page script: the headless pane test serves this in
 * place of office.js. The workbook starts with one empty sheet, like a new
 * Excel workbook; the test drives the user and inspects through window.__jixiao.
 */
import { createFakeOffice } from './index';

// taskpane.html#dark: Office in its dark (black) theme. A current Microsoft 365 (ExcelApi 1.20: the
// add-in's writes are undoable, so live checks mark the cells); the pane below 1.20 is tested in jsdom
// (tests/ui/pane-excel.test.tsx).
const fake = createFakeOffice({
  apiMinor: 20,
  sharedRuntime: true,
  theme: globalThis.location?.hash === '#dark' ? 'dark' : 'light',
});
fake.user.addSheet('Sheet1', [[null]]);

const w = globalThis as unknown as Record<string, unknown>;
w.Office = fake.Office;
w.Excel = fake.Excel;
w.__jixiao = fake;
