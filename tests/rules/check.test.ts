import fc from 'fast-check';
import { check, resolveOptions } from '../../src/check';
import type { DeclarationForm, Field } from '../../src/form/types';
import type { CellValue } from '../../src/sheet/grid';
import { ALL_RULES, ruleMeta } from '../../src/rules/index';
import type { Rule } from '../../src/rules/rule';
import { at, exampleForm, put, validForm } from '../helpers/form-builder';
import { ref } from '../helpers/refs';
import { texts, fixText } from '../helpers/refs';
import { refText } from '../../src/sheet/cell-range';

/** rules.md and previous-year.md, table by table: id → severity ('mixed' where the table says "error … warning …"). */
const SPEC: Record<string, string> = {
  'funding-total': 'error',
  'funding-share': 'error',
  'funding-balance': 'mixed',
  'funding-amount': 'mixed',
  'funding-unit': 'warning',
  'funding-line': 'warning',
  'funding-history-year': 'warning',
  'project-required': 'error',
  'project-amount': 'mixed',
  'project-over-total': 'error',
  'project-sum': 'warning',
  'project-missing': 'warning',
  'header-required': 'error',
  'header-phone': 'warning',
  'header-date': 'error',
  'text-required': 'error',
  'text-placeholder': 'warning',
  'goal-horizon': 'error',
  'indicator-required': 'error',
  'indicator-history': 'warning',
  'indicator-level1': 'error',
  'indicator-coverage': 'error',
  'indicator-level2': 'mixed',
  'indicator-basis': 'error',
  'indicator-class': 'warning',
  'indicator-value': 'mixed',
  'indicator-placeholder': 'warning',
  'indicator-duplicate': 'warning',
  'indicator-cost-basis': 'warning',
  'indicator-consistency': 'warning',
  'indicator-core-output': 'warning',
  // previous-year.md › 1. From the form alone
  'history-format': 'warning',
  'history-below': 'warning',
  'history-basis': 'warning',
  'cost-bound': 'warning',
  // previous-year.md › 2. Against last year's form
  'previous-pair': 'error',
  'previous-funding': 'warning',
  'previous-history': 'warning',
  'previous-long-term': 'warning',
  'previous-dropped': 'warning',
  'previous-lowered': 'warning',
};

describe('the rule list', () => {
  test('every id of rules.md with its severity, plus form-structure and formula-stale', () => {
    const ids = Object.fromEntries(ALL_RULES.map((r) => [r.meta.id, r.meta.severity]));
    expect(ids).toEqual({ ...SPEC, 'form-structure': 'error', 'formula-stale': 'warning' });
  });

  test('ids are unique and every rule has a Chinese title and description', () => {
    expect(new Set(ALL_RULES.map((r) => r.meta.id)).size).toBe(ALL_RULES.length);
    for (const r of ALL_RULES) {
      expect(r.meta.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.description).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(ruleMeta('funding-share')?.title).toBe('占比计算');
    expect(ruleMeta('no-such-rule')).toBeUndefined();
  });

  test('a finding only uses a severity its rule declares', () => {
    // The example, and the example with amounts written as text, blank, negative or as a formula error.
    const forms = [exampleForm()];
    for (const v of ['374.13万元', '１,２３４.５', null, -1, { error: '#REF!' }] as CellValue[]) {
      const f = exampleForm();
      put(f.funding!.expenditure.lines.personnel!.current, v);
      put(f.projects!.rows[0]!.annualBudget, v);
      put(f.projects!.rows[1]!.totalBudget, v);
      forms.push(f);
    }
    const seen = new Set<string>();
    for (const form of forms) {
      for (const f of check(form).findings) {
        const s = ruleMeta(f.rule)!.severity;
        seen.add(`${f.rule} ${f.severity}`);
        if (s !== 'mixed') expect(`${f.rule} ${f.severity}`).toBe(`${f.rule} ${s}`);
      }
    }
    // Both amount rules report both severities: they must declare 'mixed'.
    for (const id of ['funding-amount', 'project-amount']) {
      expect([seen.has(`${id} error`), seen.has(`${id} warning`)]).toEqual([true, true]);
      expect(ruleMeta(id)!.severity).toBe('mixed');
    }
  });
});

describe('budget year', () => {
  test('from the options first', () => {
    expect(resolveOptions(validForm(), { budgetYear: 2030 })).toMatchObject({
      budgetYear: 2030,
      budgetYearSource: 'options',
    });
  });

  test('from the history headers: 上年 + 1, or 前年 + 2', () => {
    const f = validForm();
    expect(resolveOptions(f)).toMatchObject({ budgetYear: 2026, budgetYearSource: 'funding-years' });
    f.funding!.years.lastYear = null;
    f.funding!.years.yearBeforeLast = 2023;
    expect(resolveOptions(f).budgetYear).toBe(2025);
  });

  test('else from 填报日期 + 1; else unknown', () => {
    const f = validForm();
    f.funding!.years.lastYear = null;
    f.funding!.years.yearBeforeLast = null;
    put(f.header.fillDate!, '填报日期：2024年 9月 1日');
    expect(resolveOptions(f)).toMatchObject({ budgetYear: 2025, budgetYearSource: 'fill-date' });
    put(f.header.fillDate!, '填报日期：');
    expect(resolveOptions(f)).toMatchObject({ budgetYear: null, budgetYearSource: null });
    // Without a budget year the horizon cannot be compared, and nothing breaks.
    expect(check(f).findings.map((x) => x.rule)).toEqual(['header-required']);
  });

  test('classifications default to 基本型; tolerances merge with defaults', () => {
    const o = resolveOptions(validForm(), { classifications: [], tolerances: { unitSuspectTotal: 10 } });
    expect(o.classifications).toEqual(['基本型']);
    expect(o.tolerances).toEqual({ amountDecimals: 2, unitSuspectTotal: 10 });
  });
});

describe('report', () => {
  test('the corrected example is clean', () => {
    const r = check(validForm());
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ errors: 0, warnings: 0, explained: 0 });
    expect(r.sheet).toBe('附件2');
  });

  test('findings are sorted by section, then row, then column', () => {
    const f = exampleForm();
    put(f.header.phone!, '电话');
    put(f.functions!, '');
    const order = [
      'form',
      'header',
      'funding',
      'functions',
      'annualTasks',
      'projects',
      'goals',
      'longTermIndicators',
      'annualIndicators',
    ];
    const found = check(f).findings;
    expect(found[0]!.rule).toBe('header-phone');
    const keys = found.map((x) => [order.indexOf(x.section), x.row ?? 0] as const);
    for (let i = 1; i < keys.length; i++) {
      const [s0, r0] = keys[i - 1]!;
      const [s1, r1] = keys[i]!;
      expect(s1 > s0 || (s1 === s0 && r1 >= r0)).toBe(true);
    }
    // Same row: by column (结转结余率: the value in G before the basis in H).
    const row213 = found.filter((x) => x.row === 213).map((x) => x.rule);
    expect(row213).toEqual(['indicator-value', 'indicator-cost-basis']);
  });

  test('form-structure: one error per problem of the reader, listed first', () => {
    const f = validForm();
    f.problems.push({
      section: 'funding',
      message: '未找到“部门总体资金情况”中的“单位资金”行',
      cells: [ref(at(8, 2))],
    });
    const r = check(f);
    expect(r.findings.map((x) => [x.rule, x.severity, x.section, x.message, texts(x.cells)])).toEqual([
      ['form-structure', 'error', 'funding', '未找到“部门总体资金情况”中的“单位资金”行', [at(8, 2)]],
    ]);
  });
});

