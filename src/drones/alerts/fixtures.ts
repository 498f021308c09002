/** Incidents and alerts for the alert tests: built like the incident engine builds them. */
import type { Alert, IncidentView, RuleKind, TimelineEntry, TrackView } from '../model.js';

export const T0 = Date.UTC(2025, 4, 12, 3, 0, 0);

export function entry(
  kind: TimelineEntry['kind'],
  at: number,
  params: TimelineEntry['params'] = {},
  lat: number | null = 32.5432,
  lon: number | null = -117.0298,
): TimelineEntry {
  return { at, kind, trackId: 'trk-1', lat, lon, params };
}

/** A version of an incident whose rules fired at the given times, in that order. */
export function incident(id: string, fired: Array<[RuleKind, number]>, o: Partial<IncidentView> = {}): IncidentView {
  const openedAt = fired[0]?.[1] ?? T0;
  const timeline = [
    entry('opened', openedAt),
    ...fired.map(([rule, at]) =>
      entry(rule, at, { from: 'MX', to: 'US', port: 'San Ysidro', portId: 'san-ysidro', portCity: 'Tijuana', distanceKm: 0.4 }),
    ),
  ];
  const updatedAt = Math.max(openedAt, ...fired.map(([, at]) => at));
  return {
    id,
    status: 'open',
    openedAt,
    updatedAt,
    closedAt: null,
    originCountry: 'MX',
    rules: [...new Set(fired.map(([rule]) => rule))],
    tracks: [],
    timeline,
    evidence: [],
    origin: 'local',
    version: new Date(updatedAt).toISOString(),
    ...o,
  };
}

export function alert(o: Partial<Alert> = {}): Alert {
  return {
    id: 'x-enlace-drone-incident--1/crossing',
    incidentId: 'x-enlace-drone-incident--1',
    rule: 'crossing',
    origin: 'local',
    originCountry: 'MX',
    raisedAt: T0,
    level: 1,
    state: 'open',
    acknowledgedAt: null,
    acknowledgedBy: null,
    lat: 32.5432,
    lon: -117.0298,
    params: { from: 'MX', to: 'US', port: 'San Ysidro', portId: 'san-ysidro', portCity: 'Tijuana', distanceKm: 0.4 },
    ...o,
  };
}

export function trackView(id: string, t: number): TrackView {
  const point = { t, lat: 32.54 + (t % 1000) / 1e5, lon: -117.03, altM: 120, sensor: 'rf-1', source: 'cot' as const };
  return {
    id,
    uids: [id],
    remoteIds: [],
    sensors: ['rf-1'],
    sources: ['cot'],
    classification: 'unknown',
    exercise: false,
    airframe: 'rotary-wing',
    callsign: null,
    firstSeen: T0,
    lastSeen: t,
    staleAt: t + 30_000,
    latest: point,
    pilot: null,
    takeoff: null,
    border: {
      side: 'MX',
      signedDistanceM: -400,
      heading: 'towards',
      groundSpeedMps: 12,
      courseDeg: 0,
      predictedCrossingAt: null,
      nearestPort: { id: 'san-ysidro', name: 'San Ysidro', cityMx: 'Tijuana', distanceM: 900 },
    },
    confirmedSide: 'MX',
    trail: [point],
    origin: 'local',
    originCountry: 'MX',
  };
}
