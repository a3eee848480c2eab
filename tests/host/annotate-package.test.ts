/**
 * An annotated copy is the original package plus the flags, nothing lost:
 * every part the flags do not touch is byte for byte the original's, and each
 * touched part, with exactly what annotation adds taken out again, is the
 * original text. The original here has what load-and-save used to lose or
 * could lose: manual page breaks, page setup, header and footer, print titles
 * and area, an image, a user's note (on a flagged cell and on another),
 * validations, conditional formats, names, widths, protection, another sheet.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { FLAG_FILL, NOTE_MARK } from '../../src/report/flags';
import { PackageWorkbook } from '../../src/host/file/index';
import { RESULT_HEADER_ROW, RESULT_LEGEND, RESULT_TITLE } from '../../src/xlsx/annotate/result-sheet';
import { MARK_NAME } from '../../src/xlsx/annotate/number-marks';
import { checkWorkbook } from '../../src/cli/check-file';
import { EXAMPLE } from '../helpers/xlsx-package';
import { refText } from '../../src/sheet/cell-range';
import type { Finding } from '../../src/report/types';

const LOGO = path.resolve(__dirname, '..', '..', 'assets', 'logo-64.png');

/** The example with everything a department's file may carry, saved by ExcelJS (as the original, not the copy). */
async function richOriginal(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  const ws = wb.worksheets[0]!;
  ws.getCell('G11').note = '用户自己的批注：占比按决算口径';
  ws.getCell('B4').note = '另一条用户批注';
  const img = wb.addImage({ buffer: readFileSync(LOGO) as unknown as ExcelJS.Buffer, extension: 'png' });
  ws.addImage(img, { tl: { col: 9.5, row: 1 }, ext: { width: 64, height: 64 } });
  ws.getCell('H20').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  ws.addConditionalFormatting({
    ref: 'D8:D12',
    rules: [
      {
        type: 'cellIs',
        operator: 'lessThan',
        formulae: ['0'],
        priority: 1,
        style: { font: { color: { argb: 'FFFF0000' } } },
      },
    ],
  });
  ws.pageSetup.printTitlesRow = '1:3';
  ws.headerFooter.oddHeader = '&C部门整体绩效目标申报表';
  ws.getColumn(9).width = 31;
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  wb.definedNames.add("'附件2'!$B$4", '单位名称');
  const other = wb.addWorksheet('附表');
  other.getCell('A1').value = '其他内容';
  other.getCell('B2').value = { formula: 'A1&"!"', result: '其他内容!' };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Annotated {
  before: Record<string, Uint8Array>;
  after: Record<string, Uint8Array>;
  findings: Finding[];
}

let result: Annotated;

beforeAll(async () => {
  const original = await richOriginal();
  const wb = PackageWorkbook.open(original);
  const saved: Uint8Array[] = [];
  const spy = Object.assign(Object.create(wb) as PackageWorkbook, {
    async save(this: PackageWorkbook) {
      saved.push(this.annotatedBytes());
    },
  });
  const r = await checkWorkbook('原件.xlsx', spy, { annotateTo: '/dev/null/never-written.xlsx' });
  // saveReplacing renames the temp file; here save() only captures the bytes, so the rename fails harmlessly.
  if (r.kind !== 'form') throw new Error('not read as a form');
  expect(saved).toHaveLength(1);
  result = { before: unzipSync(original), after: unzipSync(saved[0]!), findings: r.report.findings };
});

const s = (parts: Record<string, Uint8Array>, name: string) => strFromU8(parts[name]!);

const TOUCHED = new Set([
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/styles.xml',
  'xl/worksheets/sheet1.xml',
  'xl/comments1.xml',
  'xl/drawings/vmlDrawing1.vml',
  // The sheet's drawing (it holds the user's image) gains the printed 序号 marks.
  'xl/drawings/drawing1.xml',
]);

describe('an annotated copy keeps the original', () => {
  it('every part the flags do not touch is byte-identical, and no part is lost', () => {
    const { before, after } = result;
    for (const name of Object.keys(before)) {
      expect(after[name]).toBeDefined();
      if (!TOUCHED.has(name))
        expect({ name, same: Buffer.compare(Buffer.from(after[name]!), Buffer.from(before[name]!)) === 0 }).toEqual({
          name,
          same: true,
        });
    }
    // The only new part is the 校验结果 sheet.
    expect(Object.keys(after).filter((n) => !(n in before))).toEqual(['xl/worksheets/sheet3.xml']);
  });

  it('the form sheet differs only by the flagged cells’ styles, the cells added to carry them, nothing else', () => {
    const { before, after } = result;
    const orig = s(before, 'xl/worksheets/sheet1.xml');
    let copy = s(after, 'xl/worksheets/sheet1.xml');
    const cellStyle = new Map<string, string | undefined>();
    for (const m of orig.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)\/?>/g))
      cellStyle.set(m[1]!, /\ss="(\d+)"/.exec(m[2]!)?.[1]);
    // Cells added only to carry a flag, then rows that only held them.
    copy = copy.replace(/<c r="([A-Z]+\d+)" s="\d+"\/>/g, (all, ref: string) => (cellStyle.has(ref) ? all : ''));
    copy = copy.replace(/<row r="\d+"><\/row>/g, '');
    // Styles back to the original's.
    copy = copy.replace(/<c r="([A-Z]+\d+)"([^>]*?)(\/?)>/g, (all, ref: string, attrs: string, close: string) => {
      const own = cellStyle.get(ref);
      const rest = attrs.replace(/\ss="\d+"/, own === undefined ? '' : ` s="${own}"`);
      return `<c r="${ref}"${rest}${close}>`;
    });
    expect(copy).toBe(orig);
  });

  it('a flagged cell keeps its font, borders, format and alignment, with jixiao’s fill', () => {
    const { before, after } = result;
    const xfs = (styles: string) =>
      /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf\b[\s\S]*?(?:\/>|<\/xf>)/g)!;
    const fills = (styles: string) =>
      /<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)![1]!.match(/<fill>[\s\S]*?<\/fill>/g)!;
    const oldXfs = xfs(s(before, 'xl/styles.xml'));
    const newXfs = xfs(s(after, 'xl/styles.xml'));
    const newFills = fills(s(after, 'xl/styles.xml'));
    expect(newXfs.slice(0, oldXfs.length)).toEqual(oldXfs);
    const style = (sheet: string, ref: string) =>
      Number(new RegExp(`<c r="${ref}"[^>]*?\\ss="(\\d+)"`).exec(sheet)?.[1] ?? 0);
    const share = result.findings.find((f) => f.cells[0] && refText(f.cells[0]) === '附件2!G11')!;
    expect(share.severity).toBe('error');
    const was = oldXfs[style(s(before, 'xl/worksheets/sheet1.xml'), 'G11')]!;
    const now = newXfs[style(s(after, 'xl/worksheets/sheet1.xml'), 'G11')]!;
    expect(now.replace(/\s(fillId|applyFill)="\d+"/g, '')).toBe(was.replace(/\s(fillId|applyFill)="\d+"/g, ''));
    const fillId = Number(/fillId="(\d+)"/.exec(now)![1]);
    expect(newFills[fillId]).toContain(`rgb="FF${FLAG_FILL.error.slice(1)}"`);
  });

  it('the user’s own notes stay, first and unchanged; jixiao’s note follows on the flagged cell', () => {
    const { before, after } = result;
    const orig = s(before, 'xl/comments1.xml');
    const copy = s(after, 'xl/comments1.xml');
    const comment = (xml: string, ref: string) =>
      new RegExp(`<comment ref="${ref}"[\\s\\S]*?</comment>`).exec(xml)?.[0] ?? '';
    const mine = comment(copy, 'G11');
    expect(mine.startsWith(comment(orig, 'G11').replace(/<\/text><\/comment>$/, ''))).toBe(true);
    expect(mine).toContain(NOTE_MARK);
    expect(comment(copy, 'B4')).toBe(comment(orig, 'B4'));
    // Each new note has its VML shape; the old shapes are all still there.
    const vmlBefore = s(before, 'xl/drawings/vmlDrawing1.vml');
    const vmlAfter = s(after, 'xl/drawings/vmlDrawing1.vml');
    for (const shape of vmlBefore.match(/<v:shape [\s\S]*?<\/v:shape>/g)!) expect(vmlAfter).toContain(shape);
    const notes = copy.match(/<comment /g)!.length;
    expect(vmlAfter.match(/ObjectType="Note"/g)!.length).toBe(notes);
  });

  it('the workbook, its relationships and content types only gain the 校验结果 sheet and its print titles', () => {
    const { before, after } = result;
    const wb = s(after, 'xl/workbook.xml')
      .replace(/<sheet name="校验结果" sheetId="\d+" r:id="rId\d+"\/>/, '')
      .replace(
        /<definedName name="_xlnm\.(Print_Titles|_FilterDatabase)" localSheetId="2"( hidden="1")?>[^<]*<\/definedName>/g,
        '',
      );
    expect(wb).toBe(s(before, 'xl/workbook.xml'));
    expect(s(after, 'xl/workbook.xml')).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">'校验结果'!$4:$4</definedName>`,
    );
    const rels = s(after, 'xl/_rels/workbook.xml.rels').replace(
      /<Relationship Id="rId\d+" Type="[^"]*\/worksheet" Target="worksheets\/sheet3\.xml"\/>/,
      '',
    );
    expect(rels).toBe(s(before, 'xl/_rels/workbook.xml.rels'));
    const types = s(after, '[Content_Types].xml').replace(
      '<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
      '',
    );
    expect(types).toBe(s(before, '[Content_Types].xml'));
  });

  it('the 校验结果 sheet prints on A4 landscape, fit to width, wrapped, header repeated, numbered pages, rule titles first and ids last', () => {
    const xml = s(result.after, 'xl/worksheets/sheet3.xml');
    expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toMatch(/<oddFooter>[^<]*&amp;P[^<]*&amp;N[^<]*<\/oddFooter>/);
    expect(xml).toContain(RESULT_TITLE);
    expect(xml).toContain('<t xml:space="preserve">funding-share</t>');
    // The rule's Chinese title leads (column C), its id comes last (column H), on the same row.
    expect(xml).toMatch(
      /<c r="C(\d+)" s="\d+" t="inlineStr"><is><t xml:space="preserve">[^<]*[\u4e00-\u9fff][^<]*<\/t><\/is><\/c>(?:(?!<\/row>)[\s\S])*<c r="H\1" s="\d+" t="inlineStr"><is><t xml:space="preserve">funding-share<\/t>/,
    );
    const styles = s(result.after, 'xl/styles.xml');
    const textStyle = Number(/<c r="F5" s="(\d+)"/.exec(xml)![1]);
    const xf = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf\b[\s\S]*?(?:\/>|<\/xf>)/g)![
      textStyle
    ]!;
    expect(xf).toContain('wrapText="1"');
  });

  it('ExcelJS opens the copy: the flags, the user’s note and the 校验结果 sheet are there', async () => {
    const wb = new ExcelJS.Workbook();
    const { zipSync } = await import('fflate');
    await wb.xlsx.load(Buffer.from(zipSync(result.after)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('附件2')!;
    const fill = ws.getCell('G11').fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe(`FF${FLAG_FILL.error.slice(1)}`);
    expect(JSON.stringify(ws.getCell('G11').note)).toContain('用户自己的批注');
    expect(wb.getWorksheet('校验结果')!.getCell('A1').value).toBe(RESULT_TITLE);
    expect(wb.getWorksheet('附表')!.getCell('A1').value).toBe('其他内容');
  });
});

