import { FluentProvider, RendererProvider, type Theme } from '@fluentui/react-components';
import { createRoot, type Root } from 'react-dom/client';
import type { Session } from '../app/session';
import { App } from './App';
import { createPaneRenderer } from './floor-css';
import { paneTheme } from './theme';

/** Renders the pane into an element; the Excel and WPS shells both call this. */
export function mountPane(element: HTMLElement, session: Session, options: { today?: Date; theme?: Theme } = {}): Root {
  const root = createRoot(element);
  const theme = options.theme ?? paneTheme();
  const doc = element.ownerDocument;
  // Styles go through a renderer that adds fallbacks for old engines (WPS: src/ui/floor-css.ts).
  root.render(
    <RendererProvider renderer={createPaneRenderer(doc)} targetDocument={doc}>
      <FluentProvider theme={theme} lang="zh-CN" targetDocument={doc} style={{ minHeight: '100vh' }}>
        <App session={session} today={options.today} />
      </FluentProvider>
    </RendererProvider>,
  );
  return root;
}
