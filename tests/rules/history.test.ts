/**
 * The history rules that need only the form (docs/spec/previous-year.md § 1):
 * history-format, history-below, history-basis, cost-bound. Each starts from
 * the corrected example (no finding) and plants what a reviewer returns forms for.
 */
import { findingsOf, indicatorRow, put, said, validForm } from '../helpers/form-builder';
import { first } from '../helpers/refs';

describe('history-format', () => {
  test('a target copied into the history columns is flagged on each cell, naming the sign', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '办理群众来访信访事项数量');
    put(r.history!.yearBeforeLast, '≥1500件/年');
    put(r.history!.lastYear, '不少于1500件');
    const found = findingsOf(f, 'history-format');
    expect(found.map((x) => [first(x), x.severity, x.table, x.row])).toEqual([
      [r.history!.yearBeforeLast.ref.address, 'warning', 'annual', r.row + 1],
      [r.history!.lastYear.ref.address, 'warning', 'annual', r.row + 1],
    ]);
    expect(said(found[0]!)).toEqual([
      'target',
      {
        row: '年度绩效指标表第 25 行（履职效能 › 核心业务产出1 › 办理群众来访信访事项数量）',
        year: '前年',
        text: '≥1500件/年',
        sign: '≥',
      },
    ]);
    expect(found[1]!.message).toContain('“不少于1500件”带比较符号“≥”');
  });

  test('plain figures with a unit, 无, 新增 and dashes are accepted; blank is left to indicator-history', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '办理群众来访信访事项数量');
    for (const v of ['1620件', '1620件/年', '无', '新增', '—', '-', '=1500件', ' １６２０件 ']) {
      put(r.history!.lastYear, v);
      expect([v, findingsOf(f, 'history-format')]).toEqual([v, []]);
    }
    put(r.history!.lastYear, null);
    expect(findingsOf(f, 'history-format')).toEqual([]);
    expect(findingsOf(f, 'indicator-history').map(first)).toEqual([r.history!.lastYear.ref.address]);
  });

  test('a percentage cell is a figure with its unit', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '预算执行率');
    put(r.history!.lastYear, 0.985, '0.0%');
    expect(findingsOf(f, 'history-format')).toEqual([]);
  });

  test('a bare number where the target has a unit, and words on a quantitative row', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '办理群众来访信访事项数量');
    put(r.history!.yearBeforeLast, 1400, '0');
    put(r.history!.lastYear, '按时完成');
    const found = findingsOf(f, 'history-format');
    expect(found.map((x) => x.messageId)).toEqual(['noUnit', 'notFigure']);
    expect(found[0]!.data).toMatchObject({ text: '1400', unit: '件/年' });
    expect(found[1]!.data).toMatchObject({ target: '≥1500件/年', text: '按时完成' });
  });

  test('qualitative rows may repeat their wording', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '中长期规划相符性');
    put(r.history!.lastYear, '≥与政府规划职能相符');
    expect(findingsOf(f, 'history-format')).toEqual([]);
  });
});

describe('history-below', () => {
  test('a signed target below what was achieved last year is flagged on the annual value', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '办理群众来访信访事项数量');
    put(r.history!.lastYear, '1620件');
    const found = findingsOf(f, 'history-below');
    expect(found.map((x) => [first(x), x.severity])).toEqual([[r.value.ref.address, 'warning']]);
    expect(said(found[0]!)).toEqual([
      'below',
      {
        row: '年度绩效指标表第 25 行（履职效能 › 核心业务产出1 › 办理群众来访信访事项数量）',
        value: '≥1500件/年',
        compare: '低于',
        lastYear: '1620件',
        direction: '',
      },
    ]);
  });

  test('a bare target: the name decides, as for indicator-consistency', () => {
    const f = validForm();
    const exec = indicatorRow(f, 'annual', '预算执行率');
    put(exec.value, '98%');
    const adjust = indicatorRow(f, 'annual', '预算调整率');
    put(adjust.value, '2%');
    const found = findingsOf(f, 'history-below');
    expect(found.map((x) => [first(x), x.data?.compare, x.data?.direction])).toEqual([
      [adjust.value.ref.address, '高于', '（该指标越低越好）'],
      [exec.value.ref.address, '低于', '（该指标越高越好）'],
    ]);
  });

  test('equal, better, a signed or missing 上年, or another unit: nothing', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '办理群众来访信访事项数量');
    for (const v of ['1500件', '1400件', '≥1600件/年', '无', '新增', null, '98%']) {
      put(r.history!.lastYear, v);
      expect([v, findingsOf(f, 'history-below')]).toEqual([v, []]);
    }
  });
});

