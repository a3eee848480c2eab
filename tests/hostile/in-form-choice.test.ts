/**
 * Issue 21, points 7 and 2: the form checked is the form a person sees, `next`
 * rolls that same sheet, and `next` drops only the sheets jixiao itself made
 * (recognised by their content), never a filer's sheet by its name alone.
 * Through the real command line.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { exampleParts, FORM_PART, setText, text, zipParts, type Parts } from '../helpers/xlsx-package';
import { buildCli } from '../cli/run-cli';
import { addFormCopy, expectChineseOnly, jixiaoMeasured, PEAK_RSS_BOUND, tempDir } from './in-support';

let tmp: string;

beforeAll(async () => {
  buildCli();
  tmp = await tempDir();
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function write(name: string, parts: Parts): Promise<string> {
  const file = path.join(tmp, name);
  await fs.writeFile(file, zipParts(parts));
  return file;
}

/** The form's XML with another department name in B4, so the output tells which copy was read. */
function formWithDepartment(parts: Parts, department: string): string {
  return text(parts, FORM_PART).replace(
    '<c r="B4" s="4" t="s"><v>5</v></c>',
    `<c r="B4" s="4" t="inlineStr"><is><t>${department}</t></is></c>`,
  );
}

interface Entry {
  sheet: string | null;
  form: boolean;
  department?: string | null;
  notes?: string[];
  summary: { errors: number };
}

function checkJson(file: string): { code: number | null; entry: Entry; stderr: string; maxRSS: number } {
  const r = jixiaoMeasured(['check', file, '--format', 'json'], tmp);
  const entry = (JSON.parse(r.stdout) as { files: Entry[] }).files[0]!;
  return { code: r.code, entry, stderr: r.stderr, maxRSS: r.maxRSS };
}

describe('which sheet is the form (issue 21 point 7)', () => {
  it('a very hidden copy "附件2 " placed before the visible 附件2 is not checked in its place, and is named', async () => {
    const parts = exampleParts();
    addFormCopy(parts, '附件2 ', { state: 'veryHidden', before: true, xml: formWithDepartment(parts, '隐藏副本') });
    const file = await write('hidden-first.xlsx', parts);
    const r = checkJson(file);
    expect(r.entry.sheet).toBe('附件2');
    expect(r.entry.department).toBe('阳新县信访局');
    expect(r.entry.summary.errors).toBe(6);
    expect(r.code).toBe(1);
    expect(r.entry.notes?.join('\n')).toMatch(/“附件2 ”（深度隐藏）/);
    expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);

    const text = jixiaoMeasured(['check', file], tmp);
    expect(text.stdout).toMatch(/注意：.*可见的工作表优先于隐藏的工作表/);
  });

  it('next rolls the visible form, not the hidden copy before it', async () => {
    const parts = exampleParts();
    addFormCopy(parts, '附件2 ', { state: 'hidden', before: true, xml: formWithDepartment(parts, '隐藏副本') });
    const file = await write('hidden-next.xlsx', parts);
    const out = path.join(tmp, 'hidden-next-2027.xlsx');
    const r = jixiaoMeasured(['next', file, out], tmp);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/由 2026 年度的工作表“附件2”生成/);
    expect(r.stdout).toMatch(/注意：.*“附件2 ”（隐藏）/);
    expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
  });

  it('when the only form is hidden, check and next say so', async () => {
    const parts = exampleParts();
    setText(parts, 'xl/workbook.xml', text(parts, 'xl/workbook.xml').replace('state="visible"', 'state="hidden"'));
    // A visible sheet that is not a form keeps the workbook valid.
    addFormCopy(parts, '说明', { xml: text(parts, FORM_PART).replace(/<sheetData>.*<\/sheetData>/s, '<sheetData/>') });
    const file = await write('only-hidden.xlsx', parts);
    const r = checkJson(file);
    expect(r.entry.sheet).toBe('附件2');
    expect(r.entry.notes?.join('\n')).toMatch(/“附件2”是隐藏的工作表/);
    const out = path.join(tmp, 'only-hidden-2027.xlsx');
    const n = jixiaoMeasured(['next', file, out], tmp);
    expect(n.code).toBe(0);
    expect(n.stdout).toMatch(/注意：申报表所在的工作表“附件2”是隐藏的工作表/);
  });

  it('two visible forms: the first is checked and the output names the second and why', async () => {
    const parts = exampleParts();
    addFormCopy(parts, '附件2（修改稿）', { xml: formWithDepartment(parts, '修改稿') });
    const file = await write('two-forms.xlsx', parts);
    const r = checkJson(file);
    expect(r.entry.sheet).toBe('附件2');
    expect(r.entry.notes).toEqual([
      '工作簿中有 2 张工作表像申报表：校验的是“附件2”（按工作表顺序取第一张），另有“附件2（修改稿）”（可见）未校验',
    ]);
    expectChineseOnly(r.stderr);
  });
});

