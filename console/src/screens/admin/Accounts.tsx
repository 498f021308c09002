import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useResource } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { StatusBadge } from '../../components/Badges.js';
import { Empty, ErrorPanel, InlineError, Loading } from '../../components/States.js';
import { toggled } from '../../lib/filters.js';
import { ROLES, type Account } from '../../lib/types.js';

function RoleChecks({
  roles,
  onChange,
  legend,
  disabled = false,
}: {
  roles: string[];
  onChange: (r: string[]) => void;
  legend: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="role-checks">
      <legend className="visually-hidden">{legend}</legend>
      {ROLES.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" checked={roles.includes(r)} disabled={disabled} onChange={() => onChange(toggled(roles, r))} />
          {t(`roles.${r}`)}
        </label>
      ))}
    </fieldset>
  );
}

function AccountRow({ a, self, onChanged }: { a: Account; self: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const [roles, setRoles] = useState(a.roles);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const changed = [...roles].sort().join() !== [...a.roles].sort().join();

  const patch = (body: { roles?: string[]; disabled?: boolean }, done: string) => {
    setBusy(true);
    setError(null);
    api.patch(`/console/api/accounts/${encodeURIComponent(a.username)}`, body).then(
      () => {
        setBusy(false);
        notify(done);
        onChanged();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <tr>
      <td>
        <strong>{a.displayName || a.username}</strong>
        <span className="cell-sub mono small">{a.username}</span>
      </td>
      <td>
        <RoleChecks roles={roles} onChange={setRoles} legend={t('accounts.rolesOf', { user: a.username })} disabled={busy} />
        {changed && (
          <div className="form-actions">
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy || roles.length === 0}
              onClick={() => patch({ roles }, t('accounts.rolesSaved', { user: a.username }))}
            >
              {t('accounts.saveRoles')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={() => setRoles(a.roles)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        {error !== null && <InlineError error={error} />}
      </td>
      <td>
        <StatusBadge tone={a.disabled ? 'bad' : 'ok'}>{a.disabled ? t('accounts.disabled') : t('accounts.active')}</StatusBadge>
      </td>
      <td>
        {!self && (
          <button
            type="button"
            className={`button button-small${a.disabled ? '' : ' button-danger'}`}
            disabled={busy}
            onClick={() =>
              patch(
                { disabled: !a.disabled },
                a.disabled ? t('accounts.enabledDone', { user: a.username }) : t('accounts.disabledDone', { user: a.username }),
              )
            }
          >
            {a.disabled ? t('accounts.enable') : t('accounts.disable')}
          </button>
        )}
        {self && <span className="muted small">{t('accounts.you')}</span>}
      </td>
    </tr>
  );
}

function NewAccount({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const id = useId();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['analyst']);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (username.trim() === '' || password === '' || roles.length === 0) {
      setProblem(t('accounts.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    api
      .post('/console/api/accounts', { username: username.trim(), displayName: displayName.trim() || username.trim(), password, roles })
      .then(
        () => {
          setBusy(false);
          notify(t('accounts.created', { user: username.trim() }));
          setUsername('');
          setDisplayName('');
          setPassword('');
          onCreated();
        },
        (err: unknown) => {
          setBusy(false);
          setError(err);
        },
      );
  };

  return (
    <form className="panel form-grid" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="field-wide">
        {t('accounts.newTitle')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('accounts.username')}</label>
        <input id={`${id}-user`} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('accounts.displayName')}</label>
        <input id={`${id}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pass`}>{t('accounts.password')}</label>
        <input
          id={`${id}-pass`}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          aria-describedby={`${id}-pass-hint`}
        />
        <p className="field-hint" id={`${id}-pass-hint`}>
          {t('accounts.passwordHint')}
        </p>
      </div>
      <div className="field field-wide">
        <span className="field-label">{t('accounts.roles')}</span>
        <RoleChecks roles={roles} onChange={setRoles} legend={t('accounts.roles')} />
      </div>
      {problem && (
        <p className="field-error field-wide" role="alert">
          {problem}
        </p>
      )}
      {error !== null && (
        <div className="field-wide">
          <InlineError error={error} />
        </div>
      )}
      <div className="form-actions field-wide">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('accounts.create')}
        </button>
      </div>
    </form>
  );
}

/** The node's accounts and their roles (administrators only). */
export function Accounts() {
  const { t } = useTranslation();
  const { session } = useSession();
  const res = useResource<{ accounts: Account[] } | Account[]>('accounts', (signal) =>
    api.get('/console/api/accounts', undefined, { signal }),
  );
  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const accounts = Array.isArray(res.data) ? res.data : res.data.accounts;
  return (
    <div className="stack">
      {accounts.length === 0 ? (
        <Empty title={t('accounts.none')} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('admin.accountsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.account')}</th>
                <th scope="col">{t('accounts.roles')}</th>
                <th scope="col">{t('accounts.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('accounts.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <AccountRow
                  key={`${a.username}|${a.roles.join()}|${a.disabled}`}
                  a={a}
                  self={a.username === session.user.username}
                  onChanged={res.reload}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewAccount onCreated={res.reload} />
    </div>
  );
}
