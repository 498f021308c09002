import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useResource } from '../app/hooks.js';
import { Link, navigate } from '../app/router.js';
import { StatusBadge } from '../components/Badges.js';
import { Empty, ErrorPanel, InlineError, Loading } from '../components/States.js';
import { Time } from '../components/Time.js';
import { formatNumber, microsToIso, shortId } from '../lib/format.js';
import { hrefOf, objectHref } from '../lib/routes.js';
import type { AccessRecord, AuditVerdict, HeldHead, PeerStatus } from '../lib/types.js';

function Verdict({ verdict }: { verdict: AuditVerdict }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div
      className={`verdict ${verdict.ok ? 'verdict-ok' : 'verdict-bad'}`}
      data-testid="audit-verdict"
      data-ok={String(verdict.ok)}
      role="status"
    >
      <p className="verdict-title">
        <StatusBadge tone={verdict.ok ? 'ok' : 'bad'}>{verdict.ok ? t('audit.ok') : t('audit.notOk')}</StatusBadge>
      </p>
      <p>
        {verdict.ok
          ? t('audit.okText', {
              peer: verdict.peer,
              matched: formatNumber(verdict.matched, locale),
              pending: formatNumber(verdict.pending, locale),
            })
          : t('audit.notOkText', { peer: verdict.peer, count: verdict.discrepancies.length })}
      </p>
      {verdict.discrepancies.length > 0 && (
        <ol className="discrepancies">
          {verdict.discrepancies.map((d, i) => (
            <li key={`${d.code}-${i}`}>{d.message}</li>
          ))}
        </ol>
      )}
      {!verdict.ok && <p className="state-hint">{t('audit.notOkHint')}</p>}
      {verdict.truncated && <p className="muted">{t('audit.truncated')}</p>}
      <table className="table table-compact">
        <caption>{t('audit.logsChecked')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.log')}</th>
            <th scope="col">{t('audit.treeSize')}</th>
            <th scope="col">{t('audit.headsChecked')}</th>
          </tr>
        </thead>
        <tbody>
          {verdict.logs.map((l) => (
            <tr key={l.log_id}>
              <td>{l.name}</td>
              <td>{formatNumber(l.tree_size, locale)}</td>
              <td>{formatNumber(l.heads, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {t('audit.checkedAt')} <Time iso={verdict.checked_at} />
      </p>
    </div>
  );
}

function Verify({ peers, chosen }: { peers: string[]; chosen: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<{ peer: string; verdict: AuditVerdict | null; error: unknown; busy: boolean } | null>(null);

  const verify = () => {
    setState({ peer: chosen, verdict: null, error: null, busy: true });
    api.get<AuditVerdict>('/api/v1/audit/verify', { peer: chosen }).then(
      (verdict) => setState({ peer: chosen, verdict, error: null, busy: false }),
      (error: unknown) => setState({ peer: chosen, verdict: null, error, busy: false }),
    );
  };

  const current = state?.peer === chosen ? state : null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('audit.verifyTitle')}</h2>
      <p className="muted">{t('audit.verifyIntro')}</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={`${id}-peer`}>{t('audit.peer')}</label>
          <select
            id={`${id}-peer`}
            value={chosen}
            onChange={(e) => navigate(hrefOf({ name: 'audit', peer: e.target.value }), { replace: true })}
          >
            {peers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="audit-verify"
            onClick={verify}
            disabled={current?.busy === true}
            aria-busy={current?.busy === true}
          >
            {current?.busy ? t('audit.verifying', { peer: chosen }) : t('audit.verify', { peer: chosen })}
          </button>
        </div>
      </div>
      {current?.busy && <Loading label={t('audit.verifying', { peer: chosen })} />}
      {current?.error !== null && current?.error !== undefined && <InlineError error={current.error} />}
      {current?.verdict && <Verdict verdict={current.verdict} />}
    </section>
  );
}

function Heads() {
  const { t } = useTranslation();
  const locale = useLocale();
  const res = useResource<{ heads: HeldHead[] }>('heads', (signal) => api.get('/api/v1/audit/heads', { limit: 20 }, { signal }));
  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  if (res.data.heads.length === 0) return <Empty title={t('audit.noHeads')} hint={t('audit.noHeadsHint')} />;
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">{t('audit.headsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.log')}</th>
            <th scope="col">{t('audit.headStatus')}</th>
            <th scope="col">{t('audit.treeSize')}</th>
            <th scope="col">{t('audit.signedAt')}</th>
            <th scope="col">{t('audit.received')}</th>
            <th scope="col">{t('audit.rootHash')}</th>
          </tr>
        </thead>
        <tbody>
          {res.data.heads.map((h, i) => {
            const head = typeof h.tree_head === 'object' && h.tree_head !== null ? (h.tree_head as Record<string, unknown>) : {};
            const size = typeof head['tree_size'] === 'number' ? head['tree_size'] : null;
            const root = typeof head['root_hash'] === 'string' ? head['root_hash'] : '';
            return (
              <tr key={`${h.log_id}-${i}`}>
                <td>{h.log}</td>
                <td>
                  <StatusBadge tone={h.status === 'inconsistent' ? 'bad' : h.status === 'own' ? 'info' : 'ok'}>
                    {t(`audit.headState.${h.status}`)}
                  </StatusBadge>
                </td>
                <td>{size === null ? '' : formatNumber(size, locale)}</td>
                <td>
                  <Time iso={microsToIso(head['timestamp'])} />
                </td>
                <td>
                  <Time iso={h.received} />
                </td>
                <td>
                  <code className="mono small" title={root}>
                    {shortId(root)}
                  </code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const ACCESS_PAGE = 50;

function AccessLog() {
  const { t } = useTranslation();
  const id = useId();
  const [account, setAccount] = useState('');
  const [filter, setFilter] = useState('');
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1];
  const res = useResource<{ entries: AccessRecord[] }>(`access|${filter}|${cursor ?? ''}`, (signal) =>
    api.get('/api/v1/audit/access', { limit: ACCESS_PAGE, account: filter, before: cursor }, { signal }),
  );
  const entries = res.data?.entries ?? [];
  const last = entries[entries.length - 1];

  return (
    <div>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setBefore([]);
          setFilter(account.trim());
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-account`}>{t('audit.accountFilter')}</label>
          <input id={`${id}-account`} value={account} onChange={(e) => setAccount(e.target.value)} autoComplete="off" />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('audit.filter')}
          </button>
        </div>
      </form>
      {res.error !== undefined && <ErrorPanel error={res.error} onRetry={res.reload} />}
      {!res.data && res.error === undefined && <Loading />}
      {res.data && entries.length === 0 && <Empty title={t('audit.noAccess')} hint={t('audit.noAccessHint')} />}
      {entries.length > 0 && (
        <div className="table-wrap" aria-busy={res.loading}>
          <table className="table table-compact">
            <caption className="visually-hidden">{t('audit.accessTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.account')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.object')}</th>
                <th scope="col">{t('audit.intact')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>
                    <Time iso={e.at} />
                  </td>
                  <td>{e.account}</td>
                  <td>{t(`audit.accessAction.${e.action}`)}</td>
                  <td>
                    <Link to={objectHref(e.object_id)} className="mono small">
                      {e.object_id}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge tone={e.intact ? 'ok' : 'bad'}>{e.intact ? t('audit.intactYes') : t('audit.intactNo')}</StatusBadge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions">
        {before.length > 0 && (
          <button type="button" className="button button-quiet" onClick={() => setBefore(before.slice(0, -1))}>
            {t('audit.newer')}
          </button>
        )}
        {entries.length === ACCESS_PAGE && last && (
          <button type="button" className="button" onClick={() => setBefore([...before, last.seq])}>
            {t('audit.older')}
          </button>
        )}
      </div>
    </div>
  );
}

export default function Audit({ peer }: { peer: string | null }) {
  const { t } = useTranslation();
  const peers = useResource<{ peers: PeerStatus[] }>('peers', (signal) => api.get('/api/v1/peers', undefined, { signal }));
  const names = (peers.data?.peers ?? []).map((p) => p.peer).sort();
  const chosen = peer !== null && names.includes(peer) ? peer : (names[0] ?? null);
  if (peers.error !== undefined)
    return (
      <div className="screen">
        <ErrorPanel error={peers.error} onRetry={peers.reload} />
      </div>
    );

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t('audit.title')}</h1>
        <p className="screen-subtitle">{t('audit.subtitle')}</p>
      </header>
      {!peers.data && <Loading />}
      {peers.data && chosen === null && <Empty title={t('audit.noPeers')} hint={t('audit.noPeersHint')} />}
      {chosen !== null && <Verify peers={names} chosen={chosen} />}
      <section className="section" aria-labelledby="heads-title">
        <h2 id="heads-title">{t('audit.headsTitle')}</h2>
        <p className="muted">{t('audit.headsIntro')}</p>
        <Heads />
      </section>
      <section className="section" aria-labelledby="access-title">
        <h2 id="access-title">{t('audit.accessTitle')}</h2>
        <p className="muted">{t('audit.accessIntro')}</p>
        <AccessLog />
      </section>
    </div>
  );
}
