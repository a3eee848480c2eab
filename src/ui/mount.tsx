import { FluentProvider, RendererProvider, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { Session } from '../app/session';
import { App } from './App';
import { createPaneRenderer } from './floor-css';
import { paneTheme } from './theme';

export interface MountOptions {
  today?: Date;
  theme?: Theme;
  /**
   * Follows the host's theme while the pane is open: called once with a function that applies a new
   * theme; returns a function that stops following.
   */
  followTheme?: (apply: (theme: Theme) => void) => () => void;
}

function Pane({ session, options, doc }: { session: Session; options: MountOptions; doc: Document }) {
  const [theme, setTheme] = useState<Theme>(options.theme ?? paneTheme());
  const follow = options.followTheme;
  useEffect(() => (follow ? follow(setTheme) : undefined), [follow]);
  return (
    <FluentProvider theme={theme} lang="zh-CN" targetDocument={doc} style={{ minHeight: '100vh' }}>
      <App session={session} today={options.today} />
    </FluentProvider>
  );
}

/** Renders the pane into an element; the Excel and WPS shells both call this. */
export function mountPane(element: HTMLElement, session: Session, options: MountOptions = {}): Root {
  const root = createRoot(element);
  const doc = element.ownerDocument;
  // Styles go through a renderer that adds fallbacks for old engines (WPS: src/ui/floor-css.ts).
  root.render(
    <RendererProvider renderer={createPaneRenderer(doc)} targetDocument={doc}>
      <Pane session={session} options={options} doc={doc} />
    </RendererProvider>,
  );
  return root;
}