describe('history-basis', () => {
  test('历史标准 with no history value at all is flagged on the basis cell', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '网络信息服务次数');
    put(r.history!.yearBeforeLast, '新增');
    put(r.history!.lastYear, '无');
    const found = findingsOf(f, 'history-basis');
    expect(found.map((x) => [first(x), x.severity])).toEqual([[r.basis.ref.address, 'warning']]);
    expect(said(found[0]!)).toEqual([
      'noHistory',
      { row: '年度绩效指标表第 26 行（履职效能 › 核心业务产出2 › 网络信息服务次数）' },
    ]);
  });

  test('one history value is enough; other bases are not concerned', () => {
    const f = validForm();
    const r = indicatorRow(f, 'annual', '网络信息服务次数');
    put(r.history!.yearBeforeLast, null);
    expect(findingsOf(f, 'history-basis')).toEqual([]);
    const p = indicatorRow(f, 'annual', '服务对象满意度');
    put(p.history!.yearBeforeLast, null);
    put(p.history!.lastYear, null);
    expect(findingsOf(f, 'history-basis')).toEqual([]);
  });
});

describe('cost-bound', () => {
  test('the bounds of the common indicators, in both tables', () => {
    const f = validForm();
    const sg = indicatorRow(f, 'annual', '“三公经费”变动率');
    put(sg.value, '5%');
    const staff = indicatorRow(f, 'longTerm', '在职人员控制率');
    put(staff.value, '≥105%');
    const pub = indicatorRow(f, 'annual', '公用经费控制率');
    put(pub.value, 1.02, '0%');
    const found = findingsOf(f, 'cost-bound');
    expect(found.map((x) => [first(x), x.table, x.data?.bound])).toEqual([
      [staff.value.ref.address, 'longTerm', '100%'],
      [pub.value.ref.address, 'annual', '100%'],
      [sg.value.ref.address, 'annual', '0%'],
    ]);
    expect(said(found[2]!)).toEqual([
      'over',
      {
        row: '年度绩效指标表第 4 行（运行成本 › 项目支出成本控制 › “三公经费”变动率）',
        value: '预期当年实现值',
        text: '5%',
        bound: '0%',
        why: '“三公经费”应只减不增',
      },
    ]);
  });

  test('at or under the bound, and 公务接待费变动率 by its own name', () => {
    const f = validForm();
    put(indicatorRow(f, 'annual', '“三公经费”变动率').value, '-5%');
    put(indicatorRow(f, 'annual', '在职人员控制率').value, '100%');
    put(indicatorRow(f, 'longTerm', '公用经费控制率').value, '≤100%');
    expect(findingsOf(f, 'cost-bound')).toEqual([]);
    const r = indicatorRow(f, 'annual', '会议费控制率');
    put(r.level3, '公务接待费变动率');
    put(r.value, '0.5%');
    expect(findingsOf(f, 'cost-bound').map(first)).toEqual([r.value.ref.address]);
  });
});

test('which way is better is decided in one place: src/rules/support/direction.ts', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readdirSync, readFileSync, statSync } = require('fs') as typeof import('fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { join } = require('path') as typeof import('path');
  const root = join(__dirname, '..', '..', 'src', 'rules');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(root);
  const deciding = files.filter((p) => /结转结余率|越低越好|isLowerBetter\s*\(/.test(readFileSync(p, 'utf8')));
  expect(deciding.map((p) => p.slice(root.length + 1)).sort()).toEqual(['support/direction.ts']);
});
