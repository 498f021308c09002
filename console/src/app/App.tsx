import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorPanel, Loading } from '../components/States.js';
import { switchLocale } from '../i18n/index.js';
import { isApiError } from '../lib/api.js';
import { isLocale } from '../lib/locale.js';
import type { Locale, NodeCard, Session } from '../lib/types.js';
import { SignIn } from '../screens/SignIn.js';
import { api, onUnauthorized } from './api.js';
import { rememberLocale } from './preference.js';
import { SessionContext, type NoticeTone, type SessionState } from './session.js';
import { Shell } from './Shell.js';

type Phase =
  | { name: 'checking' }
  | { name: 'unreachable'; error: unknown }
  | { name: 'signed-out'; expired: boolean }
  | { name: 'signed-in'; session: Session };

export interface Notice {
  id: number;
  text: string;
  tone: NoticeTone;
}

/**
 * The console's top: whether there is a session (no data without one), the language, and the
 * node's public card, which the sign-in page shows too so that two windows side by side are told
 * apart before anyone signs in.
 */
/** The first questions to the node, asked while the language loads (main.tsx). */
export interface FirstRequests {
  session: Promise<Session>;
  node: Promise<NodeCard>;
}

export function App({ first }: { first: FirstRequests }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'checking' });
  const [node, setNode] = useState<NodeCard | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextNotice = useRef(1);

  const accept = useCallback((s: Session) => {
    api.setCsrfToken(s.csrfToken);
    setPhase({ name: 'signed-in', session: s });
    const remembered = s.user.locale;
    if (isLocale(remembered) && remembered !== i18next.language) {
      void switchLocale(remembered).then(() => rememberLocale(remembered));
    }
  }, []);

  const check = useCallback(
    (asked?: Promise<Session>) => {
      setPhase({ name: 'checking' });
      (asked ?? api.get<Session>('/console/api/session', undefined, { expectUnauthorized: true })).then(accept, (e: unknown) => {
        if (isApiError(e) && e.status === 401) setPhase({ name: 'signed-out', expired: false });
        else setPhase({ name: 'unreachable', error: e });
      });
    },
    [accept],
  );

  // Once per page: the answers asked for in main.tsx are used for the first screen only.
  const started = useRef(false);
  useEffect(() => {
    onUnauthorized(() => {
      api.setCsrfToken(null);
      setPhase((p) => (p.name === 'signed-in' ? { name: 'signed-out', expired: true } : p));
    });
    if (started.current) return;
    started.current = true;
    check(first.session);
    first.node.then(setNode, () => setNode(null));
  }, [check, first]);

  const notify = useCallback((text: string, tone: NoticeTone = 'ok') => {
    const id = nextNotice.current++;
    setNotices((n) => [...n.slice(-2), { id, text, tone }]);
    window.setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), tone === 'ok' ? 6000 : 12000);
  }, []);

  const setLocale = useCallback(
    (locale: Locale) => {
      void switchLocale(locale).then(() => {
        rememberLocale(locale);
        if (phase.name !== 'signed-in') return;
        api.put('/console/api/me/locale', { locale }).then(
          () => setPhase((p) => (p.name === 'signed-in' ? { ...p, session: { ...p.session, user: { ...p.session.user, locale } } } : p)),
          () => notify(t('shell.localeNotSaved'), 'bad'),
        );
      });
    },
    [phase.name, notify, t],
  );

  const signOut = useCallback(() => {
    const done = () => {
      api.setCsrfToken(null);
      setPhase({ name: 'signed-out', expired: false });
    };
    api.delete('/console/api/session').then(done, done);
  }, []);

  const state = useMemo<SessionState | null>(() => {
    if (phase.name !== 'signed-in') return null;
    const permissions = phase.session.user.permissions;
    return { session: phase.session, node, can: (p) => permissions.includes(p), signOut, setLocale, notify };
  }, [phase, node, signOut, setLocale, notify]);

  if (phase.name === 'checking')
    return (
      <div className="boot">
        <Loading label={t('session.checking')} />
      </div>
    );
  if (phase.name === 'unreachable') {
    return (
      <div className="boot">
        <ErrorPanel error={phase.error} title={t('session.unreachable')} onRetry={() => check()} />
      </div>
    );
  }
  if (phase.name === 'signed-out' || state === null) {
    return <SignIn node={node} expired={phase.name === 'signed-out' && phase.expired} onSignedIn={accept} setLocale={setLocale} />;
  }
  return (
    <SessionContext.Provider value={state}>
      <Shell notices={notices} dismiss={(id) => setNotices((n) => n.filter((x) => x.id !== id))} />
    </SessionContext.Provider>
  );
}
