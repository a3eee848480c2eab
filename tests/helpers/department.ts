/**
 * A form workbook with its 部门（单位）名称 set to another department's name: how tests, the benches and
 * scripts/docs-images.ts make a batch of several departments' forms out of the one bundled example.
 */
import { PackageWorkbook } from '../../src/host/file/index';
import { readDeclaration } from '../../src/read';
import { patchPackage } from '../../src/xlsx/patch-cells';

/** `bytes` (an .xlsx holding a form) with 部门（单位）名称 set to `name`; only that cell changes. */
export async function withDepartment(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const wb = PackageWorkbook.open(bytes);
  for (const sheet of await wb.sheetNames()) {
    const r = readDeclaration(await wb.readGrid(sheet));
    if (!r.form || !r.declaration.header.department) continue;
    const ref = r.declaration.header.department.ref;
    const out = await patchPackage(bytes, {
      sheet: r.declaration.sheet,
      cells: [{ row: ref.row, col: ref.col, kind: 'value', value: name }],
    });
    return out.bytes;
  }
  throw new Error('no 部门（单位）名称 cell in the workbook');
}
