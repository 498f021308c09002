import { useTranslation } from 'react-i18next';
import { useLocale, useNow } from '../../app/hooks.js';
import { CountryCode } from '../../components/Badges.js';
import { Time } from '../../components/Time.js';
import { countryName, formatNumber, formatRelative } from '../../lib/format.js';
import { CLASS_STYLES, provenanceOf } from '../../lib/map/style.js';
import type { TrackView } from '../../lib/types.js';
import { iso, shortTrackId } from './texts.js';
import { ShapeIcon } from './ShapeIcon.js';

function km(m: number, locale: 'en' | 'es-MX'): string {
  return formatNumber(Math.round(Math.abs(m) / 100) / 10, locale);
}

/**
 * Everything known about one track, for the officer deciding what to do about it: who it is, what
 * it is, which side of the line and how far, where it is going and when it would cross, and whose
 * sensors see it.
 */
export function TrackPanel({
  track,
  ownCountry,
  pinned,
  nodeOffsetMs,
  onClose,
}: {
  track: TrackView;
  ownCountry: string;
  pinned: boolean;
  nodeOffsetMs: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(5000);
  const b = track.border;
  const provenance = provenanceOf(track, ownCountry);
  const ids = [...track.uids, ...track.remoteIds];
  // Relative times are measured on the node's clock (corrected to this browser's), instants shown as the node gave them.
  const crossingIso = iso(b.predictedCrossingAt);
  const crossingHere = iso(b.predictedCrossingAt === null ? null : b.predictedCrossingAt - nodeOffsetMs);

  return (
    <section
      className="panel drone-track-panel"
      aria-labelledby="drone-track-heading"
      data-testid="drone-track-panel"
      data-track-id={track.id}
    >
      <header className="drone-panel-header">
        <h2 id="drone-track-heading">
          <ShapeIcon classification={track.classification} /> {track.callsign ?? shortTrackId(track.id)}
        </h2>
        {pinned && (
          <button type="button" className="button button-small button-quiet" onClick={onClose}>
            {t('drones.track.close')}
          </button>
        )}
      </header>
      {track.exercise && <p className="drone-exercise">{t('drones.track.exercise')}</p>}
      <dl className="facts drone-facts">
        <dt>{t('drones.track.classification')}</dt>
        <dd>
          <span className={`drone-class drone-class-${track.classification}`} data-colour={CLASS_STYLES[track.classification].colour}>
            {t(`drones.classification.${track.classification}`)}
          </span>
        </dd>
        <dt>{t('drones.track.identities')}</dt>
        <dd className="mono">{ids.length > 0 ? ids.join(', ') : t('drones.track.anonymous')}</dd>
        <dt>{t('drones.track.airframe')}</dt>
        <dd>{t(`drones.airframe.${track.airframe}`)}</dd>
        <dt>{t('drones.track.side')}</dt>
        <dd>
          <CountryCode code={b.side} /> {countryName(b.side, locale)}
        </dd>
        <dt>{t('drones.track.distance')}</dt>
        <dd>{t('drones.track.distanceValue', { km: km(b.signedDistanceM, locale) })}</dd>
        <dt>{t('drones.track.heading')}</dt>
        <dd>
          {t(`drones.heading.${b.heading}`)}
          {b.groundSpeedMps > 0 && (
            <span className="muted">
              {' · '}
              {t('drones.track.speedValue', { kmh: formatNumber(Math.round(b.groundSpeedMps * 3.6), locale) })}
            </span>
          )}
        </dd>
        <dt>{t('drones.track.crossing')}</dt>
        <dd data-testid="drone-track-crossing">
          {crossingIso && crossingHere ? (
            <>
              {formatRelative(crossingHere, now, locale)}
              {' · '}
              <Time iso={crossingIso} />
            </>
          ) : (
            t('drones.track.noCrossing')
          )}
        </dd>
        <dt>{t('drones.track.nearestPort')}</dt>
        <dd>
          {t('drones.track.portValue', { port: b.nearestPort.name, city: b.nearestPort.cityMx, km: km(b.nearestPort.distanceM, locale) })}
        </dd>
        <dt>{t('drones.track.altitude')}</dt>
        <dd>
          {track.latest.altM === null
            ? t('drones.track.unknownValue')
            : t('drones.track.altitudeValue', { m: formatNumber(Math.round(track.latest.altM), locale) })}
        </dd>
        <dt>{t('drones.track.sensors')}</dt>
        <dd>{track.sensors.join(', ')}</dd>
        <dt>{t('drones.track.origin')}</dt>
        <dd data-testid="drone-track-origin">
          <CountryCode code={track.originCountry} />{' '}
          {provenance === 'own' ? t('drones.provenance.own') : t('drones.provenance.partner', { node: track.origin })}
        </dd>
        {track.pilot && (
          <>
            <dt>{t('drones.track.pilot')}</dt>
            <dd>
              {t(`drones.pilotKind.${track.pilot.kind}`)}
              {' · '}
              <span className="mono">{`${track.pilot.lat.toFixed(5)}, ${track.pilot.lon.toFixed(5)}`}</span>
            </dd>
          </>
        )}
        {track.takeoff && (
          <>
            <dt>{t('drones.track.takeoff')}</dt>
            <dd className="mono">{`${track.takeoff.lat.toFixed(5)}, ${track.takeoff.lon.toFixed(5)}`}</dd>
          </>
        )}
        <dt>{t('drones.track.lastSeen')}</dt>
        <dd>
          <Time iso={iso(track.lastSeen - nodeOffsetMs)} relative />
        </dd>
      </dl>
    </section>
  );
}
