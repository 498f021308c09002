/**
 * The one track model of Enlace's drone picture: what every ingest format is normalised into
 * (Detection), what correlation makes of detections (Track, TrackUpdate), what the rules make of
 * tracks (Incident) and what people act on (Alert). Every stage imports its types from here, so
 * CoT, TAK protobuf, Remote ID and GeoJSON are indistinguishable after ingest except for `source`
 * and the raw payload kept as evidence.
 *
 * Times are milliseconds since the Unix epoch; positions WGS-84 degrees; altitudes metres above
 * the WGS-84 ellipsoid (HAE) unless named otherwise.
 */
import type { Crossing, Heading, Side } from './border/model.js';

export type { Crossing, Heading, Side } from './border/model.js';

/** The formats a detection can arrive in. */
export type DetectionSource = 'cot' | 'tak-protobuf' | 'remote-id' | 'geojson';

/** CoT affiliation collapsed to what the border picture acts on (MIL-STD-2525 identities). */
export type Classification = 'hostile' | 'suspect' | 'unknown' | 'friendly';

export type Airframe = 'rotary-wing' | 'fixed-wing' | 'unknown';

/** Remote ID operator location type: take-off point, live GNSS of the pilot, or a fixed place. */
export type PilotLocationKind = 'takeoff' | 'live' | 'fixed';

export interface PilotLocation {
  lat: number;
  lon: number;
  kind: PilotLocationKind;
  /** When it was reported. */
  t: number;
}

/** The payload exactly as received: what an incident report cites and its digest proves. */
export interface RawPayload {
  format: 'cot-xml' | 'tak-protobuf' | 'remote-id' | 'geojson';
  /** utf8 for text formats, base64 for binary ones. */
  encoding: 'utf8' | 'base64';
  data: string;
  /** SHA-256 hex of the received bytes. */
  sha256: string;
}

/** One sighting of one aircraft by one sensor, normalised. */
export interface Detection {
  source: DetectionSource;
  /** Sensor that saw it: from the payload where the format carries one, else the ingest account. */
  sensor: string;
  /** The identity the source gives (CoT uid, GeoJSON id); null for anonymous returns (radar). */
  uid: string | null;
  /** Remote ID UAS id (serial number or CAA registration) when broadcast. */
  remoteId: string | null;
  /** Time of the observation. */
  t: number;
  /** Arrival at this node. */
  receivedAt: number;
  /** After this the detection says nothing (CoT `stale`); null when the format has no notion. */
  staleAt: number | null;
  lat: number;
  lon: number;
  altM: number | null;
  speedMps: number | null;
  /** Degrees clockwise from true north. */
  courseDeg: number | null;
  verticalSpeedMps: number | null;
  classification: Classification;
  /** CoT joker/faker identities: an exercise, never a real alert. */
  exercise: boolean;
  airframe: Airframe;
  callsign: string | null;
  /** Where the pilot stands or the aircraft took off, when the source says (Remote ID System). */
  pilot: PilotLocation | null;
  raw: RawPayload;
}

/** Why an input was refused; `reason` is a key of the ingest catalogue `drones-ingest`. */
export interface IngestRejection {
  format: DetectionSource;
  reason: string;
  params: Record<string, string | number>;
}

export type IngestResult = { ok: true; detections: Detection[] } | { ok: false; rejection: IngestRejection };

export interface TrackPoint {
  t: number;
  lat: number;
  lon: number;
  altM: number | null;
  sensor: string;
  source: DetectionSource;
}

/** What the border says about a track now (from border/service). */
export interface TrackBorder {
  side: Side;
  /** Positive on the U.S. side. */
  signedDistanceM: number;
  heading: Heading;
  groundSpeedMps: number;
  courseDeg: number | null;
  predictedCrossingAt: number | null;
  nearestPort: { id: string; name: string; cityMx: string; distanceM: number };
}

export interface Track {
  /** Stable local id, `trk-` + UUID. */
  id: string;
  uids: string[];
  remoteIds: string[];
  sensors: string[];
  sources: DetectionSource[];
  classification: Classification;
  exercise: boolean;
  airframe: Airframe;
  callsign: string | null;
  firstSeen: number;
  lastSeen: number;
  /** From the newest detection's staleAt, else lastSeen + the configured default. */
  staleAt: number;
  latest: TrackPoint;
  /** Oldest first, bounded (oldest dropped). */
  history: TrackPoint[];
  pilot: PilotLocation | null;
  takeoff: { lat: number; lon: number; t: number } | null;
  border: TrackBorder;
  /** The side the crossing detector holds the track to be on (hysteresis), null before it knows. */
  confirmedSide: Side | null;
}

