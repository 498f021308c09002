import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useResource } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { StatusBadge } from '../../components/Badges.js';
import { ErrorPanel, InlineError, Loading } from '../../components/States.js';
import { Time } from '../../components/Time.js';
import type { ProposalView } from '../../lib/types.js';

function Change({ name, value }: { name: string; value: unknown }) {
  const { t } = useTranslation();
  return (
    <li>
      <strong>{t(`prop.${name}`, { defaultValue: name })}</strong> <code className="prop-key">{name}</code>
      <pre className="json">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>
    </li>
  );
}

function Proposal({ p, onDecided }: { p: ProposalView; onDecided: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const id = useId();
  const [reason, setReason] = useState('');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const decide = (decision: 'accept' | 'reject') => {
    setBusy(true);
    setError(null);
    const body = { decision, ...(reason.trim() !== '' ? { reason: reason.trim() } : {}), ...(force ? { force: true } : {}) };
    api.post(`/api/v1/proposals/${encodeURIComponent(p.id)}/decision`, body).then(
      () => {
        setBusy(false);
        notify(t(decision === 'accept' ? 'proposals.accepted' : 'proposals.rejected'));
        onDecided();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <li className="card proposal">
      <p>
        <StatusBadge tone="info">{t(`proposals.state.${p.state}`)}</StatusBadge> <Time iso={p.created} />
        {p.stale && (
          <>
            {' '}
            <StatusBadge tone="warn">{t('proposals.stale')}</StatusBadge>
          </>
        )}
      </p>
      <p>
        <strong>{t('proposals.rationale')}</strong>
        {` ${p.rationale}`}
      </p>
      <ul className="plain-list">
        {Object.entries(p.changes).map(([k, v]) => (
          <Change key={k} name={k} value={v} />
        ))}
        {p.removals.map((k) => (
          <li key={k}>{t('proposals.removal', { property: k })}</li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('proposals.reason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {p.stale && (
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t('proposals.force')}
        </label>
      )}
      {error !== null && <InlineError error={error} />}
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => decide('accept')}>
          {t('proposals.accept')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => decide('reject')}>
          {t('proposals.reject')}
        </button>
      </div>
    </li>
  );
}

/** Partners' proposals to change this object, waiting for this node (the originator) to decide. */
export function PendingProposals({ objectId, onDecided }: { objectId: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const res = useResource<{ proposals: ProposalView[] }>(`proposals|${objectId}`, (signal) =>
    api.get('/api/v1/proposals', { state: 'pending', whose: 'theirs', limit: 1000 }, { signal }),
  );
  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const mine = res.data.proposals.filter((p) => p.target_ref === objectId);
  if (mine.length === 0) return null;
  return (
    <section className="panel" aria-label={t('proposals.title')}>
      <h2>{t('proposals.title')}</h2>
      <p className="muted">{t('proposals.intro')}</p>
      <ul className="plain-list">
        {mine.map((p) => (
          <Proposal
            key={p.id}
            p={p}
            onDecided={() => {
              res.reload();
              onDecided();
            }}
          />
        ))}
      </ul>
    </section>
  );
}
