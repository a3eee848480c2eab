import { FluentProvider, type Theme } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import type { Session } from '../app/session';
import { App } from './App';
import { paneTheme } from './theme';

/** Renders the pane into an element; the Excel and WPS shells both call this. */
export function mountPane(element: HTMLElement, session: Session, options: { today?: Date; theme?: Theme } = {}): Root {
  const root = createRoot(element);
  const theme = options.theme ?? paneTheme();
  root.render(
    <FluentProvider theme={theme} lang="zh-CN" style={{ minHeight: '100vh' }}>
      <App session={session} today={options.today} />
    </FluentProvider>,
  );
  return root;
}