export interface TrackUpdate {
  track: Track;
  detection: Detection;
  isNew: boolean;
  /** A crossing this detection confirmed (buffer and hysteresis applied). */
  crossing: Crossing | null;
}

export type RuleKind = 'crossing' | 'approach' | 'geofence' | 'payload-drop' | 'loitering';

export interface RuleHit {
  rule: RuleKind;
  at: number;
  trackId: string;
  lat: number;
  lon: number;
  /** Values for the texts (`drones-incidents` catalogue, key `rule.<rule>`): port, km, metres… */
  params: Record<string, string | number>;
}

export type TimelineKind = RuleKind | 'opened' | 'track-joined' | 'pilot-located' | 'closed';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  trackId: string | null;
  lat: number | null;
  lon: number | null;
  params: Record<string, string | number>;
}

/** A track as an incident carries it across to the partner: enough to draw and to act on. */
export interface IncidentTrack {
  trackId: string;
  uids: string[];
  remoteIds: string[];
  sensors: string[];
  classification: Classification;
  airframe: Airframe;
  callsign: string | null;
  /** Bounded, oldest first. */
  trail: Array<{ t: number; lat: number; lon: number; altM: number | null }>;
  pilot: PilotLocation | null;
  takeoff: { lat: number; lon: number; t: number } | null;
  border: TrackBorder;
  lastSeen: number;
  staleAt: number;
}

export interface EvidenceItem {
  at: number;
  sensor: string;
  trackId: string;
  raw: RawPayload;
}

export type IncidentStatus = 'open' | 'closed';

export interface Incident {
  /** STIX id `x-enlace-drone-incident--<uuid>`. */
  id: string;
  status: IncidentStatus;
  openedAt: number;
  updatedAt: number;
  closedAt: number | null;
  /** ISO 3166-1 alpha-2 of the node whose sensors saw it. */
  originCountry: string;
  /** Rules that fired, in order of first firing. */
  rules: RuleKind[];
  tracks: IncidentTrack[];
  timeline: TimelineEntry[];
  /** Raw payloads of the detections that opened it and fired its rules (bounded). */
  evidence: EvidenceItem[];
}

export type AlertState = 'open' | 'acknowledged';

export interface Alert {
  /** `<incident id>/<rule>`: one alert per incident and rule. */
  id: string;
  incidentId: string;
  rule: RuleKind;
  /** Node that detected it: 'local', or the peer's name. */
  origin: string;
  originCountry: string;
  raisedAt: number;
  /** 1 when raised; +1 each escalation period nobody acknowledges it, at most 3. */
  level: 1 | 2 | 3;
  state: AlertState;
  acknowledgedAt: number | null;
  /** Account name and the country of the node where it was acknowledged. */
  acknowledgedBy: { account: string; country: string } | null;
  lat: number;
  lon: number;
  params: Record<string, string | number>;
}

/** A track as the API and the console's map receive it: the trail instead of the whole history. */
export interface TrackView extends Omit<Track, 'history'> {
  /** The newest points, oldest first (at most 60). */
  trail: TrackPoint[];
  /** 'local' for this node's sensors, else the peer's name (tracks carried by a partner's incident). */
  origin: string;
  originCountry: string;
}

/** An incident as the API and the console receive it. */
export interface IncidentView extends Incident {
  /** 'local', or the name of the peer whose node detected it. */
  origin: string;
  /** STIX version (modified) of the object this view was read from. */
  version: string;
}

/**
 * Everything the map needs at start; the stream then sends changes. Incidents here and on the
 * stream carry their evidence digests without the payloads (`raw.data` is empty): those come with
 * the incident itself (`GET /api/v1/drones/incidents/:id`) and its exports.
 */
export interface Picture {
  now: number;
  /** This node's country. */
  country: string;
  tracks: TrackView[];
  incidents: IncidentView[];
  alerts: Alert[];
}

/**
 * One message of the live stream (`GET /api/v1/drones/stream`, server-sent events, `data:` = JSON).
 * A `tracks` update carries only each track's newest trail points; the reader appends them to the
 * trail it holds (from the picture or earlier updates).
 */
export type StreamEvent =
  | { type: 'tracks'; updated: TrackView[]; removed: string[] }
  | { type: 'incident'; incident: IncidentView }
  | { type: 'alert'; alert: Alert };
