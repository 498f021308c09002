import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { Link } from '../../app/router.js';
import { CountryCode } from '../../components/Badges.js';
import { Time } from '../../components/Time.js';
import { dronesApi, EVIDENCE_FORMATS } from '../../lib/api.js';
import { formatNumber, languageName } from '../../lib/format.js';
import { replayRange } from '../../lib/map/replay.js';
import { hrefOf } from '../../lib/routes.js';
import type { GeoPort, IncidentView } from '../../lib/types.js';
import { Replay, type ReplayState } from './Replay.js';
import { ShapeIcon } from './ShapeIcon.js';
import { iso, shortTrackId, timelineText } from './texts.js';

/**
 * One incident: what fired, whose sensors, which aircraft, what happened when (the timeline, read
 * in the reader's language), a replay of it on the map, and the evidence to download.
 */
export function IncidentDetail({
  incident,
  ports,
  replay,
  onReplay,
  onExitReplay,
}: {
  incident: IncidentView;
  ports: readonly GeoPort[];
  replay: ReplayState | null;
  onReplay: (next: { t: number; playing: boolean }) => void;
  onExitReplay: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const range = replayRange(incident);
  const until = replay?.t ?? Infinity;
  const timeline = [...incident.timeline].sort((a, b) => a.at - b.at);
  const evidenceLanguage = languageName(locale.startsWith('es') ? 'es' : 'en', locale);

  return (
    <section
      className="panel drone-incident-detail"
      aria-labelledby="drone-incident-heading"
      data-testid="drone-incident-detail"
      data-incident-id={incident.id}
    >
      <header className="drone-panel-header">
        <h2 id="drone-incident-heading">
          {incident.rules.map((r) => t(`drones.rule.${r}`)).join(' · ') || t('drones.incidents.untitled')}
        </h2>
        <Link to={hrefOf({ name: 'drones', incident: null })} className="button button-small button-quiet">
          {t('drones.incidents.back')}
        </Link>
      </header>
      <dl className="facts drone-facts">
        <dt>{t('drones.incidents.status')}</dt>
        <dd>{t(`drones.incidents.state.${incident.status}`)}</dd>
        <dt>{t('drones.incidents.origin')}</dt>
        <dd>
          <CountryCode code={incident.originCountry} />{' '}
          {incident.origin === 'local' ? t('drones.provenance.own') : t('drones.provenance.partner', { node: incident.origin })}
        </dd>
        <dt>{t('drones.incidents.opened')}</dt>
        <dd>
          <Time iso={iso(incident.openedAt)} />
        </dd>
        {incident.closedAt !== null && (
          <>
            <dt>{t('drones.incidents.closedAt')}</dt>
            <dd>
              <Time iso={iso(incident.closedAt)} />
            </dd>
          </>
        )}
        <dt>{t('drones.incidents.aircraft')}</dt>
        <dd>
          <ul className="drone-incident-tracks">
            {incident.tracks.map((tr) => (
              <li key={tr.trackId}>
                <ShapeIcon classification={tr.classification} /> <span>{tr.callsign ?? shortTrackId(tr.trackId)}</span>{' '}
                <span className="muted">{t(`drones.classification.${tr.classification}`)}</span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>

      <Replay range={range} state={replay} onChange={onReplay} onExit={onExitReplay} />

      <h3>{t('drones.incidents.timeline')}</h3>
      <ol className="drone-timeline" data-testid="drone-timeline">
        {timeline.map((e, i) => (
          <li key={`${e.at}-${e.kind}-${i}`} className={e.at <= until ? 'drone-timeline-past' : 'drone-timeline-future'}>
            <Time iso={iso(e.at)} />
            <span>{timelineText(t, e, incident, ports)}</span>
          </li>
        ))}
      </ol>

      <h3>{t('drones.incidents.evidence')}</h3>
      <p className="muted small">
        {t('drones.incidents.evidenceHint', {
          count: incident.evidence.length,
          countText: formatNumber(incident.evidence.length, locale),
          language: evidenceLanguage,
        })}
      </p>
      <ul className="drone-evidence">
        {EVIDENCE_FORMATS.map((f) => (
          <li key={f}>
            <a href={dronesApi.evidence(incident.id, f, i18n.language)} download data-testid={`drone-evidence-${f}`}>
              {t(`drones.evidence.${f}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
