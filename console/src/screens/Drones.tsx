import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.js';
import { useLocale, useNow, useResource } from '../app/hooks.js';
import { Empty, ErrorPanel, Loading } from '../components/States.js';
import { dronesApi } from '../lib/api.js';
import { formatNumber } from '../lib/format.js';
import { replayAt } from '../lib/map/replay.js';
import type { Geography, IncidentView, TrackView } from '../lib/types.js';
import { AlertBanner } from './drones/AlertBanner.js';
import { droneFeed, type FeedSnapshot } from './drones/feed.js';
import { IncidentDetail } from './drones/IncidentDetail.js';
import { IncidentList } from './drones/IncidentList.js';
import { Legend } from './drones/Legend.js';
import { MapView, type MapFocus } from './drones/MapView.js';
import type { ReplayState } from './drones/Replay.js';
import { TrackList, byUrgency } from './drones/TrackList.js';
import { TrackPanel } from './drones/TrackPanel.js';
import './drones/drones.css';

/** Live, reconnecting (with the seconds to the next try), or starting: always in view above the map. */
function ConnectionStatus({ snap }: { snap: FeedSnapshot }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const seconds = snap.retryAt === null ? 0 : Math.max(0, Math.ceil((snap.retryAt - now.getTime()) / 1000));
  const text =
    snap.status === 'live'
      ? t('drones.status.live')
      : snap.status === 'reconnecting'
        ? seconds > 0
          ? t('drones.status.reconnecting', { seconds })
          : t('drones.status.reconnectingNow')
        : snap.status === 'forbidden'
          ? t('drones.status.forbidden')
          : t('drones.status.loading');
  return (
    <div
      className={`drone-connection drone-connection-${snap.status}`}
      role="status"
      data-testid="drone-connection"
      data-status={snap.status}
    >
      <span className="drone-connection-dot" aria-hidden="true" />
      <span>{text}</span>
      {snap.status === 'reconnecting' && (
        <button type="button" className="button button-small button-quiet" onClick={() => droneFeed.retryNow()}>
          {t('drones.status.retryNow')}
        </button>
      )}
    </div>
  );
}

/** The map's background: fetched once per visit; the node computes it once and never changes it. */
function loadGeography(signal: AbortSignal): Promise<Geography> {
  return api.get<Geography>(dronesApi.geography, undefined, { signal });
}

/** Where an incident happened, for the map to go there when it is opened. */
function placeOfIncident(i: IncidentView): { lon: number; lat: number } | null {
  for (const track of i.tracks) {
    const last = track.trail[track.trail.length - 1];
    if (last) return { lon: last.lon, lat: last.lat };
  }
  const entry = i.timeline.find((e) => e.lat !== null && e.lon !== null);
  return entry && entry.lat !== null && entry.lon !== null ? { lon: entry.lon, lat: entry.lat } : null;
}

/**
 * The border drone picture: alerts on top, the live map, and beside it the track under the
 * pointer, the incidents (with their replay and evidence) and the tracks as a list.
 */
