import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useResource } from '../app/hooks.js';
import { useSession } from '../app/session.js';
import { CountryCode, StatusBadge } from '../components/Badges.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { Empty, ErrorPanel, Loading } from '../components/States.js';
import { Time } from '../components/Time.js';
import { formatNumber } from '../lib/format.js';
import { peerTone } from '../lib/stix.js';
import { ROLES, type NodeInfo, type PeerStatus } from '../lib/types.js';
import { Accounts } from './admin/Accounts.js';

function NodeCardPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const res = useResource<NodeInfo>('node', (signal) => api.get('/api/v1/node', undefined, { signal }));
  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const n = res.data;
  return (
    <dl className="facts facts-wide">
      <dt>{t('admin.nodeName')}</dt>
      <dd>{n.name}</dd>
      <dt>{t('admin.organisation')}</dt>
      <dd>{n.organisation}</dd>
      <dt>{t('admin.country')}</dt>
      <dd>
        <CountryCode code={n.country} />
      </dd>
      <dt>{t('admin.fingerprint')}</dt>
      <dd>
        <Fingerprint value={n.fingerprint} />
      </dd>
      <dt>{t('admin.identity')}</dt>
      <dd>
        <code className="mono small">{n.identity_id}</code>
      </dd>
      <dt>{t('admin.url')}</dt>
      <dd>
        <code className="mono small">{n.url}</code>
      </dd>
      <dt>{t('admin.store')}</dt>
      <dd>{n.store}</dd>
      <dt>{t('admin.collections')}</dt>
      <dd>
        <ul className="plain-list">
          {n.collections.map((c) => (
            <li key={c.id}>{t('admin.collection', { title: c.title, count: c.objects, countText: formatNumber(c.objects, locale) })}</li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

function Peers() {
  const { t } = useTranslation();
  const res = useResource<{ peers: PeerStatus[] }>('peers', (signal) => api.get('/api/v1/peers', undefined, { signal }));
  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  if (res.data.peers.length === 0) return <Empty title={t('admin.noPeers')} hint={t('admin.noPeersHint')} />;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('admin.peersTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.peer')}</th>
            <th scope="col">{t('admin.fingerprint')}</th>
            <th scope="col">{t('admin.state')}</th>
            <th scope="col">{t('admin.lastSuccess')}</th>
          </tr>
        </thead>
        <tbody>
          {res.data.peers.map((p) => (
            <tr key={p.peer}>
              <td>
                <strong>{p.peer}</strong>
                <span className="cell-sub mono small">{p.url}</span>
              </td>
              <td>
                <Fingerprint value={p.fingerprint} />
              </td>
              <td>
                <StatusBadge tone={peerTone(p)}>{t(`peerState.${peerTone(p)}`)}</StatusBadge>
              </td>
              <td>{p.lastSuccess ? <Time iso={p.lastSuccess} relative /> : t('overview.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Roles() {
  const { t } = useTranslation();
  return (
    <dl className="roles-list">
      {ROLES.map((r) => (
        <div key={r}>
          <dt>{t(`roles.${r}`)}</dt>
          <dd>{t(`roles.describe.${r}`)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function Admin() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t('admin.title')}</h1>
        <p className="screen-subtitle">{t('admin.subtitle')}</p>
      </header>
      <div className="admin-grid">
        <section className="panel" aria-labelledby="node-title">
          <h2 id="node-title">{t('admin.nodeTitle')}</h2>
          <NodeCardPanel />
        </section>
        <section className="panel" aria-labelledby="peers-title">
          <h2 id="peers-title">{t('admin.peersTitle')}</h2>
          <p className="muted">{t('admin.peersIntro')}</p>
          <Peers />
        </section>
      </div>
      {can('accounts:manage') && (
        <section className="section" aria-labelledby="accounts-title">
          <h2 id="accounts-title">{t('admin.accountsTitle')}</h2>
          <Accounts />
        </section>
      )}
      <section className="section" aria-labelledby="roles-title">
        <h2 id="roles-title">{t('admin.rolesTitle')}</h2>
        <Roles />
      </section>
    </div>
  );
}
