import { createContext, useContext } from 'react';
import type { Locale, NodeCard, Session } from '../lib/types.js';

export type NoticeTone = 'ok' | 'bad';

/** What every screen may ask of the signed-in console. */
export interface SessionState {
  session: Session;
  /** This node's public card (name, country…), null until it has loaded. */
  node: NodeCard | null;
  can: (permission: string) => boolean;
  signOut: () => void;
  setLocale: (locale: Locale) => void;
  /** A short message in the status area: "Note added", or what went wrong in the background. */
  notify: (text: string, tone?: NoticeTone) => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (s === null) throw new Error('useSession outside a signed-in console');
  return s;
}