export default function Drones({ incident }: { incident: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const feed = droneFeed;
  useEffect(() => feed.start(), [feed]);
  const snap = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const state = feed.state;
  const geo = useResource('drones-geography', loadGeography);
  const ports = geo.data?.ports ?? [];

  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const [replay, setReplay] = useState<ReplayState | null>(null);

  // The panels follow the feed's versions (alerts and incidents at once, tracks once a second), not the maps themselves.
  const alerts = useMemo(() => state.alertList(), [state, snap.alertVersion]);
  const incidents = useMemo(() => state.incidentList(), [state, snap.incidentVersion]);
  const tracks = useMemo(() => [...state.tracks.values()].map((l) => l.view).sort(byUrgency), [state, snap.trackVersion]);

  const fetched = useResource<IncidentView | null>(`drones-incident-${incident ?? ''}`, (signal) =>
    incident === null ? Promise.resolve(null) : api.get<IncidentView>(dronesApi.incident(incident), undefined, { signal }),
  );
  const live = incident === null ? undefined : state.incidents.get(incident);
  const shown = live ?? fetched.data ?? null;

  const activeReplay = replay !== null && shown !== null && replay.incidentId === shown.id ? replay : null;
  const replayFrame = useMemo(() => (activeReplay && shown ? replayAt(shown, activeReplay.t) : null), [activeReplay, shown]);

  // Opening an incident takes the map there (once per incident, not on every update of it).
  const shownId = shown?.id ?? null;
  useEffect(() => {
    if (shownId === null || !shown) return;
    const place = placeOfIncident(shown);
    if (place) setFocus((f) => ({ ...place, seq: (f?.seq ?? 0) + 1 }));
  }, [shownId]);

  const selectTrack = useCallback((track: TrackView) => {
    setSelected(track.id);
    setFocus((f) => ({ lon: track.latest.lon, lat: track.latest.lat, seq: (f?.seq ?? 0) + 1 }));
  }, []);

  const panelId = selected ?? hovered;
  const panelTrack = panelId === null ? null : (state.tracks.get(panelId)?.view ?? null);
  const lang = locale === 'en' ? 'en' : 'es';

  let overlay = null;
  if (!snap.loaded) {
    if (snap.status === 'forbidden') overlay = <ErrorPanel error={snap.error} title={t('drones.status.forbidden')} />;
    else if (snap.status === 'reconnecting')
      overlay = <ErrorPanel error={snap.error ?? null} title={t('drones.status.failed')} onRetry={() => feed.retryNow()} />;
    else overlay = <Loading label={t('drones.status.loading')} />;
  } else if (tracks.length === 0 && replayFrame === null) {
    overlay = <Empty title={t('drones.empty.title')} hint={t('drones.empty.hint')} />;
  }

  return (
    <div className="screen drones-screen">
      <header className="screen-header screen-header-row">
        <div>
          <h1>{t('drones.title')}</h1>
          <p className="screen-subtitle">
            {snap.loaded
              ? t('drones.trackCount', { count: tracks.length, countText: formatNumber(tracks.length, locale) })
              : t('drones.subtitle')}
          </p>
        </div>
        <ConnectionStatus snap={snap} />
      </header>

      <AlertBanner feed={feed} alerts={alerts} announced={snap.announced} ports={ports} />

      <div className="drones-layout">
        <div className="drones-map-column">
          {geo.error !== undefined && (
            <div className="inline-error" role="alert">
              <strong>{t('drones.map.geographyFailed')}</strong>{' '}
              <button type="button" className="button button-small button-quiet" onClick={geo.reload}>
                {t('common.retry')}
              </button>
            </div>
          )}
          <MapView
            feed={feed}
            geography={geo.data ?? null}
            selected={selected}
            hovered={hovered}
            onHover={setHovered}
            onSelect={setSelected}
            replay={replayFrame}
            focus={focus}
            lang={lang}
          >
            {overlay && <div className="drone-map-overlay">{overlay}</div>}
          </MapView>
        </div>
        <aside className="drones-side" aria-label={t('drones.sideLabel')}>
          {panelTrack && (
            <TrackPanel
              track={panelTrack}
              ownCountry={state.country}
              pinned={selected !== null}
              nodeOffsetMs={state.clockOffsetMs}
              onClose={() => setSelected(null)}
            />
          )}
          {incident !== null &&
            (shown ? (
              <IncidentDetail
                incident={shown}
                ports={ports}
                replay={activeReplay}
                onReplay={(next) => setReplay({ incidentId: shown.id, ...next })}
                onExitReplay={() => setReplay(null)}
              />
            ) : fetched.error !== undefined ? (
              <ErrorPanel error={fetched.error} title={t('drones.incidents.notFound')} onRetry={fetched.reload} />
            ) : (
              <Loading />
            ))}
          <IncidentList incidents={incidents} selected={incident} />
          <TrackList tracks={tracks} total={tracks.length} ownCountry={state.country} selected={selected} onSelect={selectTrack} />
          <Legend />
        </aside>
      </div>
    </div>
  );
}
