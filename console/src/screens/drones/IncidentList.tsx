import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { Link } from '../../app/router.js';
import { CountryCode } from '../../components/Badges.js';
import { Time } from '../../components/Time.js';
import { formatNumber } from '../../lib/format.js';
import { hrefOf } from '../../lib/routes.js';
import type { IncidentView } from '../../lib/types.js';
import { iso } from './texts.js';

/** Open incidents first, newest change first: which rules fired, whose sensors, how many aircraft. */
export function IncidentList({ incidents, selected }: { incidents: IncidentView[]; selected: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const open = incidents.filter((i) => i.status === 'open');
  return (
    <section className="panel drone-incidents" aria-labelledby="drone-incidents-heading" data-testid="drone-incidents">
      <h2 id="drone-incidents-heading">
        {t('drones.incidents.title', { count: open.length, countText: formatNumber(open.length, locale) })}
      </h2>
      {incidents.length === 0 ? (
        <p className="muted">{t('drones.incidents.none')}</p>
      ) : (
        <ul className="drone-incident-list">
          {incidents.slice(0, 30).map((i) => (
            <li key={i.id} className={`drone-incident drone-incident-${i.status}`}>
              <Link
                to={hrefOf({ name: 'drones', incident: i.id })}
                aria-current={selected === i.id ? 'true' : undefined}
                data-testid="drone-incident"
                data-incident-id={i.id}
              >
                <span className="drone-incident-rules">{i.rules.map((r) => t(`drones.rule.${r}`)).join(' · ')}</span>
                <span className="drone-incident-meta">
                  <CountryCode code={i.originCountry} />{' '}
                  {t('drones.incidents.tracks', { count: i.tracks.length, countText: formatNumber(i.tracks.length, locale) })}
                  {' · '}
                  <Time iso={iso(i.updatedAt)} relative />
                  {i.status === 'closed' && (
                    <>
                      {' · '}
                      {t('drones.incidents.closed')}
                    </>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
