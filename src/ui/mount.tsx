import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import type { Session } from '../app/session';
import { App } from './App';

/** Renders the pane into an element; the Excel and WPS shells both call this. */
export function mountPane(element: HTMLElement, session: Session, options: { today?: Date } = {}): Root {
  const root = createRoot(element);
  root.render(
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <App session={session} today={options.today} />
    </FluentProvider>,
  );
  return root;
}
