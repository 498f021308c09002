import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useLocale } from '../../app/hooks.js';
import { Link } from '../../app/router.js';
import { StatusBadge, TypeLabel } from '../../components/Badges.js';
import { InlineError, Loading } from '../../components/States.js';
import { Time } from '../../components/Time.js';
import { reasonLanguage } from '../../lib/locale.js';
import { objectHref } from '../../lib/routes.js';
import { decisionTone, orderedProperties } from '../../lib/stix.js';
import type { ObjectDetail, PreviewItem, StixObject } from '../../lib/types.js';

/**
 * How much of a top-level property the copy leaves out, from the selectors of what is withheld
 * ("description" is all of it, "aliases.[1]" a part).
 */
function withheldPart(selectors: readonly string[], property: string): { whole: boolean; parts: string[] } {
  return { whole: selectors.includes(property), parts: selectors.filter((s) => s.startsWith(`${property}.`)) };
}

function PropertyColumn({
  object,
  withheld,
  title,
}: {
  object: Record<string, unknown> | null;
  withheld: readonly string[];
  title: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="compare-col">
      <h4>{title}</h4>
      {object === null ? (
        <p className="compare-nothing">{t('release.nothingSent')}</p>
      ) : (
        <dl className="properties properties-compact">
          {orderedProperties(object as StixObject).map(([k, v]) => {
            const w = withheldPart(withheld, k);
            const cls = w.whole ? ' property-withheld' : w.parts.length > 0 ? ' property-partly-withheld' : '';
            return (
              <div key={k} className={`property${cls}`}>
                <dt>
                  <code className="prop-key">{k}</code>
                  {w.whole && <span className="status status-warn">{t('release.withheldHere')}</span>}
                  {w.parts.length > 0 && (
                    <span className="status status-warn">{t('release.partWithheldHere', { parts: w.parts.join(', ') })}</span>
                  )}
                </dt>
                <dd>
                  <pre className="json">{typeof v === 'string' ? v : JSON.stringify(v, null, 2)}</pre>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </div>
  );
}

/** What we hold and what the partner receives, property by property, loaded when opened. */
function Compare({ item, peer }: { item: PreviewItem; peer: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ held: StixObject | null; error: unknown; loading: boolean } | null>(null);

  const load = () => {
    if (state !== null) return;
    setState({ held: null, error: null, loading: true });
    api.get<ObjectDetail>(`/console/api/objects/${encodeURIComponent(item.id)}`).then(
      (d) => setState({ held: d.object, error: null, loading: false }),
      (error: unknown) => setState({ held: null, error, loading: false }),
    );
  };

  const sent = item.decision === 'withhold' ? null : item.decision === 'redact' ? (item.released ?? null) : (state?.held ?? null);
  return (
    <details
      className="compare"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) load();
      }}
    >
      <summary>{t('release.compare')}</summary>
      {state?.loading && <Loading />}
      {state?.error !== null && state?.error !== undefined && <InlineError error={state.error} />}
      {state?.held && (
        <div className="compare-grid">
          <PropertyColumn object={state.held} withheld={item.withheld_properties ?? []} title={t('release.weHold')} />
          <PropertyColumn object={sent} withheld={[]} title={t('release.theyReceive', { peer })} />
        </div>
      )}
    </details>
  );
}

export function PreviewRow({ item, peer }: { item: PreviewItem; peer: string }) {
  const { t } = useTranslation();
  const lang = reasonLanguage(useLocale());
  const withheld = item.withheld_properties ?? [];
  return (
    <li className={`release-row release-${item.decision}`} data-testid="release-item" data-decision={item.decision} data-id={item.id}>
      <div className="release-held">
        <Link to={objectHref(item.id)} className="object-link">
          {item.name ?? item.id}
        </Link>
        <span className="cell-sub">
          <TypeLabel type={item.type} />
          <Time iso={item.version} />
          {!item.latest && <span className="status status-idle">{t('release.olderVersion')}</span>}
        </span>
      </div>
      <div className="release-sent">
        <StatusBadge tone={decisionTone(item.decision)}>{t(`release.decision.${item.decision}`, { peer })}</StatusBadge>
        {item.decision === 'redact' && withheld.length > 0 && (
          <p className="small">
            {t('release.withoutProperties')}{' '}
            {withheld.map((w) => (
              <code key={w} className="prop-key">
                {w}
              </code>
            ))}
          </p>
        )}
      </div>
      <ol className="reasons">
        {item.reasons.map((r, i) => (
          <li key={`${r.code}-${i}`} className={`reason reason-${r.effect}`}>
            <span className="visually-hidden">{t(`release.effect.${r.effect}`)}</span>
            {r.text[lang]}
          </li>
        ))}
      </ol>
      <Compare item={item} peer={peer} />
    </li>
  );
}
