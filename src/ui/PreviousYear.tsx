import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { SessionState } from '../app/session';
import { comparedText } from '../app/view';

const useStyles = makeStyles({
  root: {
    display: 'block',
    paddingTop: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
});

/**
 * 与上年对比 (docs/spec/previous-year.md): which of last year's forms the check compared with, or why
 * it compared with none although one may be there. Nothing at all when there is nothing to say.
 */
export function PreviousYear({ state }: { state: SessionState }) {
  const styles = useStyles();
  const text = comparedText(state.compared) ?? state.comparedNote;
  if (!text) return null;
  return (
    <Text className={styles.root} size={200} data-testid="compared">
      {text}
    </Text>
  );
}
