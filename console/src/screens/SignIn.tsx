import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { CountryCode } from '../components/Badges.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { InlineError } from '../components/States.js';
import { isApiError } from '../lib/api.js';
import type { Locale, NodeCard, Session } from '../lib/types.js';

interface Props {
  node: NodeCard | null;
  /** The session ended by itself (idle or absolute timeout), not by signing out. */
  expired: boolean;
  onSignedIn: (s: Session) => void;
  setLocale: (l: Locale) => void;
}

export function SignIn({ node, expired, onSignedIn, setLocale }: Props) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const ids = { user: useId(), pass: useId(), err: useId() };

  useEffect(() => {
    document.title = node
      ? t('app.documentTitleNode', { screen: t('signIn.title'), node: node.name })
      : t('app.documentTitle', { screen: t('signIn.title') });
  }, [node, t]);

  useEffect(() => userRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    api.post<Session>('/console/api/session', { username: username.trim(), password }, { expectUnauthorized: true }).then(
      (s) => onSignedIn(s),
      (err: unknown) => {
        setBusy(false);
        setPassword('');
        setError(err);
      },
    );
  };

  const badCredentials = isApiError(error) && error.status === 401;

  return (
    <div className="signin-page">
      <div className="signin-lang">
        <LanguageSwitch onChange={setLocale} />
      </div>
      <main className="signin-card" aria-labelledby="signin-heading">
        <div className="signin-brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </div>
        <h1 id="signin-heading">{t('signIn.title')}</h1>
        {node && (
          <p className="signin-node">
            <CountryCode code={node.country} />
            <span>{t('signIn.node', { node: node.name, organisation: node.organisation })}</span>
          </p>
        )}
        {expired && (
          <p className="notice notice-bad" role="status">
            {t('signIn.expired')}
          </p>
        )}
        <form onSubmit={submit} noValidate aria-describedby={ids.err}>
          <div className="field">
            <label htmlFor={ids.user}>{t('signIn.username')}</label>
            <input
              id={ids.user}
              ref={userRef}
              data-testid="signin-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.pass}>{t('signIn.password')}</label>
            <input
              id={ids.pass}
              data-testid="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div id={ids.err}>
            {missing && (
              <div className="inline-error" role="alert">
                <strong>{t('signIn.missing')}</strong>
              </div>
            )}
            {badCredentials && (
              <div className="inline-error" role="alert">
                <strong>{t('signIn.badCredentials')}</strong>
                <span className="state-hint">{` ${t('signIn.badCredentialsHint')}`}</span>
              </div>
            )}
            {error !== null && !badCredentials && <InlineError error={error} />}
          </div>
          <button type="submit" className="button button-primary button-wide" data-testid="signin-submit" disabled={busy}>
            {busy ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
        <p className="signin-footnote">{t('signIn.footnote')}</p>
      </main>
    </div>
  );
}
