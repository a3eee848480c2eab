/**
 * One Session per add-in runtime. In Excel's shared runtime the ribbon
 * commands, the pane and the change handlers run in the same page, so they
 * all get the same session (and the same queue and state) from here.
 */
import type { Host } from '../host/types';
import { Session, type SessionOptions } from './session';

let current: Session | null = null;

/** The runtime's session, made on first use from the host the factory gives. */
export function runtimeSession(makeHost: () => Host, options?: SessionOptions): Session {
  current ??= new Session(makeHost(), options);
  return current;
}

/** For tests and for a host that has to be rebuilt: forgets the current session. */
export function resetRuntimeSession(): void {
  current?.dispose();
  current = null;
}
