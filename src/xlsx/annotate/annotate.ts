/**
 * An annotated copy is the original package with jixiao's additions patched
 * in: the flagged cells' styles and notes in the form sheet, and the
 * 校验结果 sheet. Every part not named here is copied byte for byte, so page
 * setup, page breaks, print titles, headers and footers, drawings, images,
 * validations, conditional formats, names, widths, protection and the other
 * sheets stay exactly as they were.
 */
import type { Finding, Report } from '../../report/types';
import { CT_WORKSHEET, REL_WORKSHEET, type XlsxPackage } from '../package/package';
import { escapeXml, scanXml, spliceAll } from '../package/xml';
import { flagSheet } from './flags';
import { resultSheetXml } from './result-sheet';
import { RESULT_SHEET } from '../../report/sheets';
import { StylePatch } from './styles';

export interface AnnotateInput {
  /** The form sheet to flag, null to flag nothing. */
  sheet: string | null;
  findings: Finding[];
  /** The result sheet to add: the report, the checked file's name, and each rule's Chinese title by id. */
  result: { report: Report; source: string; ruleTitle(id: string): string } | null;
  /** Whether an existing sheet is jixiao's own earlier result sheet (replaced rather than kept). */
  isOwnResultSheet(name: string): boolean;
}

/** Children of a workbook that come after definedNames (ECMA-376 CT_Workbook order). */
const AFTER_DEFINED_NAMES = new Set([
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
]);

/** Patches the package; returns the name of the result sheet (or null when none was asked for). */
export function annotatePackage(pkg: XlsxPackage, input: AnnotateInput): string | null {
  const styles = new StylePatch(pkg);
  if (input.sheet !== null) {
    const entry = pkg.sheet(input.sheet);
    if (!entry) throw new Error(`工作表“${input.sheet}”不存在`);
    flagSheet(pkg, styles, input.sheet, entry.part, input.findings);
  }
  let name: string | null = null;
  if (input.result) name = addResultSheet(pkg, styles, input.result, input.isOwnResultSheet);
  styles.commit();
  return name;
}

function addResultSheet(
  pkg: XlsxPackage,
  styles: StylePatch,
  result: NonNullable<AnnotateInput['result']>,
  isOwn: (name: string) => boolean,
): string {
  const { report, source, ruleTitle } = result;
  const sheets = pkg.sheets();
  const taken = (n: string) => sheets.some((s) => s.name.toLowerCase() === n.toLowerCase());
  let name = RESULT_SHEET;
  let reuse: (typeof sheets)[number] | undefined;
  for (let i = 1; ; i++) {
    name = i === 1 ? RESULT_SHEET : `${RESULT_SHEET} (${i})`;
    const existing = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (existing && isOwn(existing.name)) {
      reuse = existing;
      name = existing.name;
      break;
    }
    if (!taken(name)) break;
  }
  const { xml, printTitles, filterRange } = resultSheetXml(report, source, styles.result(), name, ruleTitle);
  const wbPart = pkg.workbookPart();
  const text = pkg.readText(wbPart) ?? '';
  const els = scanXml(
    wbPart,
    text,
    (n, depth) => depth <= 1 || (depth === 2 && (n === 'sheet' || n === 'definedName')),
  );
  const root = els[0]!;
  const p = root.prefix;
  const sheetsEl = els.find((e) => e.depth === 1 && e.name === 'sheets');
  if (!sheetsEl || sheetsEl.selfClosing) throw new Error('工作簿没有工作表列表');
  const sheetEls = els.filter((e) => e.name === 'sheet' && e.parent === els.indexOf(sheetsEl));
  const edits: { at: number; end?: number; text: string }[] = [];
  let index: number;
  if (reuse) {
    pkg.write(reuse.part, xml);
    index = sheetEls.findIndex((e) => e.attributes.name === reuse.name);
  } else {
    const part = pkg.freePart('xl/worksheets/sheet', '.xml');
    pkg.write(part, xml);
    pkg.addContentType({ part }, CT_WORKSHEET);
    const relId = pkg.addRelationship(wbPart, REL_WORKSHEET, part);
    const sheetId = Math.max(0, ...sheetEls.map((e) => Number(e.attributes.sheetId) || 0)) + 1;
    const relPrefix = Object.entries(root.attributes).find(
      ([k, v]) => k.startsWith('xmlns:') && /relationships$/.test(v),
    )?.[0];
    const idAttr = relPrefix
      ? `${relPrefix.slice(6)}:id="${relId}"`
      : `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${relId}"`;
    edits.push({
      at: sheetsEl.closeStart,
      text: `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${idAttr}/>`,
    });
    index = sheetEls.length;
  }
  // Print titles (the header row on every page) and the filter's range, scoped to the sheet.
  const names = els.find((e) => e.depth === 1 && e.name === 'definedNames');
  const nameEls = names ? els.filter((e) => e.name === 'definedName' && e.parent === els.indexOf(names)) : [];
  const wanted: [string, string, boolean][] = [
    ['_xlnm.Print_Titles', printTitles, false],
    ['_xlnm._FilterDatabase', filterRange, true],
  ];
  const add: string[] = [];
  for (const [n, ref, hidden] of wanted) {
    const old = nameEls.find((e) => e.attributes.name === n && e.attributes.localSheetId === String(index));
    const el = `<${p}definedName name="${n}" localSheetId="${index}"${hidden ? ' hidden="1"' : ''}>${escapeXml(ref)}</${p}definedName>`;
    if (old) edits.push({ at: old.start, end: old.end, text: el });
    else add.push(el);
  }
  if (add.length) {
    if (names && !names.selfClosing) edits.push({ at: names.closeStart, text: add.join('') });
    else if (names)
      edits.push({ at: names.start, end: names.end, text: `<${p}definedNames>${add.join('')}</${p}definedNames>` });
    else {
      const after = els.find((e) => e.depth === 1 && AFTER_DEFINED_NAMES.has(e.name));
      edits.push({
        at: after ? after.start : root.closeStart,
        text: `<${p}definedNames>${add.join('')}</${p}definedNames>`,
      });
    }
  }
  pkg.write(wbPart, spliceAll(text, edits));
  return name;
}
