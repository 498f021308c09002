import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useResource } from '../app/hooks.js';
import { navigate } from '../app/router.js';
import { CountryCode, StatusBadge } from '../components/Badges.js';
import { Empty, ErrorPanel, InlineError, Loading } from '../components/States.js';
import { formatNumber } from '../lib/format.js';
import { hrefOf } from '../lib/routes.js';
import type { NodeInfo, PeerStatus, PreviewItem, PreviewResult } from '../lib/types.js';
import { PolicyEditor } from './release/PolicyEditor.js';
import { PreviewRow } from './release/PreviewList.js';

const PAGE = 100;

function Preview({ peer, id, collection }: { peer: string; id: string | null; collection: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  // The partner's own objects are never sent back; they are shown only on request.
  const [hideTheirs, setHideTheirs] = useState(true);
  const key = `${peer}|${id ?? ''}|${collection ?? ''}`;
  const query = { peer, id: id ?? undefined, collection: collection ?? undefined, limit: PAGE };
  const res = useResource<PreviewResult>(key, (signal) => api.get('/api/v1/release/preview', query, { signal }));
  const [more, setMore] = useState<{ key: string; items: PreviewItem[]; next: number | undefined; loading: boolean; error: unknown }>({
    key,
    items: [],
    next: undefined,
    loading: false,
    error: null,
  });

  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading label={t('release.loading', { peer })} />;
  const data = res.data;
  const extra = more.key === key ? more : { key, items: [], next: undefined, loading: false, error: null };
  const items = [...data.objects, ...extra.items];
  const next = extra.items.length > 0 ? extra.next : data.more ? data.next_after : undefined;
  const considered = hideTheirs ? items.filter((i) => i.originator !== data.peer.identity_id) : items;
  const shown = onlyDifferences ? considered.filter((i) => i.decision !== 'release') : considered;
  const count = (effect: PreviewItem['decision']) => considered.filter((i) => i.decision === effect).length;
  const hidden = items.length - considered.length;

  const loadMore = () => {
    if (next === undefined) return;
    setMore({ ...extra, loading: true, error: null });
    api.get<PreviewResult>('/api/v1/release/preview', { ...query, after: next }).then(
      (r) =>
        setMore((m) => ({
          key,
          items: [...(m.key === key ? m.items : []), ...r.objects],
          next: r.more ? r.next_after : undefined,
          loading: false,
          error: null,
        })),
      (error: unknown) => setMore((m) => ({ ...m, loading: false, error })),
    );
  };

  return (
    <section className="section" aria-busy={res.loading}>
      <div className="summary-row">
        <p>
          <CountryCode code={data.peer.country} />{' '}
          {t('release.summaryFor', { peer: data.peer.name, organisation: data.peer.organisation, version: data.policy.version })}
        </p>
        <ul className="summary-chips">
          <li>
            <StatusBadge tone="ok">
              {t('release.summary.release', { count: count('release'), countText: formatNumber(count('release'), locale) })}
            </StatusBadge>
          </li>
          <li>
            <StatusBadge tone="warn">
              {t('release.summary.redact', { count: count('redact'), countText: formatNumber(count('redact'), locale) })}
            </StatusBadge>
          </li>
          <li>
            <StatusBadge tone="bad">
              {t('release.summary.withhold', { count: count('withhold'), countText: formatNumber(count('withhold'), locale) })}
            </StatusBadge>
          </li>
        </ul>
        <label className="check">
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
          {t('release.onlyDifferences')}
        </label>
        <label className="check">
          <input type="checkbox" checked={hideTheirs} onChange={(e) => setHideTheirs(e.target.checked)} />
          {t('release.hideTheirs', { peer: data.peer.name })}
        </label>
        {hideTheirs && hidden > 0 && (
          <span className="muted">
            {t('release.hiddenTheirs', { count: hidden, countText: formatNumber(hidden, locale), peer: data.peer.name })}
          </span>
        )}
      </div>
      {data.not_found && data.not_found.length > 0 && (
        <p className="notice notice-bad">{t('release.notFound', { ids: data.not_found.join(', ') })}</p>
      )}
      {items.length === 0 ? (
        <Empty title={t('release.empty')} hint={t('release.emptyHint')} />
      ) : (
        <>
          <div className="release-columns" aria-hidden="true">
            <span>{t('release.weHold')}</span>
            <span>{t('release.theyReceive', { peer: data.peer.name })}</span>
            <span>{t('release.why')}</span>
          </div>
          <ul className="release-list">
            {shown.map((item) => (
              <PreviewRow key={`${item.id}|${item.version}`} item={item} peer={data.peer.name} />
            ))}
          </ul>
          {shown.length === 0 && <p className="muted">{onlyDifferences ? t('release.noDifferences') : t('release.nothingShown')}</p>}
        </>
      )}
      {extra.error !== null && <InlineError error={extra.error} />}
      {next !== undefined && (
        <div className="load-more">
          <button type="button" className="button" onClick={loadMore} disabled={extra.loading} aria-busy={extra.loading}>
            {t('release.more')}
          </button>
        </div>
      )}
    </section>
  );
}

export default function Release({ peer, id }: { peer: string | null; id: string | null }) {
  const { t } = useTranslation();
  const formId = useId();
  const peers = useResource<{ peers: PeerStatus[] }>('peers', (signal) => api.get('/api/v1/peers', undefined, { signal }));
  const node = useResource<NodeInfo>('node', (signal) => api.get('/api/v1/node', undefined, { signal }));
  const [objectId, setObjectId] = useState(id ?? '');
  const [collection, setCollection] = useState<string | null>(null);
  const names = (peers.data?.peers ?? []).map((p) => p.peer).sort();
  const chosen = peer ?? names[0] ?? null;
  const collections = node.data?.collections ?? [];

  useEffect(() => setObjectId(id ?? ''), [id]);

  const go = (p: string | null, objectIdValue: string | null) =>
    navigate(hrefOf({ name: 'release', peer: p, id: objectIdValue }), { replace: true });

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>{t('release.title')}</h1>
        <p className="screen-subtitle">{t('release.subtitle')}</p>
      </header>
      {peers.error !== undefined && <ErrorPanel error={peers.error} onRetry={peers.reload} />}
      {!peers.data && peers.error === undefined && <Loading />}
      {peers.data && names.length === 0 && <Empty title={t('release.noPeers')} hint={t('release.noPeersHint')} />}
      {peers.data && chosen !== null && (
        <>
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              go(chosen, objectId.trim() === '' ? null : objectId.trim());
            }}
          >
            <div className="field">
              <label htmlFor={`${formId}-peer`}>{t('release.peer')}</label>
              <select id={`${formId}-peer`} value={chosen} onChange={(e) => go(e.target.value, id)}>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            {collections.length > 1 && (
              <div className="field">
                <label htmlFor={`${formId}-collection`}>{t('release.collection')}</label>
                <select
                  id={`${formId}-collection`}
                  value={collection ?? collections[0]?.id ?? ''}
                  onChange={(e) => setCollection(e.target.value)}
                >
                  {collections.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field field-grow">
              <label htmlFor={`${formId}-id`}>{t('release.objectId')}</label>
              <input
                id={`${formId}-id`}
                className="mono"
                value={objectId}
                onChange={(e) => setObjectId(e.target.value)}
                placeholder={t('release.objectIdPlaceholder')}
                spellCheck={false}
              />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {t('release.show')}
              </button>
              {id !== null && (
                <button type="button" className="button button-quiet" onClick={() => go(chosen, null)}>
                  {t('release.showAll')}
                </button>
              )}
            </div>
          </form>
          <Preview peer={chosen} id={id} collection={collection} />
        </>
      )}
      <section className="section" aria-labelledby={`${formId}-policy`}>
        <h2 id={`${formId}-policy`}>{t('policy.title')}</h2>
        <PolicyEditor peers={names} />
      </section>
    </div>
  );
}