describe('next drops only its own sheets (issue 21 point 2)', () => {
  const sheetNamesOf = async (file: string) => {
    const parts = unzipSync(await fs.readFile(file));
    const wb = strFromU8(parts['xl/workbook.xml']!);
    return [...wb.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]);
  };
  const sheetXml = (a1: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${a1}</t></is></c></row></sheetData></worksheet>`;

  it('a filer’s own 校验结果 and 校验说明 sheets are carried over; jixiao’s own are not', async () => {
    const parts = exampleParts();
    addFormCopy(parts, '校验结果', { xml: sheetXml('本单位自查结果：已逐项核对') });
    addFormCopy(parts, '校验说明', { xml: sheetXml('本单位情况说明') });
    const file = await write('own-result.xlsx', parts);
    const out = path.join(tmp, 'own-result-2027.xlsx');
    const r = jixiaoMeasured(['next', file, out], tmp);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/未带入/);
    expect(await sheetNamesOf(out)).toEqual(['附件2', '校验结果', '校验说明']);

    // jixiao's own 校验结果 (its title in A1) and a 校验说明 with its header row are still dropped.
    const own = exampleParts();
    addFormCopy(own, '校验结果', { xml: sheetXml('校验结果（绩效申报助手生成）') });
    addFormCopy(own, '校验说明', {
      xml: sheetXml('规则').replace(
        '</row>',
        '<c r="B1" t="inlineStr"><is><t>单元格</t></is></c><c r="C1" t="inlineStr"><is><t>说明</t></is></c></row>',
      ),
    });
    const ownFile = await write('jixiao-result.xlsx', own);
    const ownOut = path.join(tmp, 'jixiao-result-2027.xlsx');
    const o = jixiaoMeasured(['next', ownFile, ownOut], tmp);
    expect(o.code).toBe(0);
    expect(o.stdout).toMatch(/未带入：“校验结果”工作表、“校验说明”工作表/);
    expect(await sheetNamesOf(ownOut)).toEqual(['附件2']);
  });
});

describe('next on a workbook that is no form (issue 21 point 15)', () => {
  it('a review summary (审核汇总) is refused as what it is, not read as a form with 问题明细’s 预算年度', async () => {
    const form = await write('for-summary.xlsx', exampleParts());
    const summary = path.join(tmp, '审核汇总.xlsx');
    const check = jixiaoMeasured(['check', form, '--summary', summary], tmp);
    expect(check.code).toBe(1);
    const target = path.join(tmp, 'summary-2027.xlsx');
    const r = jixiaoMeasured(['next', summary, target], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `jixiao：${summary}：工作表“汇总”是绩效申报助手生成的审核汇总的“汇总”表，不是申报表`,
    ]);
    expect(r.stderr).not.toMatch(/预算年度|问题明细/);
    expectChineseOnly(r.stderr);
    await expect(fs.access(target)).rejects.toThrow();
    expect(r.maxRSS).toBeLessThan(PEAK_RSS_BOUND);
  });
});
