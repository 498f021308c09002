import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useResource } from '../app/hooks.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { CountryCode, StatusBadge } from '../components/Badges.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { Empty, ErrorPanel, InlineError, Loading } from '../components/States.js';
import { Time } from '../components/Time.js';
import { formatDuration, formatNumber } from '../lib/format.js';
import { filtersToSearch, EMPTY_FILTERS } from '../lib/filters.js';
import { hrefOf, objectHref } from '../lib/routes.js';
import { peerTone } from '../lib/stix.js';
import type { Overview as OverviewData, OverviewAlert, PeerStatus } from '../lib/types.js';

/** Refreshed while open: an operations centre leaves this screen on the wall. */
const REFRESH_MS = 15_000;

function alertLink(a: OverviewAlert): string {
  switch (a.kind) {
    case 'audit-failing':
      return hrefOf({ name: 'audit', peer: a.peer ?? null });
    case 'proposals-pending':
      return hrefOf({ name: 'intelligence', search: filtersToSearch({ ...EMPTY_FILTERS, types: ['x-enlace-proposal'] }) });
    default:
      return `#peer-${a.peer ?? ''}`;
  }
}

/** Where an alert sends the reader: another screen, or the peer's card on this one. */
function AlertLink({ alert, children }: { alert: OverviewAlert; children: string }) {
  const href = alertLink(alert);
  if (!href.startsWith('#')) return <Link to={href}>{children}</Link>;
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        const card = document.getElementById(href.slice(1));
        card?.scrollIntoView({ block: 'center' });
        card?.focus({ preventScroll: true });
      }}
    >
      {children}
    </a>
  );
}

