import { defaultTemplateInput, readTemplateForm } from '../../src/app/template-form';
import { cellLabel, groupFindings } from '../../src/app/view';
import type { Finding, Report } from '../../src/report/types';
import { ref } from '../helpers/refs';
import { refText } from '../../src/sheet/cell-range';

const base = defaultTemplateInput(new Date(2025, 10, 26));

describe('the 生成申报表 form', () => {
  test('defaults: next budget year, horizon three years later, four project rows, common indicators', () => {
    expect(base).toMatchObject({ budgetYear: '2026', horizonYear: '2029', projectRows: '4', prefillCommon: true });
    const r = readTemplateForm({ ...base, department: ' 阳新县信访局 ' });
    expect(r).toEqual({
      ok: true,
      params: {
        department: '阳新县信访局',
        budgetYear: 2026,
        horizonYear: 2029,
        projectRows: 4,
        prefillCommon: true,
        filler: '',
        phone: '',
      },
    });
  });

  test('full-width digits are read as digits', () => {
    const r = readTemplateForm({ ...base, budgetYear: '２０２７', horizonYear: '２０３０', projectRows: '１０' });
    expect(r.ok && r.params).toMatchObject({ budgetYear: 2027, horizonYear: 2030, projectRows: 10 });
  });

  test.each([
    [{ budgetYear: '' }, 'budgetYear', '请填写预算年度'],
    [{ budgetYear: '26' }, 'budgetYear', '2000–2100'],
    [{ horizonYear: '2025' }, 'horizonYear', '不能早于预算年度 2026'],
    [{ horizonYear: '二〇二九' }, 'horizonYear', '四位年份'],
    [{ projectRows: '-1' }, 'projectRows', '项目行数'],
    [{ projectRows: '9999' }, 'projectRows', '0–500'],
    [{ phone: '电话0714' }, 'phone', '联系电话只能包含数字'],
  ])('%j → a Chinese message on %s', (patch, field, text) => {
    const r = readTemplateForm({ ...base, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field as keyof typeof r.errors]).toContain(text);
  });

  test('an empty horizon takes budget year + 3', () => {
    const r = readTemplateForm({ ...base, budgetYear: '2030', horizonYear: '' });
    expect(r.ok && r.params.horizonYear).toBe(2033);
  });
});

describe('findings as the pane lists them', () => {
  const f = (p: Partial<Finding> & Pick<Finding, 'rule' | 'severity' | 'section'>): Finding => ({
    message: p.rule,
    cells: [ref('附件2!E11')],
    explained: false,
    ...p,
  });
  const report = (findings: Finding[]): Report => ({
    sheet: '附件2',
    findings,
    summary: { errors: 0, warnings: 0, explained: 0 },
    options: {
      budgetYear: 2026,
      classifications: ['基本型'],
      tolerances: { amountDecimals: 2, unitSuspectTotal: 1e6 },
    },
  });

  test('grouped by section in form order, errors before warnings before explained ones', () => {
    const groups = groupFindings(
      report([
        f({ rule: 'a', severity: 'warning', section: 'annualIndicators' }),
        f({ rule: 'b', severity: 'warning', section: 'funding', explained: true }),
        f({ rule: 'c', severity: 'warning', section: 'funding' }),
        f({ rule: 'd', severity: 'error', section: 'funding' }),
        f({ rule: 'e', severity: 'error', section: 'header' }),
      ]),
    );
    expect(groups.map((g) => g.section)).toEqual(['header', 'funding', 'annualIndicators']);
    expect(groups[1]!.findings.map((x) => x.rule)).toEqual(['d', 'c', 'b']);
    expect(groups[1]).toMatchObject({ title: '部门总体资金情况', errors: 1, warnings: 1 });
  });

  test('three or more of one rule and one message in a section are one item; two, explained ones and ones with a fix are not', () => {
    const same = (cell: string, extra: Partial<Finding> = {}) =>
      f({ rule: 'r', messageId: 'm', severity: 'warning', section: 'annualIndicators', cells: [ref(cell)], ...extra });
    const groups = groupFindings(
      report([
        same('附件2!H80'),
        f({ rule: 'two', messageId: 'm', severity: 'warning', section: 'annualIndicators' }),
        same('附件2!H81'),
        f({ rule: 'two', messageId: 'm', severity: 'warning', section: 'annualIndicators' }),
        same('附件2!H82', { explained: true }),
        same('附件2!H83'),
        same('附件2!H84', { fix: { cell: ref('附件2!H84'), value: 'x' } }),
      ]),
    );
    const items = groups[0]!.items.map((g) => g.map((x) => `${x.rule}@${x.cells[0] ? refText(x.cells[0]) : ''}`));
    expect(items).toEqual([
      ['r@附件2!H80', 'r@附件2!H81', 'r@附件2!H83'],
      ['two@附件2!E11'],
      ['two@附件2!E11'],
      ['r@附件2!H84'],
      ['r@附件2!H82'],
    ]);
    // Every finding is still counted and listed once.
    expect(groups[0]!.findings).toHaveLength(7);
  });

  test('a cell on the checked sheet shows without the sheet name', () => {
    expect(cellLabel(ref('附件2!E11'), '附件2')).toBe('E11');
    expect(cellLabel(ref("'表 1'!E11"), '表 1')).toBe('E11');
    expect(cellLabel(ref("'表 1'!E11:F12"), '表 2')).toBe("'表 1'!E11:F12");
    expect(cellLabel(ref('校验说明!A2'), '附件2')).toBe('校验说明!A2');
  });
});
