import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { Link } from '../../app/router.js';
import { GradingBadge, OriginChip, TlpBadge } from '../../components/Badges.js';
import { Time } from '../../components/Time.js';
import { formatNumber, languageName } from '../../lib/format.js';
import { objectHref } from '../../lib/routes.js';
import {
  GRADING_EXTENSION_ID,
  gradingOfObject,
  orderedProperties,
  SIGNATURE_EXTENSION_ID,
  tlpOfMarking,
  valueKind,
} from '../../lib/stix.js';
import type { ListItem, StixObject } from '../../lib/types.js';

function Ref({ id, item }: { id: string; item: ListItem }) {
  const tlp = tlpOfMarking(id);
  if (tlp !== null) return <TlpBadge level={tlp} />;
  if (id === item.originator.id) return <OriginChip originator={item.originator} />;
  return (
    <Link to={objectHref(id)} className="mono">
      {id}
    </Link>
  );
}

function Extensions({ value, object }: { value: unknown; object: StixObject }) {
  const { t } = useTranslation();
  if (typeof value !== 'object' || value === null) return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  return (
    <ul className="plain-list">
      {Object.entries(value as Record<string, unknown>).map(([extId, ext]) => (
        <li key={extId}>
          {extId === GRADING_EXTENSION_ID && (
            <>
              {t('object.ext.grading')} <GradingBadge code={gradingOfObject(object)} />
            </>
          )}
          {extId === SIGNATURE_EXTENSION_ID && t('object.ext.signature')}
          {extId !== GRADING_EXTENSION_ID && extId !== SIGNATURE_EXTENSION_ID && (
            <details>
              <summary className="mono">{extId}</summary>
              <pre className="json">{JSON.stringify(ext, null, 2)}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

function Value({ name, value, item, object }: { name: string; value: unknown; item: ListItem; object: StixObject }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (name === 'extensions') return <Extensions value={value} object={object} />;
  switch (valueKind(value)) {
    case 'timestamp':
      return <Time iso={value as string} />;
    case 'ref':
      return <Ref id={value as string} item={item} />;
    case 'refs':
      return (
        <ul className="plain-list inline-list">
          {(value as string[]).map((v) => (
            <li key={v}>
              <Ref id={v} item={item} />
            </li>
          ))}
        </ul>
      );
    case 'list':
      return (
        <ul className="labels">
          {(value as (string | number)[]).map((v, i) => (
            <li key={`${v}-${i}`} className="label">
              {String(v)}
            </li>
          ))}
        </ul>
      );
    case 'boolean':
      return <span>{value ? t('common.yes') : t('common.no')}</span>;
    case 'number':
      return <span>{formatNumber(value as number, locale)}</span>;
    case 'text':
      return <p className={name === 'pattern' ? 'prop-text mono' : 'prop-text'}>{value as string}</p>;
    case 'json':
      return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
  }
}

interface Props {
  object: StixObject;
  item: ListItem;
  /** The partner's translation of some properties into the reader's language, if any. */
  translation: { lang: string; fields: Readonly<Record<string, string>> } | null;
}

/** Every property of the object; translated ones show the translation with the original beside it. */
export function Properties({ object, item, translation }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [original, setOriginal] = useState(false);

  return (
    <div>
      {translation && (
        <div className="translation-note">
          <p>{t('object.translated', { language: languageName(translation.lang, locale) })}</p>
          <button type="button" className="button button-small" aria-pressed={original} onClick={() => setOriginal((o) => !o)}>
            {original ? t('object.showTranslation') : t('object.showOriginal')}
          </button>
        </div>
      )}
      <dl className="properties">
        {orderedProperties(object).map(([name, value]) => {
          const translated = translation !== null && !original ? translation.fields[name] : undefined;
          return (
            <div key={name} className="property">
              <dt>
                {t(`prop.${name}`, { defaultValue: name })}
                <code className="prop-key">{name}</code>
              </dt>
              <dd>
                {translated !== undefined ? (
                  <>
                    <p className="prop-text" lang={translation?.lang}>
                      {translated}
                    </p>
                    <details className="prop-original">
                      <summary>{t('object.originalText')}</summary>
                      <Value name={name} value={value} item={item} object={object} />
                    </details>
                  </>
                ) : (
                  <Value name={name} value={value} item={item} object={object} />
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
