import { JsonStream, jsonEntry } from '../../src/cli/output/format-json';
import { formatFileText, formatRunText } from '../../src/cli/output/format-text';
import { addToSummary, emptyRunSummary, exitCode, type FileResult } from '../../src/cli/result';
import type { Finding, Report } from '../../src/report/types';
import { ref, refs } from '../helpers/refs';
import { finding } from '../helpers/findings';

function report(findings: Finding[]): Report {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const explained = findings.filter((f) => f.explained).length;
  return {
    sheet: 'Sheet1',
    findings,
    summary: { errors, warnings: findings.length - errors - explained, explained },
    options: {
      budgetYear: 2026,
      classifications: ['基本型'],
      tolerances: { amountDecimals: 2, unitSuspectTotal: 1000000 },
    },
  };
}

const shareError = finding({
  rule: 'funding-share',
  section: 'funding',
  message: '人员类项目支出占比 83.99% 与 314.72 ÷ 374.13 不符',
  cells: refs(['Sheet1!E11']),
  expected: '84.12%',
  fix: { cell: ref('Sheet1!E11'), value: 0.8412 },
});
const placeholder = finding({
  rule: 'text-placeholder',
  severity: 'warning',
  section: 'annualTasks',
  message: '年度工作任务仍含占位符“……”',
  cells: refs(['Sheet1!C16']),
});
const explained = finding({
  rule: 'indicator-consistency',
  severity: 'warning',
  section: 'annualIndicators',
  message: '“三公经费”变动率 年度值 100% 低于长期值 0%',
  cells: refs(['Sheet1!G60', 'Sheet1!G61', 'Sheet1!G62', 'Sheet1!G63']),
  table: 'annual',
  row: 60,
  explained: true,
  explanation: '上年基数为零',
});
const headerError = finding({
  rule: 'header-required',
  section: 'header',
  message: '填报人未填写',
  cells: refs(["'其他 表'!B3"]),
});

const form: FileResult = {
  kind: 'form',
  file: 'forms/信访局.xlsx',
  sheet: 'Sheet1',
  report: report([placeholder, explained, shareError, headerError]),
};