function Alerts({ alerts }: { alerts: OverviewAlert[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (alerts.length === 0) {
    return <p className="all-clear">{t('overview.noAlerts')}</p>;
  }
  return (
    <ul className="alerts">
      {alerts.map((a, i) => (
        <li key={`${a.kind}-${a.peer ?? ''}-${i}`} className={`alert alert-${a.kind}`}>
          <div>
            <strong>
              {t(`overview.alert.${a.kind}`, { peer: a.peer ?? '', count: a.count ?? 0, countText: formatNumber(a.count ?? 0, locale) })}
            </strong>
            {a.since && (
              <span className="muted">
                {' '}
                {t('overview.since')} <Time iso={a.since} relative />
              </span>
            )}
          </div>
          <AlertLink alert={a}>{t(`overview.alertAction.${a.kind}`)}</AlertLink>
        </li>
      ))}
    </ul>
  );
}

function PeerCard({ p, onSynced }: { p: PeerStatus; onSynced: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can, notify } = useSession();
  const [syncing, setSyncing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tone = peerTone(p);
  const waiting = p.lagObjects.incoming + p.lagObjects.outgoing;

  const syncNow = () => {
    setSyncing(true);
    setError(null);
    api.post<{ reports: { ok: boolean; pulled: number; pushed: number }[] }>(`/api/v1/sync?peer=${encodeURIComponent(p.peer)}`).then(
      (r) => {
        setSyncing(false);
        const report = r.reports[0];
        if (report?.ok)
          notify(
            t('overview.synced', {
              peer: p.peer,
              pulled: formatNumber(report.pulled, locale),
              pushed: formatNumber(report.pushed, locale),
            }),
          );
        else notify(t('overview.syncFailed', { peer: p.peer }), 'bad');
        onSynced();
      },
      (e: unknown) => {
        setSyncing(false);
        setError(e);
      },
    );
  };

  return (
    <article className={`card peer-card peer-${tone}`} id={`peer-${p.peer}`} tabIndex={-1} aria-labelledby={`peer-title-${p.peer}`}>
      <header className="card-header">
        <h3 id={`peer-title-${p.peer}`}>{p.peer}</h3>
        <StatusBadge tone={tone}>{t(`peerState.${tone}`)}</StatusBadge>
      </header>
      <dl className="facts">
        <dt>{t('overview.lastSuccess')}</dt>
        <dd>{p.lastSuccess ? <Time iso={p.lastSuccess} relative /> : t('overview.never')}</dd>
        <dt>{t('overview.lag')}</dt>
        <dd>
          {waiting === 0
            ? t('overview.upToDate')
            : t('overview.lagDetail', {
                incoming: formatNumber(p.lagObjects.incoming, locale),
                outgoing: formatNumber(p.lagObjects.outgoing, locale),
                time: formatDuration(p.lagSeconds, locale),
              })}
        </dd>
        <dt>{t('overview.totals')}</dt>
        <dd>
          {t('overview.totalsDetail', {
            pulled: formatNumber(p.pulledTotal, locale),
            pushed: formatNumber(p.pushedTotal, locale),
            rejected: formatNumber(p.rejectedTotal, locale),
          })}
        </dd>
        {p.revokedByPeer > 0 && (
          <>
            <dt>{t('overview.revokedByPeer')}</dt>
            <dd>{formatNumber(p.revokedByPeer, locale)}</dd>
          </>
        )}
        <dt>{t('overview.auditState')}</dt>
        <dd>
          <StatusBadge tone={p.audit.state === 'ok' ? 'ok' : p.audit.state === 'failing' ? 'bad' : 'idle'}>
            {t(`auditState.${p.audit.state}`)}
          </StatusBadge>
          {p.audit.lastFailureReason && p.audit.state === 'failing' && <span className="muted">{` ${p.audit.lastFailureReason}`}</span>}
        </dd>
        <dt>{t('overview.fingerprint')}</dt>
        <dd>
          <Fingerprint value={p.fingerprint} />
        </dd>
      </dl>
      {p.state === 'failing' && (
        <div className="peer-failure">
          <strong>
            {t('overview.failingSince', { count: p.consecutiveFailures, countText: formatNumber(p.consecutiveFailures, locale) })}
          </strong>
          {p.lastFailure && (
            <>
              {' '}
              <Time iso={p.lastFailure} relative />
            </>
          )}
          {p.lastFailureReason && <p>{p.lastFailureReason}</p>}
          <p className="state-hint">{t('overview.failingHint')}</p>
        </div>
      )}
      {p.recentRejections.length > 0 && (
        <details className="rejections">
          <summary>
            {t('overview.recentRejections', {
              count: p.recentRejections.length,
              countText: formatNumber(p.recentRejections.length, locale),
            })}
          </summary>
          <ul>
            {p.recentRejections.map((r, i) => (
              <li key={`${r.at}-${i}`}>
                <Time iso={r.at} /> <span className="muted">{t(`overview.rejection.${r.direction}`)}</span>{' '}
                {r.objectId && (
                  <Link to={objectHref(r.objectId)} className="mono">
                    {r.objectId}
                  </Link>
                )}
                <div>{r.reason}</div>
              </li>
            ))}
          </ul>
        </details>
      )}
      {can('sync:run') && (
        <div className="card-actions">
          <button type="button" className="button" onClick={syncNow} disabled={syncing} aria-busy={syncing}>
            {syncing ? t('overview.syncing') : t('overview.syncNow')}
          </button>
          {error !== null && <InlineError error={error} />}
        </div>
      )}
    </article>
  );
}

export default function Overview() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { node } = useSession();
  const res = useResource<OverviewData>('overview', (signal) => api.get('/console/api/overview', undefined, { signal }), {
    refreshMs: REFRESH_MS,
  });
  const data = res.data;

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t('overview.title')}</h1>
        {node && (
          <p className="screen-subtitle">
            <CountryCode code={node.country} /> {t('overview.subtitle', { node: node.name, organisation: node.organisation })}
          </p>
        )}
      </header>
      {data === undefined && res.error === undefined && <Loading />}
      {res.error !== undefined && <ErrorPanel error={res.error} onRetry={res.reload} />}
      {data && (
        <>
          <section aria-labelledby="alerts-heading" className="section">
            <h2 id="alerts-heading">{t('overview.alertsTitle')}</h2>
            <Alerts alerts={data.alerts} />
          </section>
          <section aria-labelledby="today-heading" className="section">
            <h2 id="today-heading">{t('overview.todayTitle')}</h2>
            <div className="tiles">
              <div className="tile">
                <span className="tile-value">{formatNumber(data.today.received, locale)}</span>
                <span className="tile-label">{t('overview.received')}</span>
              </div>
              <div className="tile">
                <span className="tile-value">{formatNumber(data.today.sent, locale)}</span>
                <span className="tile-label">{t('overview.sent')}</span>
              </div>
              <Link className="tile tile-link" to={hrefOf({ name: 'intelligence', search: '' })}>
                <span className="tile-label">{t('overview.openIntelligence')}</span>
              </Link>
            </div>
          </section>
          <section aria-labelledby="peers-heading" className="section">
            <h2 id="peers-heading">{t('overview.peersTitle')}</h2>
            {data.peers.length === 0 ? (
              <Empty title={t('overview.noPeers')} hint={t('overview.noPeersHint')} />
            ) : (
              <div className="cards">
                {data.peers.map((p) => (
                  <PeerCard key={p.peer} p={p} onSynced={res.reload} />
                ))}
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
