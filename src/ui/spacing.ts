/**
 * Space between children with margins, not flex `gap`: flex gap needs Chromium 84 and the WPS pane must
 * hold on Chromium 58 (docs/wps.md, 浏览器内核). tests/wps/pane-css.test.ts checks that no container of
 * the rendered pane depends on a gap.
 */
import type { GriffelStyle } from '@fluentui/react-components';

/** A column: each child after the first starts `gap` below the one before. */
export const stack = (gap: string): GriffelStyle => ({ '& > * + *': { marginTop: gap } });

/** A row that does not wrap: each child after the first starts `gap` right of the one before. */
export const row = (gap: string): GriffelStyle => ({ '& > * + *': { marginLeft: gap } });

/**
 * A wrapping row: every item keeps `column` to its right and `row` below it, and the container gives the
 * last column's and last line's back with negative margins. Only for a container without a background or
 * border of its own (the negative margins widen its box).
 */
export const wrapping = (column: string, rowGap: string): GriffelStyle => ({
  marginRight: `calc(-1 * ${column})`,
  marginBottom: `calc(-1 * ${rowGap})`,
  '& > *': { marginRight: column, marginBottom: rowGap },
});