describe('text output', () => {
  const text = formatFileText(form, { color: false });

  it('folds repeated findings of one rule into one line that says where else (issue 19); expected values stay apart', () => {
    const costBasis = (row: number, cell: string): Finding =>
      finding({
        rule: 'indicator-cost-basis',
        messageId: 'notCost',
        severity: 'warning',
        section: 'annualIndicators',
        message: `年度绩效指标表第 ${row} 行却使用了“预算支出标准”：请改选`,
        cells: refs([`Sheet1!${cell}`]),
      });
    const shares = ['E11', 'E12', 'E13'].map((c, i) =>
      finding({ ...shareError, messageId: 'share', cells: refs([`Sheet1!${c}`]), expected: `8${i}.00%` }),
    );
    const many = ['H79', 'H80', 'H81', 'H85', 'H86', 'H87'].map((c, i) => costBasis(11 + i, c));
    const two = [costBasis(1, 'H60'), costBasis(2, 'H61')].map((f) => ({
      ...f,
      section: 'longTermIndicators' as const,
    }));
    const out = formatFileText({ ...form, report: report([...shares, ...many, ...two]) }, { color: false });
    const lines = out.split('\n');
    // Six of a kind: the first in full, then where the other five are.
    expect(lines.filter((l) => l.includes('预算支出标准') && l.includes('年度绩效指标表'))).toHaveLength(3);
    expect(out).toContain('H79  年度绩效指标表第 11 行却使用了“预算支出标准”');
    expect(out).toContain('同样的问题另有 5 处：H80、H81、H85、H86、H87（共 6 处）');
    // Each 占比 keeps its own line and its own expected value; two of a kind are not folded.
    for (const v of ['80.00%', '81.00%', '82.00%']) expect(out).toContain(`（应为：${v}）`);
    expect(out).toContain('H60  ');
    expect(out).toContain('H61  ');
    expect(out).not.toMatch(/另有 1 处/);
  });

  it('groups findings by section in form order, under a heading with the sheet', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('forms/信访局.xlsx（工作表：Sheet1）');
    const order = ['表头', '部门总体资金情况', '年度工作任务', '年度绩效指标'].map((s) => lines.indexOf(`  ${s}`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('长期绩效指标');
  });

  it('shows severity, cell without the heading sheet, message and expected value', () => {
    expect(text).toContain('    错误    E11  人员类项目支出占比 83.99% 与 314.72 ÷ 374.13 不符（应为：84.12%）');
    expect(text).toContain('    提示    C16  年度工作任务仍含占位符“……”');
    // A cell on another sheet keeps its sheet name.
    expect(text).toContain("'其他 表'!B3");
  });

  it('shows an explained warning as 已说明 with the explanation, at most three cells', () => {
    expect(text).toContain('    已说明  G60、G61、G62 等 4 处  “三公经费”变动率');
    expect(text).toContain('说明：上年基数为零');
  });

  it('ends each file with its summary line and has no colour codes', () => {
    expect(text).toContain('  错误 2 项，提示 1 项，已说明 1 项\n');
    expect(text).not.toContain('\u001b[');
  });

  it('colours severities when asked to', () => {
    expect(formatFileText(form, { color: true })).toContain('\u001b[31m错误');
  });

  it('never repeats an expected value the message already gives', () => {
    const said = finding({
      rule: 'funding-share',
      section: 'funding',
      message: '“人员类项目支出”占比应为 84.12%（314.72 ÷ 374.13 × 100），表中为 83.99%',
      cells: refs(['Sheet1!G11']),
      expected: '84.12%',
    });
    const basis = finding({
      rule: 'indicator-basis',
      section: 'longTermIndicators',
      message: '长期绩效指标第 43 行“绩效监控开展率”的指标值确定依据“预算支出”不在可选范围内，应为“预算支出标准”',
      cells: refs(['Sheet1!H43']),
      expected: '预算支出标准',
    });
    const out = formatFileText({ ...form, report: report([said, basis]) }, { color: false });
    expect(out).not.toContain('（应为：');
    expect(out).toContain('表中为 83.99%\n');
  });

  it('a reason that already says the workbook is no form is not prefixed with the same words', () => {
    const reason = '工作簿中没有部门整体绩效目标申报表（已查看工作表：“工资表”；未找到“部门总体资金情况”等栏目）';
    const out = formatFileText({ kind: 'not-form', file: 'x.xlsx', sheet: '工资表', reason }, { color: false });
    expect(out).toBe(`x.xlsx（工作表：工资表）\n  ${reason}\n\n`);
    expect(out.match(/部门整体绩效目标申报表/g)).toHaveLength(1);
  });

  it('a file name with line breaks or control characters cannot break the one-line-per-problem output', () => {
    const nasty = 'a\nb\r\u001b[31mc\u2028d\u0000.xlsx';
    const outs = [
      formatFileText({ ...form, file: nasty }, { color: false }),
      formatFileText({ kind: 'unreadable', file: nasty, error: '文件已损坏\n第二行' }, { color: false }),
      formatFileText({ kind: 'not-form', file: nasty, sheet: 'S\nT', reason: '工作表“S\nT”是空的' }, { color: false }),
    ];
    for (const out of outs) {
      // No control character but the line feeds the format itself puts between lines.
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
      const first = out.split('\n')[0]!;
      expect(first).toContain('a\\nb\\r\\u001b[31mc\\u2028d\\u0000.xlsx');
    }
    expect(outs[1]).toBe('a\\nb\\r\\u001b[31mc\\u2028d\\u0000.xlsx\n  无法读取：文件已损坏 第二行\n\n');
  });

  it('says why a workbook is not a form, or could not be read', () => {
    expect(
      formatFileText(
        { kind: 'not-form', file: 'x.xlsx', sheet: 'Sheet1', reason: '找不到“部门总体资金情况”' },
        { color: false },
      ),
    ).toBe('x.xlsx（工作表：Sheet1）\n  不是部门整体绩效目标申报表：找不到“部门总体资金情况”\n\n');
    expect(
      formatFileText({ kind: 'unreadable', file: 'y.xlsx', error: '不是有效的 .xlsx 文件' }, { color: false }),
    ).toBe('y.xlsx\n  无法读取：不是有效的 .xlsx 文件\n\n');
  });

  it('prints the run summary', () => {
    const run = emptyRunSummary();
    addToSummary(run, form);
    addToSummary(run, { kind: 'unreadable', file: 'y.xlsx', error: 'x' });
    addToSummary(run, { kind: 'not-form', file: 'z.xlsx', sheet: 'S', reason: 'r' });
    expect(formatRunText(run)).toBe(
      '共检查 3 个文件：有错误的 1 个，无法读取的 1 个，不是申报表的 1 个。合计错误 2 项，提示 1 项，已说明 1 项。\n',
    );
  });
});

describe('exit code', () => {
  it('is 0 without errors, 1 with errors, 2 when a file was unreadable or not annotated', () => {
    const clean = emptyRunSummary();
    addToSummary(clean, { ...form, report: report([placeholder]) });
    expect(exitCode(clean, 0)).toBe(0);
    const withErrors = emptyRunSummary();
    addToSummary(withErrors, form);
    expect(exitCode(withErrors, 0)).toBe(1);
    expect(exitCode(withErrors, 1)).toBe(2);
    addToSummary(withErrors, { kind: 'unreadable', file: 'y.xlsx', error: 'x' });
    expect(exitCode(withErrors, 0)).toBe(2);
  });
});

describe('JSON output', () => {
  it('an entry follows the documented shape', () => {
    const entry = jsonEntry(form);
    expect(entry).toMatchObject({ file: 'forms/信访局.xlsx', sheet: 'Sheet1', form: true, budgetYear: 2026 });
    expect(entry.summary).toEqual({ errors: 2, warnings: 1, explained: 1 });
    expect(entry.findings[2]).toEqual({
      rule: 'funding-share',
      severity: 'error',
      message: '人员类项目支出占比 83.99% 与 314.72 ÷ 374.13 不符',
      cells: ['Sheet1!E11'],
      expected: '84.12%',
      explained: false,
      blank: false,
      section: 'funding',
      fix: { cell: 'Sheet1!E11', value: 0.8412 },
    });
    expect(entry.findings[0]!.expected).toBeNull();
    expect(entry.findings[1]).toMatchObject({ explained: true, explanation: '上年基数为零', table: 'annual', row: 60 });
  });

  it('the streamed pieces form one valid document, also with no files', () => {
    const s = new JsonStream();
    const doc =
      s.begin() +
      s.entry(form) +
      s.entry({ kind: 'unreadable', file: 'bad.xlsx', error: '不是有效的 .xlsx 文件' }) +
      s.entry({ kind: 'not-form', file: 'other.xlsx', sheet: 'Sheet1', reason: '不是申报表' }) +
      s.end(emptyRunSummary());
    const parsed = JSON.parse(doc) as { files: Record<string, unknown>[] };
    expect(parsed.files).toHaveLength(3);
    expect(parsed.files[1]).toEqual({
      file: 'bad.xlsx',
      sheet: null,
      form: false,
      findings: [],
      summary: { errors: 0, warnings: 0, explained: 0 },
      error: '不是有效的 .xlsx 文件',
    });
    expect(parsed.files[2]).toMatchObject({ form: false, findings: [], reason: '不是申报表' });
    const empty = new JsonStream();
    expect(JSON.parse(empty.begin() + empty.end(emptyRunSummary()))).toMatchObject({ files: [] });
  });
});
