import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Session, SessionState } from '../app/session';
import { groupFindings } from '../app/view';
import { FindingItem } from './FindingItem';
import { NextYearButton, RolledReport } from './NextYear';
import { Summary } from './Summary';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
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
  empty: { color: tokens.colorNeutralForeground3 },
});

export function CheckView({ session, state }: { session: Session; state: SessionState }) {
  const styles = useStyles();
  const checking = state.phase === 'checking';
  const report = state.report;
  return (
    <div className={styles.root}>
      <div className={styles.toolbar} role="toolbar" aria-label="校验">
        <Button appearance="primary" disabled={checking || state.busy} onClick={() => void session.validate()}>
          校验当前表
        </Button>
        <Button disabled={!state.flagsShown || state.busy || checking} onClick={() => void session.clear()}>
          清除标记
        </Button>
        <NextYearButton session={session} disabled={state.phase !== 'ready' || state.busy} />
        <Switch label="实时校验" checked={state.liveCheck} onChange={(_, d) => session.setLiveCheck(d.checked)} />
      </div>

      {state.notice && (
        <MessageBar intent="success">
          <MessageBarBody>{state.notice}</MessageBarBody>
        </MessageBar>
      )}
      {state.flagWarning && state.phase === 'ready' && (
        <MessageBar intent="warning" layout="multiline" data-testid="flag-warning">
          <MessageBarBody>{state.flagWarning}这些问题仍列在下面的清单中。</MessageBarBody>
        </MessageBar>
      )}
      {state.rolled && state.rolled.sheet === state.sheet && <RolledReport session={session} rolled={state.rolled} />}
      {state.error && state.phase !== 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}

      {(state.phase === 'idle' || (checking && !report)) && <Spinner label="正在校验…" />}

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

      {state.phase === 'not-form' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>“{state.sheet}”不是部门整体绩效目标申报表</MessageBarTitle>
            {state.reason} 请切换到申报表所在的工作表后点“校验当前表”，或新建一张申报表。
          </MessageBarBody>
          <Button size="small" appearance="primary" onClick={() => session.showView('template')}>
            生成申报表
          </Button>
        </MessageBar>
      )}

      {report && (state.phase === 'ready' || checking) && (
        <>
          <Summary report={report} sheet={report.sheet} updating={checking} />
          {report.findings.length === 0 && <Text className={styles.empty}>没有发现问题。</Text>}
          {groupFindings(report).map((g) => (
            <section key={g.section} className={styles.group} aria-label={g.title}>
              <h2 className={styles.groupTitle}>
                {g.title}（{g.findings.length}）
              </h2>
              <ul className={styles.list}>
                {g.findings.map((f, i) => (
                  <FindingItem
                    key={`${f.rule}|${f.cells.join(',')}|${i}`}
                    finding={f}
                    sheet={report.sheet}
                    session={session}
                    busy={state.busy}
                  />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
