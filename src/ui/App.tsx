import { makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import type { Session, View } from '../app/session';
import { CheckView } from './CheckView';
import { TemplateForm } from './TemplateForm';
import { row, stack } from './spacing';
import { useSessionState } from './useSession';

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    minWidth: '280px',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    ...stack(tokens.spacingVerticalS),
  },
  header: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    ...row(tokens.spacingHorizontalS),
  },
  sheet: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export interface AppProps {
  session: Session;
  /** The date the template form's default year is taken from. */
  today?: Date;
}

/** The task pane: the check view and the template form, over one session (Excel and WPS alike). */
export function App({ session, today = new Date() }: AppProps) {
  const styles = useStyles();
  const state = useSessionState(session);
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Text as="h1" size={400} weight="semibold">
          绩效申报助手
        </Text>
        {state.sheet && (
          <Text className={styles.sheet} size={200}>
            工作表：{state.sheet}
          </Text>
        )}
      </header>
      <TabList selectedValue={state.view} onTabSelect={(_, d) => session.showView(d.value as View)} size="small">
        <Tab value="check">校验</Tab>
        <Tab value="template">生成申报表</Tab>
      </TabList>
      {state.view === 'check' ? (
        <CheckView session={session} state={state} />
      ) : (
        <TemplateForm session={session} busy={state.busy} today={today} />
      )}
    </main>
  );
}
