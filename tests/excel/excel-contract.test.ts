import { runHostContract } from '../host/contract';
import { excelHarness } from './harness';

// Notes (Microsoft 365) and threaded comments (Office 2021/2024). Below ExcelApi 1.13 Excel cannot report
// merged areas at all, so the contract's merge check cannot hold there; excel-host.test.ts covers 1.7–1.9.
runHostContract('excel, ExcelApi 1.18 (notes)', async () => excelHarness({ apiMinor: 18 }));
runHostContract('excel, ExcelApi 1.14 (comments)', async () => excelHarness({ apiMinor: 14 }));
