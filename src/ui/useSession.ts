import { useSyncExternalStore } from 'react';
import type { Session, SessionState } from '../app/session';

/** The session's state as React state: the pane re-renders on every change. */
export function useSessionState(session: Session): SessionState {
  return useSyncExternalStore(
    (onChange) => session.subscribe(onChange),
    () => session.state,
  );
}
