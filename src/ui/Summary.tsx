import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Report } from '../report/types';
import { shownCounts, verdictText } from '../report/wording';
import { Busy } from './Busy';
import { wrapping } from './spacing';

const useStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  // The negative margins of a wrapping row stay inside the root's padding.
  items: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    ...wrapping(tokens.spacingHorizontalS, tokens.spacingVerticalXS),
  },
  verdict: { flexBasis: '100%' },
});

/** 错误 N · 待填写 N · 提示 N · 已说明 N, and whether the form can be submitted. */
export function Summary({ report, sheet, updating }: { report: Report; sheet: string; updating: boolean }) {
  const styles = useStyles();
  const counts = shownCounts(report.findings);
  const { errors, blanks, warnings, explained } = counts;
  return (
    <section className={styles.root} aria-label="校验结果" aria-live="polite">
      <div className={styles.items}>
        <Badge appearance="filled" color={errors ? 'danger' : 'subtle'}>
          错误 {errors}
        </Badge>
        {blanks > 0 && (
          <Badge appearance="tint" color="important">
            待填写 {blanks}
          </Badge>
        )}
        <Badge appearance="filled" color={warnings ? 'warning' : 'subtle'}>
          提示 {warnings}
        </Badge>
        <Badge appearance="outline" color="informative">
          已说明 {explained}
        </Badge>
        {updating && <Busy size="small" label="正在更新" />}
        <Text className={styles.verdict} weight="semibold" data-testid="verdict">
          {verdictText(sheet, counts, report.summary.errors)}
        </Text>
      </div>
    </section>
  );
}
