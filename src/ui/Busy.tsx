/**
 * A spinner drawn with a border (one coloured quarter of a ring, turning): visible on every engine. Fluent's
 * Spinner draws its arc with conic-gradient masks (Chromium 69) and spaces its label with flex gap (84);
 * on WPS's floor (Chromium 58) it shows no arc at all.
 */
import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', justifyContent: 'center' },
  inline: { display: 'inline-flex', justifyContent: 'flex-start' },
  ring: {
    flexShrink: 0,
    boxSizing: 'border-box',
    borderRadius: '50%',
    ...shorthands.borderStyle('solid'),
    ...shorthands.borderColor(
      tokens.colorBrandStroke1,
      tokens.colorBrandStroke2Contrast,
      tokens.colorBrandStroke2Contrast,
    ),
    animationName: { from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(360deg)' } },
    animationDuration: '1s',
    animationIterationCount: 'infinite',
    animationTimingFunction: 'linear',
    '@media screen and (prefers-reduced-motion: reduce)': { animationDuration: '2.5s' },
    '@media (forced-colors: active)': { ...shorthands.borderColor('Highlight', 'HighlightText', 'HighlightText') },
  },
  medium: { width: '32px', height: '32px', ...shorthands.borderWidth('3px') },
  small: { width: '16px', height: '16px', ...shorthands.borderWidth('2px') },
  label: {
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  labelMedium: { marginLeft: tokens.spacingHorizontalS },
  labelSmall: { marginLeft: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200 },
});

/** The busy indicator with its label after it (role progressbar, named by the label). */
export function Busy({ label, size = 'medium' }: { label: string; size?: 'medium' | 'small' }) {
  const styles = useStyles();
  const small = size === 'small';
  return (
    <div className={mergeClasses(styles.root, small && styles.inline)} role="progressbar" aria-label={label}>
      <span className={mergeClasses(styles.ring, small ? styles.small : styles.medium)} aria-hidden="true" />
      <span className={mergeClasses(styles.label, small ? styles.labelSmall : styles.labelMedium)} aria-hidden="true">
        {label}
      </span>
    </div>
  );
}
