import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { Link } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { CountryCode } from '../../components/Badges.js';
import { InlineError } from '../../components/States.js';
import { Time } from '../../components/Time.js';
import { dronesApi } from '../../lib/api.js';
import { hrefOf } from '../../lib/routes.js';
import type { Alert, GeoPort } from '../../lib/types.js';
import type { DroneFeed } from './feed.js';
import { alertTitle, iso, placeOf } from './texts.js';

/** Open alerts shown before "show more": enough for a busy minute, not a wall. */
const SHOWN = 3;
/** Acknowledged alerts stay in view a while, so both sides see who took them. */
const ACKNOWLEDGED_SHOWN = 3;

function AlertItem({ alert, ports, feed }: { alert: Alert; ports: readonly GeoPort[]; feed: DroneFeed }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const escalated = alert.level >= 2;
  const open = alert.state === 'open';

  const acknowledge = () => {
    setBusy(true);
    setError(null);
    api.post<Alert>(dronesApi.ack(alert.id), {}).then(
      (updated) => {
        setBusy(false);
        feed.acknowledged(updated);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };

  return (
    <li
      className={`drone-alert drone-alert-${alert.state} drone-alert-level-${alert.level}`}
      data-testid="drone-alert"
      data-alert-id={alert.id}
      data-state={alert.state}
    >
      <div className="drone-alert-text">
        <strong className="drone-alert-title">{alertTitle(t, alert)}</strong>
        {open && escalated && <span className="drone-alert-escalated">{t('drones.alerts.escalated', { level: alert.level })}</span>}
        <span className="drone-alert-meta">
          {t('drones.alerts.near', { place: placeOf(t, alert.params, alert.lat, alert.lon, ports) })}
          {' · '}
          {t('drones.alerts.detectedBy')} <CountryCode code={alert.originCountry} />
          {' · '}
          <Time iso={iso(alert.raisedAt)} relative />
        </span>
        {alert.state === 'acknowledged' && alert.acknowledgedBy && (
          <span className="drone-alert-ack" data-testid="drone-alert-ack">
            {t('drones.alerts.acknowledgedBy', { account: alert.acknowledgedBy.account })}{' '}
            <CountryCode code={alert.acknowledgedBy.country} /> <Time iso={iso(alert.acknowledgedAt)} relative />
          </span>
        )}
      </div>
      <div className="drone-alert-actions">
        <Link to={hrefOf({ name: 'drones', incident: alert.incidentId })} className="button button-small button-quiet">
          {t('drones.alerts.openIncident')}
        </Link>
        {open && can('drones:ack') && (
          <button
            type="button"
            className="button button-small button-primary"
            onClick={acknowledge}
            disabled={busy}
            aria-busy={busy}
            data-testid="drone-alert-acknowledge"
          >
            {busy ? t('drones.alerts.acknowledging') : t('drones.alerts.acknowledge')}
          </button>
        )}
      </div>
      {error !== null && <InlineError error={error} />}
    </li>
  );
}

/**
 * The top of the Drones screen: every open alert, newest first, escalated ones louder, with the
 * button that acknowledges it for both nodes; then the last few acknowledged, with who took them
 * on which side. New and escalated alerts are read out at once (assertive).
 */
export function AlertBanner({
  feed,
  alerts,
  announced,
  ports,
}: {
  feed: DroneFeed;
  alerts: Alert[];
  announced: string[];
  ports: readonly GeoPort[];
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const open = alerts.filter((a) => a.state === 'open');
  const acknowledged = alerts.filter((a) => a.state === 'acknowledged').slice(0, ACKNOWLEDGED_SHOWN);
  const shown = all ? open : open.slice(0, SHOWN);
  const latest = announced.length > 0 ? feed.state.alerts.get(announced[announced.length - 1]!) : undefined;
  const worst = open.reduce((m, a) => Math.max(m, a.level), 0);

  return (
    <section
      className={`drone-alerts ${open.length > 0 ? `drone-alerts-active drone-alerts-level-${worst}` : ''}`}
      aria-labelledby="drone-alerts-heading"
      data-testid="drone-alerts"
    >
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {latest && latest.state === 'open'
          ? t('drones.alerts.announce', { title: alertTitle(t, latest), place: placeOf(t, latest.params, latest.lat, latest.lon, ports) })
          : ''}
      </div>
      <h2 id="drone-alerts-heading" className="drone-alerts-heading">
        {open.length > 0 ? t('drones.alerts.open', { count: open.length }) : t('drones.alerts.none')}
      </h2>
      {(shown.length > 0 || acknowledged.length > 0) && (
        <ul className="drone-alert-list">
          {shown.map((a) => (
            <AlertItem key={a.id} alert={a} ports={ports} feed={feed} />
          ))}
          {acknowledged.map((a) => (
            <AlertItem key={a.id} alert={a} ports={ports} feed={feed} />
          ))}
        </ul>
      )}
      {open.length > SHOWN && (
        <button type="button" className="button button-small button-quiet" onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? t('drones.alerts.fewer') : t('drones.alerts.more', { count: open.length - SHOWN })}
        </button>
      )}
    </section>
  );
}
