import {
  Badge,
  Button,
  createCustomFocusIndicatorStyle,
  Field,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Session } from '../app/session';
import { cellLabel, expectedLine, messageParts } from '../app/view';
import { refText } from '../sheet/cell-range';
import type { Finding } from '../report/types';
import { row, stack, wrapping } from './spacing';

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  locate: {
    display: 'flex',
    alignItems: 'flex-start',
    ...row(tokens.spacingHorizontalS),
    width: '100%',
    padding: tokens.spacingVerticalXXS,
    border: 'none',
    background: 'none',
    textAlign: 'left',
    cursor: 'pointer',
    font: 'inherit',
    color: 'inherit',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    // Keyboard focus from Fluent's focus tracking (an attribute set by script), not :focus-visible
    // (Chromium 86): the ring shows on every engine the WPS pane supports.
    ':focus': { outlineStyle: 'none' },
    ...createCustomFocusIndicatorStyle(
      { outline: `2px solid ${tokens.colorStrokeFocus2}` },
      { customizeSelector: (s) => `${s}:focus` },
    ),
  },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  cell: { color: tokens.colorBrandForeground1, fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  body: { display: 'flex', flexDirection: 'column', ...stack(tokens.spacingVerticalXXS), minWidth: 0 },
  message: { wordBreak: 'break-word' },
  // "314.72 ÷ 374.13 × 100" reads as one thing: never broken across lines.
  expression: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    ...wrapping(tokens.spacingHorizontalS, tokens.spacingVerticalXS),
    paddingTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  repeats: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    ...wrapping(tokens.spacingHorizontalXS, '0px'),
    paddingTop: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  repeatCell: {
    minWidth: 0,
    height: 'auto',
    padding: '0 2px',
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorBrandForeground1,
  },
  editor: { paddingTop: tokens.spacingVerticalS, paddingLeft: tokens.spacingHorizontalXXL },
});

const SEVERITY = {
  error: { label: '错误', color: 'danger' },
  warning: { label: '提示', color: 'warning' },
} as const;

export function FindingItem({
  finding,
  repeats = [],
  sheet,
  session,
  busy,
  writeDenied = false,
}: {
  finding: Finding;
  /** The same problem (one rule, one message) at other cells: listed under this one as cells to go to. */
  repeats?: Finding[];
  sheet: string | null;
  session: Session;
  busy: boolean;
  /** The sheet refused the add-in's writes (protected): a fix would be refused too. */
  writeDenied?: boolean;
}) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(finding.explanation ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const first = finding.cells[0];
  const sev = finding.explained ? { label: '已说明', color: 'informative' as const } : SEVERITY[finding.severity];
  const where = first ? cellLabel(first, sheet) : '';
  const expected = expectedLine(finding);

  const save = async () => {
    if (text.trim() === '') {
      setProblem('请写明情况，例如“本年度新增项目，上年无可比数据”');
      return;
    }
    setProblem(null);
    await session.explain(finding, text);
    setEditing(false);
  };

  return (
    <li className={styles.item} data-rule={finding.rule} data-cell={first ? refText(first) : undefined}>
      <button
        type="button"
        className={styles.locate}
        onClick={() => first && void session.select(first)}
        title={first ? `选中单元格 ${where}` : undefined}
        aria-label={`${sev.label}，${where}：${finding.message}。按 Enter 选中该单元格`}
      >
        <Badge className={styles.badge} appearance="tint" color={sev.color} shape="rounded">
          {sev.label}
        </Badge>
        <span className={styles.body}>
          <span>
            {where && <span className={styles.cell}>{where}</span>}{' '}
            <span className={styles.message}>
              {messageParts(finding.message).map((p, i) =>
                p.expression ? (
                  <span key={i} className={styles.expression} data-expr="">
                    {p.text}
                  </span>
                ) : (
                  p.text
                ),
              )}
            </span>
          </span>
          {expected && (
            <Text size={200} className={styles.muted}>
              {expected}
            </Text>
          )}
          {finding.explained && finding.explanation && (
            <Text size={200} className={styles.muted}>
              说明：{finding.explanation}
            </Text>
          )}
        </span>
      </button>
      {repeats.length > 0 && (
        <div className={styles.repeats} data-testid="repeats">
          <Text size={200} className={styles.muted}>
            同样的问题另有 {repeats.length} 处（共 {repeats.length + 1} 处）：
          </Text>
          {repeats.map((r, i) => {
            const at = r.cells[0];
            const label = at ? cellLabel(at, sheet) : '—';
            return (
              <Button
                key={`${label}|${i}`}
                className={styles.repeatCell}
                appearance="transparent"
                size="small"
                data-cell={at ? refText(at) : undefined}
                title={`转到 ${label}：${r.message}`}
                onClick={() => at && void session.select(at)}
              >
                {label}
              </Button>
            );
          })}
        </div>
      )}
      {finding.choices && !finding.explained && !editing && (
        <div
          className={styles.actions}
          role="group"
          aria-label={`可选的值，点一下写入 ${cellLabel(finding.choices.cell, sheet)}`}
        >
          <Text size={200} className={styles.muted}>
            改为：
          </Text>
          {finding.choices.values.map((v) => (
            <Button
              key={v}
              size="small"
              data-choice={v}
              disabled={busy || writeDenied}
              title={
                writeDenied
                  ? '工作表受保护，不允许修改：请先撤消工作表保护后再校验'
                  : `在 ${cellLabel(finding.choices!.cell, sheet)} 填入“${v}”`
              }
              onClick={() => void session.choose(finding, v)}
            >
              {v}
            </Button>
          ))}
        </div>
      )}
      {(finding.fix || finding.severity === 'warning') && !editing && (
        <div className={styles.actions}>
          {finding.fix && (
            <Button
              size="small"
              disabled={busy || writeDenied}
              title={writeDenied ? '工作表受保护，Excel 不允许修改：请先在“审阅”→“撤消工作表保护”后再校验' : undefined}
              onClick={() => void session.fix(finding)}
            >
              修正
            </Button>
          )}
          {finding.severity === 'warning' && (
            <Button size="small" disabled={busy} onClick={() => setEditing(true)}>
              {finding.explained ? '修改说明' : '说明'}
            </Button>
          )}
        </div>
      )}
      {editing && (
        <div className={styles.editor}>
          <Field label="情况说明（写入“校验说明”工作表，随文件报送）" validationMessage={problem ?? undefined}>
            <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" autoFocus />
          </Field>
          <div className={styles.actions}>
            <Button size="small" disabled={busy} onClick={() => void save()}>
              保存说明
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              取消
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