/** jixiao's printed marks in a drawing part: the 序号 text, where it is anchored, and whether it is the error look. */
function numberMarks(
  drawing: string,
): { text: string; col: number; row: number; rowOff: number; black: boolean; dashed: boolean }[] {
  return [...drawing.matchAll(/<(\w+:)?oneCellAnchor>([\s\S]*?)<\/(\w+:)?oneCellAnchor>/g)]
    .map((m) => m[2]!)
    .filter((a) => a.includes(`name="${MARK_NAME}`))
    .map((a) => ({
      text: /<a:t>([^<]*)<\/a:t>/.exec(a)![1]!,
      col: Number(/<(?:\w+:)?col>(\d+)</.exec(a)![1]),
      row: Number(/<(?:\w+:)?row>(\d+)</.exec(a)![1]),
      rowOff: Number(/<(?:\w+:)?rowOff>(\d+)</.exec(a)![1]),
      black: /<\/a:prstGeom><a:solidFill><a:srgbClr val="000000"\/><\/a:solidFill><a:ln/.test(a),
      dashed: a.includes('<a:prstDash val="dash"/>'),
    }));
}

/** "3-5,9" → [3, 4, 5, 9]. */
function expand(tag: string): number[] {
  return tag.split(',').flatMap((t) => {
    const [a, b] = t.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, k) => a! + k);
  });
}

