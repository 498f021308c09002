/**
 * Test support (not used by the node): an incident near San Ysidro / Tijuana as the incident
 * service would hold it, with border facts computed by the real border service and evidence
 * payloads whose digests are right.
 */
import { borderService } from '../border/service.js';
import { offLine } from '../border/test-points.js';
import type { IncidentTrack, IncidentView, RawPayload, TrackBorder } from '../model.js';
import { sha256Hex } from './model.js';

export const T0 = Date.UTC(2026, 9, 1, 14, 5, 3, 250);
export const SAN_YSIDRO = { lat: 32.5423, lon: -117.0298 };
export const INCIDENT_ID = 'x-enlace-drone-incident--5b0e7c1a-4f7e-4a53-9d0e-3c2f6a1b9e01';

export function rawPayload(format: RawPayload['format'], bytes: Buffer, text: boolean): RawPayload {
  return {
    format,
    encoding: text ? 'utf8' : 'base64',
    data: text ? bytes.toString('utf8') : bytes.toString('base64'),
    sha256: sha256Hex(bytes),
  };
}

export function borderOf(p: { lat: number; lon: number }, heading: TrackBorder['heading'] = 'towards'): TrackBorder {
  const a = borderService().assessPosition(p);
  return {
    side: a.side,
    signedDistanceM: a.signedDistanceM,
    heading,
    groundSpeedMps: 12.5,
    courseDeg: 355,
    predictedCrossingAt: null,
    nearestPort: {
      id: a.nearestPort.port.id,
      name: a.nearestPort.port.portUs,
      cityMx: a.nearestPort.port.cityMx,
      distanceM: a.nearestPort.distanceM,
    },
  };
}

/** A track flying north across the line, `points` fixes ten seconds apart from `offsetM` south of it. */
export function crossingTrack(
  o: { id: string; offsetM?: number; points?: number; alongM?: number } & Partial<IncidentTrack>,
): IncidentTrack {
  const { id, offsetM: start = -600, points = 8, alongM = 0, ...overrides } = o;
  const trail = Array.from({ length: points }, (_, i) => {
    const p = offLine(SAN_YSIDRO, start + (i * 2 * -start) / Math.max(points - 1, 1), alongM);
    return { t: T0 + i * 10_000, lat: p.lat, lon: p.lon, altM: 120 + i };
  });
  const last = trail[trail.length - 1] ?? { t: T0, lat: SAN_YSIDRO.lat, lon: SAN_YSIDRO.lon };
  const pilotAt = offLine(SAN_YSIDRO, -900, alongM);
  return {
    trackId: id,
    uids: ['ANDURIL-LATTICE-7731'],
    remoteIds: ['1581F4XYZ1234567'],
    sensors: ['mx-tijuana-rf-02', 'us-sy-radar-1'],
    classification: 'hostile',
    airframe: 'rotary-wing',
    callsign: 'HALCON 7',
    trail,
    pilot: { lat: pilotAt.lat, lon: pilotAt.lon, kind: 'live', t: T0 + 5_000 },
    takeoff: { lat: pilotAt.lat + 0.0004, lon: pilotAt.lon - 0.0003, t: T0 - 60_000 },
    border: borderOf(last),
    lastSeen: last.t,
    staleAt: last.t + 30_000,
    ...overrides,
  };
}

const COT_EVENT = `<event version="2.0" uid="ANDURIL-LATTICE-7731" type="a-h-A-M-H-Q" how="m-r" time="2026-10-01T14:05:03.250Z" start="2026-10-01T14:05:03.250Z" stale="2026-10-01T14:06:03.250Z"><point lat="32.5401" lon="-117.0302" hae="120" ce="15" le="20"/><detail><remarks>seen over ]]> the fence</remarks></detail></event>`;

export function sampleIncident(): IncidentView {
  const a = crossingTrack({ id: 'trk-1c9b2f1e-0d5a-4e57-a0a4-7d1f7a9a3c11' });
  const b = crossingTrack({
    id: 'trk-7f3e0c55-2a8d-4b1e-9c6f-0e5d4c3b2a10',
    alongM: 1500,
    offsetM: -300,
    points: 4,
    classification: 'unknown',
    airframe: 'fixed-wing',
    callsign: null,
    uids: [],
    remoteIds: [],
    sensors: ['us-sy-radar-1'],
    pilot: null,
    takeoff: null,
  });
  const crossing = a.trail[4] ?? a.trail[0];
  const remoteId = Buffer.from([0x0d, 0x02, 0x31, 0x35, 0x38, 0x31, 0x46, 0x34, 0x00, 0xff, 0x5d, 0x5d, 0x3e]);
  return {
    id: INCIDENT_ID,
    status: 'open',
    openedAt: T0 + 20_000,
    updatedAt: T0 + 70_000,
    closedAt: null,
    originCountry: 'MX',
    origin: 'mx',
    version: '2026-10-01T14:06:13.250Z',
    rules: ['approach', 'crossing'],
    tracks: [a, b],
    timeline: [
      { at: T0 + 20_000, kind: 'opened', trackId: a.trackId, lat: null, lon: null, params: {} },
      {
        at: T0 + 20_000,
        kind: 'approach',
        trackId: a.trackId,
        lat: a.trail[2]?.lat ?? null,
        lon: a.trail[2]?.lon ?? null,
        params: { metres: 257, port: 'San Ysidro' },
      },
      {
        at: crossing?.t ?? T0,
        kind: 'crossing',
        trackId: a.trackId,
        lat: crossing?.lat ?? null,
        lon: crossing?.lon ?? null,
        params: { from: 'MX', to: 'US', port: 'San Ysidro' },
      },
      {
        at: T0 + 45_000,
        kind: 'pilot-located',
        trackId: a.trackId,
        lat: a.pilot?.lat ?? null,
        lon: a.pilot?.lon ?? null,
        params: { kind: 'live' },
      },
      { at: T0 + 50_000, kind: 'track-joined', trackId: b.trackId, lat: null, lon: null, params: {} },
    ],
    evidence: [
      { at: T0, sensor: 'mx-tijuana-rf-02', trackId: a.trackId, raw: rawPayload('cot-xml', Buffer.from(COT_EVENT, 'utf8'), true) },
      { at: T0 + 5_000, sensor: 'mx-tijuana-rf-02', trackId: a.trackId, raw: rawPayload('remote-id', remoteId, false) },
    ],
  };
}

/** The sample with partner text that tries to break out of every format it lands in. */
export function hostileIncident(): IncidentView {
  const view = sampleIncident();
  const [a, b] = view.tracks;
  if (!a || !b) throw new Error('sample has two tracks');
  const script = '<script>alert("x")</script>';
  return {
    ...view,
    origin: `mx"><img src=x onerror=alert(1)>`,
    tracks: [
      {
        ...a,
        callsign: `=HYPERLINK("http://evil.example","${script}")`,
        uids: ['+1-555', '@SUM(A1)', `a,b"c\r\nd`],
        sensors: [`${script}`, ']]><x/>'],
      },
      { ...b, trackId: `-trk'&<b>`, remoteIds: ['\tTAB', '\rCR'] },
    ],
    timeline: [
      ...view.timeline,
      {
        at: view.updatedAt,
        kind: 'geofence',
        trackId: `-trk'&<b>`,
        lat: 32.54,
        lon: -117.03,
        params: { zone: script, '<k>': '=1+1', nul: 'a\u0000b' },
      },
    ],
  };
}
