import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useResource } from '../app/hooks.js';
import { navigate } from '../app/router.js';
import { useSession } from '../app/session.js';
import { ObjectTable } from '../components/ObjectTable.js';
import { Empty, ErrorPanel, InlineError, Loading } from '../components/States.js';
import { buildQuery } from '../lib/api.js';
import { activeFilterCount, EMPTY_FILTERS, filtersFromSearch, filtersToSearch, toApiQuery, type ObjectFilters } from '../lib/filters.js';
import { formatNumber } from '../lib/format.js';
import { hrefOf } from '../lib/routes.js';
import type { ListItem, ObjectPage, PeerStatus } from '../lib/types.js';
import { CreateObject } from './intelligence/CreateObject.js';
import { Filters } from './intelligence/Filters.js';

const PAGE = 50;
const SEARCH_DELAY_MS = 250;

/** Peers for the origin filter; an account that may not read peer status still filters by country. */
function usePeerNames(): string[] {
  const { can } = useSession();
  const res = useResource<{ peers: PeerStatus[] }>('peers', (signal) =>
    can('status:read') ? api.get('/api/v1/peers', undefined, { signal }) : Promise.resolve({ peers: [] }),
  );
  return useMemo(() => (res.data?.peers ?? []).map((p) => p.peer).sort(), [res.data]);
}

export default function Intelligence({ search }: { search: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can, node } = useSession();
  const id = useId();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const query = useMemo(() => buildQuery(toApiQuery(filters, { limit: PAGE })), [filters]);
  const [q, setQ] = useState(filters.q);
  const [creating, setCreating] = useState(false);
  const [more, setMore] = useState<{ query: string; items: ListItem[]; next: string | null; loading: boolean; error: unknown }>({
    query,
    items: [],
    next: null,
    loading: false,
    error: null,
  });
  const seenCountries = useRef(new Set<string>());
  const peers = usePeerNames();

  const first = useResource<ObjectPage>(query, (signal) => api.get(`/console/api/objects${query}`, undefined, { signal }));

  const apply = (f: ObjectFilters) => navigate(hrefOf({ name: 'intelligence', search: filtersToSearch(f) }), { replace: true });

  // The search runs as the analyst types, once they pause.
  const typed = useRef(filters.q);
  useEffect(() => {
    if (q === filters.q) return undefined;
    const timer = window.setTimeout(() => {
      typed.current = q;
      apply({ ...filters, q });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
    // Only typing starts a search here; changing another filter carries the text along already.
  }, [q]);

  // The address changed by other means (back button, "clear"): the box shows what is searched.
  useEffect(() => {
    if (filters.q !== typed.current) {
      typed.current = filters.q;
      setQ(filters.q);
    }
  }, [filters.q]);

  const extra = more.query === query ? more : { query, items: [], next: null, loading: false, error: null };
  const items = [...(first.data?.items ?? []), ...extra.items];
  const next = extra.items.length > 0 ? extra.next : (first.data?.next ?? null);

  for (const item of items) if (item.originator.country) seenCountries.current.add(item.originator.country.toUpperCase());
  if (node) seenCountries.current.add(node.country.toUpperCase());
  const countries = [...seenCountries.current].sort();

  const loadMore = () => {
    if (next === null) return;
    setMore({ ...extra, loading: true, error: null });
    api.get<ObjectPage>('/console/api/objects', { ...toApiQuery(filters, { limit: PAGE }), cursor: next }).then(
      (page) =>
        setMore((m) =>
          m.query === query ? { query, items: [...m.items, ...page.items], next: page.next, loading: false, error: null } : m,
        ),
      (error: unknown) => setMore((m) => ({ ...m, loading: false, error })),
    );
  };

  const narrowed = activeFilterCount(filters) > 0 || filters.q.trim() !== '';

  return (
    <div className="screen screen-intelligence">
      <header className="screen-header screen-header-row">
        <div>
          <h1>{t('intelligence.title')}</h1>
          <p className="screen-subtitle">{t('intelligence.subtitle')}</p>
        </div>
        {can('objects:write') && (
          <button
            type="button"
            className="button button-primary"
            data-testid="create-object"
            aria-expanded={creating}
            onClick={() => setCreating((c) => !c)}
          >
            {t('intelligence.create')}
          </button>
        )}
      </header>

      {creating && <CreateObject onClose={() => setCreating(false)} />}

      <div className="search-bar" role="search">
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('intelligence.search')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          data-testid="search-input"
          placeholder={t('intelligence.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            typed.current = q;
            apply({ ...filters, q });
          }}
          autoComplete="off"
          spellCheck={false}
        />
      </div>

      <div className="intel-layout">
        <Filters filters={filters} onChange={apply} peers={peers} countries={countries} />
        <section className="results" aria-labelledby={`${id}-results`} aria-busy={first.loading}>
          <h2 id={`${id}-results`} className="visually-hidden">
            {t('intelligence.results')}
          </h2>
          <p className="results-count" aria-live="polite">
            {first.data &&
              (next !== null
                ? t('intelligence.countMore', { count: items.length, countText: formatNumber(items.length, locale) })
                : t('intelligence.count', { count: items.length, countText: formatNumber(items.length, locale) }))}
          </p>
          {first.error !== undefined && <ErrorPanel error={first.error} onRetry={first.reload} />}
          {first.data === undefined && first.error === undefined && <Loading label={t('intelligence.loading')} />}
          {first.data &&
            items.length === 0 &&
            (narrowed ? (
              <Empty title={t('intelligence.emptyFiltered')} hint={t('intelligence.emptyFilteredHint')}>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setQ('');
                    apply(EMPTY_FILTERS);
                  }}
                >
                  {t('intelligence.clearAll')}
                </button>
              </Empty>
            ) : (
              <Empty title={t('intelligence.empty')} hint={t('intelligence.emptyHint')} />
            ))}
          {items.length > 0 && <ObjectTable items={items} caption={t('intelligence.results')} />}
          {extra.error !== null && <InlineError error={extra.error} />}
          {next !== null && first.data && (
            <div className="load-more">
              <button type="button" className="button" onClick={loadMore} disabled={extra.loading} aria-busy={extra.loading}>
                {extra.loading ? t('state.loading') : t('intelligence.loadMore', { count: PAGE })}
              </button>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
