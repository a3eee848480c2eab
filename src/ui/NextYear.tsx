import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RolledSheet, Session } from '../app/session';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  moved: { marginTop: tokens.spacingVerticalXS },
});

/**
 * The 生成下一年度 button: copies the form sheet for the next budget year and rolls it forward.
 * Excel cannot undo a sheet copy, so the button first says so and asks again.
 */
export function NextYearButton({ session, disabled }: { session: Session; disabled: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        disabled={disabled}
        onClick={() => setAsking(true)}
        title="复制本表为下一年度的申报表：年份列前移，当年数清空待填"
      >
        生成下一年度
      </Button>
    );
  }
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="next-year-confirm">
      <MessageBarBody>
        将复制本表为下一年度的申报表（本表不变）。复制工作表这一步在 Excel 中不能用 Ctrl+Z 撤消（WPS
        是否能撤消未经确认）；不需要时，右键单击新工作表的标签删除即可。
      </MessageBarBody>
      <Button
        size="small"
        appearance="primary"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          void session.rollForward();
        }}
      >
        生成
      </Button>
      <Button size="small" onClick={() => setAsking(false)}>
        取消
      </Button>
    </MessageBar>
  );
}

/** What 生成下一年度 moved and what is left for the officer to fill. */
export function RolledReport({ session, rolled }: { session: Session; rolled: RolledSheet }) {
  const styles = useStyles();
  return (
    <MessageBar intent="info" layout="multiline" data-testid="rolled">
      <MessageBarBody>
        <MessageBarTitle>{rolled.year} 年度申报表还需要填写或复核</MessageBarTitle>
        <ul className={styles.list}>
          {rolled.toFill.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <details className={styles.moved}>
          <summary>已移动和保留（{rolled.moved.length} 项）</summary>
          <ul className={styles.list}>
            {rolled.moved.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      </MessageBarBody>
      <Button size="small" onClick={() => session.dismissRolled()}>
        知道了
      </Button>
    </MessageBar>
  );
}