describe('flags that print in black and white', () => {
  it('each flagged finding’s 序号 is drawn once, on its first cell’s top border, black for an error and dashed for a 提示', () => {
    const { after, findings } = result;
    const marks = numberMarks(s(after, 'xl/drawings/drawing1.xml'));
    const shown = findings
      .map((f, i) => ({ f, n: i + 1 }))
      .filter(({ f }) => !f.explained && f.cells[0]?.sheet === '附件2');
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.some(({ f }) => f.severity === 'error') && shown.some(({ f }) => f.severity === 'warning')).toBe(true);
    for (const { f, n } of shown) {
      const on = marks.filter((m) => expand(m.text).includes(n));
      expect({ n, marks: on.length }).toEqual({ n, marks: 1 });
      const mark = on[0]!;
      const cell = f.cells[0]!;
      // On the top border: anchored in the row above, near its end.
      expect({ n, col: mark.col, row: mark.row }).toEqual({ n, col: cell.col, row: cell.row - 1 });
      expect(mark.rowOff).toBeGreaterThan(0);
    }
    for (const m of marks) {
      const error = expand(m.text).some((n) => findings[n - 1]!.severity === 'error');
      expect({ text: m.text, black: m.black, dashed: m.dashed }).toEqual({
        text: m.text,
        black: error,
        dashed: !error,
      });
    }
    // The user's picture is still in the drawing.
    expect(s(after, 'xl/drawings/drawing1.xml')).toContain(
      s(result.before, 'xl/drawings/drawing1.xml').match(
        /<(\w+:)?(one|two)CellAnchor[\s\S]*?<\/(\w+:)?(one|two)CellAnchor>/,
      )![0],
    );
  });

  it('a note starts each of its lines with the 序号 of the 校验结果 row that lists it', () => {
    const { after, findings } = result;
    const comments = s(after, 'xl/comments1.xml');
    const g11 = /<comment ref="G11"[\s\S]*?<\/comment>/.exec(comments)![0];
    const n = findings.findIndex((f) => f.cells[0] && refText(f.cells[0]) === '附件2!G11') + 1;
    expect(g11).toContain(`〔${n}〕错误：`);
    const sheet = s(after, 'xl/worksheets/sheet3.xml');
    expect(sheet).toMatch(
      new RegExp(`<c r="A${RESULT_HEADER_ROW + n}" s="\\d+"><v>${n}</v></c>(?:(?!</row>)[\\s\\S])*附件2!G11`),
    );
    expect(sheet).toContain(RESULT_LEGEND);
  });
});

