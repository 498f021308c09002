import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useResource } from '../app/hooks.js';
import { Link } from '../app/router.js';
import { useSession } from '../app/session.js';
import { GradingBadge, OriginChip, StatusBadge, TlpBadge, TypeLabel } from '../components/Badges.js';
import { ObjectTable } from '../components/ObjectTable.js';
import { Empty, ErrorPanel, Loading } from '../components/States.js';
import { Time } from '../components/Time.js';
import { isApiError } from '../lib/api.js';
import { translationFor } from '../lib/locale.js';
import { hrefOf } from '../lib/routes.js';
import type { ListItem, ObjectDetail } from '../lib/types.js';
import { Actions } from './object/Actions.js';
import { PartnerView } from './object/PartnerView.js';
import { PendingProposals } from './object/Proposals.js';
import { Properties } from './object/Properties.js';
import { SignatureVerdict, Versions } from './object/Provenance.js';
import { RelationGraph } from './object/RelationGraph.js';

const RELATED = ['notes', 'opinions', 'sightings', 'proposals'] as const;

function Related({ related }: { related: ObjectDetail['related'] }) {
  const { t } = useTranslation();
  return (
    <>
      {RELATED.map((kind) => {
        const items: ListItem[] = related[kind];
        return (
          <section key={kind} className="section" aria-labelledby={`related-${kind}`}>
            <h2 id={`related-${kind}`}>{t(`object.related.${kind}`, { count: items.length })}</h2>
            {items.length === 0 ? (
              <p className="muted">{t(`object.related.${kind}Empty`)}</p>
            ) : (
              <ObjectTable items={items} caption={t(`object.related.${kind}`, { count: items.length })} compact />
            )}
          </section>
        );
      })}
    </>
  );
}

export default function ObjectScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useSession();
  const res = useResource<ObjectDetail>(`object|${id}`, (signal) =>
    api.get(`/console/api/objects/${encodeURIComponent(id)}`, undefined, { signal }),
  );
  const d = res.data;

  if (res.error !== undefined) {
    if (isApiError(res.error) && res.error.status === 404) {
      return (
        <div className="screen">
          <h1 data-testid="object-title">{t('object.notFound')}</h1>
          <Empty title={t('object.notFoundHint')} hint={id}>
            <Link className="button" to={hrefOf({ name: 'intelligence', search: '' })}>
              {t('object.backToList')}
            </Link>
          </Empty>
        </div>
      );
    }
    return (
      <div className="screen">
        <ErrorPanel error={res.error} onRetry={res.reload} />
      </div>
    );
  }
  if (!d)
    return (
      <div className="screen">
        <Loading label={t('object.loading')} />
      </div>
    );

  const item = d.item;
  const latest = d.versions.find((v) => v.version === item.version) ?? d.versions[0];
  const lang = typeof d.object['lang'] === 'string' ? d.object['lang'] : undefined;
  const translation = translationFor(d.translations, locale, lang);
  const relationshipName =
    item.type === 'relationship' && item.name ? t(`relationshipType.${item.name}`, { defaultValue: item.name }) : null;
  const title = translation?.fields['name'] ?? relationshipName ?? item.name ?? d.object.id;

  return (
    <div className="screen screen-object" aria-busy={res.loading}>
      <nav className="breadcrumb" aria-label={t('object.breadcrumb')}>
        <Link to={hrefOf({ name: 'intelligence', search: '' })}>{t('nav.intelligence')}</Link>
      </nav>
      <header className="object-header">
        <div className="badge-row">
          <TlpBadge level={item.tlp} />
          <GradingBadge code={item.grading} />
          <TypeLabel type={item.type} />
          {item.revoked && <StatusBadge tone="bad">{t('objects.revoked')}</StatusBadge>}
        </div>
        <h1 data-testid="object-title" className={item.revoked ? 'revoked-title' : undefined}>
          {title}
        </h1>
        <p className="object-meta">
          <OriginChip originator={item.originator} />
          <span>
            {t('object.versionOf')} <Time iso={item.version} />
          </span>
          <code className="mono small">{d.object.id}</code>
        </p>
        {item.revoked && (
          <p className="notice notice-bad">
            {item.originator.self ? t('object.revokedOurs') : t('object.revokedTheirs', { node: item.originator.name })}
          </p>
        )}
      </header>

      <div className="object-layout">
        <div className="object-main">
          <section className="section" aria-labelledby="props-heading">
            <h2 id="props-heading">{t('object.properties')}</h2>
            <Properties object={d.object} item={item} translation={translation} />
          </section>
        </div>
        <aside className="object-side">
          <section className="panel" aria-labelledby="sig-heading">
            <h2 id="sig-heading">{t('object.signatureTitle')}</h2>
            <SignatureVerdict version={latest} item={item} />
          </section>
          {d.release && (
            <section className="panel" aria-labelledby="partner-heading">
              <h2 id="partner-heading">{t('object.partnerViewTitle')}</h2>
              <PartnerView objectId={d.object.id} release={d.release} />
            </section>
          )}
          <section className="panel" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t('actions.title')}</h2>
            <Actions detail={d} onChanged={res.reload} />
          </section>
          {item.originator.self && can('proposals:decide') && <PendingProposals objectId={d.object.id} onDecided={res.reload} />}
        </aside>
      </div>
      <section className="section" aria-labelledby="rels-heading">
        <h2 id="rels-heading">{t('object.relationships', { count: d.relationships.length })}</h2>
        {d.relationships.length === 0 ? (
          <p className="muted">{t('object.noRelationships')}</p>
        ) : (
          <RelationGraph center={{ id: d.object.id, type: item.type, name: title }} relationships={d.relationships} />
        )}
      </section>
      <section className="section" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('object.versionsTitle')}</h2>
        <Versions versions={d.versions} />
      </section>
      <div className="related-grid">
        <Related related={d.related} />
      </div>
    </div>
  );
}
