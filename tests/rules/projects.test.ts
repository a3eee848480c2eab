import { EXAMPLE_PROJECTS, at, findingsOf, put, setProjects, validForm, said } from '../helpers/form-builder';
import { first, texts } from '../helpers/refs';

describe('project-required', () => {
  test('each empty cell of a project row is an error', () => {
    const f = validForm();
    const [p] = setProjects(f, [
      { ...EXAMPLE_PROJECTS[0]!, category: null, purpose: '  ' },
      ...EXAMPLE_PROJECTS.slice(1),
    ]);
    const found = findingsOf(f, 'project-required');
    expect(found.map((x) => [first(x), x.severity])).toEqual([
      [p!.category.ref.address, 'error'],
      [p!.purpose.ref.address, 'error'],
    ]);
    expect(said(found[0]!)).toEqual(['blank', { project: '项目“信访专项工作经费”（第 19 行）', name: '支出项目类别' }]);
  });

  test('a row without a name is named by its row', () => {
    const f = validForm();
    setProjects(f, [{ name: null, total: 13, annual: 0 }, ...EXAMPLE_PROJECTS]);
    expect(findingsOf(f, 'project-required').map(said)).toEqual([
      ['blank', { project: '第 19 行项目', name: '项目名称' }],
    ]);
  });

  test('a blank budget is reported once, by project-required', () => {
    const f = validForm();
    setProjects(f, [{ ...EXAMPLE_PROJECTS[0]!, total: null }, ...EXAMPLE_PROJECTS.slice(1)]);
    expect(findingsOf(f, 'project-required').map((x) => first(x))).toEqual([at(18, 3)]);
    expect(findingsOf(f, 'project-amount')).toEqual([]);
  });
});

describe('project-amount', () => {
  test('text numbers are warnings with the number as fix; negatives and words are errors', () => {
    const f = validForm();
    setProjects(f, [
      { ...EXAMPLE_PROJECTS[0]!, total: '100.00', annual: '２０' },
      { ...EXAMPLE_PROJECTS[1]!, total: -20 },
      { ...EXAMPLE_PROJECTS[2]!, annual: '七万' },
      EXAMPLE_PROJECTS[3]!,
    ]);
    const found = findingsOf(f, 'project-amount');
    expect(found.map((x) => [first(x), x.severity, x.fix?.value])).toEqual([
      [at(18, 3), 'warning', 100],
      [at(18, 4), 'warning', 20],
      [at(19, 3), 'error', undefined],
      [at(20, 4), 'error', undefined],
    ]);
  });
});

describe('project-over-total', () => {
  test('本年度预算 above 总预算 is an error on 本年度预算', () => {
    const f = validForm();
    put(f.projects!.rows[1]!.annualBudget, 20.01);
    put(f.projects!.rows[0]!.annualBudget, 3.99);
    const found = findingsOf(f, 'project-over-total');
    expect(found.map((x) => [first(x), x.expected])).toEqual([[at(19, 4), '≤ 20.00']]);
    expect(said(found[0]!)).toEqual([
      'overTotal',
      { project: '项目“房屋租金”（第 20 行）', annual: '20.01', total: '20.00' },
    ]);
  });

  test('equal budgets are fine, also after rounding', () => {
    const f = validForm();
    put(f.projects!.rows[1]!.annualBudget, 20.004);
    put(f.projects!.rows[0]!.annualBudget, 4);
    expect(findingsOf(f, 'project-over-total')).toEqual([]);
  });
});

describe('project-sum', () => {
  test('the example’s budgets add up: 20 + 4 + 7 + 2 = 33.00', () => {
    expect(findingsOf(validForm(), 'project-sum')).toEqual([]);
  });

  test('a different sum flags the 特定目标类 cell and the project column', () => {
    const f = validForm();
    put(f.projects!.rows[3]!.annualBudget, 3);
    const found = findingsOf(f, 'project-sum');
    expect(found.map((x) => [x.severity, texts(x.cells), x.expected])).toEqual([
      ['warning', [at(13, 3), '附件2!E19:E22'], '33.00'],
    ]);
    expect(said(found[0]!)).toEqual([
      'mismatch',
      { sum: '34.00', parts: '20.00 + 4.00 + 7.00 + 3.00', special: '33.00', relation: '多出', difference: '1.00' },
    ]);
  });

  test('not checked while a budget is unreadable', () => {
    const f = validForm();
    put(f.projects!.rows[3]!.annualBudget, '两万');
    expect(findingsOf(f, 'project-sum')).toEqual([]);
  });
});

describe('project-missing', () => {
  test('no project while 特定目标类 > 0', () => {
    const f = validForm();
    setProjects(f, []);
    const found = findingsOf(f, 'project-missing');
    expect(found.map((x) => [x.severity, texts(x.cells)])).toEqual([['warning', [at(13, 3)]]]);
    expect(findingsOf(f, 'project-sum')).toEqual([]);
  });

  test('no project and 特定目标类 = 0 is fine', () => {
    const f = validForm();
    setProjects(f, []);
    const e = f.funding!.expenditure;
    put(e.lines.specialPurpose!.current, 0);
    put(e.lines.personnel!.current, 347.72);
    expect(findingsOf(f, 'project-missing')).toEqual([]);
  });
});
