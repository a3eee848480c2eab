import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Session, SessionState } from '../app/session';
import { blankGroups, cellLabel, groupFindings, notFormText } from '../app/view';
import { FindingItem } from './FindingItem';
import { NextYearButton, RolledReport } from './NextYear';
import { Summary } from './Summary';
import { PreviousFilePicker, PreviousYear } from './PreviousYear';
import { refText } from '../sheet/cell-range';
import { Busy } from './Busy';
import { stack, wrapping } from './spacing';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', ...stack(tokens.spacingVerticalM) },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    ...wrapping(tokens.spacingHorizontalS, tokens.spacingVerticalXS),
  },
  group: { display: 'flex', flexDirection: 'column' },
  groupTitle: {
    margin: 0,
    paddingTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  list: { margin: 0, padding: 0 },
  blankList: { margin: 0, paddingLeft: tokens.spacingHorizontalM, listStyleType: 'none' },
  blankLine: { paddingTop: tokens.spacingVerticalXS, lineHeight: tokens.lineHeightBase300 },
  blankCell: { marginRight: tokens.spacingHorizontalXS, minWidth: 0, height: 'auto', padding: '0 2px' },
  empty: { color: tokens.colorNeutralForeground3 },
  // The counts stay in view while the list scrolls under them.
  sticky: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  notForm: {
    display: 'flex',
    flexDirection: 'column',
    ...stack(tokens.spacingVerticalS),
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  notFormActions: { display: 'flex', flexWrap: 'wrap', ...wrapping(tokens.spacingHorizontalS, '0px') },
  settings: {
    display: 'flex',
    flexDirection: 'column',
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function CheckView({ session, state }: { session: Session; state: SessionState }) {
  const styles = useStyles();
  const checking = state.phase === 'checking';
  const report = state.report;
  const notForm = state.phase === 'not-form' ? notFormText(state.reason) : null;
  return (
    <div className={styles.root}>
      <div className={styles.toolbar} role="toolbar" aria-label="校验">
        {/* One primary action per view: on a sheet that is not a form, 生成申报表 is the one. */}
        <Button
          appearance={notForm ? 'secondary' : 'primary'}
          disabled={checking || state.busy}
          onClick={() => void session.validate()}
        >
          校验本表
        </Button>
        <Button disabled={!state.flagsShown || state.busy || checking} onClick={() => void session.clear()}>
          清除标记
        </Button>
        <NextYearButton session={session} disabled={state.phase !== 'ready' || state.busy} />
        <Switch label="实时校验" checked={state.liveCheck} onChange={(_, d) => session.setLiveCheck(d.checked)} />
      </div>

      {state.notice && (
        <MessageBar intent={state.noticeIntent} data-testid="notice">
          <MessageBarBody>{state.notice}</MessageBarBody>
        </MessageBar>
      )}
      {state.undoWarning && <UndoWarning session={session} />}
      {state.rolled && state.rolled.sheet === state.sheet && <RolledReport session={session} rolled={state.rolled} />}
      {state.error && state.phase !== 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}

      {(state.phase === 'idle' || (checking && !report)) && <Busy label="正在校验…" />}

      {state.phase === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>没能完成校验</MessageBarTitle>
            {state.error}
          </MessageBarBody>
          <Button size="small" onClick={() => void session.validate()}>
            重试
          </Button>
        </MessageBar>
      )}

      {notForm && (
        <section className={styles.notForm} aria-label={notForm.title} data-testid="not-form">
          <Text weight="semibold">{notForm.title}</Text>
          <Text>{notForm.body}</Text>
          <div className={styles.notFormActions}>
            <Button appearance="primary" onClick={() => session.showView('template')}>
              生成申报表
            </Button>
          </div>
        </section>
      )}

      {report && (state.phase === 'ready' || checking) && state.flagsPending && (
        <MessageBar intent="info" layout="multiline" data-testid="flags-pending">
          <MessageBarBody>
            {state.flagsShown
              ? '单元格上的标记还是上次标出时的结果，下面的清单已按最新内容更新。'
              : '问题只列在下面的清单中，单元格上还没有标出。'}
          </MessageBarBody>
          <Button size="small" disabled={state.busy || checking} onClick={() => void session.markFindings()}>
            标出问题
          </Button>
        </MessageBar>
      )}

      {report && (state.phase === 'ready' || checking) && state.unflagged && (
        <MessageBar intent="warning" layout="multiline" data-testid="flag-warning">
          <MessageBarBody>{state.unflagged}这些问题仍列在下面的清单中。</MessageBarBody>
        </MessageBar>
      )}

      {report && (state.phase === 'ready' || checking) && (
        <>
          <div className={styles.sticky} data-testid="summary">
            <Summary report={report} sheet={report.sheet} updating={checking} />
            <PreviousYear state={state} />
          </div>
          <PreviousFilePicker session={session} state={state} />
          {report.findings.length === 0 && <Text className={styles.empty}>没有发现问题。</Text>}
          {groupFindings(report).map((g) => (
            <section key={g.section} className={styles.group} aria-label={g.title}>
              <h2 className={styles.groupTitle}>
                {g.title}（{g.findings.length}）
              </h2>
              <ul className={styles.list}>
                {g.items.map(([f, ...repeats], i) => (
                  <FindingItem
                    key={`${f!.rule}|${f!.cells.map(refText).join(',')}|${i}`}
                    finding={f!}
                    repeats={repeats}
                    sheet={report.sheet}
                    session={session}
                    busy={state.busy}
                    writeDenied={state.writeDenied === report.sheet}
                  />
                ))}
              </ul>
            </section>
          ))}
          <Blanks report={report} session={session} styles={styles} />
        </>
      )}

      {state.autoOpen !== null && (
        <div className={styles.settings}>
          <Switch
            label="打开这个工作簿时自动打开助手"
            checked={state.autoOpen}
            disabled={state.busy}
            onChange={(_, d) => void session.setAutoOpen(d.checked)}
          />
        </div>
      )}
    </div>
  );
}

/** How many cells of a section's blanks are offered as links (the rest are counted). */
const BLANK_LINKS = 8;

/** 待填写: the cells left empty, per section — how many, and links to the first few. */
function Blanks({
  report,
  session,
  styles,
}: {
  report: NonNullable<SessionState['report']>;
  session: Session;
  styles: ReturnType<typeof useStyles>;
}) {
  const groups = blankGroups(report);
  if (groups.length === 0) return null;
  const total = groups.reduce((n, g) => n + g.cells.length, 0);
  return (
    <section className={styles.group} aria-label="待填写" data-testid="blanks">
      <h2 className={styles.groupTitle}>待填写（{total} 处空着的单元格）</h2>
      <ul className={styles.blankList}>
        {groups.map((g) => (
          <li key={g.section} className={styles.blankLine} data-testid={`blanks-${g.section}`}>
            <Text weight="semibold">
              {g.title} {g.cells.length} 处：
            </Text>
            {g.cells.slice(0, BLANK_LINKS).map((c) => {
              const label = cellLabel(c, report.sheet);
              return (
                <Button
                  key={label}
                  className={styles.blankCell}
                  appearance="transparent"
                  size="small"
                  title={`转到 ${label}`}
                  onClick={() => void session.select(c)}
                >
                  {label}
                </Button>
              );
            })}
            {g.cells.length > BLANK_LINKS && <Text>等</Text>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Remembered in the pane's storage once the user has read it, so it is said once. */
export const UNDO_WARNING_READ = 'jixiao.undoWarningRead';

/** Said once where the add-in's writes empty Excel's undo history (Excel below ExcelApi 1.20). */
function UndoWarning({ session }: { session: Session }) {
  useEffect(() => {
    if (readStorage(UNDO_WARNING_READ) === '1') session.dismissUndoWarning();
  }, [session]);
  const dismiss = () => {
    writeStorage(UNDO_WARNING_READ, '1');
    session.dismissUndoWarning();
  };
  return (
    <MessageBar intent="info" layout="multiline" data-testid="undo-warning">
      <MessageBarBody>
        <MessageBarTitle>关于撤消（Ctrl+Z）</MessageBarTitle>
        在这个版本的 Excel 中，助手在单元格上标出问题会清空 Excel
        的撤消记录。所以边输入边校验时，结果只显示在这个窗格里，不动您的工作表；点“校验本表”或“标出问题”时才在单元格上标出。
      </MessageBarBody>
      <Button size="small" onClick={dismiss}>
        知道了
      </Button>
    </MessageBar>
  );
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage off (a locked-down webview): the warning comes back next time, nothing worse.
  }
}
