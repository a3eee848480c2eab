/**
 * The package keeps what it has read of workbook.xml and the relationship
 * parts; a change to any part must never leave it answering from before.
 */
import { readFileSync } from 'fs';
import { XlsxPackage, REL_WORKSHEET } from '../../src/xlsx/package/package';
import { EXAMPLE } from '../helpers/xlsx-package';

describe('the package forgets what it read when a part changes', () => {
  it('relationships and sheets follow writes, and the date system is read with the sheets', () => {
    const pkg = XlsxPackage.open(readFileSync(EXAMPLE));
    const wb = pkg.workbookPart();
    const before = pkg.relationships(wb).length;
    expect(pkg.sheets().map((s) => s.name)).toEqual(['附件2']);
    expect(pkg.date1904()).toBe(false);

    const id = pkg.addRelationship(wb, REL_WORKSHEET, 'xl/worksheets/sheet9.xml');
    expect(pkg.relationships(wb)).toHaveLength(before + 1);
    const text = pkg.readText(wb)!;
    pkg.write(
      wb,
      text
        .replace('<workbookPr', '<workbookPr date1904="1"')
        .replace('</sheets>', `<sheet name="新表" sheetId="9" r:id="${id}"/></sheets>`),
    );
    expect(pkg.sheets().map((s) => s.name)).toEqual(['附件2', '新表']);
    expect(pkg.date1904()).toBe(true);

    pkg.remove('xl/_rels/workbook.xml.rels');
    expect(pkg.relationships(wb)).toEqual([]);
    expect(pkg.sheets()).toEqual([]);
  });

  it('a relationship part that cannot be read fails every time it is asked for', () => {
    const pkg = XlsxPackage.open(readFileSync(EXAMPLE));
    const wb = pkg.workbookPart();
    pkg.write('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="a" Target="x"/><broken');
    expect(() => pkg.relationships(wb)).toThrow(/不是合格的 XML/);
    expect(() => pkg.relationships(wb)).toThrow(/不是合格的 XML/);
  });
});
