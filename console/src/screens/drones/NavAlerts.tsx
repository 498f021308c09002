import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useLocale } from '../../app/hooks.js';
import { dronesApi } from '../../lib/api.js';
import { formatNumber } from '../../lib/format.js';
import type { Alert } from '../../lib/types.js';
import { droneFeed } from './feed.js';
import './nav.css';

/** Until the Drones screen opens the live feed, the count is asked for this often (a short request, not a stream). */
const POLL_MS = 15_000;

function countOf(alerts: readonly Alert[]): { count: number; level: number } {
  const open = alerts.filter((a) => a.state === 'open');
  return { count: open.length, level: open.reduce((m, a) => Math.max(m, a.level), 0) };
}

/**
 * Beside "Drones" in the navigation: how many drone alerts nobody has acknowledged, seen from any
 * screen. From the live feed once the Drones screen has opened it; before that, asked for every
 * few seconds, since a stream held open on every screen would never let a page be idle. Red and
 * louder once escalated.
 */
export function DroneNavBadge() {
  const { t } = useTranslation();
  const locale = useLocale();
  const snap = useSyncExternalStore(droneFeed.subscribe, droneFeed.getSnapshot);
  const [polled, setPolled] = useState<Alert[] | null>(null);
  const idle = snap.status === 'idle';

  useEffect(() => {
    if (!idle) return undefined;
    const ctrl = new AbortController();
    const ask = () => {
      api.get<{ alerts: Alert[] }>(dronesApi.alerts, { state: 'open' }, { signal: ctrl.signal }).then(
        (r) => setPolled(Array.isArray(r.alerts) ? r.alerts : null),
        () => {
          if (!ctrl.signal.aborted) setPolled(null);
        },
      );
    };
    ask();
    const timer = window.setInterval(ask, POLL_MS);
    return () => {
      ctrl.abort();
      window.clearInterval(timer);
    };
  }, [idle]);

  void snap.alertVersion;
  const { count, level } = idle ? countOf(polled ?? []) : droneFeed.state.openAlertCount();
  if (count === 0) return null;
  return (
    <span className={`nav-badge nav-badge-level-${level}`} data-testid="nav-drone-alerts" data-count={count}>
      <span aria-hidden="true">{formatNumber(count, locale)}</span>
      <span className="visually-hidden">{t('drones.nav.openAlerts', { count, countText: formatNumber(count, locale) })}</span>
    </span>
  );
}

/** The feed belongs to the signed-in console: signing out closes it and forgets the picture. */
export function useDroneFeedLifetime(): void {
  useEffect(() => () => droneFeed.stop(), []);
}
