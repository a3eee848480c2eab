/** The pane's wording and theme, decided outside React (issue 7, point 11). */
import { expectedLine, messageParts, notFormText } from '../../src/app/view';
import type { Finding } from '../../src/report/types';
import { CHINESE_FONT_STACK, paneTheme } from '../../src/ui/theme';
import { ref } from '../helpers/refs';

const f = (message: string, expected?: string): Finding => ({
  rule: 'r',
  severity: 'error',
  section: 'funding',
  cells: [ref('表!A1')],
  message,
  expected,
  explained: false,
});

test('an arithmetic expression is one part, kept whole', () => {
  const parts = messageParts('“人员类项目支出”占比应为 84.12%（314.72 ÷ 374.13 × 100），表中为 83.99%');
  expect(parts.filter((p) => p.expression).map((p) => p.text)).toEqual(['314.72 ÷ 374.13 × 100']);
  expect(parts.map((p) => p.text).join('')).toBe(
    '“人员类项目支出”占比应为 84.12%（314.72 ÷ 374.13 × 100），表中为 83.99%',
  );
  expect(messageParts('合计 1,200.50 = 1,000.00 + 200.50').filter((p) => p.expression)).toHaveLength(1);
  expect(messageParts('第 30 行只有占位符').some((p) => p.expression)).toBe(false);
});

test('the expected value is not repeated under a message that already says it', () => {
  expect(expectedLine(f('占比应为 84.12%（…），表中为 83.99%', '84.12%'))).toBeNull();
  expect(expectedLine(f('合计与各项之和不一致', '374.13'))).toBe('应为：374.13');
  expect(expectedLine(f('没有期望值'))).toBeNull();
});

test('a sheet that is not a form: the reason once, sentences joined the Chinese way', () => {
  const t = notFormText('工作表“Sheet1”是空的，不是部门整体绩效目标申报表');
  const all = `${t.title}${t.body}`;
  expect(all.split('不是部门整体绩效目标申报表').length - 1).toBe(1);
  expect(all).not.toMatch(/[\u4e00-\u9fff。，”] [\u4e00-\u9fff“]/);
  expect(t.body).toBe(
    '工作表“Sheet1”是空的，不是部门整体绩效目标申报表。请切换到申报表所在的工作表，或生成一张新的申报表。',
  );
});

test('the theme keeps a Chinese font stack and follows Office’s light and dark themes', () => {
  const light = paneTheme({ bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' });
  const dark = paneTheme({ bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' });
  for (const t of [light, dark, paneTheme()]) {
    expect(t.fontFamilyBase).toBe(CHINESE_FONT_STACK);
    expect(t.fontFamilyBase.indexOf('Microsoft YaHei')).toBeLessThan(t.fontFamilyBase.indexOf('Segoe UI'));
  }
  expect(dark.colorNeutralBackground1).toBe('#262626');
  expect(dark.colorNeutralForeground1).toBe('#FFFFFF');
  // Dark Fluent tokens underneath (a light theme's text colours would vanish on a dark pane).
  expect(dark.colorNeutralForeground2).not.toBe(light.colorNeutralForeground2);
});