describe('an annotated copy of a form without notes', () => {
  it('gains a comments part, a VML drawing and the legacyDrawing that links them; the sheet is otherwise the original', async () => {
    const original = readFileSync(EXAMPLE);
    const wb = PackageWorkbook.open(original);
    const saved: Uint8Array[] = [];
    const spy = Object.assign(Object.create(wb) as PackageWorkbook, {
      async save(this: PackageWorkbook) {
        saved.push(this.annotatedBytes());
      },
    });
    await checkWorkbook('原件.xlsx', spy, { annotateTo: '/dev/null/never-written.xlsx' });
    const before = unzipSync(original);
    const after = unzipSync(saved[0]!);
    expect(
      Object.keys(after)
        .filter((n) => !(n in before))
        .sort(),
    ).toEqual([
      'xl/comments1.xml',
      'xl/drawings/drawing1.xml',
      'xl/drawings/vmlDrawing1.vml',
      'xl/worksheets/_rels/sheet1.xml.rels',
      'xl/worksheets/sheet2.xml',
    ]);
    const orig = s(before, 'xl/worksheets/sheet1.xml');
    const copy = s(after, 'xl/worksheets/sheet1.xml');
    // Manual page breaks, page setup and footer are still there, and the drawing link sits where the schema wants it.
    expect(copy).toContain(
      '<rowBreaks count="2" manualBreakCount="2"><brk id="23" max="16838" man="1"/><brk id="64" max="16838" man="1"/></rowBreaks>',
    );
    expect(copy).toMatch(/<\/rowBreaks><drawing r:id="rId\d+"\/><legacyDrawing r:id="rId\d+"\/><\/worksheet>$/);
    const stripped = copy
      .replace(/<drawing r:id="rId\d+"\/><legacyDrawing r:id="rId\d+"\/>/, '')
      .replace(/(<c r="[A-Z]+\d+"[^>]*?)\ss="\d+"/g, '$1');
    expect(stripped).toBe(orig.replace(/(<c r="[A-Z]+\d+"[^>]*?)\ss="\d+"/g, '$1'));
    const rels = s(after, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain('Target="../comments1.xml"');
    expect(rels).toContain('Target="../drawings/vmlDrawing1.vml"');
    expect(rels).toContain('Target="../drawings/drawing1.xml"');
    expect(s(after, '[Content_Types].xml')).toContain('<Override PartName="/xl/comments1.xml"');
    expect(s(after, '[Content_Types].xml')).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
  });
});

describe('annotating a copy that was annotated before', () => {
  it('replaces jixiao’s notes and 校验结果 sheet instead of adding a second set; the user’s note stays', async () => {
    const once = zipSync(result.after);
    const wb = PackageWorkbook.open(once);
    const saved: Uint8Array[] = [];
    const spy = Object.assign(Object.create(wb) as PackageWorkbook, {
      async save(this: PackageWorkbook) {
        saved.push(this.annotatedBytes());
      },
    });
    await checkWorkbook('副本.xlsx', spy, { annotateTo: '/dev/null/never-written.xlsx' });
    const twice = unzipSync(saved[0]!);
    const comments = s(twice, 'xl/comments1.xml');
    const g11 = /<comment ref="G11"[\s\S]*?<\/comment>/.exec(comments)![0];
    expect(g11.split(NOTE_MARK)).toHaveLength(2);
    expect(g11.split('用户自己的批注')).toHaveLength(2);
    // The printed marks are replaced too, not drawn a second time.
    expect(numberMarks(s(twice, 'xl/drawings/drawing1.xml'))).toEqual(
      numberMarks(s(result.after, 'xl/drawings/drawing1.xml')),
    );
    expect(s(twice, 'xl/workbook.xml').match(/name="校验结果/g)).toHaveLength(1);
    expect(Object.keys(twice).sort()).toEqual(Object.keys(result.after).sort());
  });
});
