import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { CountryCode } from '../../components/Badges.js';
import { formatNumber } from '../../lib/format.js';
import { provenanceOf } from '../../lib/map/style.js';
import type { TrackView } from '../../lib/types.js';
import { ShapeIcon } from './ShapeIcon.js';
import { shortTrackId } from './texts.js';

/** More than this is a job for the map; the list names the ones that matter most. */
const LISTED = 40;

const URGENCY: Record<string, number> = { hostile: 0, suspect: 1, unknown: 2, friendly: 3 };

/** The tracks an officer should look at first: hostile before friendly, then the closest to the line. */
export function byUrgency(a: TrackView, b: TrackView): number {
  return (
    (URGENCY[a.classification] ?? 2) - (URGENCY[b.classification] ?? 2) ||
    Math.abs(a.border.signedDistanceM) - Math.abs(b.border.signedDistanceM)
  );
}

/**
 * The tracks as a list: what a keyboard or a screen reader uses instead of the canvas, and what
 * shows the count in words. Each entry selects its track and centres the map on it.
 */
export function TrackList({
  tracks,
  total,
  ownCountry,
  selected,
  onSelect,
}: {
  tracks: TrackView[];
  total: number;
  ownCountry: string;
  selected: string | null;
  onSelect: (t: TrackView) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const listed = tracks.slice(0, LISTED);
  return (
    <section className="panel drone-track-list" aria-labelledby="drone-tracks-heading" data-testid="drone-track-list" data-count={total}>
      <h2 id="drone-tracks-heading">{t('drones.list.title', { count: total, countText: formatNumber(total, locale) })}</h2>
      {listed.length < total && (
        <p className="muted small">
          {t('drones.list.partial', { shown: formatNumber(listed.length, locale), total: formatNumber(total, locale) })}
        </p>
      )}
      <ul>
        {listed.map((track) => {
          const km = formatNumber(Math.round(Math.abs(track.border.signedDistanceM) / 100) / 10, locale);
          return (
            <li key={track.id}>
              <button
                type="button"
                className="drone-track-item"
                aria-pressed={selected === track.id}
                onClick={() => onSelect(track)}
                data-testid="drone-track"
                data-track-id={track.id}
                data-classification={track.classification}
              >
                <ShapeIcon classification={track.classification} partner={provenanceOf(track, ownCountry) === 'partner'} />
                <span className="drone-track-name">{track.callsign ?? shortTrackId(track.id)}</span>
                <span className="drone-track-facts">
                  {t(`drones.classification.${track.classification}`)}
                  {' · '}
                  {t(track.border.side === 'US' ? 'drones.list.distanceUS' : 'drones.list.distanceMX', { km })}
                  {' · '}
                  {t(`drones.heading.${track.border.heading}`)}
                </span>
                <CountryCode code={track.originCountry} />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