describe('explanations', () => {
  test('a warning with an explanation for its rule and first cell is explained; errors never are', () => {
    const r = check(exampleForm(), {
      explanations: [
        { rule: 'text-placeholder', cell: "'附件2'!$b$17", text: '任务较多，其余见附件' },
        { rule: 'funding-share', cell: '附件2!E12', text: '按财政下达数填列' },
        { rule: 'indicator-cost-basis', cell: '附件2!H999', text: '不对应任何提示' },
      ],
    });
    const tp = r.findings.find((x) => x.rule === 'text-placeholder')!;
    expect([tp.explained, tp.explanation]).toEqual([true, '任务较多，其余见附件']);
    const share = r.findings.find((x) => x.rule === 'funding-share')!;
    expect([share.explained, share.explanation]).toEqual([false, undefined]);
    expect(r.summary).toEqual({ errors: 6, warnings: 29, explained: 1 });
  });

  test('a blank explanation explains nothing; a different rule on the same cell neither', () => {
    const r = check(exampleForm(), {
      explanations: [
        { rule: 'text-placeholder', cell: '附件2!B17', text: '  ' },
        { rule: 'text-required', cell: '附件2!B17', text: '说明' },
      ],
    });
    expect(r.summary.explained).toBe(0);
  });
});

describe('never throws', () => {
  test('a rule that throws becomes an error finding naming the rule, in Chinese; the others still run', () => {
    const bad: Rule = {
      meta: {
        id: 'test-throws',
        severity: 'warning',
        section: 'projects',
        title: '测试规则',
        description: '测试',
        messages: { m: '{text}' },
      },
      check(ctx) {
        ctx.report({ severity: 'warning', messageId: 'm', data: { text: '半途' }, cells: [ref('附件2!A1')] });
        throw new TypeError("Cannot read properties of undefined (reading 'value')");
      },
    };
    ALL_RULES.push(bad);
    try {
      const r = check(exampleForm());
      const mine = r.findings.filter((x) => x.rule === 'test-throws');
      expect(mine.map((x) => [x.severity, x.section, x.message])).toEqual([
        ['warning', 'projects', '半途'],
        [
          'error',
          'projects',
          '规则“测试规则”（test-throws）检查时程序出错，这项检查没有完成，本表可能还有未发现的问题；请把此文件反馈给开发者',
        ],
      ]);
      // No English of the exception reaches the user; the crash names no cell and is never explained.
      expect(mine[1]!.message).not.toMatch(/Cannot|TypeError|undefined/);
      expect(mine[1]).toMatchObject({ cells: [], explained: false });
      expect(Object.keys(mine[1]!).sort()).toEqual(['cells', 'explained', 'message', 'rule', 'section', 'severity']);
      // The example's own six errors, plus the crash: a crashed rule never leaves a form looking clean.
      expect(r.summary.errors).toBe(7);
    } finally {
      ALL_RULES.pop();
    }
  });

  test('no fix of any rule overwrites a formula cell', () => {
    const form = exampleForm();
    const target = form.funding!.expenditure.total!.current;
    target.formula = '=SUM(D11:D13)';
    const constant = form.funding!.income.total!.current.ref.address;
    const eager: Rule = {
      meta: {
        id: 'test-eager',
        severity: 'error',
        section: 'funding',
        title: '测试',
        description: '测试',
        messages: { m: '{text}' },
      },
      check(ctx) {
        ctx.report({
          severity: 'error',
          messageId: 'm',
          data: { text: '写个常数' },
          cells: [ref(target.ref.address)],
          fix: { cell: ref(target.ref.address), value: 1 },
        });
        ctx.report({
          severity: 'error',
          messageId: 'm',
          data: { text: '换个公式' },
          cells: [ref(target.ref.address)],
          fix: { cell: ref(target.ref.address), formula: '=1' },
        });
        ctx.report({
          severity: 'error',
          messageId: 'm',
          data: { text: '常数格' },
          cells: [ref(constant)],
          fix: { cell: ref(constant), value: 2 },
        });
      },
    };
    ALL_RULES.push(eager);
    try {
      const mine = check(form).findings.filter((x) => x.rule === 'test-eager');
      expect(mine.map((x) => [x.message, fixText(x.fix)])).toEqual([
        // A fix on a cell without a formula is kept (listed first: its row comes first).
        ['常数格', { cell: constant, value: 2 }],
        ['写个常数', undefined],
        ['换个公式', undefined],
      ]);
    } finally {
      ALL_RULES.pop();
    }
    // Every fix the example's findings carry targets a constant cell.
    for (const f of check(exampleForm()).findings) if (f.fix) expect(refText(f.fix.cell)).not.toBe(target.ref.address);
  });

  test('rules share one memo per check() run: computed once per key and name, never across runs', () => {
    let computed = 0;
    const key = {};
    const seen: unknown[] = [];
    const memoUser = (id: string): Rule => ({
      meta: { id, severity: 'warning', section: 'funding', title: '测试', description: '测试', messages: {} },
      check(ctx) {
        seen.push(ctx.memo?.(key, 'n', () => ++computed));
        seen.push(ctx.memo?.(key, 'other', () => ++computed));
      },
    });
    ALL_RULES.push(memoUser('test-memo-a'), memoUser('test-memo-b'));
    try {
      check(validForm());
      expect(seen).toEqual([1, 2, 1, 2]);
      check(validForm());
      expect(seen.slice(4)).toEqual([3, 4, 3, 4]);
    } finally {
      ALL_RULES.pop();
      ALL_RULES.pop();
    }
  });

  test('a form with nothing found', () => {
    const empty: DeclarationForm = {
      sheet: 'Sheet1',
      header: { title: null, department: null, filler: null, phone: null, fillDate: null, unit: null },
      funding: null,
      functions: null,
      annualTasks: null,
      projects: null,
      goals: { longTerm: null, annual: null, horizonCell: null, horizonYear: null },
      longTermIndicators: null,
      annualIndicators: null,
      problems: [{ section: 'form', message: '未找到任何栏目', cells: [] }],
    };
    const r = check(empty);
    expect(r.findings.map((x) => x.rule)).toEqual(['form-structure']);
  });

  test('any cell content anywhere: no rule throws, check() returns a report', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constantFrom('……', '无', '≥%', '1,234.56', '８３．９９％', '2025年2月30日', '-0', 'NaN', '1e400', {
        error: '#N/A',
      }),
    );
    const fmt = fc.constantFrom('General', '0.00', '0.00%', '0%', 'yyyy-mm-dd', '@');
    const form = validForm();
    const fields: Field[] = [];
    const walk = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      if ('ref' in o && 'numFmt' in o) fields.push(o as Field);
      else for (const v of Object.values(o)) walk(v);
    };
    walk(form);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(fields.length - 1), value, fmt), { maxLength: 40 }), (edits) => {
        const saved = fields.map((f) => ({ ...f }));
        try {
          for (const [i, v, n] of edits) put(fields[i]!, v, n);
          const r = check(form);
          expect(r.summary.errors + r.summary.warnings + r.summary.explained).toBe(r.findings.length);
          // check() swallows a throwing rule; the rules themselves must not need that.
          for (const rule of ALL_RULES) {
            expect(() => rule.check({ form, options: r.options, report: () => undefined })).not.toThrow();
          }
        } finally {
          fields.forEach((f, i) => Object.assign(f, saved[i]));
        }
      }),
      { numRuns: 150 },
    );
  });
});
